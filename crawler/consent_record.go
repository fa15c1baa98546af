package crawler

import (
	"regexp"
	"slices"
	"strings"
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
	// Records of one word per purpose, of one family of names
	// ("cookie_consent_essential=true" beside "cookie_consent_granted=true"):
	// the family's necessary purpose alone on, with a flag of the family
	// that names no purpose, is a refusal, and the flag says only that a
	// choice was made.
	necessaryOn := map[string]bool{}
	necessaryAny := false
	type flag struct {
		family string
		y, n   int
	}
	var flags []flag
	for _, r := range changedRecords(before, after, false) {
		if recordKeyObjection.MatchString(recordSuffix(r.name)) {
			// Purposes objected to, listed ("[cat_ana][cat_com]"): each
			// is refused; an empty list says nothing.
			if len(listItems(recordText(r.value))) > 0 {
				off++
			}
			continue
		}
		if recordOptOutFlags.MatchString(r.name) {
			y, n := optOutFlags(recordText(r.value))
			on, off = on+y, off+n
			continue
		}
		if doNotTrack(r.name) || recordKeyOptOut.MatchString(recordSuffix(r.name)) {
			// A do-not-track flag (Salesforce Commerce Cloud's
			// "dw_dnt=0" after an accept) or an opt-out flag
			// ("cookieoptout=yes") says the reverse of a consent.
			countChoice(r.name, "disable_tracking", recordText(r.value), &on, &off)
			continue
		}
		if last := recordSuffix(r.name); recordKeyRefusal.MatchString(last) {
			// A record named for a refusal ("ctc_rejected=1",
			// "cookies_declined=true") reads as a refusal key does.
			countChoice(r.name, last, recordText(r.value), &on, &off)
			continue
		}
		y, n, bare := readRecord(r.name, r.value)
		if !bare {
			on, off = on+y, off+n
			continue
		}
		family, last := recordNameParts(r.name)
		switch {
		case vocab().necessary.MatchString(last):
			necessaryOn[family] = necessaryOn[family] || y > 0
			necessaryAny = necessaryAny || y > 0
		case recordStampKey.MatchString(last):
			// A version, a date, an identifier beside the record itself
			// ("consent_version=1"): no choice.
		case vocab().purpose.MatchString(last):
			on, off = on+y, off+n
		default:
			flags = append(flags, flag{family, y, n})
		}
	}
	necessaryAlone := false
	for _, f := range flags {
		if f.family != "" && necessaryOn[f.family] {
			necessaryAlone = true
			continue
		}
		bareOn, bareOff = bareOn+f.y, bareOff+f.n
	}
	if on+off == 0 && (necessaryAlone || len(flags) == 0 && necessaryAny && !familyOthers(after, necessaryOn)) {
		// The necessary purpose alone on, by a flag of its family or by
		// itself, the family having no other record
		// ("vzs_consent_necessary=granted", where an accept also writes
		// the family's other purposes).
		off++
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

// clickKind is what a click was, as recordChoice reads what it wrote.
type clickKind int

const (
	// otherClick: a refusal, or an accept behind the settings.
	otherClick clickKind = iota
	// firstAccept: an accept in the banner's first layer, beside a
	// refusal.
	firstAccept
	// soleAccept: an accept in the first layer with no refusal beside it
	// (the banner's settings may hold one, or only say more).
	soleAccept
	// noticeAccept: the accept of a notice, with no refusal and no
	// settings ("We use cookies. [Got it]").
	noticeAccept
)

// recordChoice reads, from the consent records before and after a click,
// the choice the click recorded ("" when they do not say):
//   - the records the click wrote or changed, when they say accepted or
//     rejected;
//   - "partial" after a first-layer accept, when those records turn some
//     optional purposes on and leave others off: a site's one accept
//     button covers the purposes it uses ("Accept analytics cookies"),
//     and its record keeps the others off;
//   - when the click wrote only a marker that a choice was made
//     ("cookies_preferences_set=true", "wpcc=dismiss"), the records as
//     they stand, when they say accepted or rejected: sites write their
//     default (every optional purpose off) when the banner shows, and a
//     refusal leaves it as it was;
//   - after the accept of a notice, any record its button wrote, marker
//     or not, as "accepted"; after a first-layer accept with no refusal
//     beside it, the same when the records as they stand do not say
//     otherwise: a first layer that offers no refusal knows one answer.
//
// Every case needs something the click wrote: a record that said the
// same before the click proves nothing.
func recordChoice(before, after map[string]string, click clickKind) string {
	s := recordState(before, after)
	switch {
	case s == stateAccepted || s == stateRejected:
		return s
	case s == statePartial:
		if click >= firstAccept {
			return s
		}
		return ""
	}
	if click == noticeAccept && noticeFlag(before, after) {
		return stateAccepted
	}
	if len(changedRecords(before, after, true)) == 0 {
		return ""
	}
	if click == noticeAccept {
		return stateAccepted
	}
	if all := recordState(nil, after); all == stateAccepted || all == stateRejected {
		return all
	}
	if click == soleAccept {
		return stateAccepted
	}
	return ""
}

// noticeFlag reports whether a notice's accept wrote a cookie or entry
// that holds only "true" or "yes", whatever its name (Delta's
// "dtPCB=true"): a notice with one button and no refusal keeps that it
// was acknowledged. Digits are not read so: "_gat=1" and its like are
// written by tags whatever was clicked.
func noticeFlag(before, after map[string]string) bool {
	for k, v := range after {
		if old, ok := before[k]; ok && old == v {
			continue
		}
		if w := strings.ToLower(strings.Trim(recordText(v), `"'`)); w == "true" || w == "yes" {
			return true
		}
	}
	return false
}

// recordNoInteraction: a record that says the visitor has not answered
// yet ("interactionCount=0", {"interactionCount": 0}), or that still
// holds the page the visit landed on: OneTrust keeps the landing page's
// address in landingPath until the visitor answers or moves to another
// page, and then writes "NotLandingPage" (its defaults of some versions
// have no interactionCount at all).
var recordNoInteraction = regexp.MustCompile(`(?i)(^|[&,;|{\s])"?(interactionCount"?\s*[:=]\s*"?0"?([&,;|}\s]|$)|landingPath"?\s*[:=]\s*"?(https?:|/))`)

// recordMarker: records that say a choice was made or a banner seen, not
// which choice ("cookies_preferences_set=true", "cookie_notice_seen=1",
// "privacy-banner-clicked=true", "cookie-notification-acknowledged",
// "_cookies_set_offline", "_CookiePolicyHint=true",
// "CookieNotificationSeen=1"), or that
// the banner is to stay hidden ("hideCookieBanner", "cookie_bar_hidden"):
// their "true" is no purpose allowed. Shopware's "cookie-preference=1" is
// written on every saved choice, its "only necessary" included.
var recordMarker = regexp.MustCompile(`(?i)[-_.](set|seen|shown|dismissed|displayed|interacted|clicked|closed|viewed|acknowledged|offline|hidden|hint)(?:[-_.]|$)|(?-i:[a-z](Hint|Seen|Shown|Dismissed|Displayed|Interacted|Clicked|Closed|Viewed|Acknowledged|Hidden))$|^_*(hide|dismiss)[-_.]?(cookies?|consent)?[-_.]?(banner|notice|bar|popup|message)$|^cookie-preference$`)

// recordChoiceValue: a value that is a choice made, whatever the name
// of the record that holds it ("cb-enabled=accepted", jQuery cookie
// bars' "declined", GMX's "ui_cid=OPTOUT"): a click that writes one
// recorded a choice. Words
// that may be a state of anything ("true", "1", "enabled") count only
// under a record's name.
var recordChoiceValue = regexp.MustCompile(`(?i)^["']?(accepted|declined|rejected|denied|refused|opt[-_]?in|opted[-_]?in|opt[-_]?out|opted[-_]?out)["']?$`)

// recordMarkerValue: a value that says a notice was seen or dismissed,
// whatever the name of the record that holds it ("wpcc=dismiss", a TV
// site's "disney_cc=ok"): a marker, which says no more than that the
// visitor answered.
var recordMarkerValue = regexp.MustCompile(`(?i)^["']?(dismiss|dismissed|acknowledged|seen|understood|got[-_ ]?it|ok|okay)["']?$`)

// namedRecord is a consent record: its name (a cookie's or a storage
// key) and its value.
type namedRecord struct{ name, value string }

// recordBare: a record of one word ("true", "1", "deny").
var recordBare = regexp.MustCompile(`^["']?[\p{L}\p{N}_-]*["']?$`)

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
		if name := recordKeyName(k); isRecord(name, v, markers) {
			out = append(out, namedRecord{name, v})
		}
	}
	return out
}

// isRecord reports whether a cookie or storage entry is a consent
// record: known by its name, by a JSON value that sets purposes, by a
// name that names the refusal, by a value that is a choice made, by a
// value of flags under keys of a letter or two ("AD=0&AL=0&SM=0"), or as
// one purpose's choice by its name and value alone ("ckies_marketing=deny",
// "site_analytics=1": a name that ends with an optional purpose and a
// word of a choice). Markers count only when markers is true, and so do
// values that say a notice was dismissed, whatever the name; a marker's
// name over a value that sets purposes ("cookie_preferences_set_v1"
// holding each purpose's choice) is a record all the same.
func isRecord(name, v string, markers bool) bool {
	text := recordText(v)
	w := strings.Trim(strings.ToLower(text), `"'`)
	last := recordSuffix(name)
	named := vocab().name.MatchString(name) || purposeRecord(v) || listedChoices(name, v) || recordKeyRefusal.MatchString(last) || recordOptOutFlags.MatchString(name) ||
		recordKeyObjection.MatchString(last) ||
		doNotTrack(name) && (w == "0" || w == "1") ||
		recordChoiceValue.MatchString(text) || vocab().purpose.MatchString(last) && (vocab().yes[w] || vocab().no[w]) ||
		letterRecord(text)
	if named && (markers || !recordMarker.MatchString(name) || purposeRecord(v)) {
		return true
	}
	return markers && recordMarkerValue.MatchString(text)
}

// readRecord counts the optional purposes a record says are on and off,
// and says whether the record, URL-decoded, is one bare word.
func readRecord(self, v string) (on, off int, bare bool) {
	if on, off, ok := signedList(v); ok {
		return on, off, false
	}
	if on, off, ok := agreedList(v); ok {
		return on, off, false
	}
	if on, off, ok := grantedDenied(v); ok {
		return on, off, false
	}
	v = recordText(v)
	if recordNoInteraction.MatchString(v) {
		// The platform's default, written before any choice (OneTrust's
		// interactionCount=0 beside the groups it starts with).
		return 0, 0, false
	}
	if recordBare.MatchString(v) {
		bare = true
	}
	if v == "[]" && (recordListName.MatchString(self) || vocab().name.MatchString(self)) {
		// The list of the purposes granted, empty (the jQuery plugin
		// ihavecookies's "cookieControlPrefs=[]" beside its
		// "cookieControl=true"; a WordPress plugin's
		// "cookies_and_content_security_policy=[]").
		return 0, 1, false
	}
	if doc, ok := recordJSON(v); ok {
		if y, n, ok := jsonLetterFlags(doc); ok {
			return y, n, bare
		}
		if items, ok := stringList(doc); ok {
			// The record is a list of the purposes granted
			// (["necessary","targeting"]).
			grantedList(items, &on, &off)
			return on, off, bare
		}
		walkRecord(self, "", doc, &on, &off, 0)
		if on+off == 0 && (onlyBookkeeping(doc) || necessaryGranted(doc)) {
			// A version and nothing granted ({"version":4}), or the
			// necessary purposes alone granted ({"necessary":"ok"}).
			off++
		}
		if on > 0 && off > 0 && refusedOverall(doc) {
			// Purposes on and off beside a flag that refuses as a whole
			// ({"Allow": false, "CategoryPermission": [...]}): the ones on
			// are those always on, known only by a code ("Cat.8").
			return 0, 1, bare
		}
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
	} else if m := recordLetterFlags.FindStringSubmatch(v); m != nil {
		flags = m[1] // "C0000"
	} else if m := recordFlagsStamped.FindStringSubmatch(v); m != nil {
		flags = m[1] // "1.1.0.0.0.1733140000000.Default": a version, the flags, a time
	}
	if flags != "" {
		on, off = readFlags(flags)
		return on, off, bare
	}
	pairs := splitAny(withoutNecessarySections(v), recordPairSeps)
	f, ok := gluedLetterFlags(v)
	if !ok {
		f, ok = codeFlags(v)
	}
	if !ok {
		f, ok = letterFlags(pairs)
	}
	if ok {
		if on, off = readFlags(f); on+off == 0 {
			on, off = 1, 1 // some on, some off: a partial choice
		}
		return on, off, bare
	}
	if len(pairs) == 1 {
		// Pairs joined by hyphens ("Required:1-Analytics:0",
		// "ana.0-rsx.0"), when every part is a pair.
		if parts := strings.Split(v, "-"); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return !strings.ContainsAny(p, ":=") && !recordDotPair.MatchString(p) }) {
			pairs = parts
		}
	}
	// Pairs whose key and value a "#" joins, every one of them
	// ("source#OFC|version#6|int-beh#false").
	hashed := len(pairs) > 1 && !slices.ContainsFunc(pairs, func(p string) bool { return !strings.Contains(p, "#") || strings.ContainsAny(p, ":=") })
	var kv [][2]string
	for _, p := range pairs {
		k, val, ok := cutAny(p, ":=")
		if hashed {
			k, val, ok = cutAny(p, "#")
		}
		if m := recordDashPair.FindStringSubmatch(p); !ok && m != nil {
			k, val, ok = m[1], m[2], true // "functi-0"
		}
		if m := recordDotPair.FindStringSubmatch(p); !ok && m != nil {
			k, val, ok = m[1], m[2], true // "group-3.0"
		}
		if m := recordStatusPair.FindStringSubmatch(p); !ok && m != nil {
			k, val, ok = m[1], m[2], true // "2_accepted"
		}
		if ok {
			kv = append(kv, [2]string{k, val})
		}
	}
	found := len(kv) > 0
	// Purposes known by a word and a number ("group-1:1,group-3:0") are
	// read as in JSON (see numberedPurposes), the other pairs one by one.
	bools := map[string]any{}
	for _, p := range kv {
		switch strings.ToLower(strings.TrimSpace(p[1])) {
		case "1", "true":
			bools[p[0]] = true
		case "0", "false":
			bools[p[0]] = false
		}
	}
	if y, n, numbered, ok := numberedPurposes(bools); ok {
		// The numbered purposes say the choice; a flag of the whole
		// record beside them says only that one was made ("c1-1|c2-0|…|
		// consent-true" after a refusal).
		on, off = on+y, off+n
		kv = slices.DeleteFunc(kv, func(p [2]string) bool {
			return numbered[p[0]] || strings.EqualFold(p[0], "consent") || strings.EqualFold(p[0], "consented")
		})
	}
	for _, p := range kv {
		countChoice(self, p[0], p[1], &on, &off)
	}
	if !found && recordEmptyList.MatchString(v) {
		off++ // a version and an empty list of the purposes granted ("v2|")
		return on, off, bare
	}
	if !found {
		countChoice(self, "value", v, &on, &off)
		// A list of the purposes granted; joined by underscores only when
		// nothing else reads ("nutne_marketingove_statisticke").
		// ("custom-functional": joined by hyphens, last.)
		for _, seps := range []string{".|,;&! ", "._|,;&! ", "._|,;&! -"} {
			if on+off == 0 {
				grantedList(splitAny(v, seps), &on, &off)
			}
		}
	}
	return on, off, bare
}
