package crawler

import "regexp"

// The words of consent records: the names records go by, the words of a
// choice, and the names of purposes and of bookkeeping keys (see
// consent_record.go).

// recordName: the names consent records go by.
var recordName = regexp.MustCompile(`(?i)consent|cookie|gdpr|cmp|privacy|polic(?:y|ies)|optanon|tcf|choice|notice|banner|agree|accept|tracking|preference|opt-?in|cc_|klaro|didomi|cookiebot|usercentrics|borlabs|cmplz|tarteaucitron|axeptio|gravito|` +
	// The same words in the languages of the text fallback: consent,
	// cookie, privacy law.
	`zgod|ciasteczk|samtyck|samtykk|kakor|kakval|einwillig|zustimm|toestemming|suostum|evaste|souhlas|suhlas|consens|consimtam|hozzajarul|cerez|rgpd|dsgvo|lgpd|kvkk|privacidad`)

// The words of a choice, as records write them.
var (
	wordYes = map[string]bool{"true": true, "1": true, "yes": true, "y": true, "on": true, "allow": true, "allowed": true, "accept": true,
		"accepted": true, "acceptall": true, "accept_all": true, "agree": true, "agreed": true, "granted": true, "all": true, "opt-in": true, "optin": true, "enabled": true,
		// The same in the languages of the text fallback.
		"accepte": true, "accepté": true, "acceptee": true, "acceptée": true, "oui": true, "tout": true, "akzeptiert": true, "zugestimmt": true, "ja": true, "alle": true, "alles": true, "alla": true, "tous": true, "todos": true, "tutto": true,
		"aceptado": true, "aceptada": true, "acepto": true, "si": true, "sí": true, "todo": true, "todas": true, "accettato": true, "accettati": true, "accetto": true, "tutti": true,
		"geaccepteerd": true, "akkoord": true, "aceito": true, "aceite": true, "sim": true, "tak": true, "zaakceptowano": true, "godkänd": true, "accepterad": true, "accepteret": true, "hyväksytty": true, "kyllä": true,
		"ano": true, "prijato": true, "přijato": true, "prijate": true, "prijaté": true, "acceptat": true, "igen": true, "elfogadva": true, "evet": true, "kabul": true}
	wordNo = map[string]bool{"false": true, "0": true, "no": true, "n": true, "off": true, "deny": true, "denied": true, "reject": true,
		"rejected": true, "rejectall": true, "reject_all": true, "decline": true, "declined": true, "refuse": true, "refused": true,
		"revoked": true, "none": true, "disallowed": true, "disagree": true, "opt-out": true, "optout": true, "disabled": true, "necessary": true, "essential": true,
		"refusé": true, "refusee": true, "refusée": true, "non": true, "abgelehnt": true, "nein": true, "rechazado": true, "rechazada": true,
		"rifiutato": true, "rifiutati": true, "geweigerd": true, "afgewezen": true, "nee": true, "recusado": true, "nao": true, "não": true, "nie": true,
		"odrzucono": true, "nej": true, "nei": true, "avvisad": true, "afvist": true, "hylätty": true, "ei": true,
		"odmitnuto": true, "odmítnuto": true, "odmietnute": true, "odmietnuté": true, "refuzat": true, "respins": true, "nem": true, "elutasitva": true, "elutasítva": true, "hayir": true, "hayır": true, "reddedildi": true}
)

// The names of the necessary purposes (always on), also shortened ("ess",
// "nec", "req"), called mandatory, or with a "cookies" suffix, in the
// fallback's languages. Dutch sites call them functional ("functionele
// cookies", the name Dutch law gives the cookies that need no consent).
const necessaryNames = `(nec|necessary|ess|essentials?|req|required|mandatory|obligatory|strict|strictly[-_ ]?necessary|technical|technically[-_ ]?(?:required|necessary)|` +
	`obligatoires?|obligatorisch[e]?|verpflichtend[e]?|obligatori[ao]s?|obbligatori[eo]?|verplicht[e]?|obrigatori[ao]s?|obowiazkowe|obowiązkowe|` +
	`niezbedne|niezbędne|wymagane|konieczne|notwendig[e]?|erforderlich[e]?|essenziell[e]?|necessaires?|nécessaires?|essentiels?|indispensables?|necesari[ao]s?|necess[aá]ri[aeo]s?|esenciales|essenziali|essenciais|noodzakelijk[e]?|functione(?:el|le)|nodvandiga?|nödvändiga?|nodvendige?|nødvendige?|valttamattomat|välttämättömät|valttamaton|välttämätön|nezbytne|nezbytné|nevyhnutne|nevyhnutné|nutne|nutné|necesare|esentiale|esențiale|szukseges|szükséges|elengedhetetlen|gerekli|zorunlu|aparaitita|απαραίτητα|technisch[e]?|tecnic[ao]s?|técnic[ao]s?|tecnici)([-_ ]?(cookies?|storage))?`

// recordNecessary: a necessary purpose's name.
var recordNecessary = regexp.MustCompile(`(?i)^` + necessaryNames + `$`)

// Keys that do not hold an optional purpose's choice: the necessary
// purposes, bookkeeping, and the flags that say a choice was made
// ("consented": true).
var recordKeySkip = regexp.MustCompile(`(?i)^(c0001|` + necessaryNames + `|functional[-_]?required|gpc|isgpcenabled|dnt|ver|version|v|count|interactioncount|date|datestamp|timestamp|time|ts|expires?|id|uuid|consentid|consent[-_]?id|region|geolocation|lang|locale|hosts|genvendors|landingpath|browsergpcflag|iabcontext|utc|stamp|method|implicit|ismobile|userid|user|domain|path|identifier|revision|rev|build|seq|sequence|counter|index|` +
	`consented|has[-_]?consented|opted|opted[-_]?in|answered|interacted|acknowledged|dismissed|closed|security[-_]storage|functionality[-_]storage)$`)

// Keys of a list of the purposes granted.
var recordKeyList = regexp.MustCompile(`(?i)categor|kategor|purpose|zweck|consents|enabled|granted|allowed|accepted`)

// Keys that name the refusal ({"reject": "true"}): a yes there is a no.
var recordKeyRefusal = regexp.MustCompile(`(?i)^(reject|rejected|rejectall|reject[-_]all|deny|denied|denyall|deny[-_]all|decline|declined|refuse|refused|opt[-_]?out|opted[-_]?out|disagree|disagreed)$`)

// Keys whose value is the choice itself ("action": "reject").
var recordKeyChoice = regexp.MustCompile(`(?i)^(action|status|choice|consent|decision|state|value|type|mode|level)$`)

// recordPurpose: the names of optional purposes, as records list the ones
// granted ("necessary|statistics|marketing", "v2.necessary.analytics").
var recordPurpose = regexp.MustCompile(`(?i)^(analytics?|analytical|statistics?|statistik|statistiques?|statistiche|estadisticas?|performance|functional|functionality|preferences?|personali[sz]ation|personnalisation|marketing|marketingowe|advertising|advertisement|ads|targeting|social|media|tracking|analityczne|werbung|publicidad|reklama|comfort|komfort|` +
	`marketingov[eé]|statistick[eé]|analytick[eé]|preferen[cč]n[eéií]|funk[cč]n[eéií]|` +
	// The same in the other languages of the text fallback, as sites'
	// own records name their purposes ({"analiticos": false}).
	`statistiken|statistiek(?:en)?|estat[ií]sticas?|statystyczne|statystyki|tilastot|tilasto|tilastointi|statistici|statistice|statisztika[i]?|istatistik|` +
	`anal[ií]tic[oa]s|anal[ií]tiques?|analitic[ih]e?|analytisch[e]?|analytiske|analyse|analyser|analizy|analitikai|analiz[aă]|analitik|` +
	`publicit[eé]|pubblicit[aà]|publicidade|publicitate|reclame|advertenties?|ciblage|reklam|reklame|reklamn[ií]|mainonta|markkinointi|marknadsf[oö]ring|markedsf[oø]ring|hirdet[eé]s|pazarlama|` +
	`preferencias|preferenze|pr[eé]f[eé]rences|pr[aä]ferenzen|voorkeuren|preferencje|preferin[tț]e|preferenser|pr[aæ]ferencer|preferanser|` +
	`funcionais|funcionales|funzionali|fonctionnels?|funktionale?|funkcjonalne|funktionella|funktionelle|toiminnalliset|func[tț]ionale|funkcion[aá]lis|i[sş]levsel)$`)

// recordEntryName: a key whose value names the purpose an entry of a
// record stands for ("name", "consentTypeName", "category", "slug").
var recordEntryName = regexp.MustCompile(`(?i)(name|type|category|categorie|kategorie|purpose|slug|key)$`)

// recordKeyID: a key that holds an identifier ("channelId",
// "consent_type_id"), whose 0 or 1 is no choice.
var recordKeyID = regexp.MustCompile(`(?:[a-z]Id|[-_.](?:id|ID))$`)
