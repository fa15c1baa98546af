package policy

// The shapes of cookie names: what marks a word as a name, and the words
// shaped like names that are something else (web terms, hosts, files,
// numbers, versions).

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
)

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
		!urlPath.MatchString(t) && !arrayType.MatchString(t)
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
	if slashedWords.MatchString(t) {
		return false
	}
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

// slashedWords are words of prose joined by slashes, each a capital and
// letters: services or companies side by side ("Behold/Instagram",
// "Botyio/WhatsApp"), not a name, whatever capitals they hold.
var slashedWords = regexp.MustCompile(`^\p{Lu}\p{L}*\p{Ll}(?:/\p{Lu}\p{L}*\p{Ll})+$`)

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

// capitalNames reports whether two or more words are each a name in
// capitals and digits, of three characters or more.
func capitalNames(ws []string) bool {
	for _, w := range ws {
		if len(w) < 3 || !strings.ContainsFunc(w, unicode.IsUpper) ||
			strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsUpper(r) && !unicode.IsDigit(r) }) {
			return false
		}
	}
	return len(ws) >= 2
}

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
// not cookie names; among them the signals of Google's Consent Mode
// ("ad_storage: denied"), which a page lists beside its cookies but which
// are the names of consent states, never of cookies; and the targets of
// links ("window=_blank" of an AsciiDoc link).
var webTerms = setOf(storageWords + ` set-cookie samesite httponly max-age
	e-mail opt-out opt-in cross-site third-party first-party wi-fi add-on add-ons plug-in plug-ins
	pop-up pop-ups log-in sign-in e.g i.e etc n/a gdpr ccpa lgpd eu uk usa cookie cookies web-beacons
	x-frame-options user-agent cookie-banner flash 2-digit
	ad_storage analytics_storage ad_user_data ad_personalization functionality_storage personalization_storage security_storage
	_blank _self _parent _top`)

var (
	hostShape    = regexp.MustCompile(`^\.?([a-z0-9-]+\.)+[a-z]{2,}$`)
	fileShape    = regexp.MustCompile(`(?i)\.(js|mjs|cjs|jsx|ts|tsx|vue|svelte|css|php|html?|md|mdx|txt|json|ya?ml|csv|xml|png|jpe?g|gif|webp|ico|svg|pdf|aspx?)$`)
	numberShape  = regexp.MustCompile(`^[~≈±+]?[0-9][0-9.,:/%-]*\p{Ll}{0,4}$`)
	versionShape = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)+$|^v[0-9]{1,2}$`)
)

// notAName reports whether a name-shaped word of prose is something else:
// a web term, a host, a URL, an e-mail address, a file, a number, a
// duration or a version.
func notAName(t string) bool {
	lt := strings.ToLower(t)
	return webTerm(t) || strings.Contains(t, "://") || strings.HasPrefix(lt, "www.") || strings.Contains(t, "@") ||
		hostName(t) || fileShape.MatchString(t) || footnoted.MatchString(t) || numberShape.MatchString(lt) || versionShape.MatchString(lt) ||
		cookieCompound.MatchString(t) || placeholderOnly.MatchString(t) || urlPath.MatchString(t) || initials.MatchString(t) ||
		negatedWord.MatchString(t) || regionPair.MatchString(t) || legalForm.MatchString(t) || articleSuffix.MatchString(t) ||
		hexColor.MatchString(t) || colorClass.MatchString(t) || questionWord.MatchString(t) || numberedWord.MatchString(t) || letterCompound.MatchString(t) || tagID.MatchString(t) || cjkDuration.MatchString(t)
}

var (
	// cjkDuration is a number of days, weeks, months or years in
	// Japanese, Chinese or Korean ("30日", "13か月", "6个月", "2년"), or a
	// date so written.
	cjkDuration = regexp.MustCompile(`^[0-9]+(日|日間|年|年間|か月|ヶ月|カ月|ケ月|か月間|ヶ月間|週|週間|時間|分|秒|天|个月|個月|周|小时|小時|일|년|개월|주|시간|분|초)$` +
		// A date ("2026年7月22日", "2026년7월").
		`|^[0-9]{2,4}(年|년)[0-9]{1,2}(月|월)([0-9]{1,2}(日|일))?$`)
	// hexColor is a colour as style and code write it ("#2F5BFF", "#fff").
	hexColor = regexp.MustCompile(`^#([0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$`)
	// questionWord is a word of prose that asks ("4Vragen?", a heading's
	// number run into its word): no name ends in a question mark after
	// letters.
	questionWord = regexp.MustCompile(`\p{L}{2}\?$`)
	// numberedWord is a heading's number run into its first word
	// ("<span>8</span>İletişim" read as "8İletişim"): a capitalised word of
	// four letters or more after one or two digits.
	numberedWord = regexp.MustCompile(`^[0-9]{1,2}\p{Lu}\p{Ll}{3,}$`)
	// colorClass is a style framework's class of a colour ("text-blue-400",
	// "bg-emerald-50", "border-gray-200/50"), as a page's data keeps a
	// section's colour beside its cookies.
	colorClass = regexp.MustCompile(`^(text|bg|border|from|via|to|ring|fill|stroke|shadow|divide|outline|decoration|accent|caret|placeholder)-(slate|gray|grey|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose|white|black|primary|secondary)(-\d{2,3})?(/\d{1,3})?$`)
	// regionPair joins the abbreviations of regions of the world, as the
	// frameworks for moving data between them are named ("EU-US Data
	// Privacy Framework", "UE-USA").
	regionPair = regexp.MustCompile(`^(EU|EEA|EWR|EER|UE|EEE|US|USA|UK|CH)(-(EU|EEA|EWR|EER|UE|EEE|US|USA|UK|CH))+$`)
	// legalForm is a company's legal form or tax number's label, as a
	// page's imprint writes it ("Acrisure S.r.l.", "P.IVA: 123…",
	// "s.r.o.").
	legalForm = regexp.MustCompile(`(?i)^(s\.r\.l|s\.p\.a|s\.a\.s|s\.n\.c|s\.a\.r\.l|s\.a|s\.l|s\.r\.o|sp\.z\.o\.o|b\.v|n\.v|e\.v|p\.iva|c\.f|c\.i\.f|n\.i\.f)\.?$`)
	// tagID is a tag's or a property's identifier at Google (GA4 "G-…",
	// Universal Analytics "UA-…-…", Tag Manager "GTM-…", Ads "AW-…"),
	// which a page gives beside the service: no cookie's name.
	tagID = regexp.MustCompile(`^(G-[A-Z0-9]{6,12}|UA-\d{4,10}-\d{1,4}|GTM-[A-Z0-9]{4,9}|AW-\d{6,12}|DC-\d{6,10})$`)
	// arrayType is a TypeScript type of an array ("CookieInfo[]"), as a
	// module's declarations write it.
	arrayType = regexp.MustCompile(`^\p{Lu}[\p{L}\d]*\[\]$`)
	// letterCompound is a word made of a capital letter, a hyphen and a
	// word ("E-mailadres", "E-Mail", "T-shirt"), as prose writes them.
	letterCompound = regexp.MustCompile(`^\p{Lu}-\p{L}\p{Ll}{2,}$`)
	// articleSuffix is a Romanian noun with its article joined by a
	// hyphen, as borrowed words take it ("site-ului", "cookie-urile").
	articleSuffix = regexp.MustCompile(`^\p{Ll}+-(ul|ului|uri|urile|urilor|ul-ui)$`)
	// initials are capitals each followed by a dot, as a company's form or
	// a country is written ("S.L.U", "U.S.").
	initials = regexp.MustCompile(`^(\p{Lu}\.)+\p{Lu}?$`)
	// negatedWord is an adjective of prose made with "non-"
	// ("non-essential functionalities").
	negatedWord = regexp.MustCompile(`^[Nn]on-\p{Ll}+$`)
	// footnoted is a plain word with a footnote's mark ("them[1]"), which
	// a page copied with its footnotes writes.
	footnoted = regexp.MustCompile(`^\p{Ll}+\[\d{1,2}\]$`)
	// cookieCompound is a word made of "cookie" and another word, which
	// names a kind of cookie ("Consent-cookie", "sessie-/beveiligingscookies",
	// "Ads-conversiecookies", "GA4-cookies", Finnish "Funktioevästeet",
	// Swedish "Funktionskakor"), not one cookie.
	cookieCompound = regexp.MustCompile(`^\p{Lu}[\p{L}\d]*-.*[cC]ookies?$|^\p{Lu}\p{Ll}+(cookies|evästeet|kakor)$|-/`)
	// placeholderOnly is a placeholder with no name around it: a template's
	// expression ("{CONSENT_COOKIE}"), "<name>", or a name blacked out
	// with x's ("xxxx", "XXXX").
	placeholderOnly = regexp.MustCompile(`^(\{[^}]*\}|<[^>]*>|\[[^\]]*\]|x{3,}|X{3,})$`)
	// urlPath is the path of a page ("/pages/cookies/"), not a regular
	// expression between slashes, or an address with its scheme or
	// without ("https://example.com/cookies", "support.example.com/help/cookies").
	urlPath = regexp.MustCompile(`^/[\w\-./]*$|^([a-z0-9-]+\.)+[a-z]{2,}/|^(?i:https?|ftp)://`)
)

// hostName reports whether a word is a host name ("*.example.org" too):
// labels joined by dots, the last a top-level domain. A last label of two
// or three letters that is none ("mmcore.pd", "mmpa.tst") ends a cookie's
// name, as does one in camel case ("et-cloud.viewMode"); a longer one is
// taken for a domain when the public suffix list has it among the
// newer ones (".online", ".berlin") or it is kept for examples and local
// networks (".example", ".local"), and ends a name otherwise
// ("krafitt.locale", "site.theme").
func hostName(t string) bool {
	lt := strings.TrimLeft(strings.TrimPrefix(strings.ToLower(t), "*."), "-")
	if !hostShape.MatchString(lt) {
		return false
	}
	last := t[strings.LastIndexByte(t, '.')+1:]
	if camelCase(last) {
		return false
	}
	if len(last) <= 3 {
		return topLevelDomains[strings.ToLower(last)]
	}
	_, icann := publicsuffix.PublicSuffix(lt)
	return icann || specialDomains[strings.ToLower(last)]
}

// specialDomains are the top-level names kept for examples, tests and
// local networks ("shop.example", "intranet.local"), which the public
// suffix list does not hold.
var specialDomains = setOf(`example test localhost invalid local internal onion home lan corp intranet`)

// ownHost reports whether a note beside a word names the word's own host:
// "Calendly (calendly.com)", "Vimeo (player.vimeo.com)" name a service by
// its host, not a cookie.
func ownHost(word string, notes []string) bool {
	w := strings.ToLower(word)
	for _, note := range notes {
		for _, t := range strings.FieldsFunc(note, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
			if !hostName(t) {
				continue
			}
			labels := strings.Split(strings.ToLower(t), ".")
			if slices.Contains(labels[:len(labels)-1], w) {
				return true
			}
		}
	}
	return false
}

// topLevelDomains are the countries' domains and the generic ones of two
// or three letters in common use.
var topLevelDomains = setOf(`ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br
	bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj
	fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it
	je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq
	mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro
	rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw
	tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
	com net org edu gov mil int biz pro app dev xyz top icu vip art fun bio eco eus gal cat ltd llc law med new one pub
	red run shop ski spa tax tel win zip moe ink kim men pet nyc uno ngo ong onl ooo`)

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

// lowerCamel reports whether a word is an identifier in lower camel case
// ("cookiesAccepted", "instantLogin"): three lower-case letters or more,
// then a capital. Brands are written otherwise ("HubSpot", "eBay").
func lowerCamel(t string) bool {
	lower := 0
	for _, r := range t {
		switch {
		case unicode.IsLower(r):
			lower++
		case unicode.IsUpper(r):
			return lower >= 3
		default:
			return false
		}
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

// textKeySuffix ends the key of a translated text about a cookie
// ("_ga_description", "_gid_expiry").
var textKeySuffix = regexp.MustCompile(`(?i)_(description|desc|purpose|expiry|expiration|duration|lifetime)$`)

// textKey reports whether a word is the key of a translated text about a
// cookie, and returns what the key starts with.
func textKey(w string) (string, bool) {
	loc := textKeySuffix.FindStringIndex(w)
	if loc == nil {
		return "", false
	}
	return w[:loc[0]], true
}

// nameParts are words that, joined by one hyphen to another, make a
// cookie's name rather than a compound of prose ("cookie-consent",
// "session-id"; not "e-commerce" or "follow-up").
var nameParts = setOf(`cookie cookies consent session sess token csrf xsrf id uid sid lang pref prefs
	accepted notice banner gdpr policy tracking visitor`)

// hyphenedName reports whether a word is a name made of lower-case words
// joined by hyphens: three or more words ("cookie-notice-accepted"), or two
// of which one is a word of names ("cookie-consent").
func hyphenedName(t string) bool {
	parts := strings.Split(t, "-")
	if len(parts) < 2 {
		return false
	}
	named := false
	for _, p := range parts {
		if p == "" || strings.TrimFunc(p, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }) != "" {
			return false
		}
		named = named || nameParts[p]
	}
	return len(parts) >= 3 || named
}
