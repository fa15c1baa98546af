package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sanitize makes a site-controlled string safe to print on a terminal.
// Control characters (ESC starts colour and cursor sequences, CR and BS
// overwrite earlier output), invisible format characters (bidirectional
// overrides reorder what is shown) and line separators are written as Go
// escapes such as \x1b and \u202e, and invalid UTF-8 bytes as \xff, so the
// text stays readable and shows what the site sent without acting on the
// terminal.
func sanitize(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !safeRune(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !safeRune(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !safeRune(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func isPrintable(s string) bool {
	for i, r := range s {
		if !safeRune(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return false
		}
	}
	return true
}

func safeRune(r rune) bool {
	return !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}
