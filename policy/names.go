package policy

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Words that join names in a cell: "_ga and _gid", "_ga et _gid".
var nameJoiners = setOf(`and et und y e or ou oder o & + och og ja en i oraz lub eller tai ou ή 및 と`)

// dashes stand between a name and a note on it, spaced.
var dashes = setOf(`- – —`)

// Words that say a cell has no name.
var noNames = setOf(`n/a na none aucun aucune keine ninguna ninguno nessuno nenhum geen brak ingen ei - – —`)

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
	text = strings.TrimSpace(cleanLines(text))
	if text == "" || noNames[strings.ToLower(text)] {
		return nil
	}
	if one := strings.TrimSpace(text); isRegexLiteral(one) && !strings.ContainsAny(one, " \t\n") {
		return []string{one}
	}
	text = spacedSlash.ReplaceAllString(text, "\n")
	text = gluedPlaceholder.ReplaceAllString(text, "$1<$2>")
	outer, inner := splitParens(text)
	names := namesIn(outer)
	if len(names) == 1 && !nameMarked(names[0]) && len(inner) > 0 {
		// "Cloudflare (_cf_bm, cf_clearance)": a service, and its cookies
		// in the note.
		var marked []string
		for _, in := range inner {
			for _, n := range namesIn(in) {
				if !notAName(n) {
					marked = append(marked, n)
				}
			}
		}
		if len(marked) > 0 && nameMarked(marked[0]) {
			names = nil
		}
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
	for _, part := range splitOutsideBrackets(s, func(r rune) bool {
		return r == '\n' || r == ',' || r == ';' || r == '|' || r == '•' || r == '·' || r == '、' || r == '，'
	}) {
		part = strings.ReplaceAll(part, barsMark, "||")
		var toks []string
		for _, t := range splitOutsideBrackets(part, unicode.IsSpace) {
			if t = trimName(t); t != "" && !countMark.MatchString(t) {
				toks = append(toks, t)
			}
		}
		var kept []string
		joiners := 0
		noted := false // after a dash that follows a name: a note ("__lc_vv - LiveChat version")
		for _, t := range toks {
			switch {
			case dashes[t]:
				noted = noted || len(kept) > 0
			case noNames[strings.ToLower(t)]:
			case nameJoiners[strings.ToLower(t)] && len(toks) > 1:
				joiners++
			case noted && !nameMarked(t):
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

// innerBars is a double bar inside a word, part of a name (Cookiebot's
// IndexedDB store "LogsDatabaseV2:V#||LogsRequestsStore"), not two
// separators: barsMark holds its place while the text is split.
var innerBars, barsMark = regexp.MustCompile(`([^\s|])\|\|([^\s|])`), "\uE000"

// countMark is the count Cookiebot's declaration puts after a name set in
// several ways ("__cf_bm [x2]"): not a word of the cell.
var countMark = regexp.MustCompile(`^\[x[0-9]+\]$`)

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

// nameShaped reports whether a word is marked as a cookie name: an
// underscore, a digit or a wildcard, mixed case ("cartId"), or a name the
// knowledge base knows.
func (x *extractor) nameShaped(t string) bool {
	return nameMarked(t) || camelCase(t) || x.known(t)
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
	return alnum && depth == 0 && !pureNumber(t) && !placeholderOnly.MatchString(t) && !cookieCompound.MatchString(t) &&
		!urlPath.MatchString(t)
}

// pureNumber reports whether t is a number ("24", "1.5", "2023-01"): a
// count, a date or a version, never a cookie name on a page.
func pureNumber(t string) bool {
	for _, r := range t {
		if !unicode.IsDigit(r) && !strings.ContainsRune(".,:-/", r) {
			return false
		}
	}
	return true
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
		case i > 0 && unicode.IsUpper(r) && !allCaps(t):
			return true
		}
	}
	return false
}

// allCaps reports whether t is written in capitals only: an acronym among
// words ("Google Fonts API") rather than a cookie name.
func allCaps(t string) bool {
	for _, r := range t {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
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

// nameMarked reports whether a name's shape marks it as a cookie name even
// in prose: an underscore, a digit, or a wildcard or placeholder ("_ga",
// "ab_test2", "_ga_#"), which words of prose do not have.
func nameMarked(t string) bool {
	for _, r := range t {
		if r == '_' || unicode.IsDigit(r) || strings.ContainsRune("*#<>{}[]", r) {
			return true
		}
	}
	return false
}

// webTerms are words of cookie policies shaped like cookie names that are
// not cookie names.
var webTerms = setOf(`document.cookie set-cookie samesite httponly max-age localstorage sessionstorage
	indexeddb e-mail opt-out opt-in cross-site third-party first-party wi-fi add-on add-ons plug-in plug-ins
	pop-up pop-ups log-in sign-in e.g i.e etc n/a gdpr ccpa lgpd eu uk usa cookie cookies web-beacons
	x-frame-options user-agent cookie-banner flash`)

var (
	hostShape    = regexp.MustCompile(`^\.?([a-z0-9-]+\.)+[a-z]{2,}$`)
	fileShape    = regexp.MustCompile(`(?i)\.(js|css|php|html?|txt|json|xml|png|jpe?g|gif|svg|pdf|aspx?)$`)
	numberShape  = regexp.MustCompile(`^[0-9][0-9.,:/%-]*[a-z]{0,4}$`)
	versionShape = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)+$`)
)

// notAName reports whether a name-shaped word of prose is something else:
// a web term, a host, a URL, an e-mail address, a file, a number, a
// duration or a version.
func notAName(t string) bool {
	lt := strings.ToLower(t)
	return webTerms[lt] || strings.Contains(t, "://") || strings.HasPrefix(lt, "www.") || strings.Contains(t, "@") ||
		hostShape.MatchString(strings.TrimLeft(strings.TrimPrefix(lt, "*."), "-")) || fileShape.MatchString(t) || footnoted.MatchString(t) || numberShape.MatchString(lt) || versionShape.MatchString(lt) ||
		cookieCompound.MatchString(t) || placeholderOnly.MatchString(t) || urlPath.MatchString(t)
}

var (
	// footnoted is a plain word with a footnote's mark ("them[1]"), which
	// a page copied with its footnotes writes.
	footnoted = regexp.MustCompile(`^\p{Ll}+\[\d{1,2}\]$`)
	// cookieCompound is a word made of "cookie" and another word, which
	// names a kind of cookie ("Consent-cookie", "sessie-/beveiligingscookies",
	// "Ads-conversiecookies"), not one cookie.
	cookieCompound = regexp.MustCompile(`^\p{Lu}\p{L}*-.*[cC]ookies?$|^\p{Lu}\p{Ll}+cookies$|-/`)
	// placeholderOnly is a placeholder with no name around it: a template's
	// expression ("{CONSENT_COOKIE}"), "<name>".
	placeholderOnly = regexp.MustCompile(`^(\{[^}]*\}|<[^>]*>|\[[^\]]*\])$`)
	// urlPath is the path of a page ("/pages/cookies/"), not a regular
	// expression between slashes, or an address without its scheme
	// ("support.example.com/help/cookies").
	urlPath = regexp.MustCompile(`^/[\w\-./]*$|^([a-z0-9-]+\.)+[a-z]{2,}/`)
)

// hostList reports whether text lists host names only ("example.org",
// ".example.org, www.example.org").
func hostList(text string) bool {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if !hostShape.MatchString(strings.ToLower(f)) {
			return false
		}
	}
	return true
}

// known reports whether the knowledge base knows name as a cookie name.
func (x *extractor) known(name string) bool {
	return x.know != nil && x.know.KnownCookie(name)
}

// service returns the service a short text names, when the knowledge base
// knows it.
func (x *extractor) service(text string) (string, bool) {
	if x.know == nil || text == "" || len(strings.Fields(text)) > 6 {
		return "", false
	}
	return x.know.Service(text)
}

// camelCase reports whether a word has a lower-case letter followed by an
// upper-case one ("cartId").
func camelCase(t string) bool {
	prev := ' '
	for _, r := range t {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return true
		}
		prev = r
	}
	return false
}

// titledCompound reports whether a hyphenated word is an English compound
// written in a title ("Interest-Based", "non-California", "Non-Essential"):
// letters only, and a part starting with a capital followed by lower-case
// letters. Cookie names so written are rare; set in bold, such words are
// a title's, not a name.
func titledCompound(t string) bool {
	parts := strings.Split(t, "-")
	if len(parts) < 2 {
		return false
	}
	titled := false
	for _, p := range parts {
		rs := []rune(p)
		if len(rs) == 0 {
			return false
		}
		for i, r := range rs {
			if !unicode.IsLetter(r) || (i > 0 && unicode.IsUpper(r)) {
				return false
			}
		}
		titled = titled || (unicode.IsUpper(rs[0]) && len(rs) > 1)
	}
	return titled
}
