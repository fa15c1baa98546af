package crawler

import (
	"fmt"
	"strings"
	"unicode"
)

// CheckSelector is a quick check of a CSS selector's syntax, for a command
// to make before it starts a browser. It rejects what cannot be a
// selector: nothing at all, a bracket or parenthesis that closes nothing,
// an empty item in a list, a combinator (>, +, ~) with nothing on one side,
// and "#", "." or ":" with no name after them. It accepts everything
// else: the browser's own parser has the last word (Crawl compiles the
// selectors before the scan and returns a *SelectorError), and a check
// that refused a valid selector would stand in the way. The error says
// what is wrong and at which character (counted from 1).
func CheckSelector(sel string) error {
	if strings.TrimSpace(sel) == "" {
		return fmt.Errorf("it is empty")
	}
	rs := []rune(sel)
	type open struct {
		r   rune
		pos int
	}
	var stack []open
	var quote rune
	// At the top level (outside brackets, parentheses and quotes): what
	// the current item holds since its start or its last combinator.
	empty := true        // nothing but blanks since the item or combinator
	afterComb := rune(0) // the combinator the current compound follows
	combPos := 0
	closeCompound := func(i int, what string) error {
		if empty {
			if afterComb != 0 {
				return fmt.Errorf("nothing after %q at character %d", afterComb, combPos+1)
			}
			return fmt.Errorf("%s at character %d", what, i+1)
		}
		return nil
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' { // an escape: the next rune is part of a name
			i++
			empty = false
			continue
		}
		if quote != 0 {
			if r == quote {
				quote = 0
			}
			continue
		}
		switch r {
		case '"', '\'':
			quote = r
			empty = false
			continue
		case '(', '[':
			stack = append(stack, open{r, i})
			empty = false
			continue
		case ')', ']':
			want := map[rune]rune{')': '(', ']': '['}[r]
			if len(stack) == 0 || stack[len(stack)-1].r != want {
				return fmt.Errorf("%q at character %d closes nothing", r, i+1)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if len(stack) > 0 {
			continue // arguments and attribute tests are the browser's business
		}
		switch {
		case r == ',':
			if err := closeCompound(i, "an empty item before ','"); err != nil {
				return err
			}
			empty, afterComb = true, 0
		case r == '>' || r == '+' || r == '~':
			if empty {
				if afterComb != 0 {
					return fmt.Errorf("%q at character %d follows %q at character %d", r, i+1, afterComb, combPos+1)
				}
				return fmt.Errorf("nothing before %q at character %d", r, i+1)
			}
			empty, afterComb, combPos = true, r, i
		case r == '#' || r == '.' || r == ':':
			j := i + 1
			if r == ':' && j < len(rs) && rs[j] == ':' {
				j++
			}
			if j >= len(rs) || !nameRune(rs[j]) {
				return fmt.Errorf("%q at character %d has no name after it", r, i+1)
			}
			empty = false
		case unicode.IsSpace(r):
		default:
			empty = false
		}
	}
	if quote != 0 || len(stack) > 0 {
		// CSS closes what the end leaves open: "button:not(.x" is
		// "button:not(.x)" to the browser. Whether what is inside makes
		// sense is its business.
		return nil
	}
	return closeCompound(len(rs)-1, "an empty item after ','")
}

// nameRune reports whether r can start a name after "#", "." or ":":
// letters, digits, "-", "_", an escape, or any non-ASCII character.
func nameRune(r rune) bool {
	return r == '-' || r == '_' || r == '\\' || r >= 0x80 ||
		('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
}
