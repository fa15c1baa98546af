package crawler

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
)

// A consent record is a cookie or storage entry in which a banner keeps the
// visitor's choice. Its format is the platform's own: a word
// ("cookieconsent_status=deny"), key-value pairs
// ("groups=C0001:1,C0002:0", "!analytics=false!ads=false"), JSON
// ({"necessary":true,"marketing":false}, {"action":"reject"}), often
// URL-encoded. recordState reads the choice from the records a click
// wrote or changed.

// recordName: the names consent records go by.
var recordName = regexp.MustCompile(`(?i)consent|cookie|gdpr|cmp|privacy|optanon|tcf|choice|notice|banner|agree|accept|tracking|preference|opt-?in|cc_|klaro|didomi|cookiebot|usercentrics|borlabs|cmplz|tarteaucitron|axeptio|gravito|` +
	// The same words in the languages of the text fallback: consent,
	// cookie, privacy law.
	`zgod|ciasteczk|samtyck|samtykk|kakor|kakval|einwillig|zustimm|toestemming|suostum|evaste|souhlas|consens|rgpd|dsgvo|privacidad`)

// The words of a choice, as records write them.
var (
	wordYes = map[string]bool{"true": true, "1": true, "yes": true, "y": true, "on": true, "allow": true, "allowed": true, "accept": true,
		"accepted": true, "acceptall": true, "accept_all": true, "agree": true, "agreed": true, "granted": true, "all": true, "opt-in": true, "optin": true, "enabled": true,
		// The same in the languages of the text fallback.
		"accepte": true, "accepté": true, "acceptee": true, "acceptée": true, "oui": true, "tout": true, "akzeptiert": true, "zugestimmt": true, "ja": true, "alle": true,
		"aceptado": true, "aceptada": true, "acepto": true, "si": true, "sí": true, "todo": true, "todas": true, "accettato": true, "accettati": true, "accetto": true, "tutti": true,
		"geaccepteerd": true, "akkoord": true, "aceito": true, "aceite": true, "sim": true, "tak": true, "zaakceptowano": true, "godkänd": true, "accepterad": true, "accepteret": true, "hyväksytty": true, "kyllä": true}
	wordNo = map[string]bool{"false": true, "0": true, "no": true, "n": true, "off": true, "deny": true, "denied": true, "reject": true,
		"rejected": true, "rejectall": true, "reject_all": true, "decline": true, "declined": true, "refuse": true, "refused": true,
		"revoked": true, "disagree": true, "opt-out": true, "optout": true, "disabled": true, "necessary": true, "essential": true,
		"refusé": true, "refusee": true, "refusée": true, "non": true, "abgelehnt": true, "nein": true, "rechazado": true, "rechazada": true,
		"rifiutato": true, "rifiutati": true, "geweigerd": true, "afgewezen": true, "nee": true, "recusado": true, "nao": true, "não": true, "nie": true,
		"odrzucono": true, "nej": true, "avvisad": true, "afvist": true, "hylätty": true, "ei": true}
)

// The names of the necessary purposes (always on), also shortened ("ess",
// "nec", "req") or with a "cookies" suffix, in the fallback's languages.
const necessaryNames = `(nec|necessary|ess|essentials?|req|required|strict|strictly[-_ ]?necessary|technical|` +
	`niezbedne|niezbędne|notwendig[e]?|erforderlich[e]?|necessaires?|nécessaires?|necesari[ao]s?|necessari[eo]?|noodzakelijk[e]?|nodvandiga|nödvändiga|nodvendige?|nødvendige?|valttamattomat|välttämättömät|nezbytne|nezbytné|technisch[e]?|tecnic[ao]s?|técnic[ao]s?|tecnici)([-_ ]?(cookies?|storage))?`

// recordNecessary: a necessary purpose's name.
var recordNecessary = regexp.MustCompile(`(?i)^` + necessaryNames + `$`)

// Keys that do not hold an optional purpose's choice: the necessary
// purposes, and bookkeeping.
var recordKeySkip = regexp.MustCompile(`(?i)^(c0001|` + necessaryNames + `|functional[-_]?required|gpc|isgpcenabled|dnt|ver|version|v|count|interactioncount|date|datestamp|timestamp|time|ts|expires?|id|uuid|consentid|consent[-_]?id|region|geolocation|lang|locale|hosts|genvendors|landingpath|browsergpcflag|iabcontext|utc|stamp|method|implicit|ismobile|userid|user|domain|path)$`)

// Keys of a list of the purposes granted.
var recordKeyList = regexp.MustCompile(`(?i)categor|kategor|purpose|zweck|consents|enabled|granted|allowed|accepted`)

// Keys whose value is the choice itself ("action": "reject").
var recordKeyChoice = regexp.MustCompile(`(?i)^(action|status|choice|consent|decision|state|value|type|mode|level)$`)

// recordState reads the choice from the consent records the click wrote
// or changed: "accepted" when every optional purpose is on, "rejected"
// when every one is off, "partial" when they differ; "" when no record
// says.
func recordState(before, after map[string]string) string {
	var on, off int
	for _, v := range changedRecords(before, after, false) {
		y, n := readRecord(v)
		on, off = on+y, off+n
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

// recordMarker: records that say a choice was made or a banner seen, not
// which choice ("cookies_preferences_set=true", "cookie_notice_seen=1"):
// their "true" is no purpose allowed.
var recordMarker = regexp.MustCompile(`(?i)[-_.](set|seen|shown|dismissed|displayed|interacted|closed|viewed)$`)

// changedRecords returns the values of the consent records (by their
// names) that a click wrote or changed; markers too when markers is true.
func changedRecords(before, after map[string]string, markers bool) []string {
	var out []string
	for k, v := range after {
		if old, ok := before[k]; ok && old == v {
			continue
		}
		name := k[strings.LastIndexByte(k, '|')+1:]
		if _, n, ok := strings.Cut(name, ":"); ok {
			name = n
		}
		if recordName.MatchString(name) && (markers || !recordMarker.MatchString(name)) {
			out = append(out, v)
		}
	}
	return out
}

// readRecord counts the optional purposes a record says are on and off.
func readRecord(v string) (on, off int) {
	for range 3 {
		dec, err := url.QueryUnescape(v)
		if err != nil || dec == v {
			break
		}
		v = dec
	}
	v = strings.TrimSpace(v)
	var doc any
	if strings.HasPrefix(v, "{") && json.Unmarshal([]byte(v), &doc) == nil {
		walkRecord("", doc, &on, &off, 0)
		return on, off
	}
	pairs := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("&,;|!", r) })
	found := false
	for _, p := range pairs {
		k, val, ok := cutAny(p, ":=")
		if !ok {
			continue
		}
		found = true
		countChoice(k, val, &on, &off)
	}
	if !found {
		countChoice("value", v, &on, &off)
		if on+off == 0 {
			grantedList(strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(".|,;&! ", r) }), &on, &off)
		}
	}
	return on, off
}

func cutAny(s, seps string) (before, after string, ok bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

func walkRecord(key string, v any, on, off *int, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			walkRecord(k, val, on, off, depth+1)
		}
	case []any:
		// A list of granted purposes: empty, or the necessary ones alone,
		// under a purposes key, is a refusal.
		if recordKeyList.MatchString(key) {
			if len(x) == 0 {
				*off++
				return
			}
			var items []string
			for _, it := range x {
				if s, ok := it.(string); ok {
					items = append(items, s)
				}
			}
			grantedList(items, on, off)
		}
	case bool:
		countChoice(key, map[bool]string{true: "true", false: "false"}[x], on, off)
	case float64:
		if x == 0 || x == 1 {
			countChoice(key, map[float64]string{0: "0", 1: "1"}[x], on, off)
		}
	case string:
		countChoice(key, x, on, off)
	}
}

// countChoice counts one key's value when it is a choice word.
func countChoice(key, val string, on, off *int) {
	key = strings.TrimSpace(key)
	val = strings.ToLower(strings.Trim(strings.TrimSpace(val), `"'`))
	if recordKeySkip.MatchString(key) {
		return
	}
	if wordNo[val] && !(val == "necessary" || val == "essential") || (val == "necessary" || val == "essential") && recordKeyChoice.MatchString(key) {
		*off++
		return
	}
	if wordYes[val] {
		*on++
	}
}

// recordPurpose: the names of optional purposes, as records list the ones
// granted ("necessary|statistics|marketing", "v2.necessary.analytics").
var recordPurpose = regexp.MustCompile(`(?i)^(analytics?|analytical|statistics?|statistik|statistiques?|statistiche|estadisticas?|performance|functional|functionality|preferences?|personali[sz]ation|personnalisation|marketing|marketingowe|advertising|advertisement|ads|targeting|social|media|tracking|analityczne|werbung|publicite|publicidad|pubblicita|reklama|marknadsforing|comfort|komfort)$`)

// grantedList reads a list of the purposes granted: the necessary ones
// alone is a refusal, an optional one among them something allowed. Other
// items (a version, a date) say nothing; a list that names no purpose at
// all is not such a list.
func grantedList(items []string, on, off *int) {
	necessary, optional := 0, 0
	for _, it := range items {
		it = strings.TrimSpace(it)
		switch {
		case recordPurpose.MatchString(it):
			optional++
		case recordNecessary.MatchString(it):
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
