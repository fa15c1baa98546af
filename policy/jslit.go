package policy

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsParser reads a JavaScript literal (JSON, or the looser object and
// array literals of scripts: single quotes, unquoted keys, trailing commas)
// from a script's text. It reads no code: anything else is an error.
type jsParser struct {
	s     string
	i     int
	steps int
	// consts are the texts of constants the literal may name
	// ("provider: FIRST_PARTY"); nil when identifiers are not read.
	consts map[string]string
}

// Bounds for hostile scripts.
const (
	jsMaxDepth = 48
	jsMaxSteps = 1 << 20
)

var errJS = errors.New("not a JavaScript literal")

// parseJSLiteral parses the literal at the start of s and returns it with
// the number of bytes it spans. Objects are map[string]any, arrays []any,
// numbers float64.
func parseJSLiteral(s string) (any, int, error) {
	return parseJSLiteralWith(s, nil)
}

// parseJSLiteralWith is parseJSLiteral for a literal of a module whose
// constants (see jsConstants) it may name by their identifiers: a known
// constant is its text, another identifier null. With consts nil an
// identifier is an error.
func parseJSLiteralWith(s string, consts map[string]string) (any, int, error) {
	p := &jsParser{s: s, consts: consts}
	v, err := p.value(0)
	if err != nil {
		return nil, 0, err
	}
	return v, p.i, nil
}

func (p *jsParser) skip() {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			p.i++
		case strings.HasPrefix(p.s[p.i:], "//"):
			end := strings.IndexByte(p.s[p.i:], '\n')
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end
			}
		case strings.HasPrefix(p.s[p.i:], "/*"):
			end := strings.Index(p.s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 4
			}
		default:
			return
		}
	}
}

func (p *jsParser) value(depth int) (any, error) {
	p.steps++
	if depth > jsMaxDepth || p.steps > jsMaxSteps {
		return nil, errJS
	}
	p.skip()
	if p.i >= len(p.s) {
		return nil, errJS
	}
	switch c := p.s[p.i]; {
	case c == '[':
		p.i++
		var arr []any
		for {
			p.skip()
			if p.i >= len(p.s) {
				return nil, errJS
			}
			if p.s[p.i] == ']' {
				p.i++
				return arr, nil
			}
			if p.s[p.i] == ',' { // an elision: [a,,b]
				p.i++
				arr = append(arr, nil)
				continue
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			p.cast()
			arr = append(arr, v)
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
			} else if p.i >= len(p.s) || p.s[p.i] != ']' {
				return nil, errJS
			}
		}
	case c == '{':
		p.i++
		obj := map[string]any{}
		for {
			p.skip()
			if p.i >= len(p.s) {
				return nil, errJS
			}
			if p.s[p.i] == '}' {
				p.i++
				return obj, nil
			}
			key, err := p.key()
			if err != nil {
				return nil, err
			}
			p.skip()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, errJS
			}
			p.i++
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			p.cast()
			obj[key] = v
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
			} else if p.i >= len(p.s) || p.s[p.i] != '}' {
				return nil, errJS
			}
		}
	case c == '"' || c == '\'' || c == '`':
		return p.joined()
	case c == '<':
		return p.jsx()
	case c == '(' && strings.HasPrefix(strings.TrimLeft(p.s[p.i+1:], " \t\r\n"), "<"):
		// A JSX element in parentheses, as a formatter writes one over
		// several lines.
		p.i++
		p.skip()
		v, err := p.jsx()
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return nil, errJS
		}
		p.i++
		return v, nil
	case functionHead.MatchString(p.s[p.i:min(len(p.s), p.i+200)]):
		// A function (what a consent tool runs on a choice: "accepted:
		// () => { … }"): code, no text of the page.
		return nil, p.function()
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		j := p.i + 1
		for j < len(p.s) && strings.IndexByte("0123456789.eE+-xXabcdefABCDEF_", p.s[j]) >= 0 {
			j++
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(p.s[p.i:j], "_", ""), 64)
		if err != nil {
			if n, ierr := strconv.ParseInt(p.s[p.i:j], 0, 64); ierr == nil {
				f, err = float64(n), nil
			}
		}
		if err != nil {
			return nil, errJS
		}
		p.i = j
		return f, nil
	default:
		for _, w := range []struct {
			word string
			v    any
		}{{"true", true}, {"false", false}, {"null", nil}, {"undefined", nil}, {"!0", true}, {"!1", false}} {
			if strings.HasPrefix(p.s[p.i:], w.word) {
				p.i += len(w.word)
				return w.v, nil
			}
		}
		if p.consts != nil {
			j := p.i
			for j < len(p.s) && (p.s[j] == '_' || p.s[j] == '$' || p.s[j] == '.' || (p.s[j] >= '0' && p.s[j] <= '9') ||
				(p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z')) {
				j++
			}
			if j > p.i && !(p.s[p.i] >= '0' && p.s[p.i] <= '9') {
				id := p.s[p.i:j]
				p.i = j
				// A call ("provider: getProvider(domain)") is a value
				// made when the module runs: no text of the page.
				k := j + len(p.s[j:]) - len(strings.TrimLeft(p.s[j:], " \t"))
				if k < len(p.s) && p.s[k] == '(' {
					p.i = k
					return nil, p.call()
				}
				if t, ok := p.consts[id]; ok {
					return t, nil
				}
				return nil, nil
			}
		}
	}
	return nil, errJS
}

func (p *jsParser) key() (string, error) {
	c := p.s[p.i]
	if c == '"' || c == '\'' {
		v, err := p.str()
		if err != nil {
			return "", err
		}
		return v.(string), nil
	}
	j := p.i
	for j < len(p.s) && (p.s[j] == '_' || p.s[j] == '$' || (p.s[j] >= '0' && p.s[j] <= '9') ||
		(p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z')) {
		j++
	}
	if j == p.i {
		return "", errJS
	}
	k := p.s[p.i:j]
	p.i = j
	return k, nil
}

// str reads a quoted string, decoding JavaScript escapes.
func (p *jsParser) str() (any, error) {
	quote := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == quote:
			p.i++
			return b.String(), nil
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return nil, errJS
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '0':
				b.WriteByte(0)
			case '\n':
				// A line continuation.
			case 'x':
				if r, ok := p.hex(2); ok {
					b.WriteRune(r)
				} else {
					b.WriteByte('x')
				}
			case 'u':
				b.WriteRune(p.unicodeEscape())
			default:
				b.WriteByte(e)
			}
		case (c == '\n' || c == '\r') && quote != '`':
			return nil, errJS
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return nil, errJS
}

// hex reads n hexadecimal digits.
func (p *jsParser) hex(n int) (rune, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v, err := strconv.ParseUint(p.s[p.i:p.i+n], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += n
	return rune(v), true
}

// unicodeEscape reads the rest of \uXXXX, \u{X…} and surrogate pairs.
func (p *jsParser) unicodeEscape() rune {
	if p.i < len(p.s) && p.s[p.i] == '{' {
		end := strings.IndexByte(p.s[p.i:], '}')
		if end < 0 || end > 7 {
			return utf8.RuneError
		}
		v, err := strconv.ParseUint(p.s[p.i+1:p.i+end], 16, 32)
		p.i += end + 1
		if err != nil || !utf8.ValidRune(rune(v)) {
			return utf8.RuneError
		}
		return rune(v)
	}
	r, ok := p.hex(4)
	if !ok {
		return utf8.RuneError
	}
	if utf16.IsSurrogate(r) && strings.HasPrefix(p.s[p.i:], `\u`) {
		save := p.i
		p.i += 2
		if r2, ok := p.hex(4); ok {
			if c := utf16.DecodeRune(r, r2); c != utf8.RuneError {
				return c
			}
		}
		p.i = save
	}
	if !utf8.ValidRune(r) {
		return utf8.RuneError
	}
	return r
}
