package policy

import (
	"strings"
	"unicode"
)

// Words that join names in a cell: "_ga and _gid", "_ga et _gid".
var nameJoiners = setOf(`and et und y e or ou oder o & +`)

// Words that say a cell has no name.
var noNames = setOf(`n/a na none aucun aucune keine ninguna ninguno nessuno -`)

// splitNames returns the cookie names a table cell lists: "_ga, _gid",
// "_ga and _gid", "_ga / _gid", one per line, "_ga_<container id>",
// "Google Analytics (_ga, _gid)". Names keep their pattern syntax; text in
// parentheses is a note ("_ga (Google Analytics)") unless nothing outside
// it is a name.
func splitNames(text string) []string {
	text = strings.TrimSpace(cleanLines(text))
	if text == "" || noNames[strings.ToLower(text)] {
		return nil
	}
	if one := strings.TrimSpace(text); isRegexLiteral(one) && !strings.ContainsAny(one, " \t\n") {
		return []string{one}
	}
	outer, inner := splitParens(text)
	names := namesIn(outer)
	if len(names) == 0 {
		for _, in := range inner {
			names = append(names, namesIn(in)...)
		}
	}
	return dedupe(names)
}

// splitParens separates the text outside parentheses from the texts inside
// them, leaving brackets of placeholders alone.
func splitParens(s string) (string, []string) {
	var outer strings.Builder
	var inner []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					inner = append(inner, s[start:i])
					outer.WriteByte(' ')
				}
				continue
			}
		}
		if depth == 0 && r != ')' {
			outer.WriteRune(r)
		}
	}
	if depth > 0 { // unclosed: keep the rest as outer text
		outer.WriteString(" " + s[start:])
	}
	return outer.String(), inner
}

// namesIn splits text without parentheses into names. Parts are separated
// by line breaks, commas, semicolons, slashes and bars; within a part,
// words are separated by spaces, and a part of several words keeps only
// those that look like cookie names ("Google Analytics _ga" gives "_ga").
func namesIn(s string) []string {
	var names []string
	for _, part := range splitOutsideBrackets(s, func(r rune) bool {
		return r == '\n' || r == ',' || r == ';' || r == '/' || r == '|' || r == '•' || r == '·' || r == '、' || r == '，'
	}) {
		var toks []string
		for _, t := range splitOutsideBrackets(part, unicode.IsSpace) {
			if t = trimName(t); t != "" {
				toks = append(toks, t)
			}
		}
		var kept []string
		joiners := 0
		for _, t := range toks {
			switch {
			case noNames[strings.ToLower(t)]:
			case nameJoiners[strings.ToLower(t)] && len(toks) > 1:
				joiners++
			case validName(t):
				kept = append(kept, t)
			}
		}
		// "sessionid and csrftoken" lists names; "Google Analytics" is prose.
		if len(toks) == 1 || (joiners > 0 && joiners >= len(kept)-1) {
			names = append(names, kept...)
			continue
		}
		for _, t := range kept {
			if looksLikeName(t) {
				names = append(names, t)
			}
		}
	}
	return names
}

// splitOutsideBrackets splits s at runes for which sep is true, except
// inside <…>, {…} and […] placeholders.
func splitOutsideBrackets(s string, sep func(rune) bool) []string {
	var parts []string
	var b strings.Builder
	var closing []rune
	for _, r := range s {
		switch {
		case r == '<' || r == '{' || r == '[':
			closing = append(closing, map[rune]rune{'<': '>', '{': '}', '[': ']'}[r])
		case len(closing) > 0 && r == closing[len(closing)-1]:
			closing = closing[:len(closing)-1]
		case len(closing) == 0 && sep(r):
			parts = append(parts, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	return append(parts, b.String())
}

// trimName strips quotes, bullets and trailing punctuation around a name.
func trimName(t string) string {
	for range 2 { // "‘q2’." is q2
		t = strings.TrimSpace(t)
		t = strings.Trim(t, "\"'`“”‘’«»„‚•·–—:")
		// A sentence's full stop, but not a pattern's ".*" or "...".
		if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
			t = strings.TrimSuffix(t, ".")
		}
	}
	return strings.TrimSpace(t)
}

// validName reports whether t can be a cookie name or a name pattern: it
// has a letter or digit and none of the characters that cannot be in a
// cookie name outside a placeholder.
func validName(t string) bool {
	alnum := false
	depth := 0
	for _, r := range t {
		switch {
		case r == '<' || r == '{' || r == '[':
			depth++
		case r == '>' || r == '}' || r == ']':
			depth--
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			alnum = true
		case r == '=' || r == '"' || r == '\\' || r == '(' || r == ')' || unicode.IsSpace(r) || unicode.IsControl(r):
			return false
		}
	}
	return alnum && depth == 0
}

// looksLikeName reports whether a word among other words is a cookie name
// rather than prose: it has an underscore, a dash, a dot, a digit, a
// wildcard or placeholder, or a capital letter after its first letter
// ("_ga", "NID", "CookieConsent"), where "Google" or "analytics" have none.
func looksLikeName(t string) bool {
	for i, r := range t {
		switch {
		case strings.ContainsRune("_-.*#<>{}[]?", r), unicode.IsDigit(r):
			return true
		case i > 0 && unicode.IsUpper(r):
			return true
		}
	}
	return false
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	out := names[:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
