package crawler

import (
	"net/url"
	"regexp"
	"strings"
)

// Records of shapes read beside JSON's: the necessary purposes alone
// granted, purposes set as a query string sets them, a list of the
// purposes granted, and a record's text decoded.

// necessaryGranted reports whether a JSON record is an object that
// grants the necessary purposes alone: each of its keys is a necessary
// purpose, granted, or a stamp ({"necessary":"ok","date":…}), as records
// that list the purposes granted write a refusal.
func necessaryGranted(doc any) bool {
	m, ok := doc.(map[string]any)
	if !ok {
		return false
	}
	granted := 0
	for k, v := range m {
		switch {
		case recordStampKey.MatchString(k):
		case vocab().necessary.MatchString(k):
			s, _ := v.(string)
			if b, isBool := v.(bool); !(isBool && b) && !vocab().yes[strings.ToLower(s)] {
				return false
			}
			granted++
		default:
			return false
		}
	}
	return granted > 0
}

// necessaryBeside reports whether a JSON record is an object that flags a
// necessary purpose on beside an optional purpose's flag ({"necessary":
// true, "marketing": false}, as the Cookify library writes in Base64
// under its own name): a consent record whatever its name.
func necessaryBeside(doc any) bool {
	m, ok := doc.(map[string]any)
	if !ok {
		return false
	}
	for k, v := range m {
		if on, isBool := v.(bool); isBool && on && vocab().necessary.MatchString(k) {
			return purposeEntries("", doc, 0) >= 1
		}
	}
	return false
}

// purposePairs reports whether a value is pairs joined by "&" that set
// purposes as a query string does: two or more whose key is a purpose
// and whose value a word of a choice, or flags alone, one of them of a
// purpose ("RBXSource=false&GoogleAnalytics=false").
func purposePairs(text string) bool {
	pairs := strings.Split(text, "&")
	purposes, flags := 0, 0
	for _, p := range pairs {
		k, val, ok := strings.Cut(p, "=")
		val = strings.ToLower(strings.TrimSpace(val))
		if !ok || !(vocab().yes[val] || vocab().no[val]) {
			continue
		}
		flags++
		if k = strings.TrimSpace(k); vocab().purpose.MatchString(k) || vocab().purpose.MatchString(lastCamelWord(k)) {
			purposes++
		}
	}
	return purposes >= 2 || purposes >= 1 && flags >= 2 && flags == len(pairs)
}

// lastCamelWord returns the last word of a key in camel case
// ("GoogleAnalytics": "Analytics"), or the key.
func lastCamelWord(k string) string {
	for i := len(k) - 1; i > 0; i-- {
		if k[i] >= 'A' && k[i] <= 'Z' && k[i-1] >= 'a' && k[i-1] <= 'z' {
			return k[i:]
		}
	}
	return k
}

// recordSuffix is the last word of a record's name
// ("silktideCookieChoice_analytics" → "analytics").
func recordSuffix(name string) string {
	if i := strings.LastIndexAny(name, "-_.:"); i >= 0 {
		return name[i+1:]
	}
	// A name in camel case ends with its last word when that word is a
	// purpose ("permissionMarketing"); other names are one word
	// ("isReadCookiePolicyDNT" is no do-not-track flag).
	if w := lastCamelWord(name); w != name && vocab().purpose.MatchString(w) {
		return w
	}
	return name
}

// codeFlags reads flags under purposes' codes in capitals, each joined
// to its flag by an underscore, three or more ("ANL_0|PSN_0|PRTN_0"),
// as letterFlags reads them.
func codeFlags(v string) (string, bool) {
	parts := splitAny(v, "|,;&")
	var f strings.Builder
	for _, p := range parts {
		m := codeFlag.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return "", false
		}
		f.WriteString(m[1])
	}
	return f.String(), f.Len() >= 3
}

var codeFlag = regexp.MustCompile(`^[A-Z]{2,5}_([01])$`)

// recordLetterFlags is a letter and then digit flags, one per purpose
// ("cookie-agreed=C0000" after a refusal): read as the flags alone.
var recordLetterFlags = regexp.MustCompile(`^[A-Za-z]([01]{3,8})$`)

// recordKeyName is the name of the cookie or storage entry a key of the
// records holds ("https://x.test|cookie:name" is "name").
func recordKeyName(k string) string {
	name := k[strings.LastIndexByte(k, '|')+1:]
	if _, n, ok := strings.Cut(name, ":"); ok {
		name = n
	}
	return name
}

// familyOthers reports whether the records hold a record of one of the
// families given that names no necessary purpose: an optional purpose's
// record standing as it was.
func familyOthers(after map[string]string, families map[string]bool) bool {
	for k := range after {
		family, last := recordNameParts(recordKeyName(k))
		if families[family] && !vocab().necessary.MatchString(last) {
			return true
		}
	}
	return false
}

// dottedNecessary reports whether a key written as a dotted path names
// the necessary purpose in one of its parts
// ("necessary.necessary.necessary", as a banner keeps each purpose under
// its plain key and a dotted one): its flag is always on, no choice.
func dottedNecessary(key string) bool {
	if !strings.Contains(key, ".") {
		return false
	}
	for part := range strings.SplitSeq(key, ".") {
		if vocab().necessary.MatchString(part) {
			return true
		}
	}
	return false
}

// recordNegation are the words that turn the choice after them round
// ("not-accepted", "non_consenti"): no site's name before a choice.
var recordNegation = map[string]bool{"not": true, "non": true, "no": true, "un": true, "dis": true, "dont": true, "never": true}

// recordFlagsStamped is a version, digit flags one per purpose, the time
// they were given and a word ("data_consent=1.1.0.0.0.1733140000000.Default",
// the necessary purpose first): read as the flags alone.
var recordFlagsStamped = regexp.MustCompile(`^\d{1,2}\.([01](?:\.[01]){2,7})\.\d{9,13}(?:\.[A-Za-z]{1,16})?$`)

// recordText is a record's value URL-decoded (at most three times: a
// value may be encoded more than once) and trimmed.
func recordText(v string) string {
	for range 3 {
		dec, err := url.QueryUnescape(v)
		if err != nil || dec == v {
			break
		}
		v = dec
	}
	v = strings.TrimSpace(v)
	// A flag wrapped in an object of its own ({"value": false}).
	if m := recordWrapped.FindStringSubmatch(v); m != nil {
		return strings.Trim(m[1], `"`)
	}
	return v
}

// recordWrapped is a record whose one key, "value", holds its flag or word.
var recordWrapped = regexp.MustCompile(`^\{\s*"value"\s*:\s*(true|false|-?\d{1,3}|"[\p{L}\p{N}_-]{1,20}")\s*\}$`)

// recordGrantedSuffix: a purpose and a word that grants it, glued or
// joined ("technicalallowed", "TECHNICAL_SELECTED").
var recordGrantedSuffix = regexp.MustCompile(`^(\p{L}{2,}?)[-_]?(allowed|accepted|selected|granted|enabled)$`)

// consentModeKey: the signals of Google's Consent Mode ("ad_storage",
// "analytics_storage", "personalization_storage", "ad_user_data"), which
// a site derives from its own purposes.
var consentModeKey = regexp.MustCompile(`(?i)^(ad|analytics|functionality|personalization|security)_storage$|^ad_(user_data|personalization)$`)

// consentModeBeside reports whether a record holds Consent Mode's signals
// beside flags of its own purposes ({"consentAnalytics": false,
// "consentAds": false, "personalization_storage": true, …}). The site's
// own flags are the choice the banner offered; the signals are its
// mapping onto Google's purposes, which may grant one its banner keeps
// always on (a "necessary and functional" group sent as
// personalization_storage), and are not read beside them.
func consentModeBeside(m map[string]any) bool {
	signals, own := false, false
	for k, v := range m {
		if consentModeKey.MatchString(k) {
			signals = true
			continue
		}
		if _, ok := v.(bool); ok && !vocab().keySkip.MatchString(k) {
			own = true
		}
	}
	return signals && own
}

// versionedFlags reports whether a record is a version and the flags of
// purposes, nothing else, one of them an optional purpose's ({"version":
// 1, "functional": true, "analytics": false}, where "functional" is the
// necessary purpose): a consent record whatever its name, though it sets
// one optional purpose only.
func versionedFlags(m map[string]any) bool {
	version, flag := false, false
	for k, v := range m {
		_, isBool := v.(bool)
		switch {
		case recordVersionKey.MatchString(k):
			version = true
		case isBool && vocab().purpose.MatchString(k):
			flag = true
		case isBool && vocab().necessary.MatchString(k):
		default:
			return false
		}
	}
	return version && flag
}

// recordVersionKey: a record's key for its version.
var recordVersionKey = regexp.MustCompile(`(?i)^(` + recordVersions + `)$`)

// purposeEntries counts the optional purposes' flags or words of a choice
// in a record's JSON (see purposeRecord), to two levels down.
func purposeEntries(key string, doc any, depth int) int {
	if depth > 2 {
		return 0
	}
	n := 0
	switch x := doc.(type) {
	case map[string]any:
		for k, val := range x {
			// A purpose's flag, or its word of a choice (Google
			// Consent Mode's "analytics_storage": "denied").
			str, _ := val.(string)
			str = strings.ToLower(str)
			if _, isBool := val.(bool); (isBool || vocab().yes[str] || vocab().no[str]) && vocab().purpose.MatchString(k) {
				n++
			} else {
				n += purposeEntries(k, val, depth+1)
			}
		}
	case []any:
		if !recordKeyList.MatchString(key) {
			return 0
		}
		for _, it := range x {
			if m, ok := it.(map[string]any); ok && len(entryPurposes(m)) > 0 && entryChoice(m) {
				n++
			}
		}
	}
	return n
}

// listedChoices reports whether a record named for the choices it lists
// ("site-prefs", "cookie_choices") holds an optional purpose's flag in
// JSON ({"functional": true, "analytics": false}): one is enough, for the
// name says what the value is.
func listedChoices(name, v string) bool {
	if !recordListName.MatchString(name) {
		return false
	}
	doc, ok := recordJSON(recordText(v))
	return ok && purposeEntries("", doc, 0) >= 1
}

// recordSignedList is a list of services or purposes each marked on or
// off by a sign before it ("-ga-ads-fbp-htj-yt" after a refusal,
// "+ga+ads…" after an accept), as a "+" is written before URL-encoding.
var recordSignedList = regexp.MustCompile(`^(?:[+-][A-Za-z][A-Za-z0-9_]*){2,30}$`)

// signedList reads such a list: + is on, - is off, necessary names aside.
func signedList(v string) (on, off int, ok bool) {
	raw, err := url.PathUnescape(strings.TrimSpace(v))
	if err != nil || !recordSignedList.MatchString(raw) {
		return 0, 0, false
	}
	for _, m := range recordSignedItem.FindAllStringSubmatch(raw, -1) {
		if vocab().necessary.MatchString(m[2]) {
			continue
		}
		if m[1] == "+" {
			on++
		} else {
			off++
		}
	}
	return on, off, on+off > 0
}

var recordSignedItem = regexp.MustCompile(`([+-])([A-Za-z][A-Za-z0-9_]*)`)

// recordAgreedList is a word of consent joined to what it was given to
// ("agree_none" after a refusal, "agree_all" after an accept).
var recordAgreedList = regexp.MustCompile(`(?i)^(?:agree|agreed|accept|accepted|allow|allowed|consent|consented)[-_](.+)$`)

// agreedList reads such a record: "none" refuses, "all" accepts, and
// purposes are the purposes granted.
func agreedList(v string) (on, off int, ok bool) {
	m := recordAgreedList.FindStringSubmatch(recordText(v))
	if m == nil {
		return 0, 0, false
	}
	switch rest := strings.ToLower(m[1]); {
	case vocab().no[rest] || rest == "none" || rest == "nothing":
		return 0, 1, true
	case vocab().all[rest]:
		return 1, 0, true
	}
	grantedList(splitAny(m[1], "_-,"), &on, &off)
	return on, off, on+off > 0
}

// keptPurposes counts the optional purposes of an object of purposes
// whose every value is an object that holds no choice (its date, its
// checksum: {"groups": {"statistics": {"checksum": "1a2b3c4d",
// "timestamp": 1764547200000}}}, as the Helsinki design system's banner
// writes): 0 when a value is anything else.
func keptPurposes(m map[string]any) int {
	n := 0
	for k, v := range m {
		e, ok := v.(map[string]any)
		if !ok || holdsChoice(e, 0) {
			return 0
		}
		if vocab().purpose.MatchString(k) && !vocab().necessary.MatchString(k) {
			n++
		}
	}
	return n
}

// holdsChoice reports whether a record's value holds, to two levels
// down, what may be a choice: a boolean, 0 or 1, or a word of a choice.
func holdsChoice(v any, depth int) bool {
	switch x := v.(type) {
	case bool:
		return true
	case float64:
		return x == 0 || x == 1
	case string:
		s := strings.ToLower(x)
		return vocab().yes[s] || vocab().no[s]
	case map[string]any:
		for _, e := range x {
			if depth < 2 && holdsChoice(e, depth+1) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if depth < 2 && holdsChoice(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// onlyNecessaryKeys reports whether every key of m names a necessary
// purpose.
func onlyNecessaryKeys(m map[string]any) bool {
	for k := range m {
		if !vocab().necessary.MatchString(k) {
			return false
		}
	}
	return true
}
