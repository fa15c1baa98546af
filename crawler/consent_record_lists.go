package crawler

import (
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
)

// grantedItems reads a list of what a record grants: purposes (see
// grantedList), or else services by their ids (see servicesGranted).
func grantedItems(self string, items []string, on, off *int) {
	y, n := *on, *off
	grantedList(items, on, off)
	if *on == y && *off == n {
		servicesGranted(self, items, on, off)
	}
}

// purposesOnly returns the items of a list under a region's code or a
// number, when they are purposes' names alone, the necessary ones or
// others ({"GB": ["essential"]}, the purposes granted in a region, as a
// travel site's own record keeps them): the purposes granted. Under a
// word ("available", "shown") such a list may be what was offered.
func purposesOnly(key string, list []any) ([]string, bool) {
	items, ok := stringList(list)
	if !ok || !recordRegionKey.MatchString(key) {
		return nil, false
	}
	for _, it := range items {
		if it = strings.ToLower(it); !vocab().purpose.MatchString(it) && !vocab().necessary.MatchString(it) {
			return nil, false
		}
	}
	return items, true
}

// recordPurposeCode is a purpose written as a code of two or three
// letters ("an", "mkt").
var recordPurposeCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// recordRegionKey is a region's code ("GB", "en-GB") or a number.
var recordRegionKey = regexp.MustCompile(`^(?:[A-Za-z]{2}(?:[-_][A-Za-z]{2})?|\d+)$`)

// grantedList reads a list of the purposes granted: the necessary ones
// alone is a refusal, an optional one among them (or "all") something
// allowed. Other items (a version, a date) say nothing; a list that names
// no purpose at all is not such a list.
func grantedList(items []string, on, off *int) {
	necessary, optional := 0, 0
	// A list written in codes ("sn,an,ma": strictly necessary, analytics,
	// marketing): beside the necessary purpose's code, another code of
	// two or three letters is an optional purpose granted.
	shortNecessary, codes := false, 0
	for _, it := range items {
		it = strings.ToLower(strings.Trim(strings.TrimSpace(it), `"'`))
		if m := recordGrantedSuffix.FindStringSubmatch(it); m != nil &&
			(vocab().purpose.MatchString(m[1]) || vocab().all[m[1]] || vocab().necessary.MatchString(m[1])) {
			it = m[1] // "technicalallowed", "all_selected"
		}
		switch {
		case vocab().purpose.MatchString(it) || vocab().all[it]:
			optional++
		case vocab().necessary.MatchString(it):
			necessary++
			shortNecessary = shortNecessary || len(it) <= 3
		case recordPurposeCode.MatchString(it):
			codes++
		}
	}
	if shortNecessary {
		optional += codes
	}
	switch {
	case optional > 0:
		*on++
	case necessary > 0:
		*off++
	}
}

// servicesGranted reads a list of the services granted, by their ids
// rather than their purposes ({"consents": ["consent_manager",
// "phpsessid", "google-analytics-4", "youtube"]}, as REDAXO's consent
// manager keeps them): the consent tool's own entry and the session's are
// the necessary ones, kept on every choice, and any other is an optional
// service allowed. A list holding no necessary entry says nothing.
func servicesGranted(self string, items []string, on, off *int) {
	necessary, other := 0, 0
	for _, it := range items {
		it = strings.ToLower(strings.TrimSpace(it))
		switch {
		case it == strings.ToLower(self) || strings.Contains(it, "consent") || recordKeyNecessaryCookie.MatchString(it):
			necessary++
		case serviceID.MatchString(it):
			other++
		default:
			return
		}
	}
	switch {
	case necessary == 0:
	case other > 0:
		*on++
	default:
		*off++
	}
}

// serviceID is a service's id in a consent record ("google-analytics-4").
var serviceID = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,40}$`)

// offeredNotGranted reports whether a record that lists both the purposes
// its banner offers and those granted ({"availableCookies": ["analytics",
// "session"], "acceptedCookies": ["session"]}) leaves some offered one
// out of those granted (in any letter case): that one is refused,
// whatever the list granted names.
func offeredNotGranted(m map[string]any) bool {
	var offered, granted []string
	for k, v := range m {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		items, ok := stringList(list)
		if !ok {
			continue
		}
		switch {
		case recordKeyOffered.MatchString(k):
			offered = append(offered, items...)
		case recordKeyList.MatchString(k):
			granted = append(granted, items...)
		}
	}
	if len(offered) == 0 || len(granted) == 0 || slices.ContainsFunc(granted, func(g string) bool { return vocab().all[strings.ToLower(strings.TrimSpace(g))] }) {
		return false // nothing listed as offered and granted, or "all" granted
	}
	for _, o := range offered {
		if !slices.ContainsFunc(granted, func(g string) bool { return strings.EqualFold(strings.TrimSpace(g), strings.TrimSpace(o)) }) {
			return true
		}
	}
	return false
}

// flagBesideList reports whether an object holds a flag of the whole
// record ("consent": true) beside a list of the purposes granted
// ({"consent":true,"options":[]}, a German foundation's refusal as a
// public filter list writes it): the flag says that a choice was made,
// the list what it granted, and the flag is no purpose's.
func flagBesideList(m map[string]any) bool {
	flag, list := false, false
	for k, v := range m {
		switch v.(type) {
		case bool:
			flag = flag || recordWholeFlag.MatchString(k)
		case []any:
			list = list || recordKeyList.MatchString(grantedKey(k, true))
		}
	}
	return flag && list
}

// grantedKey is the key a record's walk reads a list under: beside a flag
// that a choice was made (flagged), "options" is a list of the purposes
// granted, read as such a list's usual key ("choices"); elsewhere the word
// is too common in a site's storage to be read so.
func grantedKey(k string, flagged bool) string {
	if flagged && strings.EqualFold(k, "options") {
		return "choices"
	}
	return k
}

// wholeFlag reports whether a key and its value are a flag that a choice
// was made.
func wholeFlag(k string, v any) bool {
	_, b := v.(bool)
	return b && recordWholeFlag.MatchString(k)
}

// recordWholeFlag: the key of a flag that a choice was made.
var recordWholeFlag = regexp.MustCompile(`(?i)^(consent|consented|consentgiven|consent_given)$`)

// recordTwoLists is a record of two lists in Base64 joined by a dot, the
// purposes granted and then those denied (Sitevision's
// "sv-cookie-consent": "<granted>." after an accept, ".<denied>" after a
// refusal).
var recordTwoLists = regexp.MustCompile(`^([A-Za-z0-9+/_-]*={0,2})\.([A-Za-z0-9+/_-]*={0,2})$`)

// recordIDList is a list of purposes' ids, as such a record's parts hold.
var recordIDList = regexp.MustCompile(`^[A-Za-z0-9_-]+(?:,[A-Za-z0-9_-]+)*,?$`)

// grantedDenied reads such a record: each id granted is on, each denied
// off, necessary ids aside. Both parts must decode to lists of ids, and
// one must hold some.
func grantedDenied(v string) (on, off int, ok bool) {
	m := recordTwoLists.FindStringSubmatch(recordText(v))
	if m == nil || m[1] == "" && m[2] == "" {
		return 0, 0, false
	}
	var n [2]int
	for i, part := range m[1:] {
		if part == "" {
			continue
		}
		if len(part) < 4 {
			return 0, 0, false // a byte or two ("en.US"), no list
		}
		text, ok := base64IDs(part)
		if !ok {
			return 0, 0, false
		}
		for _, id := range strings.Split(strings.TrimSuffix(text, ","), ",") {
			if !vocab().necessary.MatchString(id) {
				n[i]++
			}
		}
	}
	return n[0], n[1], n[0]+n[1] > 0
}

// base64IDs decodes a part of such a record to its list of ids.
func base64IDs(part string) (string, bool) {
	b, ok := base64Decoded(part, recordIDList.Match)
	return string(b), ok
}

// base64Decoded decodes s in the first of Base64's alphabets and
// paddings that gives bytes that want accepts.
func base64Decoded(s string, want func([]byte) bool) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && want(b) {
			return b, true
		}
	}
	return nil, false
}
