package policy

import "strings"

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
