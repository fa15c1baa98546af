package policy

import "strings"

// jsx reads a JSX element given as a value in a literal ("scopo:
// <Trans>Memorizza la lingua…</Trans>", or the same in parentheses, as a
// React page keeps its table's rows): its text, without its tags and with
// its blanks collapsed. Expressions in braces inside it are left out.
func (p *jsParser) jsx() (any, error) {
	var text strings.Builder
	depth := 0
	for p.i < len(p.s) {
		p.steps++
		if p.steps > jsMaxSteps {
			return nil, errJS
		}
		c := p.s[p.i]
		switch {
		case c == '<' && strings.HasPrefix(p.s[p.i:], "</"):
			end := strings.IndexByte(p.s[p.i:], '>')
			if end < 0 {
				return nil, errJS
			}
			p.i += end + 1
			text.WriteByte(' ')
			if depth--; depth <= 0 {
				return strings.Join(strings.Fields(text.String()), " "), nil
			}
		case c == '<' && p.i+1 < len(p.s) && (p.s[p.i+1] == '>' || isTagStart(p.s[p.i+1])):
			selfClosed, ok := p.jsxTag()
			if !ok {
				return nil, errJS
			}
			text.WriteByte(' ')
			if !selfClosed {
				depth++
			} else if depth == 0 {
				return "", nil
			}
		case depth == 0:
			return nil, errJS
		case c == '{':
			if !p.skipBraces() {
				return nil, errJS
			}
		default:
			text.WriteByte(c)
			p.i++
		}
	}
	return nil, errJS
}

func isTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// jsxTag moves past an opening tag (see tagEnd) and says whether it
// closes itself ("<br />").
func (p *jsParser) jsxTag() (selfClosed, ok bool) {
	end, selfClosed := tagEnd(p.s, p.i+1)
	if end < 0 {
		return false, false
	}
	p.i = end + 1
	return selfClosed, true
}

// skipBraces moves past a braced expression, its nested braces and
// strings included.
func (p *jsParser) skipBraces() bool {
	depth := 0
	for ; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; c {
		case '"', '\'', '`':
			end := strings.IndexByte(p.s[p.i+1:], c)
			if end < 0 {
				return false
			}
			p.i += end + 1
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				p.i++
				return true
			}
		}
	}
	return false
}
