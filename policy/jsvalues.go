package policy

import (
	"regexp"
	"strings"
)

// Values of a module's literals that are more than a literal: strings
// joined by "+", TypeScript casts, calls, functions and constants.

// joined reads a string, and the strings joined to it by "+" ("'When you
// close the browser ' + 'or 3 months'"), as a long text is written over
// lines, as one text.
func (p *jsParser) joined() (any, error) {
	v, err := p.str()
	if err != nil {
		return nil, err
	}
	text, _ := v.(string)
	for {
		at := p.i
		p.skip()
		if p.i+1 >= len(p.s) || p.s[p.i] != '+' {
			p.i = at
			return text, nil
		}
		p.i++
		p.skip()
		if p.i >= len(p.s) || strings.IndexByte("\"'`", p.s[p.i]) < 0 {
			p.i = at
			return text, nil
		}
		more, err := p.str()
		if err != nil {
			return nil, err
		}
		s, _ := more.(string)
		text += s
	}
}

// cast passes over a TypeScript cast after a value: "as const", "as
// Localized", "satisfies Record<string, Item[]>".
func (p *jsParser) cast() {
	p.skip()
	for _, kw := range []string{"as", "satisfies"} {
		rest := p.s[p.i:]
		if !strings.HasPrefix(rest, kw) || len(rest) == len(kw) || !strings.ContainsRune(" \t\r\n", rune(rest[len(kw)])) {
			continue
		}
		p.i += len(kw)
		p.skip()
		depth := 0
		for ; p.i < len(p.s); p.i++ {
			switch c := p.s[p.i]; {
			case c == '<' || c == '[' || c == '(':
				depth++
			case (c == '>' || c == ']' || c == ')') && depth > 0:
				depth--
			case depth == 0 && !(c == '_' || c == '$' || c == '.' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'):
				return
			}
		}
		return
	}
}

// call passes over a call's arguments, from its "(" to the ")" that
// closes it.
func (p *jsParser) call() error { return p.code(true) }

// code passes over code, its strings read as strings: with closed true,
// from an opening bracket to the one that closes it; else to the first
// "," or closing bracket outside brackets, which it leaves (the end of
// the value the code is).
func (p *jsParser) code(closed bool) error {
	depth := 0
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '"', '\'', '`':
			if _, err := p.str(); err != nil {
				return err
			}
			continue
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if !closed && depth == 0 {
				return nil
			}
			depth--
			if closed && depth == 0 {
				p.i++
				return nil
			}
		case ',':
			if !closed && depth == 0 {
				return nil
			}
		}
		p.i++
	}
	return errJS
}

// functionHead is the head of a function written as a value: an arrow
// function's parameters and arrow ("() =>", "async (e) =>", "x =>"), or
// "function" and its name.
var functionHead = regexp.MustCompile(`^(?:async\s+)?(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>|^(?:async\s+)?function\b[^(]*`)

// function passes over a function written as a value (see functionHead):
// its parameters, and its body in braces or the expression that ends at
// the value's end.
func (p *jsParser) function() error {
	head := functionHead.FindString(p.s[p.i:min(len(p.s), p.i+200)])
	p.i += len(head)
	if !strings.HasSuffix(head, "=>") {
		// "function name": then its parameters.
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != '(' {
			return errJS
		}
		if err := p.call(); err != nil {
			return err
		}
	}
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == '{' {
		return p.code(true) // a body in braces
	}
	return p.code(false) // an expression
}

// jsConstant is a module's constant bound to a text: "const FIRST_PARTY =
// 'doulitsa.gr';".
var jsConstant = regexp.MustCompile(`(?m)\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(?:'([^'\n]*)'|"([^"\n]*)")\s*[;\n]`)

// jsConstObject is a module's constant bound to an object: "const
// COOKIE_NAMES = {", "export const KEYS: Record<string, string> = {".
var jsConstObject = regexp.MustCompile(`\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;{}\n]{1,80})?=\s*\{`)

// jsConstants returns the texts of the constants a module binds (see
// jsConstant), and those of an object constant's keys under their paths
// ("const COOKIE_NAMES = { consent: 'nx_consent' }" gives
// "COOKIE_NAMES.consent"), as records that name their cookies by the
// module's constants write them.
func jsConstants(src string) map[string]string {
	consts := map[string]string{}
	for _, m := range jsConstant.FindAllStringSubmatch(src, 256) {
		consts[m[1]] = m[2] + m[3]
	}
	for _, m := range jsConstObject.FindAllStringSubmatchIndex(src, 64) {
		v, _, err := parseJSLiteralWith(src[m[1]-1:], nil)
		if obj, ok := v.(map[string]any); ok && err == nil {
			objectConstants(src[m[2]:m[3]], obj, consts, 0)
		}
	}
	return consts
}

// objectConstants adds the texts of an object constant's keys, nested
// objects' too, under their paths.
func objectConstants(path string, obj map[string]any, consts map[string]string, depth int) {
	if depth > 2 {
		return
	}
	for k, v := range obj {
		switch x := v.(type) {
		case string:
			consts[path+"."+k] = x
		case map[string]any:
			objectConstants(path+"."+k, x, consts, depth+1)
		}
	}
}
