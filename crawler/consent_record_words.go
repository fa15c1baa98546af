package crawler

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The words of consent records: the names records go by, the words of a
// choice, and the names of purposes and of bookkeeping keys (see
// consent_record.go).
//
// The words of a language are lists of consent_words.json, beside its
// button labels:
//   - recordNames: what the names of consent records hold ("consent",
//     "zgod", "samtyck"), regular-expression fragments found anywhere in
//     a name;
//   - recordYes, recordNo: the words of a choice as records write them
//     ("true", "oui", "nein"), whole values in lower case;
//   - recordNecessary: the names of the necessary purposes (always on),
//     also shortened ("ess", "nec", "req"), called mandatory or technical;
//     Dutch sites call them functional ("functionele cookies", the name
//     Dutch law gives the cookies that need no consent), and so do
//     English records of the WordPress Consent API, Complianz and Enzuzo,
//     whose "functional" purpose is always on;
//   - recordPurposes: the names of optional purposes, as records list the
//     ones granted ("necessary|statistics|marketing", {"analiticos":
//     false}).
//   - recordAll: the words for "all", as a list of the purposes granted
//     writes every purpose ("v2.all.1733212800"), whole items in lower
//     case.
//
// Fragments of recordNecessary and recordPurposes match a whole key or
// word; a stem followed by \p{L}* takes any ending ("butin\p{L}*":
// Lithuanian "butini", "butinieji"). A language without a list reads
// records by the others' words.
//
// They are read on first use (see vocab), not when the program starts: a
// command that reads no consent record does not pay for them.
var vocab = sync.OnceValue(func() *recordVocab {
	words := unionRecordWords(wordsJSON)
	// necessaryNames: a necessary purpose's name, alone or with a
	// "cookies" or "storage" suffix.
	necessaryNames := `(` + strings.Join(words["recordNecessary"], "|") + `)([-_ ]?(cookies?|storage))?`
	return &recordVocab{
		name:      regexp.MustCompile(`(?i)` + recordPlatformNames + `|` + strings.Join(words["recordNames"], "|")),
		yes:       wordSet(words["recordYes"]),
		no:        wordSet(words["recordNo"]),
		all:       wordSet(words["recordAll"]),
		necessary: regexp.MustCompile(`(?i)^` + necessaryNames + `$`),
		keySkip:   regexp.MustCompile(`(?i)^(c0001|` + necessaryNames + `|` + recordBookkeeping + `)$`),
		purpose:   regexp.MustCompile(`(?i)^(` + strings.Join(words["recordPurposes"], "|") + `)$`),
	}
})

// recordVocab is what reads consent records, in every language.
type recordVocab struct {
	name      *regexp.Regexp  // the names consent records go by
	yes, no   map[string]bool // the words of a choice, as records write them
	all       map[string]bool // the words for "all" purposes
	necessary *regexp.Regexp  // a necessary purpose's name
	// keySkip: keys that do not hold an optional purpose's choice: the
	// necessary purposes, bookkeeping, and the flags that say a choice
	// was made ("consented": true).
	keySkip *regexp.Regexp
	purpose *regexp.Regexp // the names of optional purposes
}

// recordPlatformNames are names of consent records that are no word of a
// language: platforms' and standards' own ("optanon", "tcf", "cc_").
const recordPlatformNames = `cmp|optanon|tcf|cc_|klaro|didomi|cookiebot|usercentrics|borlabs|cmplz|tarteaucitron|axeptio|gravito|orejime|_pprv`

// recordVersions: the words for a record's version.
const recordVersions = `[a-z]*version|ver|v\d*|versio|versie|wersja|verze|verzia|verzija|versione|versao|rev|revision`

// recordStamps: a record's version, date, identifier or count, or when
// it was written ("lastModified", "updated"), the keys that hold no
// choice and say nothing of one.
const recordStamps = recordVersions + `|date|datestamp|timestamp|time|ts|expires?|id|uuid|count|counter|(last[-_]?)?(modified|updated|changed|saved)([-_]?(at|on|date|time))?|created([-_]?(at|on))?`

// recordBookkeeping: keys of a record that hold no choice of a purpose:
// its stamps, its context, and the flags that say a choice was made
// ("userActionTaken", as Norway's welfare portal writes beside its
// purposes).
const recordBookkeeping = recordStamps + `|functional[-_]?required|gpc|isgpcenabled|dnt|interactioncount|iteration|consentid|consent[-_]?id|region|geolocation|lang|locale|hosts|genvendors|landingpath|browsergpcflag|iabcontext|utc|stamp|method|implicit|ismobile|is[-_]?eu|is[-_]?gdpr|is[-_]?anon[-_]?user|is[-_]?iab[-_]?global|awaiting[-_]?reconsent|rfc[-_]?cookie|int[-_]?type|gdpr[-_]?applies|userid|user|domain|path|identifier|build|seq|sequence|index|` +
	`ok|defined|is[-_]?set|chosen|decided|consented|has[-_]?consented|has[-_]?accepted|(user[-_]?)?has[-_]?(set|made|saved|given)[-_]?(cookies?|choices?|preferences|consent)|opted|opted[-_]?in|answered|interacted([-_]?with)?|(user[-_]?)?action[-_]?taken|(user[-_]?)?responded|has[-_]?responded|ack|acknowledged|dismissed|closed|viewed|seen|shown|displayed|consent[-_]?sent|(preferences|choices?|settings)[-_]?(selected|set|saved|made)|save|saved|submit|submitted|speichern|security[-_]storage|functionality[-_]storage`

// recordListName: a record's name that ends with a word for the purposes
// it lists ("cookieControlPrefs", "consent_categories").
var recordListName = regexp.MustCompile(`(?i)(prefs|preferences|categories|purposes|consents|choices|groups|levels)$`)

// Keys of a list of the purposes granted.
var recordKeyList = regexp.MustCompile(`(?i)categor|kategor|purpose|zweck|consents|^consent$|enabled|granted|allowed|^allow$|accepted|^choices$|^groups$`)

// recordKeyOffered: a key of the purposes a banner offers, beside those
// granted ({"consents": ["necessary"], "availableConsents": ["necessary",
// "statistical", "marketing"]}, as CookieTractor writes): no choice.
var recordKeyOffered = regexp.MustCompile(`(?i)^(available|possible|offered|supported|known)[-_]?(consents?|categor\w*|purposes?|groups?|choices|options|cookies)$`)

// Keys that name a purpose switched off ({"disableIBA": false}, interest-based
// ads not disabled): their yes is a no, and their no a yes.
var recordKeyDisable = regexp.MustCompile(`(?i)^disabled?[-_]?[a-z0-9]`)

// recordKeyDoNotTrack is a record's name, or the last part of one, that
// holds a do-not-track flag ("dw_dnt", Pepper's "dont-track"): 1 refuses,
// 0 allows. See doNotTrack.
var recordKeyDoNotTrack = regexp.MustCompile(`(?i)^(dnt|do[-_]?not[-_]?track|dont[-_]?track)$`)

// doNotTrack reports whether a record's name holds a do-not-track flag:
// its last part ("dw_dnt") or the whole name ("dont-track", whose last
// part alone is "track").
func doNotTrack(name string) bool {
	return recordKeyDoNotTrack.MatchString(recordSuffix(name)) || recordKeyDoNotTrack.MatchString(name)
}

// recordKeyOptOut is a record's name (its last part) for an opt-out flag
// ("tracking_optout", a Plone site's "cookieoptout"): as a do-not-track
// flag, yes or 1 opts out and no or 0 opts in, unlike a record named for
// a refusal, whose no says nothing.
var recordKeyOptOut = regexp.MustCompile(`(?i)^(` + optOutWords + `)$`)

// optOutWords are the names of an opt-out, joined or not to what it opts
// out of: a refusal key as well (see recordKeyRefusal).
const optOutWords = `(cookies?|tracking)?opt[-_]?out|opted[-_]?out`

// Keys that name the refusal ({"reject": "true"}): a yes there is a no.
// An opt-out may be joined to what it opts out of (a Plone site's
// "cookieoptout=yes").
var recordKeyRefusal = regexp.MustCompile(`(?i)^(reject|rejected|rejectall|reject[-_]all|deny|denied|denyall|deny[-_]all|decline|declined|refuse|refused|` + optOutWords + `|disagree|disagreed)$`)

// recordOptOutFlags: a record named for opting out that holds a flag per
// purpose, 1 for each purpose opted out of (Tealium's privacy manager
// writes "OPTOUTMULTI=0:0|c2:1|c9:1", its key 0 opting out of all): see
// optOutFlags.
var recordOptOutFlags = regexp.MustCompile(`(?i)^opt[-_]?out[-_]?(multi|multiple|categories|cats|purposes|groups)$`)

// recordKeyObjection: the last word of a record that lists the purposes
// objected to (Stellantis's "_psac_gdpr_consent_purposes_opposition=
// [cat_ana][cat_com]"): any item listed is a purpose refused.
var recordKeyObjection = regexp.MustCompile(`(?i)^(opposition|oppositions|objection|objections|objected|widerspruch|widerspruche)$`)

// recordLevelKey names a key whose number is a position on a scale of
// consent levels ({"consentLevel":1} of "basic | personal | complete"),
// not a flag: 1 is the lowest level there, not "yes".
var recordLevelKey = regexp.MustCompile(`(?i)(level|niveau|stufe|nivel|livello|poziom|uroven|taso|niva)$`)

// Keys whose value is the choice itself ("action": "reject").
var recordKeyChoice = regexp.MustCompile(`(?i)^(action|status|choice|consent|decision|state|value|type|mode|level|valinta|keuze|auswahl|choix|scelta|eleccion|escolha|wybor|volba|valg)$`)

// recordEntryName: a key whose value names the purpose an entry of a
// record stands for ("name", "consentTypeName", "category", "slug").
var recordEntryName = regexp.MustCompile(`(?i)(name|type|category|categorie|kategorie|purpose|slug|key)$|^id$`)

// recordKeyID: a key that holds an identifier ("channelId",
// "consent_type_id"), whose 0 or 1 is no choice.
var recordKeyID = regexp.MustCompile(`(?:[a-z]Id|[-_.](?:id|ID))$`)

// recordKeyDated: a key one of whose words says it holds a date or a time
// ("dateOfConsent", "consent_date", "lastSaveTime"), whose 1 is a stamp
// (as a placeholder writes it), no choice.
var recordKeyDated = regexp.MustCompile(`(?:^|[-_.])(?i:date|time|timestamp|datetime)(?:[-_.A-Z]|$)|[a-z](?:Date|Time|Timestamp|Datetime)(?:[A-Z]|$)`)

// recordWordLists are the lists of consent_words.json that read consent
// records rather than labels.
var recordWordLists = []string{"recordNames", "recordYes", "recordNo", "recordNecessary", "recordPurposes", "recordAll"}

// unionRecordWords returns, for each of recordWordLists, its entries in
// every language of consent_words.json, sorted and without repeats.
func unionRecordWords(b []byte) map[string][]string {
	var doc struct {
		Languages map[string]map[string][]string `json:"languages"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		panic("crawler: consent_words.json: " + err.Error())
	}
	out := map[string][]string{}
	for _, lists := range doc.Languages {
		for _, name := range recordWordLists {
			out[name] = append(out[name], lists[name]...)
		}
	}
	for name, words := range out {
		slices.Sort(words)
		out[name] = slices.Compact(words)
	}
	return out
}

func wordSet(words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}
