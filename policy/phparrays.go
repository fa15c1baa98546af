package policy

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// withPHPArrays extracts a page by extract with its PHP array literals read
// as data (see phpArrays) where that reads more records as data than
// extracting it as it is: a literal of another shape ("'analytics' =>
// ['_ga_description' => '…']", which data records do not read) stays
// where prose reads the names in it.
func withPHPArrays(data []byte, extract func([]byte) (*Policy, error)) (*Policy, error) {
	rewritten := phpArrays(data)
	if len(rewritten) == len(data) {
		return extract(data)
	}
	p, err := extract(rewritten)
	if err != nil || dataRecords(p) == 0 {
		return extract(data)
	}
	if plain, perr := extract(data); perr == nil && dataRecords(plain) >= dataRecords(p) {
		return plain, nil
	}
	return p, nil
}

// dataRecords counts a policy's declarations read from data.
func dataRecords(p *Policy) int {
	n := 0
	for _, d := range p.Cookies {
		if d.Source.Layout == LayoutData {
			n++
		}
	}
	return n
}

// phpArrayHead is where a PHP block returns or assigns an array literal:
// "return [", "return array(", "$cookies = [".
var phpArrayHead = regexp.MustCompile(`(?:\breturn|\$([A-Za-z_]\w*)\s*=)\s*(\[|\barray\s*\()`)

// phpArrays reads the cookies a PHP page or module keeps as data, in an
// array literal that it returns or assigns: a Laravel translation or configuration file
// ("return ['analytics' => ['cookies' => ['_ga' => 'Tells visitors
// apart']]];"), a theme's "$cookies = [['name' => '_ga', …], …];" that a
// loop draws as a table. It rewrites each such literal that keys
// anything ("=>") as the JavaScript literal it stands for, in a script
// after its PHP block ("export default {…}" for a returned literal, "const
// cookies = […]" for an assigned one), so that the readers of a module's
// data (see dataArrays) read it as they read a JavaScript module's, and
// blanks it in the block, where the HTML parser would show it as text
// from its first "=>" on. A PHP array with keys is an object; one without,
// an array. What is not a literal (a call, a constant, a variable) is
// null, and a key written so is its code's text.
func phpArrays(data []byte) []byte {
	if !bytes.Contains(data, []byte("=>")) || !bytes.Contains(data, []byte("<?")) {
		return data
	}
	var out []byte
	last := 0
	for _, b := range phpBlocks.FindAllIndex(data, -1) {
		if !bytes.EqualFold(data[b[0]:min(b[1], b[0]+5)], []byte("<?php")) {
			continue
		}
		var script strings.Builder
		var spans [][2]int
		for from := b[0]; from < b[1]; {
			m := phpArrayHead.FindSubmatchIndex(data[from:b[1]])
			if m == nil {
				break
			}
			p := &phpLit{data: data[:b[1]], i: from + m[4]}
			v, ok := p.value(0)
			if !ok || !p.keyed || !v.container {
				// Past what was read: a literal that does not close is
				// not read again from each head inside it.
				from = max(from+m[1], p.i)
				continue
			}
			if m[2] >= 0 {
				script.WriteString("const " + string(data[from+m[2]:from+m[3]]) + " = " + v.js + ";\n")
			} else {
				script.WriteString("export default " + v.js + ";\n")
			}
			spans = append(spans, [2]int{from + m[4], p.i})
			from = p.i
		}
		if len(spans) == 0 {
			continue
		}
		out = append(out, data[last:b[0]]...)
		block := append([]byte(nil), data[b[0]:b[1]]...)
		for _, s := range spans {
			for k := s[0] - b[0]; k < s[1]-b[0]; k++ {
				if block[k] != '\n' {
					block[k] = ' '
				}
			}
		}
		out = append(out, block...)
		if !bytes.HasSuffix(block, []byte("?>")) {
			// A block open to the end of a module: closed, or the
			// HTML parser would read the script into its comment.
			out = append(out, "?>"...)
		}
		out = append(out, "<script>\n"+script.String()+"</script>"...)
		last = b[1]
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// phpLit reads a PHP literal as JavaScript.
type phpLit struct {
	data  []byte
	i     int
	steps int
	keyed bool // an array with a key was read
}

// phpValue is a value read: its JavaScript text, and for a string or a
// number, or what is not a literal, the text a key written so stands for.
type phpValue struct {
	js, key   string
	container bool
}

func (p *phpLit) skip() {
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '#' && !bytes.HasPrefix(p.data[p.i:], []byte("#[")) || bytes.HasPrefix(p.data[p.i:], []byte("//")):
			for p.i < len(p.data) && p.data[p.i] != '\n' {
				p.i++
			}
		case bytes.HasPrefix(p.data[p.i:], []byte("/*")):
			k := bytes.Index(p.data[p.i+2:], []byte("*/"))
			if k < 0 {
				p.i = len(p.data)
			} else {
				p.i += k + 4
			}
		default:
			return
		}
	}
}

// value reads the value at p.i, up to the "," or "=>" or closing bracket
// after it. It fails only on an array it cannot close.
func (p *phpLit) value(depth int) (phpValue, bool) {
	p.steps++
	if depth > jsMaxDepth || p.steps > jsMaxSteps {
		return phpValue{}, false
	}
	p.skip()
	start := p.i
	if p.i >= len(p.data) {
		return phpValue{}, false
	}
	rest := p.data[p.i:]
	switch {
	case rest[0] == '[':
		p.i++
		return p.array(']', depth)
	case phpArrayOpen.Match(rest):
		p.i += bytes.IndexByte(rest, '(') + 1
		return p.array(')', depth)
	case rest[0] == '\'' || rest[0] == '"':
		var s strings.Builder
		for {
			end := phpStringEnd(p.data, p.i)
			s.WriteString(phpString(p.data[p.i:end]))
			p.i = end
			p.skip()
			// "'a' . 'b'" joins the strings; a "." before anything else
			// is code, read as such below.
			k := p.i
			if k < len(p.data) && p.data[k] == '.' {
				k++
				for k < len(p.data) && (p.data[k] == ' ' || p.data[k] == '\t' || p.data[k] == '\n' || p.data[k] == '\r') {
					k++
				}
				if k < len(p.data) && (p.data[k] == '\'' || p.data[k] == '"') {
					p.i = k
					continue
				}
			}
			break
		}
		if p.ended() {
			return phpValue{js: jsQuote(s.String()), key: s.String()}, true
		}
		p.i = start
	}
	if n := phpNumber.Find(p.data[p.i:]); n != nil {
		p.i += len(n)
		p.skip()
		if p.ended() {
			return phpValue{js: strings.ReplaceAll(string(n), "_", ""), key: string(n)}, true
		}
		p.i = start
	}
	if w := phpWord.Find(p.data[p.i:]); w != nil {
		p.i += len(w)
		p.skip()
		if p.ended() {
			return phpValue{js: strings.ToLower(string(w)), key: string(w)}, true
		}
		p.i = start
	}
	// Code: a call ("__('cookies.analytics')"), a constant, a variable.
	if !p.code() || p.i == start {
		return phpValue{}, false
	}
	return phpValue{js: "null", key: strings.TrimSpace(string(p.data[start:p.i]))}, true
}

var (
	phpArrayOpen = regexp.MustCompile(`^(?i:array)\s*\(`)
	phpNumber    = regexp.MustCompile(`^-?(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?)`)
	phpWord      = regexp.MustCompile(`^(?i:true|false|null)\b`)
)

// ended tells whether the value read ends at p.i: a ",", a "=>" or a
// closing bracket follows.
func (p *phpLit) ended() bool {
	if p.i >= len(p.data) {
		return false
	}
	c := p.data[p.i]
	return c == ',' || c == ']' || c == ')' || bytes.HasPrefix(p.data[p.i:], []byte("=>"))
}

// code passes by code up to where its value ends (see ended), past the
// brackets, strings and comments in it.
func (p *phpLit) code() bool {
	nest := 0
	for p.i < len(p.data) {
		p.skip()
		if p.i >= len(p.data) {
			break
		}
		if nest == 0 && p.ended() {
			return true
		}
		switch c := p.data[p.i]; {
		case c == '\'' || c == '"' || c == '`':
			p.i = phpStringEnd(p.data, p.i)
		case bytes.HasPrefix(p.data[p.i:], []byte("<<<")):
			p.i = phpHeredocEnd(p.data, p.i)
		case c == '(' || c == '[' || c == '{':
			nest++
			p.i++
		case c == ')' || c == ']' || c == '}':
			nest--
			p.i++
		case c == ';' && nest == 0:
			return false
		default:
			p.i++
		}
	}
	return false
}

// array reads an array's elements after its opening bracket, up to its
// closing one.
func (p *phpLit) array(closer byte, depth int) (phpValue, bool) {
	type element struct {
		key string
		v   phpValue
	}
	var elems []element
	keyed := false
	next := 0 // the key PHP gives an element written without one
	for {
		p.skip()
		if p.i >= len(p.data) {
			return phpValue{}, false
		}
		if p.data[p.i] == closer {
			p.i++
			break
		}
		v, ok := p.value(depth + 1)
		if !ok {
			return phpValue{}, false
		}
		key := strconv.Itoa(next)
		if bytes.HasPrefix(p.data[p.i:], []byte("=>")) {
			p.i += 2
			key, keyed = v.key, true
			if n, err := strconv.Atoi(key); err == nil && n >= next {
				next = n + 1
			}
			if v, ok = p.value(depth + 1); !ok {
				return phpValue{}, false
			}
		} else {
			next++
		}
		elems = append(elems, element{key, v})
		p.skip()
		switch {
		case p.i < len(p.data) && p.data[p.i] == ',':
			p.i++
		case p.i < len(p.data) && p.data[p.i] == closer:
		default:
			return phpValue{}, false
		}
	}
	var b strings.Builder
	if keyed {
		p.keyed = true
		b.WriteByte('{')
		for i, e := range elems {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(jsQuote(e.key) + ": " + e.v.js)
		}
		b.WriteByte('}')
	} else {
		b.WriteByte('[')
		for i, e := range elems {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(e.v.js)
		}
		b.WriteByte(']')
	}
	return phpValue{js: b.String(), container: true}, true
}

// phpString is the text of a quoted PHP string (with its quotes): a
// single-quoted one's escapes are only \' and \\; a double-quoted one's
// variables are left as written.
func phpString(s []byte) string {
	if len(s) < 2 {
		return ""
	}
	q, body := s[0], string(s[1:])
	body = strings.TrimSuffix(body, string(q))
	if q == '\'' {
		return phpSingleQuoted.Replace(body)
	}
	return phpDoubleQuoted.Replace(body)
}

// The escapes of PHP's strings: a single-quoted one's are only \' and \\.
var (
	phpSingleQuoted = strings.NewReplacer(`\'`, `'`, `\\`, `\`)
	phpDoubleQuoted = strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t", `\r`, "", `\$`, `$`)
)

// jsQuote writes s as a JavaScript string that a script element can hold
// ("<" escaped, so no "</script>" ends it).
func jsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r', '\t':
			b.WriteByte(' ')
		case '<':
			b.WriteString(`\u003c`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
