package policy

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words that join names in a cell: "_ga and _gid", "_ga et _gid".
var nameJoiners = setOf(`and et und y e or ou oder o & + och og ja en i oraz lub eller tai ou ή 및 と`)

// etcWords end a list of names that the page leaves open: "_ga, _gid
// etc.", "NID usw.", "_fbp m.fl."; othersWords do so after a joining
// word: "_ga and others", "NID, CONSENT, SOCS a ďalšie", "_gid y otros",
// "googtrans en gerelateerd" (and related ones), "_gat y similares" (and
// similar ones).
// They are no names.
var (
	etcWords    = setOf(`etc etc… usw u.a osv m.fl mfl itd itp ecc stb jne`)
	othersWords = setOf(`others more andere weitere autres otros otras más mas altri outros mais ďalšie další dalsi inne mások andra andre fler flere muut overige altele drugi druge ostali άλλα
		related gerelateerd gerelateerde verwandte zugehörige connexes associés relacionadas relacionados correlati
		similar similares semelhantes similaires simili similari ähnliche vergleichbare soortgelijke vergelijkbare podobne hasonlók liknande lignende`)
	// andWords join the last name of such a list to its end, beside
	// nameJoiners: Czech and Slovak "a", Hungarian "és", Romanian "și",
	// Lithuanian "ir", Latvian "un", with the folded forms headings are
	// read in. Before "other" in a heading, either joins the heading's
	// cookies to other things ("Cookies and other technologies", "Cookie e
	// altri strumenti"): no category of other cookies.
	andWords = setOf(`a és es si și ir un`)
)

// dropOpenEnd returns a part's words without the words that say its list
// of names goes on unnamed ("… and others", "… etc.").
func dropOpenEnd(toks []string) []string {
	n := len(toks)
	if n < 2 {
		return toks
	}
	last := strings.ToLower(toks[n-1])
	if etcWords[last] {
		return toks[:n-1]
	}
	if n >= 3 && othersWords[last] {
		if j := strings.ToLower(toks[n-2]); nameJoiners[j] || andWords[j] {
			return toks[:n-2]
		}
	}
	return toks
}

// dashes stand between a name and a note on it, spaced.
var dashes = setOf(`- – —`)

// Words that say a cell has no name, or names none ("Various": a
// product's many cookies, unnamed).
var noNames = setOf(`n/a na none aucun aucune keine ninguna ninguno nessuno nenhum geen brak ingen ei - – —
	žádné žádný žádná žiadne žiadny nincs yok niciunul κανένα
	various multiple several diverse divers diverses plusieurs verschiedene mehrere varios varias vari varie diversi vários várias różne olika forskellige flere`)

// configCall is a template's call that reads a setting by its key, with
// the value it falls back to ("{{ config('session.cookie',
// 'laravel_session') }}", "env('SESSION_COOKIE')"): the key is no name,
// the fallback is the cookie's, without the template's braces.
var configCall = regexp.MustCompile(`(?:\{\{-?\s*|\{!!\s*)?\b(?:config|env|setting|get_option)\(\s*['"][\w.-]+['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)(?:\s*-?\}\}|\s*!!\})?`)

// splitNames returns the cookie names a table cell lists: "_ga, _gid",
// "_ga and _gid", "_ga / _gid", one per line, "_ga_<container id>",
// "Google Analytics (_ga, _gid)". Names keep their pattern syntax; text in
// parentheses is a note ("_ga (Google Analytics)") unless nothing outside
// it is a name.
func splitNames(text string) []string {
	if strings.Contains(text, "&") {
		// Entities left as text by a code span or a template.
		text = html.UnescapeString(text)
	}
	text = strings.TrimSpace(hyphenBreak.ReplaceAllString(cleanLines(text), "$1$2"))
	if strings.Contains(text, "(") {
		text = configCall.ReplaceAllString(text, "$1")
	}
	if text == "" || noNames[strings.ToLower(text)] {
		return nil
	}
	if one := strings.TrimSpace(text); isRegexLiteral(one) && !strings.ContainsAny(one, " \t\n") {
		return []string{one}
	}
	text = spacedSlash.ReplaceAllString(text, "\n")
	text = gluedPlaceholder.ReplaceAllString(text, "$1<$2>")
	outer, inner := splitParens(text)
	if noNames[strings.ToLower(strings.TrimSpace(outer))] {
		// "None (cookieless)": no name, and a note on why.
		return nil
	}
	names := namesIn(outer)
	if len(names) == 1 && !nameMarked(names[0]) && len(inner) > 0 {
		// "Cloudflare (_cf_bm, cf_clearance)", "Maxymizer (mmcore.pd,
		// mmid, mm_[description])": a service, and its cookies in the
		// note, one of them marked as a name.
		var marked []string
		for _, in := range inner {
			for _, n := range namesIn(in) {
				if !notAName(n) {
					marked = append(marked, n)
				}
			}
		}
		if slices.ContainsFunc(marked, nameMarked) || capsList(marked) || ownHost(names[0], inner) {
			names = nil
		}
	}
	if len(names) == 0 && slices.ContainsFunc(strings.Fields(outer), cutTerm) {
		// "cookie... (name)": a template's row holding a name's place.
		return nil
	}
	if len(names) == 0 {
		// "Google Analytics (_ga, _gid)": the names are in the note.
		for _, in := range inner {
			for _, n := range namesIn(in) {
				if !notAName(n) {
					names = append(names, n)
				}
			}
		}
	}
	return dedupe(dropOrdinals(names))
}

// capsList reports whether a note lists two names or more, each written
// in capitals ("Scorecardresearch (UID, UIDR)"): the cookies of the
// service before it, as names marked by an underscore would be.
func capsList(names []string) bool {
	if len(names) < 2 {
		return false
	}
	for _, n := range names {
		if !capsName.MatchString(n) {
			return false
		}
	}
	return true
}

var capsName = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,15}$`)

// hyphenBreak is a word broken across lines by a hyphen, as text taken
// from a PDF keeps it ("__next_hmr_refres-" / "h_hash__", "conteni-" /
// "do"): a word of no other hyphen ending in letters and a hyphen at the
// end of a line, then a word of no hyphen starting the next in lower
// case. Names that end in a hyphen stand with hyphens of their own
// ("intercom-id-"), and a name starting with an underscore is one.
var hyphenBreak = regexp.MustCompile(`(?m)((?:^|[\s,;])[\p{L}\p{N}_.]*\p{Ll}{2})-[ \t]*\n[ \t]*(\p{Ll}[\p{L}\p{N}_.]*(?:[\s,;]|$))`)

// gluedPlaceholder is a placeholder a page writes in parentheses inside a
// name, glued to it and in snake case: "lc_sso(license_id)",
// "c.(license_id).secret_id". It is a placeholder like "<license_id>",
// not a note: a note stands apart ("_ga (Google Analytics)").
var gluedPlaceholder = regexp.MustCompile(`([A-Za-z0-9_.\-])\(([a-z0-9]+(?:_[a-z0-9]+)+)\)`)

// ordinal is a list number glued to the name after it: "1.ADRUM_BTa".
var ordinal = regexp.MustCompile(`^([1-9][0-9]?)[.)]([A-Za-z_].*)$`)

// dropOrdinals removes the numbers of a list a cell numbers by hand, one
// name a line ("1.ADRUM_BTa", "2.ADRUM_BTg", …): only names numbered 1, 2,
// 3… in order lose them, so a name that starts with a number and a dot
// ("1.gif") stays whole.
func dropOrdinals(names []string) []string {
	var out []string
	next := 1
	for i, n := range names {
		if n == "" || n[0] < '1' || n[0] > '9' {
			continue
		}
		if m := ordinal.FindStringSubmatch(n); m != nil && m[1] == strconv.Itoa(next) {
			if out == nil {
				out = slices.Clone(names)
			}
			out[i] = m[2]
			next++
		}
	}
	if next < 3 { // fewer than two numbered: a name's own digits
		return names
	}
	return out
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
	s = innerBars.ReplaceAllString(s, "${1}"+barsMark+"${2}")
	parts := splitOutsideBrackets(s, func(r rune) bool {
		return r == '\n' || r == ',' || r == ';' || r == '|' || r == '•' || r == '·' || r == '、' || r == '，'
	})
	for _, part := range parts {
		part = strings.ReplaceAll(part, barsMark, "||")
		var toks []string
		for _, t := range splitOutsideBrackets(part, unicode.IsSpace) {
			if strings.Trim(t, "*†‡") == "" {
				continue // a footnote's mark before a name ("* NID")
			}
			if t = countMark.ReplaceAllString(trimName(t), ""); t != "" {
				toks = append(toks, nameVariants(t)...)
			}
		}
		toks = dropOpenEnd(toks)
		if len(toks) == 1 && len(parts) > 1 && etcWords[strings.ToLower(toks[0])] {
			continue // "1P_JAR, SID, HSID, ecc.": the list goes on unnamed
		}
		var kept []string
		joiners := 0
		noted := false // after a dash that follows a name: a note ("__lc_vv - LiveChat version")
		for _, t := range toks {
			switch {
			case dashes[t]:
				noted = noted || len(kept) > 0
			case noNames[strings.ToLower(t)], cutTerm(t), storageTerms[strings.ToLower(t)], partyWords[strings.ToLower(t)]:
			case nameJoiners[strings.ToLower(t)] && (len(toks) > 1 || len(parts) > 1 && utf8.RuneCountInString(t) > 1):
				// "_ga and _gid", or "and" alone on a line between two
				// names in code ("e", "y", "o" alone are names of a
				// letter).
				joiners++
			case noted && !nameMarked(t):
			case validName(t):
				kept = append(kept, t)
			}
		}
		// "sessionid and csrftoken" lists names; "Google Analytics" is
		// prose; so are words in capitals, unless every one is a name's
		// ("SAPISID APISID SSID HSID SID").
		if len(toks) == 1 || (joiners > 0 && joiners >= len(kept)-1) || len(kept) == len(toks) && capitalNames(kept) {
			names = append(names, kept...)
			continue
		}
		for _, t := range kept {
			if looksLikeName(t) && !hostName(t) {
				// "Cal.com cookies": a service named by its host.
				names = append(names, t)
			}
		}
	}
	return names
}

// nameVariants splits a name and its variant written with a slash and no
// space, the one name the other's stem ("sess/sess.sig": a cookie and
// its signature; "_ga/_ga_<id>"); any other word is returned whole.
func nameVariants(t string) []string {
	a, b, ok := strings.Cut(t, "/")
	if !ok || a == "" || b == "" || strings.Contains(b, "/") || !(strings.HasPrefix(b, a) || strings.HasPrefix(a, b)) {
		return []string{t}
	}
	return []string{a, b}
}

// storageTerms name the browser's stores, not an entry of one: a cell
// "Firebase IndexedDB / localStorage" names no cookie. They are web terms
// too (see webTerms), but the others ("gdpr", "cookie") may stand for a
// cookie's name in a cell.
var storageTerms = setOf(storageWords)

const storageWords = `document.cookie localstorage sessionstorage indexeddb websql`

// partyWords say whose a cookie is beside its name ("cookieconsent /
// własny": the site's own), no name.
var partyWords = setOf(`własny własne własna zewnętrzny zewnętrzne vlastní vlastni`)

// cutTerm reports whether t is a word of policies that the page cut short
// with an ellipsis ("cookie... (name)" in a template's row): no name.
func cutTerm(t string) bool {
	w := strings.TrimRight(t, ".…")
	return w != t && webTerms[strings.ToLower(w)]
}

// webTerm reports whether t is a word of policies (webTerms), one cut
// short (cutTerm), or several joined by slashes ("first-party/third-party",
// "opt-in/opt-out"): no name.
func webTerm(t string) bool {
	lt := strings.ToLower(t)
	if webTerms[lt] || cutTerm(t) {
		return true
	}
	parts := strings.Split(lt, "/")
	for _, p := range parts {
		if !webTerms[p] {
			return false
		}
	}
	return len(parts) > 1
}

// innerBars is a double bar inside a word, part of a name (Cookiebot's
// IndexedDB store "LogsDatabaseV2:V#||LogsRequestsStore"), not two
// separators: barsMark holds its place while the text is split.
var innerBars, barsMark = regexp.MustCompile(`([^\s|])\|\|([^\s|])`), "\uE000"

// countMark is the count Cookiebot's declaration puts after a name set in
// several ways, apart or glued to it ("__cf_bm [x2]", "ORG49973[x2]" as a
// declaration copied by hand writes it): not a part of the name.
var countMark = regexp.MustCompile(`\[x[0-9]+\]$`)

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
	t = zeroWidth.Replace(t)
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

// wordName returns t as one cookie name, trimmed, when it is a single
// word that can be a name and is no web term, host, file or number; ""
// otherwise.
func wordName(t string) string {
	t = trimName(t)
	if t == "" || strings.ContainsAny(t, " \t\n") || !validName(t) || notAName(t) {
		return ""
	}
	return t
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

// zeroWidth removes the invisible characters that editors leave in text.
var zeroWidth = strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "", "\u00ad", "")

// spacedSlash separates names ("_ga / _gid"); a slash inside a word is part
// of the name ("pagead/1p-user-list/#").
var spacedSlash = regexp.MustCompile(`\s+/\s*|\s*/\s+`)

// cellNames returns the cookie names a cell or a piece of prose lists.
func cellNames(text string) []string { return splitNames(text) }

// parenthesised returns the single words a text holds in parentheses (see
// parenNote), as a name given after what it is: "PHP's session
// identifier (PHPSESSID)".
func parenthesised(text string) []string {
	var out []string
	for _, m := range parenNote.FindAllStringSubmatch(text, -1) {
		if inner := strings.TrimSpace(m[1]); inner != "" && !strings.ContainsAny(inner, " \t\n") {
			out = append(out, inner)
		}
	}
	return out
}
