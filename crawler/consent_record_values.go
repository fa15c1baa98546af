package crawler

// The values of consent records that are not JSON: digit flags, pairs of
// keys and flags, and the words of a choice (see readRecord).

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readFlags reads digit flags, one per purpose ("1000", "1.0.0"): all
// on is accepted, all off or only the first on (the necessary purpose)
// rejected; other mixes say nothing.
func readFlags(flags string) (on, off int) {
	f := strings.Map(func(r rune) rune {
		if r == '0' || r == '1' {
			return r
		}
		return -1
	}, flags)
	switch {
	case strings.Trim(f, "1") == "":
		on++
	case strings.Trim(f, "0") == "" || len(f) >= 3 && f[0] == '1' && strings.Trim(f[1:], "0") == "":
		off++
	}
	return on, off
}

// letterFlags returns the flags of three or more pairs whose keys are a
// letter or two, no word ("n:1|f:0|a:0|m:0", Microsoft's
// "AD=0&AL=0&SM=0"): such keys name the purposes too briefly to read, and
// their flags read as bare flags do. Pairs without a separator (a
// version, a time) and the record's stamps ("expires=1760882771531") are
// left out.
func letterFlags(pairs []string) (string, bool) {
	var f strings.Builder
	for _, p := range pairs {
		k, val, ok := cutAny(p, ":=")
		if !ok || recordStampKey.MatchString(k) {
			continue
		}
		if n := utf8.RuneCountInString(k); n == 0 || n > 2 || !isLetters(k) || val != "0" && val != "1" {
			return "", false
		}
		f.WriteString(val)
	}
	return f.String(), f.Len() >= 3
}

// gluedLetterFlags reads, as letterFlags does, keys of a letter or two
// glued to their flag and separated by dots or the like
// ("v1.e1.a0.f0.m0" as "v:1|e:1|a:0|f:0|m:0", its version a stamp); any
// other part makes it no such record.
func gluedLetterFlags(v string) (string, bool) {
	var pairs []string
	for _, p := range splitAny(v, ".|_-,;") {
		switch m := gluedFlag.FindStringSubmatch(p); {
		case m != nil:
			pairs = append(pairs, m[1]+":"+m[2])
		case !gluedVersion.MatchString(p):
			return "", false
		}
	}
	return letterFlags(pairs)
}

var gluedFlag, gluedVersion = regexp.MustCompile(`^([A-Za-z]{1,2})([01])$`), regexp.MustCompile(`^v\d+$`)

// recordPairSeps separate the pairs of a record of keys and values
// ("AD=0&AL=0", "ess:1|stats:0").
const recordPairSeps = "&,;|!"

// recordStampKey: a key that holds a record's version, date or count, or
// the address of the page the choice was made on, perhaps after the
// record's own word ("consentDate", "consent_url").
var recordStampKey = regexp.MustCompile(`(?i)^((consent|cookies?|privacy|choice)[-_]?)?(` + recordStamps + `|url|uri|page)$`)

// letterRecord reports whether a value, URL-decoded, is nothing but flags
// under keys of a letter or two, three or more (see letterFlags), and
// stamps: a record of purposes whatever its name (Microsoft's "CMCCP",
// "BCP").
func letterRecord(text string) bool {
	if doc, ok := recordJSON(text); ok {
		_, _, ok := jsonLetterFlags(doc)
		return ok
	}
	_, ok := letterFlags(splitAny(text, recordPairSeps))
	if !ok {
		_, ok = codeFlags(text)
	}
	return ok && !strings.ContainsAny(text, " {}[]\"")
}

// jsonLetterFlags reads a JSON object of three or more flags (0 or 1)
// under keys of a letter or two, beside stamps and identifiers
// (AWS's {"e":1,"p":0,"f":0,"a":0,"i":"…","v":"1"}): all on is
// accepted, one on and the others off (the necessary purpose alone) or
// every one off (the necessary purpose not listed) is rejected; other
// mixes say nothing. An object keeps no order, so the one flag on is
// taken for the necessary purpose wherever it stands.
func jsonLetterFlags(doc any) (on, off int, ok bool) {
	m, isMap := doc.(map[string]any)
	if !isMap {
		return 0, 0, false
	}
	ones, zeros := 0, 0
	for k, v := range m {
		if recordStampKey.MatchString(k) {
			continue
		}
		if n := utf8.RuneCountInString(k); n == 0 || n > 2 || !isLetters(k) {
			return 0, 0, false
		}
		switch x := v.(type) {
		case float64:
			switch x {
			case 1:
				ones++
			case 0:
				zeros++
			default:
				return 0, 0, false
			}
		case bool:
			if x {
				ones++
			} else {
				zeros++
			}
		case string:
			// An identifier under a letter ("i": "8c1d…"), no flag.
			if x == "0" || x == "1" || x == "true" || x == "false" {
				return 0, 0, false
			}
		default:
			return 0, 0, false
		}
	}
	if ones+zeros < 3 {
		return 0, 0, false
	}
	switch {
	case zeros == 0:
		on++
	case ones <= 1:
		// The necessary flag alone on, or none listed and every flag
		// off ({"t":"explicit","f":false,"a":false,"m":false}).
		off++
	}
	return on, off, true
}

func isLetters(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// splitAny splits s at every rune of seps, dropping empty fields.
func splitAny(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// recordEmptyList: a version followed by an empty list ("v2|").
var recordEmptyList = regexp.MustCompile(`^v\d+(\.\d+)*[|;:]$`)

// recordDashPair: a key and its flag joined by a hyphen ("market-1",
// "c2-0", "consent-true").
var recordDashPair = regexp.MustCompile(`(?i)^([\p{L}_][\p{L}\p{N}_]*)-([01]|true|false)$`)

// recordDotPair: a key and its flag joined by a dot ("group-3.0").
var recordDotPair = regexp.MustCompile(`^(\p{L}[\p{L}\d_-]*)\.([01]|true|false)$`)

// recordStatusPair is a purpose and its status joined by an underscore, as
// the WordPress plugin WP GDPR Compliance writes its record
// ("1_required,2_accepted,3_declined"), a purpose known by a number: a
// required purpose says nothing.
var recordStatusPair = regexp.MustCompile(`(?i)^(\p{L}{0,3}\p{N}+)_(accepted|declined|denied|granted|rejected|allowed|refused|required)$`)

// recordFlags: a record of digit flags, one per purpose, joined, or
// three or more separated by one mark (two are a version: "1.0").
var recordFlags = regexp.MustCompile(`^[01]{2,8}$|^[01](?:[.|,:_-][01]){2,7}$`)

// recordLedFlags: three or more separated digit flags after a time in
// seconds or milliseconds, itself perhaps after a version, all joined by
// the same separator ("2.1733140000.0.0.0"). Without the time, a number
// before them may be a version's ("5.0.0.0").
var recordLedFlags = regexp.MustCompile(`^(?:\d{1,4}\.)?\d{9,13}\.([01](?:\.[01]){2,7})$|^(?:\d{1,4}\|)?\d{9,13}\|([01](?:\|[01]){2,7})$`)

func cutAny(s, seps string) (before, after string, ok bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// recordKeyNecessaryCookie: a key that names a cookie every site needs (a
// session, a request-forgery token), as records that list their cookies
// one by one write them ({"shop_session": true, "XSRF-TOKEN": true,
// "_ga": false}), and as the platforms name their session cookies
// (PHPSESSID, JSESSIONID, ASPSESSIONID…, ASP.NET_SessionId).
var recordKeyNecessaryCookie = regexp.MustCompile(`(?i)(^|[-_.])(session|sess|sid)([-_.]|id$|$)|^(php|j|asp)sess(ion)?id|csrf|xsrf`)

// countChoice counts one key's value when it is a choice word. self is the
// record's name: a record that lists itself among its cookies says
// nothing by that entry.
func countChoice(self, key, val string, on, off *int) {
	key = strings.Trim(strings.TrimSpace(key), `"'`)
	val = strings.ToLower(strings.Trim(strings.TrimSpace(val), `"'`))
	if vocab().keySkip.MatchString(key) || recordKeyID.MatchString(key) || recordKeyDated.MatchString(key) || recordKeyNumber.MatchString(key) || key == self || recordKeyNecessaryCookie.MatchString(key) || dottedNecessary(key) {
		return
	}
	if m := recordFlagDated.FindStringSubmatch(val); m != nil {
		val = m[1] // "a:1-20261203": the flag, and the day it was given
	}
	// "CookieAllowed", "CookiesDisallowed": the word after "cookie";
	// "declineAll", "accept_all": the choice, made for every purpose.
	w := strings.TrimPrefix(strings.TrimPrefix(val, "cookies"), "cookie")
	if r, ok := strings.CutSuffix(w, "all"); ok && !vocab().yes[w] && !vocab().no[w] {
		w = strings.TrimRight(r, "_- ")
	}
	if i := strings.LastIndexAny(w, "-_"); i > 0 && !vocab().yes[w] && !vocab().no[w] && !recordNegation[w[:i]] && (vocab().yes[w[i+1:]] || vocab().no[w[i+1:]]) {
		w = w[i+1:] // the site's name before the choice ("oru-denied")
	}
	if vocab().yes[w] || vocab().no[w] {
		val = w
	}
	if recordKeyRefusal.MatchString(key) {
		if vocab().yes[val] || recordKeyRefusal.MatchString(val) {
			// "reject": "true", or the refusal's own word
			// ("cc_cookie_decline=cc_cookie_decline", as CookieCuttr
			// writes); a "false" there says nothing of what was
			// allowed.
			*off++
		}
		return
	}
	if recordKeyDisable.MatchString(key) && (vocab().yes[val] || vocab().no[val]) {
		if vocab().yes[val] {
			*off++
		} else {
			*on++
		}
		return
	}
	if vocab().no[val] && !(val == "necessary" || val == "essential") || (val == "necessary" || val == "essential" || vocab().necessary.MatchString(val)) && recordKeyChoice.MatchString(key) {
		*off++
		return
	}
	if vocab().yes[val] || vocab().all[val] && recordKeyChoice.MatchString(key) {
		*on++
		return
	}
	// An empty list of the purposes granted, as text, under a list key
	// ({"choices": ""}, as the Designil PDPA plugin writes a refusal): as
	// an empty array there, a refusal.
	if val == "" && recordKeyList.MatchString(key) && !strings.EqualFold(key, "consent") {
		*off++
		return
	}
	// A list of the purposes granted under a choice or list key
	// ({"consent": "analytics,personalisation"}).
	if (recordKeyChoice.MatchString(key) || recordKeyList.MatchString(key)) && strings.ContainsAny(val, ",|; ") {
		grantedList(splitAny(val, ",|; "), on, off)
		return
	}
	// A purpose granted at a date or a version ("analytics=2024-11-05T14:32:10"),
	// refused with -1 or its own number signed so
	// ("StatisticsCookies=-30": a key may end with the word for cookies).
	if vocab().purpose.MatchString(key) || vocab().purpose.MatchString(recordCookiesWord.ReplaceAllString(key, "")) {
		switch {
		case recordRefusedNumber.MatchString(val):
			*off++
		case recordGrantedAt.MatchString(val):
			*on++
		}
	}
}

// recordKeyNumber: a key of six digits or more, an identifier or a time
// ("12562660:1", a visitor's number and a level), whose 1 is no purpose's
// flag: purposes and vendors are numbered in fewer digits.
var recordKeyNumber = regexp.MustCompile(`^[0-9]{6,}$`)

// recordRefusedNumber: a purpose's number signed as refused ("-1", "-30").
var recordRefusedNumber = regexp.MustCompile(`^-[1-9][0-9]{0,2}$`)

// recordCookiesWord: the word for cookies that ends a purpose's key
// ("StatisticsCookies", "analytics_cookies").
var recordCookiesWord = regexp.MustCompile(`(?i)[-_]?cookies?$`)

// recordFlagDated: a purpose's flag followed by the date it was given
// ("1-20261203", "0-2026-12-03").
var recordFlagDated = regexp.MustCompile(`^([01])-\d{4}-?\d{2}-?\d{2}$`)

// recordGrantedAt: a date, a time or a version, as records write when a
// purpose was granted.
var recordGrantedAt = regexp.MustCompile(`^v?\d+([-.:/T]\d+)+`)

// withoutNecessarySections drops, from a record of sections (between "|"
// or "~") that each start with a purpose's pair and go on with its
// vendors' ("required:1&clf:1,gtm:1|marketing:0&adj:0,gad:0|"), the
// sections of a necessary purpose: its vendors are on whatever the
// visitor chose. A record of one section is returned as it is.
func withoutNecessarySections(v string) string {
	sections := splitAny(v, "|~")
	if len(sections) < 2 {
		return v
	}
	var kept []string
	for _, sec := range sections {
		first, _, _ := cutAny(sec, "&,;!")
		if k, _, ok := cutAny(first, ":="); ok && vocab().necessary.MatchString(strings.TrimSpace(k)) {
			continue
		}
		kept = append(kept, sec)
	}
	if len(kept) == len(sections) {
		return v
	}
	return strings.Join(kept, "|")
}

// optOutFlags counts a record of opt-out flags ("0:0|c2:1|c9:1"): each
// purpose flagged 1 is off and each flagged 0 on, and key 0 flagged 1
// opts out of every purpose. Pairs of any other value are left out.
func optOutFlags(v string) (on, off int) {
	for _, p := range splitAny(v, recordPairSeps) {
		k, val, ok := cutAny(p, ":=")
		if !ok || val != "0" && val != "1" {
			continue
		}
		switch {
		case k == "0" && val == "1":
			return 0, 1
		case k == "0":
		case val == "1":
			off++
		default:
			on++
		}
	}
	return on, off
}

// listItems returns the items of a list a record holds: in brackets
// ("[cat_ana][cat_com]"), JSON ("[\"a\",\"b\"]") or separated by commas,
// bars or semicolons; none for an empty value or an empty list.
func listItems(v string) []string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") && strings.Contains(v, "][") {
		v = strings.ReplaceAll(v[1:len(v)-1], "][", ",")
	}
	var items []string
	for _, it := range splitAny(strings.Trim(v, "[]"), ",|;") {
		if it = strings.Trim(strings.TrimSpace(it), `"'`); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// recordNameParts splits a record's name into its family and the last
// word that says what it holds: a key in brackets is a part of the name
// ("AtomStore[MARKETING_COOKIES_ACCEPTED]"), and words after a purpose's
// that only say a choice was made ("cookies accepted", "allowed") are
// passed over when a purpose, necessary or optional, stands before them
// (MARKETING_COOKIES_ACCEPTED holds marketing's choice).
func recordNameParts(name string) (family, last string) {
	last = recordSuffix(name)
	family = strings.TrimSuffix(name, last)
	if w := lastCamelWord(name); w != name && last == name && choiceTails[strings.ToLower(w)] {
		// A name in camel case whose purpose comes before its word of a
		// choice ("gtmCookieAdvertisingAccept").
		rest := strings.TrimSuffix(name, w)
		if p := lastCamelWord(rest); p != rest && (vocab().purpose.MatchString(p) || vocab().necessary.MatchString(p)) {
			return negatedPurpose(strings.TrimSuffix(rest, p), p)
		}
	}
	n := strings.ReplaceAll(strings.TrimSuffix(name, "]"), "[", ".")
	for range 3 {
		w := recordSuffix(n)
		if len(w) == len(n) {
			break
		}
		if !choiceTails[strings.ToLower(w)] {
			if w != last && (vocab().purpose.MatchString(w) || vocab().necessary.MatchString(w)) {
				return negatedPurpose(strings.TrimSuffix(n, w), w)
			}
			break
		}
		n = n[:len(n)-len(w)-1]
	}
	return family, last
}

// negatedPurpose returns a record's family and purpose where a negation
// may stand before the purpose: the purposes that are not necessary
// ("allowNonNecessaryCookies", "allow_non_essential") are the optional
// ones, whose choice the record holds: their name keeps the negation, and
// is read as a flag of the record's own.
func negatedPurpose(family, purpose string) (string, string) {
	if !vocab().necessary.MatchString(purpose) {
		return family, purpose
	}
	// (Not "un": a family may end so, "cookieRun".)
	for _, neg := range []string{"Non", "non_", "non-", "Not", "not_", "not-"} {
		if f, ok := strings.CutSuffix(family, neg); ok {
			return f, neg + purpose
		}
	}
	return family, purpose
}

// choiceTails are the words a record's name may end with after its
// purpose's: they say a choice was made, not what it was for.
var choiceTails = map[string]bool{"cookies": true, "cookie": true, "accept": true, "accepted": true, "allowed": true, "consent": true, "consented": true, "enabled": true, "granted": true}
