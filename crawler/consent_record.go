package crawler

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A consent record is a cookie or storage entry in which a banner keeps the
// visitor's choice. Its format is the platform's own: a word
// ("cookieconsent_status=deny"), key-value pairs
// ("groups=C0001:1,C0002:0", "!analytics=false!ads=false"), JSON
// ({"necessary":true,"marketing":false}, {"action":"reject"}), often
// URL-encoded. recordState reads the choice from the records a click
// wrote or changed.

// recordState reads the choice from the consent records the click wrote
// or changed: "accepted" when every optional purpose is on, "rejected"
// when every one is off, "partial" when they differ; "" when no record
// says.
//
// A record of one bare word whose name ends with a purpose
// ("site_choice_analytics=false") is that purpose's choice; one whose name
// ends with a necessary purpose ("site_choice_essential=true") says
// nothing. Other bare words ("cookie_consent=true",
// "site_banner_choice=1") count only when no record says which purposes
// are on: they may say no more than that a choice was made.
func recordState(before, after map[string]string) string {
	var on, off, bareOn, bareOff int
	for _, r := range changedRecords(before, after, false) {
		if last := recordSuffix(r.name); recordKeyRefusal.MatchString(last) {
			// A record named for a refusal ("ctc_rejected=1",
			// "analytics_optout=true") reads as a refusal key does.
			countChoice(r.name, last, recordText(r.value), &on, &off)
			continue
		}
		y, n, bare := readRecord(r.name, r.value)
		if !bare {
			on, off = on+y, off+n
			continue
		}
		switch last := recordSuffix(r.name); {
		case vocab().necessary.MatchString(last):
		case vocab().purpose.MatchString(last):
			on, off = on+y, off+n
		default:
			bareOn, bareOff = bareOn+y, bareOff+n
		}
	}
	if on+off == 0 {
		on, off = bareOn, bareOff
	}
	switch {
	case on > 0 && off == 0:
		return stateAccepted
	case off > 0 && on == 0:
		return stateRejected
	case on > 0:
		return statePartial
	}
	return ""
}

// recordChoice reads, from the consent records before and after a click,
// the choice the click recorded ("" when they do not say):
//   - the records the click wrote or changed, when they say accepted or
//     rejected;
//   - "partial" after a first-layer accept (firstAccept), when those
//     records turn some optional purposes on and leave others off: a
//     site's one accept button covers the purposes it uses ("Accept
//     analytics cookies"), and its record keeps the others off;
//   - when the click wrote only a marker that a choice was made
//     ("cookies_preferences_set=true"), the records as they stand, when
//     they say accepted or rejected: sites write their default (every
//     optional purpose off) when the banner shows, and a refusal leaves it
//     as it was;
//   - after the accept of a notice with no other choice (notice), any
//     record its button wrote, marker or not, as "accepted".
//
// Every case needs something the click wrote: a record that said the
// same before the click proves nothing.
func recordChoice(before, after map[string]string, firstAccept, notice bool) string {
	s := recordState(before, after)
	switch {
	case s == stateAccepted || s == stateRejected:
		return s
	case s == statePartial:
		if firstAccept {
			return s
		}
		return ""
	}
	if len(changedRecords(before, after, true)) == 0 {
		return ""
	}
	if notice {
		return stateAccepted
	}
	if all := recordState(nil, after); all == stateAccepted || all == stateRejected {
		return all
	}
	return ""
}

// recordMarker: records that say a choice was made or a banner seen, not
// which choice ("cookies_preferences_set=true", "cookie_notice_seen=1",
// "cookie-notification-acknowledged", "_cookies_set_offline"): their
// "true" is no purpose allowed.
var recordMarker = regexp.MustCompile(`(?i)[-_.](set|seen|shown|dismissed|displayed|interacted|closed|viewed|acknowledged|offline)(?:[-_.]|$)`)

// recordChoiceValue: a value that is a choice made, whatever the name
// of the record that holds it ("cb-enabled=accepted", jQuery cookie
// bars' "declined"): a click that writes one recorded a choice. Words
// that may be a state of anything ("true", "1", "enabled") count only
// under a record's name.
var recordChoiceValue = regexp.MustCompile(`(?i)^["']?(accepted|declined|rejected|denied|refused)["']?$`)

// namedRecord is a consent record: its name (a cookie's or a storage
// key) and its value.
type namedRecord struct{ name, value string }

// recordBare: a record of one word ("true", "1", "deny").
var recordBare = regexp.MustCompile(`^["']?[\p{L}\p{N}_-]*["']?$`)

// recordSuffix is the last word of a record's name
// ("silktideCookieChoice_analytics" → "analytics").
func recordSuffix(name string) string {
	return name[strings.LastIndexAny(name, "-_.:")+1:]
}

// changedRecords returns the consent records that a click wrote or
// changed, known by their names or, whatever the name ("cmv2_state"), by
// a JSON value that sets two or more purposes on or off; markers too when
// markers is true.
func changedRecords(before, after map[string]string, markers bool) []namedRecord {
	var out []namedRecord
	for k, v := range after {
		if old, ok := before[k]; ok && old == v {
			continue
		}
		name := k[strings.LastIndexByte(k, '|')+1:]
		if _, n, ok := strings.Cut(name, ":"); ok {
			name = n
		}
		if (vocab().name.MatchString(name) || purposeRecord(v) || recordKeyRefusal.MatchString(recordSuffix(name)) || recordChoiceValue.MatchString(recordText(v))) && (markers || !recordMarker.MatchString(name)) {
			out = append(out, namedRecord{name, v})
		}
	}
	return out
}

// purposeRecord reports whether a value, URL-decoded, is a JSON object
// that sets two or more purposes on or off ({"choices": {"analytics":
// true, "ads": false}}).
func purposeRecord(v string) bool {
	doc, ok := recordJSON(recordText(v))
	if !ok {
		return false
	}
	var count func(doc any, depth int) int
	count = func(doc any, depth int) int {
		m, ok := doc.(map[string]any)
		if !ok || depth > 2 {
			return 0
		}
		n := 0
		for k, val := range m {
			if _, isBool := val.(bool); isBool && vocab().purpose.MatchString(k) {
				n++
			} else {
				n += count(val, depth+1)
			}
		}
		return n
	}
	return count(doc, 0) >= 2
}

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
	return strings.TrimSpace(v)
}

// readRecord counts the optional purposes a record says are on and off,
// and says whether the record, URL-decoded, is one bare word.
func readRecord(self, v string) (on, off int, bare bool) {
	v = recordText(v)
	if recordBare.MatchString(v) {
		bare = true
	}
	if doc, ok := recordJSON(v); ok {
		walkRecord(self, "", doc, &on, &off, 0)
		return on, off, bare
	}
	// Digit flags, one per purpose, joined or separated ("111", "1.0.0"):
	// all on, or all off; of three or more, a first flag on and the
	// others off is the necessary purpose alone (or a version 1). Other
	// mixes say nothing: they may be a count or a code. Separated flags
	// may follow a version and a time ("2.1733140000.0.0.0").
	flags := ""
	if recordFlags.MatchString(v) {
		flags = v
	} else if m := recordLedFlags.FindStringSubmatch(v); m != nil {
		flags = m[1] + m[2]
	}
	if flags != "" {
		on, off = readFlags(flags)
		return on, off, bare
	}
	pairs := splitAny(v, "&,;|!")
	if f, ok := letterFlags(pairs); ok {
		if on, off = readFlags(f); on+off > 0 {
			return on, off, bare
		}
	}
	if len(pairs) == 1 {
		// Pairs joined by hyphens ("Required:1-Analytics:0"), when every
		// part is a pair.
		if parts := strings.Split(v, "-"); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return !strings.ContainsAny(p, ":=") }) {
			pairs = parts
		}
	}
	found := false
	for _, p := range pairs {
		k, val, ok := cutAny(p, ":=")
		if m := recordDashPair.FindStringSubmatch(p); !ok && m != nil {
			k, val, ok = m[1], m[2], true // "functi-0"
		}
		if !ok {
			continue
		}
		found = true
		countChoice(self, k, val, &on, &off)
	}
	if !found && recordEmptyList.MatchString(v) {
		off++ // a version and an empty list of the purposes granted ("v2|")
		return on, off, bare
	}
	if !found {
		countChoice(self, "value", v, &on, &off)
		// A list of the purposes granted; joined by underscores only when
		// nothing else reads ("nutne_marketingove_statisticke").
		for _, seps := range []string{".|,;&! ", "._|,;&! "} {
			if on+off == 0 {
				grantedList(splitAny(v, seps), &on, &off)
			}
		}
	}
	return on, off, bare
}

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
// letter or two, no word ("n:1|f:0|a:0|m:0"): such keys name the
// purposes too briefly to read, and their flags read as bare flags do.
// Pairs without a separator (a version, a time) are left out.
func letterFlags(pairs []string) (string, bool) {
	var f strings.Builder
	for _, p := range pairs {
		k, val, ok := cutAny(p, ":=")
		if !ok {
			continue
		}
		if n := utf8.RuneCountInString(k); n == 0 || n > 2 || !isLetters(k) || val != "0" && val != "1" {
			return "", false
		}
		f.WriteString(val)
	}
	return f.String(), f.Len() >= 3
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

// recordDashPair: a key and its flag joined by a hyphen ("market-1").
var recordDashPair = regexp.MustCompile(`^([\p{L}_]+)-([01])$`)

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
// "_ga": false}).
var recordKeyNecessaryCookie = regexp.MustCompile(`(?i)(^|[-_.])(session|sess|sid)([-_.]|$)|csrf|xsrf`)

// countChoice counts one key's value when it is a choice word. self is the
// record's name: a record that lists itself among its cookies says
// nothing by that entry.
func countChoice(self, key, val string, on, off *int) {
	key = strings.Trim(strings.TrimSpace(key), `"'`)
	val = strings.ToLower(strings.Trim(strings.TrimSpace(val), `"'`))
	if vocab().keySkip.MatchString(key) || recordKeyID.MatchString(key) || key == self || recordKeyNecessaryCookie.MatchString(key) {
		return
	}
	// "CookieAllowed", "CookiesDisallowed": the word after "cookie";
	// "declineAll", "accept_all": the choice, made for every purpose.
	w := strings.TrimPrefix(strings.TrimPrefix(val, "cookies"), "cookie")
	if r, ok := strings.CutSuffix(w, "all"); ok && !vocab().yes[w] && !vocab().no[w] {
		w = strings.TrimRight(r, "_- ")
	}
	if vocab().yes[w] || vocab().no[w] {
		val = w
	}
	if recordKeyRefusal.MatchString(key) {
		if vocab().yes[val] {
			*off++ // "reject": "true"; a "false" there says nothing of what was allowed
		}
		return
	}
	if vocab().no[val] && !(val == "necessary" || val == "essential") || (val == "necessary" || val == "essential") && recordKeyChoice.MatchString(key) {
		*off++
		return
	}
	if vocab().yes[val] {
		*on++
		return
	}
	// A list of the purposes granted under a choice or list key
	// ({"consent": "analytics,personalisation"}).
	if (recordKeyChoice.MatchString(key) || recordKeyList.MatchString(key)) && strings.ContainsAny(val, ",|; ") {
		grantedList(splitAny(val, ",|; "), on, off)
		return
	}
	// A purpose granted at a date or a version ("analytics=2024-11-05T14:32:10"),
	// refused with -1.
	if vocab().purpose.MatchString(key) {
		switch {
		case val == "-1":
			*off++
		case recordGrantedAt.MatchString(val):
			*on++
		}
	}
}

// recordGrantedAt: a date, a time or a version, as records write when a
// purpose was granted.
var recordGrantedAt = regexp.MustCompile(`^v?\d+([-.:/T]\d+)+`)

// grantedList reads a list of the purposes granted: the necessary ones
// alone is a refusal, an optional one among them (or "all") something
// allowed. Other items (a version, a date) say nothing; a list that names
// no purpose at all is not such a list.
func grantedList(items []string, on, off *int) {
	necessary, optional := 0, 0
	for _, it := range items {
		it = strings.TrimSpace(it)
		switch {
		case vocab().purpose.MatchString(it) || vocab().all[it]:
			optional++
		case vocab().necessary.MatchString(it):
			necessary++
		}
	}
	switch {
	case optional > 0:
		*on++
	case necessary > 0:
		*off++
	}
}
