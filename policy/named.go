package policy

import (
	"strings"
	"unicode/utf8"
)

// namedQuotes returns the quoted words of text that follow, within four
// words, a word naming cookies.
func namedQuotes(text string) []string {
	var out []string
	for _, q := range []struct{ open, close string }{{"\"", "\""}, {"“", "”"}, {"«", "»"}, {"„", "“"}} {
		rest, before := text, ""
		for {
			i := strings.Index(rest, q.open)
			if i < 0 {
				break
			}
			before += rest[:i]
			rest = rest[i+len(q.open):]
			j := strings.Index(rest, q.close)
			if j < 0 {
				break
			}
			inner := strings.TrimSpace(rest[:j])
			ws := words(before)
			if len(ws) > 4 {
				ws = ws[len(ws)-4:]
			}
			if inner != "" && !strings.ContainsAny(inner, " \t") && find(ws, cookieWords) >= 0 && find(ws, namingWords) >= 0 &&
				find(words(inner), cookieWords) < 0 {
				out = append(out, inner)
			}
			before += " " + inner + " "
			rest = rest[j+len(q.close):]
		}
	}
	return out
}

// namingWords give a cookie its name: "cookies called", "denominadas",
// "genannt". A gloss ("also called «kakor»") names cookies themselves and is
// left out by the caller.
var namingWords = parsePhrases("called", "named", "denominad*", "llamad*", "appele*", "nomme*", "genannt", "namens",
	"chiamat*", "denominat*", "genaamd", "heten", "chamad*", "kallas", "hedder", "heter", "nazwan*", "nimelta")

// namedInPurpose returns the names a row's purpose gives its cookie where
// it is set another way: a name shaped as one right after a word naming
// cookies, with the word cookie just before ("If the tag manager sets it,
// this cookie will be named _dc_gtm_<property-id>").
func namedInPurpose(purpose string) []string {
	fs := strings.Fields(purpose)
	var out []string
	for i := 1; i+1 < len(fs); i++ {
		if find(words(fs[i]), namingWords) != 0 || find(words(strings.Join(fs[max(0, i-4):i], " ")), cookieWords) < 0 {
			continue
		}
		if t := trimName(strings.TrimRight(fs[i+1], ",;)")); nameMarked(t) && validName(t) && !notAName(t) {
			out = append(out, t)
		}
	}
	return out
}

// quoted returns the single words between quotes in text: “_ga”, "_gid",
// «sid», ‘lang’.
func quoted(text string) []string {
	out, _ := quotedNamed(text)
	return out
}

// namingQualifiers may stand between a word for cookies and the quoted
// name it introduces ("le cookie interne « ttp »", "the cookie called").
var namingQualifiers = setOf(`interne internes externe externes tiers propre first third party first-party third-party
	called named nomme appele genannt denominato llamado chamado`)

// cookieBefore reports whether the words before a quote end with a word
// for cookies, perhaps followed by one qualifier.
func cookieBefore(before []string) bool {
	n := len(before)
	if n > 0 && find(before[n-1:], cookieWords) >= 0 {
		return true
	}
	return n > 1 && namingQualifiers[before[n-1]] && find(before[n-2:n-1], cookieWords) >= 0
}

// plainNamed reports whether a plain word quoted right after a word for
// cookies can be the cookie's name: lower case, and no word of the
// vocabulary (a category, a column, a lifetime, a kind of storage or of
// party: "les cookies « tiers »", "cookies “persistent”").
func plainNamed(q string) bool {
	if !validName(q) || notAName(q) || q != strings.ToLower(q) || utf8.RuneCountInString(q) < 2 {
		return false
	}
	if _, ok := categoryOf(q); ok || columnRole(q) != roleNone || storageTypeOf(q) != Cookie || find(words(q), cookieWords) >= 0 {
		return false
	}
	if _, err := ParseDuration(q); err == nil {
		return false
	}
	return true
}

// quotedNamed returns the single words between quotes in text (each item
// of a quoted list of names, see quotedList), and whether each comes
// right after a word for cookies ("le cookie interne
// « ttp »"; "the “sid” cookie" and "cookies pour « retenir »" do not
// count): a page naming a cookie so means a name.
func quotedNamed(text string) ([]string, []bool) {
	var out []string
	var named []bool
	pairs := []struct{ open, close string }{{"“", "”"}, {"\"", "\""}, {"«", "»"}, {"‘", "’"}, {"„", "“"}, {"`", "`"}}
	for _, q := range pairs {
		rest := text
		for {
			i := strings.Index(rest, q.open)
			if i < 0 {
				break
			}
			before := words(rest[:i])
			rest = rest[i+len(q.open):]
			j := strings.Index(rest, q.close)
			if j < 0 {
				break
			}
			inner := strings.TrimSpace(rest[:j])
			rest = rest[j+len(q.close):]
			if len(inner) > 80 {
				continue
			}
			if ps := quotedList(inner); ps != nil {
				for _, p := range ps {
					out = append(out, p)
					named = append(named, false)
				}
			} else if inner != "" && !strings.ContainsAny(inner, " \t\n") {
				out = append(out, inner)
				named = append(named, cookieBefore(before))
			}
		}
	}
	return out, named
}

// quotedList returns the names of a quoted list of them, every item
// written as a name ("_ga, _gid" quoted as one cell's text in code that
// builds a table); nil for other quoted text.
func quotedList(q string) []string {
	parts := strings.Split(q, ", ")
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		if p == "" || strings.ContainsAny(p, " \t,") || !nameMarked(p) {
			return nil
		}
	}
	return parts
}
