package crawler

import (
	"net/url"
	"testing"
)

// TestRecordState reads choices from consent records as platforms write
// them: a record the click did not change says nothing; necessary
// purposes and bookkeeping fields do not count.
func TestRecordState(t *testing.T) {
	const u = "https://www.example.test/|"
	for _, tc := range []struct {
		name          string
		before, after map[string]string
		want          string
	}{
		{"word deny", nil, map[string]string{u + "cookie:cookieconsent_status": "deny"}, stateRejected},
		{"word allow", nil, map[string]string{u + "cookie:cookieconsent_status": "allow"}, stateAccepted},
		{"dismiss says nothing", nil, map[string]string{u + "cookie:cookieconsent_status": "dismiss"}, ""},
		{"a do-not-track flag off allows", nil, map[string]string{u + "cookie:dw_dnt": "0"}, stateAccepted},
		{"a do-not-track flag on refuses", nil, map[string]string{u + "cookie:dw_dnt": "1"}, stateRejected},
		{"a purpose's flag as a JSON string, granted", nil, map[string]string{u + "cookie:allow_analysis": "%22true%22"}, stateAccepted},
		{"a purpose's flag as a JSON string, refused", nil, map[string]string{u + "cookie:allow_analysis": "%22false%22"}, stateRejected},
		{"a count named like no flag says nothing", nil, map[string]string{u + "cookie:dnt_count": "0"}, ""},
		{"OneTrust groups rejected", nil, map[string]string{u + "cookie:OptanonConsent": "isGpcEnabled=0&datestamp=Mon+Nov+30&version=202404.1.0&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0"}, stateRejected},
		{"OneTrust groups accepted", nil, map[string]string{u + "cookie:OptanonConsent": "isGpcEnabled=0&datestamp=Mon+Nov+30&version=202404.1.0&groups=C0001%3A1%2CC0002%3A1%2CC0004%3A1"}, stateAccepted},
		{"JSON categories", nil, map[string]string{u + "cookie:cookiefirst-consent": `{"necessary":true,"performance":false,"functional":false,"advertising":false}`}, stateRejected},
		{"JSON all on", nil, map[string]string{u + "localStorage:klaro": `{"necessary":true,"analytics":true,"ads":true}`}, stateAccepted},
		{"JSON mixed", nil, map[string]string{u + "cookie:cc_cookie": `{"analytics":true,"ads":false}`}, statePartial},
		{"action reject", nil, map[string]string{u + "cookie:CookieScriptConsent": `{"action":"reject","categories":"[]","key":"a1b2"}`}, stateRejected},
		{"a record named for a refusal", nil, map[string]string{u + "cookie:ctc_rejected": "1"}, stateRejected},
		{"a consent record named for a refusal", nil, map[string]string{u + "cookie:cookies_rejected": "true"}, stateRejected},
		{"a refusal record's no says nothing", nil, map[string]string{u + "cookie:ctc_rejected": "0"}, ""},
		{"an opt-out record's no opts in", nil, map[string]string{u + "cookie:tracking_optout": "0"}, stateAccepted},
		{"an opt-out record's yes opts out", nil, map[string]string{u + "cookie:tracking_optout": "true"}, stateRejected},
		{"purposes' flags after dots, joined by hyphens, all off", nil, map[string]string{u + "cookie:site_cookies": "ana.0-rsx.0"}, stateRejected},
		{"purposes' flags after dots, joined by hyphens, mixed", nil, map[string]string{u + "cookie:site_cookies": "ana.1-rsx.0"}, statePartial},
		{"purposes' statuses after underscores, all accepted", nil, map[string]string{u + "cookie:wpgdprc-consent": "1_required%2C2_accepted%2C3_accepted"}, stateAccepted},
		{"purposes' statuses after underscores, all declined", nil, map[string]string{u + "cookie:wpgdprc-consent": "1_required%2C2_declined%2C3_declined"}, stateRejected},
		{"an empty list of choices as text", nil, map[string]string{u + "cookie:dpdpa_consent": `{"uniqueID":"a1b2","datestamp":1733400000,"choices":""}`}, stateRejected},
		{"French plural of a refusal (cookies refusés, unaccented)", nil, map[string]string{u + "cookie:site_cookies": "refuses"}, stateRejected},
		{"French plural of an acceptance", nil, map[string]string{u + "cookie:site_cookies": "acceptées"}, stateAccepted},
		{"lists granted and denied in Base64, all denied", nil, map[string]string{u + "cookie:sv-cookie-consent": ".c3RhdHMsdmlkZW8="}, stateRejected},
		{"lists granted and denied in Base64, all granted", nil, map[string]string{u + "cookie:sv-cookie-consent": "c3RhdHMsdmlkZW8%3D."}, stateAccepted},
		{"lists granted and denied in Base64, some of each", nil, map[string]string{u + "cookie:sv-cookie-consent": "c3RhdHM=.dmlkZW8="}, statePartial},
		{"two parts in Base64 that hold no lists say nothing", nil, map[string]string{u + "cookie:site-consent": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"}, ""},
		{"purposes granted in a region, the essential ones alone", nil, map[string]string{u + "cookie:site_cookies_accepted": "{%22GB%22:[%22essential%22]}"}, stateRejected},
		{"purposes granted in a region, all", nil, map[string]string{u + "cookie:site_cookies_accepted": "{%22GB%22:[%22essential%22,%22analytics%22,%22marketing%22]}"}, stateAccepted},
		{"purposes in codes, the necessary one alone", nil, map[string]string{u + "cookie:consentData": "sn"}, stateRejected},
		{"purposes in codes, more beside the necessary one", nil, map[string]string{u + "cookie:consentData": "sn,an,ma"}, stateAccepted},
		{"a necessary purpose written out beside a word says no more", nil, map[string]string{u + "cookie:site_consent": "essential,csrf"}, stateRejected},
		{"a list of purposes offered is not read as granted", nil, map[string]string{u + "cookie:site_consent": `{"available":["necessary","analytics"],"accepted":["necessary"]}`}, stateRejected},
		{"two short parts in Base64 are no lists", nil, map[string]string{u + "cookie:site-consent": "en.US"}, ""},
		{"a list of purposes refused is not read as granted", nil, map[string]string{u + "cookie:site_consent": `{"rejected":["analytics","marketing"],"v":2}`}, ""},
		{"a notice's ok", nil, map[string]string{u + "cookie:site_cookies": "ok"}, stateAccepted},
		{"pairs joined by hashes, all off", nil, map[string]string{u + "cookie:siteConsentChoices": "source#OFC|version#6|int-tran#false|ext-beh#false"}, stateRejected},
		{"pairs joined by hashes, mixed", nil, map[string]string{u + "cookie:siteConsentChoices": "source#OFC|version#6|int-tran#true|ext-beh#false"}, statePartial},
		{"an opt-out as the whole value, whatever the name", nil, map[string]string{u + "cookie:ui_cid": "OPTOUT"}, stateRejected},
		{"an opt-in as the whole value, whatever the name", nil, map[string]string{u + "cookie:ui_cid": "OPTIN"}, stateAccepted},
		{"a setting's disable", nil, map[string]string{u + "cookie:cookie_settings": "disable"}, stateRejected},
		{"a purpose's flag before words of a choice, in a key in brackets, off beside the general flag", nil, map[string]string{u + "cookie:AtomStore[COOKIES_ACCEPTED]": "1", u + "cookie:AtomStore[FUNCTIONAL_COOKIES_ACCEPTED]": "1", u + "cookie:AtomStore[MARKETING_COOKIES_ACCEPTED]": "0"}, stateRejected},
		{"a purpose's flag before words of a choice, in a key in brackets, on", nil, map[string]string{u + "cookie:AtomStore[COOKIES_ACCEPTED]": "1", u + "cookie:AtomStore[FUNCTIONAL_COOKIES_ACCEPTED]": "1", u + "cookie:AtomStore[MARKETING_COOKIES_ACCEPTED]": "1"}, stateAccepted},
		{"a consent level named basic", nil, map[string]string{u + "cookie:cookie.setting": "basic"}, stateRejected},
		{"a consent level named basis (Dutch)", nil, map[string]string{u + "cookie:cookieConsent": "basis"}, stateRejected},
		{"a list of the purposes granted that holds the base one alone", nil, map[string]string{u + "cookie:gdpr2": "base"}, stateRejected},
		{"services each marked off by a minus", nil, map[string]string{u + "cookie:gdpr": "-ga-ads-fbp-htj-yt"}, stateRejected},
		{"services each marked on by a plus, URL-encoded", nil, map[string]string{u + "cookie:gdpr": "%2Bga%2Bads%2Bfbp%2Bhtj%2Byt"}, stateAccepted},
		{"a consent level named volledig (Dutch: full)", nil, map[string]string{u + "cookie:cookieConsent": "volledig"}, stateAccepted},
		{"a list of the purposes granted, the base one and two more", nil, map[string]string{u + "cookie:gdpr2": "base,statistics,marketing"}, stateAccepted},
		{"a record that says its choice is defined, beside purposes all off", nil, map[string]string{u + "cookie:acceptanceData": `{"defined":true,"required":true,"statistics":false,"marketing":false,"partners":false}`}, stateRejected},
		{"a record that says its choice is defined, beside purposes all on", nil, map[string]string{u + "cookie:acceptanceData": `{"defined":true,"required":true,"statistics":true,"marketing":true,"partners":true}`}, stateAccepted},
		{"flags after dots as true or false, joined by hyphens, all off, beside a general flag", nil, map[string]string{u + "cookie:consent": "S.false-T.false", u + "cookie:pcseucookie": "true"}, stateRejected},
		{"flags after dots as true or false, joined by hyphens, all on", nil, map[string]string{u + "cookie:consent": "S.true-T.true", u + "cookie:pcseucookie": "true"}, stateAccepted},
		{"a list of the purposes granted joined by hyphens, the functional one alone", nil, map[string]string{u + "cookie:cookie_consent": "custom-functional"}, stateRejected},
		{"a list of the purposes granted joined by hyphens, with analytics", nil, map[string]string{u + "cookie:cookie_consent": "custom-functional-analytics"}, stateAccepted},
		{"a shop's groups of cookies: the necessary group's own, and a captcha, are no choice", nil, map[string]string{u + "cookie:plenty-shop-cookie": `{"necessary":{"consent":true,"session":true},"tracking":{"googleanalytics":false,"bingads":false},"marketing":{"facebook":false},"media":{"reCaptcha":true},"convenience":{"languageDetection":false}}`}, stateRejected},
		{"a consent level named full", nil, map[string]string{u + "cookie:je-cookieConsent": "full"}, stateAccepted},
		{"Google Consent Mode's signals as a record, denied", nil, map[string]string{u + "cookie:ac": `{"version":"1","functional_storage":"granted","analytics_storage":"denied","ad_storage":"denied"}`}, stateRejected},
		{"Google Consent Mode's signals as a record, granted", nil, map[string]string{u + "cookie:ac": `{"version":"1","functional_storage":"granted","analytics_storage":"granted","ad_storage":"granted"}`}, stateAccepted},
		{"a word of consent joined to none", nil, map[string]string{u + "cookie:cookie_consent": "agree_none"}, stateRejected},
		{"a word of consent joined to all", nil, map[string]string{u + "cookie:cookie_consent": "agree_all"}, stateAccepted},
		// Orest Bida's cookieconsent (v2): the purposes granted under
		// "level", beside its bookkeeping ("rfc_cookie" says how the value
		// is encoded).
		{"a list of levels granted, an optional one among them", nil, map[string]string{u + "cookie:cc_cookie": `{"level":["necessary","analytics"],"revision":0,"data":null,"rfc_cookie":false}`}, stateAccepted},
		{"a list of levels granted, in Italian", nil, map[string]string{u + "cookie:cc_cookie": `{"level":["tecnici","analitici"],"revision":0,"data":null,"rfc_cookie":false}`}, stateAccepted},
		{"a list of levels granted, the necessary alone", nil, map[string]string{u + "cookie:cc_cookie": `{"level":["necessary"],"revision":0,"data":null,"rfc_cookie":false}`}, stateRejected},
		// Purposes' flags as a query string, under a name that is no word
		// for consent ("polityka15"): the pairs make it a record.
		{"pairs of purposes' flags under a name of no consent word, all off", nil, map[string]string{u + "cookie:polityka15": "security_storage%3Dtrue%26functionality_storage%3Dfalse%26analytics_storage%3Dfalse%26personalization_storage%3Dfalse%26ad_storage%3Dfalse"}, stateRejected},
		{"pairs of purposes' flags under a name of no consent word, all on", nil, map[string]string{u + "cookie:polityka15": "security_storage%3Dtrue%26functionality_storage%3Dtrue%26analytics_storage%3Dtrue%26personalization_storage%3Dtrue%26ad_storage%3Dtrue"}, stateAccepted},
		{"pairs of flags only, one of a purpose, all off", nil, map[string]string{u + "cookie:RBXcb": "RBXViralAcquisition=false&RBXSource=false&GoogleAnalytics=false"}, stateRejected},
		{"pairs of flags only, one of a purpose, all on", nil, map[string]string{u + "cookie:RBXcb": "RBXViralAcquisition=true&RBXSource=true&GoogleAnalytics=true"}, stateAccepted},
		{"one purpose's pair under a name of no consent word says nothing", nil, map[string]string{u + "cookie:prefs": "theme=dark&analytics=false"}, ""},
		// A list of the purposes granted, empty, beside a flag that says a
		// choice was made (the jQuery plugin ihavecookies).
		{"an empty list of the purposes granted beside a flag of a choice", nil, map[string]string{u + "cookie:cookieControl": "true", u + "cookie:cookieControlPrefs": "[]"}, stateRejected},
		{"a list of the purposes granted beside a flag of a choice", nil, map[string]string{u + "cookie:cookieControl": "true", u + "cookie:cookieControlPrefs": `["analytics","marketing"]`}, stateAccepted},
		// A version and a choice under words of another language (Finnish
		// "versio", "valinta"): the version is no purpose granted.
		{"a choice of the necessary alone under a Finnish key, beside a version", nil, map[string]string{u + "localStorage:ork-evasteet": `{"versio":1,"valinta":"valttamattomat","aika":"2026-12-05T10:00:00Z"}`}, stateRejected},
		{"a choice of all under a Finnish key, beside a version", nil, map[string]string{u + "localStorage:ork-evasteet": `{"versio":1,"valinta":"kaikki","aika":"2026-12-05T10:00:00Z"}`}, stateAccepted},
		// Purposes granted as keys, the others left out: the necessary
		// alone is a refusal.
		{"the necessary purpose alone granted, others left out", nil, map[string]string{u + "cookie:privacy": `{"necessary":"ok"}`}, stateRejected},
		{"every purpose granted as keys", nil, map[string]string{u + "cookie:privacy": `{"necessary":"ok","functional":"ok","marketing":"ok"}`}, stateAccepted},
		// A purpose's flag as "t" or "f", one record per purpose.
		{"purposes' records of t and f, all f", nil, map[string]string{u + "cookie:mal_consent_gdpr_analytical": "f", u + "cookie:mal_consent_gdpr_remarketing": "f"}, stateRejected},
		{"purposes' records of t and f, all t", nil, map[string]string{u + "cookie:mal_consent_gdpr_analytical": "t", u + "cookie:mal_consent_gdpr_remarketing": "t"}, stateAccepted},
		// The internal cookies alone: the necessary level.
		{"a consent level named internal", nil, map[string]string{u + "cookie:cookiesconsent": "internal"}, stateRejected},
		// A record per purpose named in camel case, beside a flag that
		// says a choice was made.
		{"purposes' records named in camel case, all off", nil, map[string]string{u + "cookie:permissionPerformance": "false", u + "cookie:permissionMarketing": "false", u + "cookie:consent_cookie": "1"}, stateRejected},
		{"purposes' records named in camel case, all on", nil, map[string]string{u + "cookie:permissionPerformance": "true", u + "cookie:permissionMarketing": "true", u + "cookie:consent_cookie": "1"}, stateAccepted},
		// External content (videos, maps) is an optional purpose.
		{"a list granting external content beside the essential", nil, map[string]string{u + "cookie:in2cookiemodal-selection": "[%22essential%22%2C%22external%22]"}, stateAccepted},
		{"a list granting the essential alone", nil, map[string]string{u + "cookie:in2cookiemodal-selection": "[%22essential%22]"}, stateRejected},
		// A camel-case name whose last word is no purpose stays one word:
		// ASUS's "isReadCookiePolicyDNT=Yes" after an accept is no
		// do-not-track flag.
		{"a camel-case name ending in DNT after an accept", nil, map[string]string{u + "cookie:isReadCookiePolicyDNT": "Yes", u + "cookie:isReadCookiePolicyDNTAa": "true"}, stateAccepted},
		// A flag that says the visitor has set the cookies is bookkeeping.
		{"purposes' flags beside a flag that the visitor has set them, all off", nil, map[string]string{u + "cookie:ConsentChecked": `{"userHasSetCookies":true,"functionalityCookies":false,"statisticCookies":false,"marketingCookies":false}`}, stateRejected},
		// Flags under purposes' codes in capitals, joined by underscores.
		{"flags under codes joined by underscores, all off", nil, map[string]string{u + "cookie:COOKIE_PREF": "ANL_0|PSN_0|PRTN_0"}, stateRejected},
		{"flags under codes joined by underscores, all on", nil, map[string]string{u + "cookie:COOKIE_PREF": "ANL_1|PSN_1|PRTN_1"}, stateAccepted},
		// Each purpose under its plain key and a dotted one.
		{"purposes under plain and dotted keys, all off", nil, map[string]string{u + "cookie:consents": `{"marketing":false,"marketing.marketing.marketing":false,"necessary":true,"necessary.necessary.necessary":true,"statistics":false,"statistics.statistics.statistics":false}`}, stateRejected},
		{"purposes under plain and dotted keys, all on", nil, map[string]string{u + "cookie:consents": `{"marketing":true,"marketing.marketing.marketing":true,"necessary":true,"necessary.necessary.necessary":true,"statistics":true,"statistics.statistics.statistics":true}`}, stateAccepted},
		// A flag that the policy's hint was answered says no choice (be
		// quiet!'s refusal writes it alone; its accept adds the purposes).
		{"a hint flag alone", nil, map[string]string{u + "cookie:_CookiePolicyHint": "true"}, ""},
		{"a hint flag beside the purposes granted", nil, map[string]string{u + "cookie:_CookiePolicyHint": "true", u + "cookie:cookie_marketing": "on"}, stateAccepted},
		// A choice led by the site's name.
		{"a refusal led by the site's name", nil, map[string]string{u + "cookie:Oru-accept-cookies": "oru-denied"}, stateRejected},
		{"an accept led by the site's name", nil, map[string]string{u + "cookie:Oru-accept-cookies": "oru-accepted"}, stateAccepted},
		{"a choice led by a negation is no choice of the site's name", nil, map[string]string{u + "cookie:site_cookie_consent": "not-accepted"}, ""},
		// A version, digit flags, a time and a word.
		{"stamped flags after a version, the necessary alone", nil, map[string]string{u + "cookie:data_consent": "1.1.0.0.0.1733140000000.Default"}, stateRejected},
		{"stamped flags after a version, all on", nil, map[string]string{u + "cookie:data_consent": "1.1.1.1.1.1733140000000.Default"}, stateAccepted},
		// Entries of checkboxes, the necessary one named "require".
		{"checkbox entries, the one named require alone checked", nil, map[string]string{u + "cookie:dp_cookieconsent_status": `{"status":"approved","checkboxes":[{"name":"statistics","checked":false},{"name":"marketing","checked":false},{"name":"require","checked":true}]}`}, stateRejected},
		// A family of records wrapping their flags ({"value": false}): the
		// family's record that names no purpose says the banner was
		// answered, its purposes' records say how.
		{"wrapped flags of a family, the purpose refused", nil, map[string]string{u + "localStorage:gtmCookieAccept": `{"value":true}`, u + "localStorage:gtmCookieAdvertisingAccept": `{"value":false}`}, stateRejected},
		{"wrapped flags of a family, all on", nil, map[string]string{u + "localStorage:gtmCookieAccept": `{"value":true}`, u + "localStorage:gtmCookieAdvertisingAccept": `{"value":true}`}, stateAccepted},
		// The security purpose is a necessary one (Consent Mode's
		// security_storage is always granted).
		{"JSON security kept, others refused", nil, map[string]string{u + "localStorage:acceptedCookies": `{"security":true,"analytics":false,"sentry":false}`}, stateRejected},
		// A flag that the banner was answered beside the purposes says
		// nothing of them; "core" names the necessary purpose.
		{"JSON purposes beside hasAccepted", nil, map[string]string{u + "cookie:SK_CONSENT": `{"hasAccepted":true,"functional":false,"necessary":true,"statistics":false}`}, stateRejected},
		{"JSON core kept, others refused", nil, map[string]string{u + "cookie:orejime": `{"core":true,"analytics":false,"streaming":false}`}, stateRejected},
		// "system" names the necessary purpose; when a record was written
		// ("lastModified", "updated") and that a choice was made
		// ("chosen") are bookkeeping.
		{"JSON system kept, others refused", nil, map[string]string{u + "cookie:cookie-policy-acceptance": `{"system":true,"default":false,"publicity":false,"analyse":false}`}, stateRejected},
		{"JSON system kept, others granted", nil, map[string]string{u + "cookie:cookie-policy-acceptance": `{"system":true,"default":true,"publicity":true,"analyse":true}`}, stateAccepted},
		{"JSON purposes refused beside a modification stamp", nil, map[string]string{u + "localStorage:collage_public/web/CookieSettings": `{"lastModified":1,"functional":false,"analytics":false,"targeting":null}`}, stateRejected},
		{"query purposes refused beside an update flag", nil, map[string]string{u + "cookie:cookieConsent": "functional=1&analytics=0&marketing=0&updated=1"}, stateRejected},
		{"JSON purposes refused beside a flag that a choice was made", nil, map[string]string{u + "localStorage:cookies.consent": `{"chosen":true,"internal":true,"external":false}`}, stateRejected},
		// That the banner was interacted with is bookkeeping beside the
		// purposes granted.
		{"a list of the essentials granted beside interactedWith", nil, map[string]string{u + "cookie:CookieControl": `{"interactedWith":true,"acceptedCategories":["essentials"]}`}, stateRejected},
		{"a list of every purpose granted beside interactedWith", nil, map[string]string{u + "cookie:CookieControl": `{"interactedWith":true,"acceptedCategories":["essentials","analytics","marketing"]}`}, stateAccepted},
		// An opt-in record's words, joined by underscores.
		{"an opt-in written with underscores", nil, map[string]string{u + "cookie:COOKIE_OPT_IN": `OPT_IN`}, stateAccepted},
		{"no opt-in written with underscores", nil, map[string]string{u + "cookie:COOKIE_OPT_IN": `NO_OPT_IN`}, stateRejected},
		// A purpose and the word that grants it, joined or glued, in a
		// JSON string or a list.
		{"all selected, a JSON string", nil, map[string]string{u + "localStorage:COOKIE_CONSENT": `"ALL_SELECTED"`}, stateAccepted},
		{"the technical purpose selected, a JSON string", nil, map[string]string{u + "localStorage:COOKIE_CONSENT": `"TECHNICAL_SELECTED"`}, stateRejected},
		{"purposes each glued to allowed", nil, map[string]string{u + "cookie:COOKIES_SETTINGS_N": `technicalallowed_statisticsallowed_marketingallowed`}, stateAccepted},
		{"the technical purpose alone glued to allowed", nil, map[string]string{u + "cookie:COOKIES_SETTINGS_N": `technicalallowed`}, stateRejected},
		// A group named for the necessary purpose that holds the optional
		// purposes' flags is read, whatever the record's name.
		{"flags under a group named required, all on", nil, map[string]string{u + "localStorage:vcstate": `{"required":{"necessary":true,"functional":true,"analysis":true,"ads":true,"hasSetCookies":1}}`}, stateAccepted},
		{"flags under a group named required, the optional off", nil, map[string]string{u + "localStorage:vcstate": `{"required":{"necessary":true,"functional":false,"analysis":false,"ads":false,"hasSetCookies":1}}`}, stateRejected},
		// Consent Mode's signals beside the site's own flags: the own
		// flags are the choice; the signals may grant a purpose the
		// banner keeps always on (personalization_storage).
		{"Consent Mode's signals beside the site's own flags, refused", nil, map[string]string{u + "cookie:siteChoiceV2": `{"choiceStats":false,"choiceAds":false,"functionality_storage":true,"personalization_storage":true,"ad_storage":false,"analytics_storage":false}`}, stateRejected},
		{"Consent Mode's signals beside the site's own flags, granted", nil, map[string]string{u + "cookie:siteChoiceV2": `{"choiceStats":true,"choiceAds":true,"functionality_storage":true,"personalization_storage":true,"ad_storage":true,"analytics_storage":true}`}, stateAccepted},
		// A record named for the refusal that holds the refusal's own
		// word (CookieCuttr's "…_decline=…_decline"); the purposes
		// named as those not necessary are the optional ones.
		{"a refusal's record holding its own name", nil, map[string]string{u + "cookie:xy_cookie_accept": "null", u + "cookie:xy_cookie_decline": "xy_cookie_decline"}, stateRejected},
		{"the purposes not necessary, refused (camel case)", nil, map[string]string{u + "cookie:keepNonEssentialCookies": "false", u + "cookie:siteNoticeSeen": "SiteNotice"}, stateRejected},
		{"the purposes not necessary, granted (camel case)", nil, map[string]string{u + "cookie:keepNonEssentialCookies": "true"}, stateAccepted},
		{"the purposes not necessary, refused (snake case)", nil, map[string]string{u + "cookie:site_non_essential_cookies": "0"}, stateRejected},
		// A version and purposes' flags, nothing else, under a name of no
		// consent word; an optional purpose left null is not granted.
		{"a version and one optional purpose's flag, refused", nil, map[string]string{u + "cookie:XYCC": "%7B%22version%22%3A1%2C%22functional%22%3Atrue%2C%22analytics%22%3Afalse%7D"}, stateRejected},
		{"a version and one optional purpose's flag, granted", nil, map[string]string{u + "cookie:XYCC": `{"version":1,"functional":true,"analytics":true}`}, stateAccepted},
		{"optional purposes left null", nil, map[string]string{u + "cookie:siteConsents": `{"required":true,"statistics":null,"personalization":null}`}, stateRejected},
		{"a date's placeholder beside purposes' flags is no grant", nil, map[string]string{u + "cookie:siteCookieConsent": `{"functionalOnOff":false,"marketingOnOff":false,"entryId":"1","dateOfConsent":"1"}`}, stateRejected},
		{"a time's placeholder beside purposes' flags is no grant", nil, map[string]string{u + "cookie:site_consent": `{"analytics":false,"consent_time":1}`}, stateRejected},
		{"one purpose's number alone is the necessary one", nil, map[string]string{u + "cookie:site-cookie": `{"consents":[12],"uuid":"1","acceptance-time":"1"}`}, stateRejected},
		{"two purposes' numbers grant one", nil, map[string]string{u + "cookie:site-cookie": `{"consents":[12,13]}`}, stateAccepted},
		{"a record named for the choices it lists, one purpose's flag", nil, map[string]string{u + "cookie:site-prefs": `{"functional":true,"analytics":false}`}, stateRejected},
		{"a record named for the choices it lists, granted", nil, map[string]string{u + "cookie:site-prefs": `{"functional":true,"analytics":true}`}, stateAccepted},
		{"purposes' own numbers signed as refused", nil, map[string]string{u + "cookie:Shop:AcceptedCookieConsents": "FunctionalityCookies=-29&StatisticsCookies=-30&MarketingCookies=-31"}, stateRejected},
		{"letters' flags all off, the necessary one not listed", nil, map[string]string{u + "cookie:pref": `{"t":"explicit","f":false,"a":false,"m":false}`}, stateRejected},
		{"Consent Mode's signals denied beside a flag that a choice was made", nil, map[string]string{u + "localStorage:site-consent-v1": `{"analytics_storage":"denied","ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied","decided":true}`}, stateRejected},
		{"the necessary purpose on beside one optional purpose's flag, under a name that says nothing", nil, map[string]string{u + "cookie:sitelib": "eyJuZWNlc3NhcnkiOnRydWUsIm1hcmtldGluZyI6ZmFsc2UsInZpZXdlZCI6dHJ1ZX0="}, stateRejected},
		{"the same, granted", nil, map[string]string{u + "cookie:sitelib": "eyJuZWNlc3NhcnkiOnRydWUsIm1hcmtldGluZyI6dHJ1ZSwidmlld2VkIjp0cnVlfQ=="}, stateAccepted},
		{"one optional purpose's flag alone, under a name that says nothing, is no record", nil, map[string]string{u + "cookie:sitelib": `{"marketing":false}`}, ""},
		{"a list written as an object of numbered keys, the necessary purpose alone", nil, map[string]string{u + "cookie:shop_gdpr_cookies_accepted_list": `{"0":"necessary"}`}, stateRejected},
		{"the same list, granted", nil, map[string]string{u + "cookie:shop_gdpr_cookies_accepted_list": `{"0":"necessary","2":"marketing"}`}, stateAccepted},
		{"the necessary purpose alone, beside a flag that a choice was agreed", nil, map[string]string{u + "cookie:shop_gdpr_cookies_accepted_list": `{"0":"necessary"}`, u + "cookie:shop_gdpr_cookies_state_agreed": "1"}, stateRejected},
		// A consent level by number is a position on a scale, not a flag
		// (a Dutch motoring club's "Basis | Persoonlijk | Compleet").
		{"a consent level by number says nothing", nil, map[string]string{u + "cookie:cookie-policy-agreement": `{"REVISION":20,"consentLevel":1}`}, ""},
		{"a consent level by number, zero, says nothing", nil, map[string]string{u + "cookie:cookie-policy-agreement": `{"REVISION":20,"consentLevel":0}`}, ""},
		// Purposes granted kept each with its own bookkeeping, no flag
		// (the Helsinki design system's "groups", URL-encoded JSON).
		{"purposes kept with their checksums, an optional one among them", nil, map[string]string{u + "cookie:city-cookie-consents": "%7B%22groups%22%3A%7B%22essential%22%3A%7B%22checksum%22%3A%221a2b3c4d%22%2C%22timestamp%22%3A1764547200000%7D%2C%22statistics%22%3A%7B%22checksum%22%3A%223a4b5c6d%22%2C%22timestamp%22%3A1764547200000%7D%7D%7D"}, stateAccepted},
		{"purposes kept with their checksums, the necessary one alone", nil, map[string]string{u + "cookie:city-cookie-consents": `{"groups":{"essential":{"checksum":"1a2b3c4d","timestamp":1764547200000}}}`}, stateRejected},
		{"purposes with flags inside are read by their flags", nil, map[string]string{u + "cookie:city-cookie-consents": `{"groups":{"essential":{"enabled":true},"statistics":{"enabled":false}}}`}, stateRejected},
		{"purposes kept beside a key no word knows say nothing of it", nil, map[string]string{u + "cookie:city-cookie-consents": `{"groups":{"essential":{"checksum":"1a2b3c4d"},"chatbot":{"checksum":"5e6f7a8b"}}}`}, ""},
		// A record named as a marker of a choice made ("…_set") whose value
		// is the choice itself, purpose by purpose (a state library's
		// persisted store).
		{"a marker's name over purposes refused", nil, map[string]string{u + "cookie:site_cookie_preferences_set_v1": "%7B%22state%22%3A%7B%22prefs%22%3A%7B%22necessary%22%3Atrue%2C%22functional%22%3Afalse%2C%22performance%22%3Afalse%2C%22targeting%22%3Afalse%2C%22userHasMadeChoice%22%3Atrue%7D%2C%22functionalEnabled%22%3Afalse%7D%2C%22version%22%3A0%7D"}, stateRejected},
		{"a marker's name over purposes granted", nil, map[string]string{u + "cookie:site_cookie_preferences_set_v1": "%7B%22state%22%3A%7B%22prefs%22%3A%7B%22necessary%22%3Atrue%2C%22functional%22%3Atrue%2C%22performance%22%3Atrue%2C%22targeting%22%3Atrue%2C%22userHasMadeChoice%22%3Atrue%7D%2C%22functionalEnabled%22%3Atrue%7D%2C%22version%22%3A0%7D"}, stateAccepted},
		{"a marker's name over a bare true says nothing", nil, map[string]string{u + "cookie:site_cookie_preferences_set_v1": "true"}, ""},
		{"the purposes granted beside those the banner offers: the necessary alone", nil, map[string]string{u + "cookie:_cc_cookieConsent": url.QueryEscape(`{"consents":["necessary","undefined"],"availableConsents":["undefined","necessary","statistical","marketing"],"key":"9f1c","date":"2026-12-06T20:00:00Z"}`)}, stateRejected},
		{"the purposes granted beside those the banner offers: all", nil, map[string]string{u + "cookie:_cc_cookieConsent": url.QueryEscape(`{"consents":["necessary","undefined","statistical","marketing"],"availableConsents":["undefined","necessary","statistical","marketing"],"key":"9f1c"}`)}, stateAccepted},
		// A flag that the visitor acted, beside the purposes they chose;
		// a cookie named, in camel case, for a notice seen.
		{"a flag that the visitor acted beside purposes refused", nil, map[string]string{u + "cookie:site-consent": `{"consent":{"analytics":false,"surveys":false},"userActionTaken":true,"meta":{"version":5,"analyticsId":null}}`}, stateRejected},
		{"a flag that the visitor acted beside purposes granted", nil, map[string]string{u + "cookie:site-consent": `{"consent":{"analytics":true,"surveys":true},"userActionTaken":true,"meta":{"version":5}}`}, stateAccepted},
		{"a notice seen, named in camel case, beside a refusal", nil, map[string]string{u + "cookie:CookieNotificationSeen": "1", u + "cookie:CookieConsentLevel": "functional"}, stateRejected},
		{"a notice seen, named in camel case, says nothing alone", nil, map[string]string{u + "cookie:CookieNotificationSeen": "1"}, ""},
		// A level of cookies by its name: the basic one refuses, the
		// extended one accepts.
		{"a level named extended", nil, map[string]string{u + "cookie:cookie.setting": "extended"}, stateAccepted},
		{"a level named basic", nil, map[string]string{u + "cookie:cookie.setting": "basic"}, stateRejected},
		// Services granted by their ids, the consent tool's own and the
		// session's among them.
		{"services granted by id, the necessary ones alone", nil, map[string]string{u + "cookie:site_consent": `{%22consents%22:[%22site_consent%22%2C%22phpsessid%22]%2C%22version%22:4%2C%22cachelogid%22:%2237%22}`}, stateRejected},
		{"services granted by id, an optional one among them", nil, map[string]string{u + "cookie:site_consent": `{"consents":["site_consent","phpsessid","google-analytics-4","youtube"],"version":4}`}, stateAccepted},
		{"services granted by id, the session's by its platform's name", nil, map[string]string{u + "cookie:site_consent": `{"consents":["site_consent","jsessionid"],"version":4}`}, stateRejected},
		{"services granted by id, an optional one whose id holds sess", nil, map[string]string{u + "cookie:site_consent": `{"consents":["site_consent","assessment-survey"],"version":4}`}, stateAccepted},
		{"services granted by id, none of them necessary, say nothing", nil, map[string]string{u + "cookie:site_consent": `{"consents":["youtube"],"version":4}`}, ""},
		{"a flag that the record is set is bookkeeping", nil, map[string]string{u + "cookie:site__avgconsent": `{"a":false,"c":false,"v":1,"lc":"Mon, 07 Dec 2026 03:00:00 GMT","isset":true}`}, stateRejected},
		{"a flag that the record is set, beside purposes granted", nil, map[string]string{u + "cookie:site__avgconsent": `{"a":true,"c":true,"v":1,"isset":true}`}, stateAccepted},
		// A necessary category named in two words run together.
		{"a necessary category named TechnicalRequired", nil, map[string]string{u + "cookie:consent": `{"consentId":"1","categories":{"TechnicalRequired":true,"AnalyticsAndPerformance":false,"Marketing":false}}`}, stateRejected},
		// A choice's word agreeing with a plural ("the cookies: refused").
		{"a plural word of a refusal", nil, map[string]string{u + "cookie:dm_cookies_estado": "rechazadas"}, stateRejected},
		{"a plural word of an accept", nil, map[string]string{u + "cookie:dm_cookies_estado": "aceptadas"}, stateAccepted},
		// The purposes offered beside those granted: one offered and not
		// granted is refused, whatever the granted ones are named.
		{"offered and not all granted", nil, map[string]string{u + "cookie:site_cookie_consent": `{"availableCookies":["google-analytics","chatbot","session"],"acceptedCookies":["chatbot","session"],"lastUpdated":1}`}, statePartial},
		{"offered and all granted", nil, map[string]string{u + "cookie:site_cookie_consent": `{"availableCookies":["Google-Analytics","chatbot","session"],"acceptedCookies":["google-analytics","chatbot","session"],"lastUpdated":1}`}, stateAccepted},
		{"offered and all granted in a word", nil, map[string]string{u + "cookie:site_consent": `{"availableConsents":["necessary","analytics","ads"],"consents":["all"]}`}, stateAccepted},
		{"offered and the necessary alone granted", nil, map[string]string{u + "cookie:site_consent": `{"availableConsents":["necessary","analytics"],"consents":["necessary"]}`}, stateRejected},
		// A number and a level: the number is no purpose, and the level
		// alone cannot be read (1 of 3 is a refusal on a pizza shop's
		// own banner).
		{"a visitor's number and a level", nil, map[string]string{u + "cookie:pfUserCookPolicy": "12562660:1"}, ""},
		// A flag that a choice was made beside the list of what it
		// granted (a German foundation's own record; its refusal as a
		// public filter list writes it).
		{"a choice's flag beside an empty list of options", nil, map[string]string{u + "cookie:cookie_consent": "%7B%22consent%22:true,%22options%22:%5B%5D%7D"}, stateRejected},
		{"a choice's flag beside the options granted", nil, map[string]string{u + "cookie:cookie_consent": `{"consent":true,"options":["comfort","statistics","marketing"]}`}, stateAccepted},
		{"a choice's flag beside an empty list of categories", nil, map[string]string{u + "cookie:site_consent": `{"consent":true,"categories":[]}`}, stateRejected},
		// Digit flags led by a letter.
		{"flags led by a letter, all off", nil, map[string]string{u + "cookie:cookie-agreed": "C0000"}, stateRejected},
		{"flags led by a letter, all on", nil, map[string]string{u + "cookie:cookie-agreed": "C1111"}, stateAccepted},
		{"a group code of OneTrust's shape is no flags", nil, map[string]string{u + "cookie:cookie-agreed": "C0003"}, ""},
		// An empty list under a name of a consent record.
		{"an empty list under a consent record's name", nil, map[string]string{u + "cookie:cookies_and_content_security_policy": "[]"}, stateRejected},
		// The necessary purpose's own record alone, granted.
		{"a family's necessary record alone, granted", nil, map[string]string{u + "cookie:vzs_consent_necessary": "granted"}, stateRejected},
		{"a family's necessary record beside an optional one granted", nil, map[string]string{u + "cookie:vzs_consent_necessary": "granted", u + "cookie:vzs_consent_statistics": "granted"}, stateAccepted},
		{"an opt-out joined to the word cookie", nil, map[string]string{u + "cookie:cookieoptout": "yes"}, stateRejected},
		{"an opt-out joined to the word cookie, declined", nil, map[string]string{u + "cookie:cookieoptout": "no"}, stateAccepted},
		{"a do-not-track flag named with a hyphen, set", nil, map[string]string{u + "cookie:dont-track": "1", u + "cookie:cookie_policy_agreement": "3"}, stateRejected},
		{"a do-not-track flag named with a hyphen, cleared", nil, map[string]string{u + "cookie:dont-track": "0", u + "cookie:cookie_policy_agreement": "3"}, stateAccepted},
		{"purposes objected to, listed in brackets, beside a flag of a choice given", nil, map[string]string{u + "cookie:_psac_gdpr_consent_purposes_opposition": "[cat_ana][cat_com]", u + "cookie:_psac_gdpr_consent_purposes": "", u + "cookie:_psac_gdpr_consent_given": "1"}, stateRejected},
		{"no purpose objected to says nothing", nil, map[string]string{u + "cookie:site_consent_opposition": "[]"}, ""},
		{"opt-out flags, every purpose opted out of", nil, map[string]string{u + "cookie:OPTOUTMULTI": "0:0%7Cc2:1%7Cc9:1%7Cc11:1"}, stateRejected},
		{"opt-out flags, opted out of all", nil, map[string]string{u + "cookie:OPTOUTMULTI": "0:1%7Cc1:0%7Cc2:1"}, stateRejected},
		{"opt-out flags, none opted out of", nil, map[string]string{u + "cookie:OPTOUTMULTI": "0:0%7Cc1:0%7Cc2:0%7Cc3:0"}, stateAccepted},
		{"opt-out flags, some opted out of", nil, map[string]string{u + "cookie:OPTOUTMULTI": "0:0%7Cc1:0%7Cc2:1"}, statePartial},
		{"action of a choice for all, camel case", nil, map[string]string{u + "cookie:site_consent": `{"action":"declineAll","ts":"2026-12-03"}`}, stateRejected},
		{"a choice for all after the word cookie", nil, map[string]string{u + "cookie:site_consent": "CookieAcceptAll"}, stateAccepted},
		{"reject all, one word", nil, map[string]string{u + "cookie:site_consent": `{"status":"rejectall"}`}, stateRejected},
		{"action of a choice for all, joined by an underscore", nil, map[string]string{u + "cookie:site_consent": `{"action":"allow_all"}`}, stateAccepted},
		{"numbered purposes, the first alone on", nil, map[string]string{u + "cookie:site_consent": `{"action":"save","topics":{"1":true,"2":false,"3":false,"4":false}}`}, stateRejected},
		{"numbered purposes, all on", nil, map[string]string{u + "cookie:site_consent": `{"topics":{"1":true,"2":true,"3":true}}`}, stateAccepted},
		{"numbered purposes, mixed", nil, map[string]string{u + "cookie:site_consent": `{"topics":{"1":true,"2":true,"3":false}}`}, statePartial},
		{"purposes named by one word and a number, the first alone on", nil, map[string]string{u + "cookie:shopcookies": `{"shop_purpose_1":true,"shop_purpose_2":false,"shop_purpose_3":false,"shop_purpose_4":false,"consent_date":"2026-12-03 11:00:00","accepted_purposes":["1"]}`}, stateRejected},
		{"purposes named by one word and a number, all on", nil, map[string]string{u + "cookie:shopcookies": `{"shop_purpose_1":true,"shop_purpose_2":true,"shop_purpose_3":true,"accepted_purposes":["1","2","3"]}`}, stateAccepted},
		{"numbered purposes beside a named one, read as well", nil, map[string]string{u + "cookie:site_consent": `{"p1":true,"p2":true,"p3":true,"marketing":false}`}, statePartial},
		{"numbers of two names are no list of purposes", nil, map[string]string{u + "cookie:site_consent": `{"a1":true,"a2":false,"b3":false}`}, statePartial},
		{"only the necessary category granted", nil, map[string]string{u + "cookie:cc_cookie": `{"categories":["necessary"],"level":[]}`}, stateRejected},
		// A record that is the list of the purposes granted, and nothing else.
		{"a list of the necessary purpose alone", nil, map[string]string{u + "cookie:sitePreferences": "[%22necessary%22]"}, stateRejected},
		{"a list of purposes granted", nil, map[string]string{u + "cookie:sitePreferences": "[%22necessary%22%2C%22targeting%22]"}, stateAccepted},
		// A record of the partners allowed, with its stamps and the page it
		// was given on: none allowed is a refusal; beside it a marker that
		// the banner was clicked says no more than that.
		{"stamps and the page alone, with a marker of a click", nil, map[string]string{
			u + "cookie:privacy-cookie":         "%7B%22version%22%3A%222.0%22%2C%22consentUrl%22%3A%22https%3A%2F%2Fwww.example.test%2F%22%2C%22consentDate%22%3A%222026-12-04T10%3A00%3A00Z%22%7D",
			u + "cookie:privacy-banner-clicked": "true"}, stateRejected},
		// Flags under keys of a letter in JSON (in Base64), beside an
		// identifier and a version: one on is the necessary purpose alone.
		{"JSON letter flags, the necessary alone", nil, map[string]string{u + "cookie:sitecc": "eyJlIjoxLCJwIjowLCJmIjowLCJhIjowLCJpIjoiYTFiMmMzIiwidiI6IjEifQ=="}, stateRejected},
		{"JSON letter flags, all on", nil, map[string]string{u + "cookie:sitecc": `{"e":1,"p":1,"f":1,"a":1,"i":"a1b2c3","v":"1"}`}, stateAccepted},
		{"JSON letter flags, two on, say nothing", nil, map[string]string{u + "cookie:sitecc": `{"e":1,"p":1,"f":0,"a":0}`}, ""},
		// A record's flag "ok" holds no choice.
		{"a record's ok flag beside purposes refused", nil, map[string]string{u + "cookie:pixel_options": `{"ok":true,"buckets":{"essential":true,"analytics":false,"advertising":false}}`}, stateRejected},
		// A family of records of one word per purpose: the necessary one
		// alone, beside the family's flag that a choice was made.
		{"the necessary purpose alone in a family of records", nil, map[string]string{u + "cookie:cookie_consent_granted": "true", u + "cookie:cookie_consent_essential": "true"}, stateRejected},
		{"optional purposes in a family of records", nil, map[string]string{u + "cookie:cookie_consent_granted": "true", u + "cookie:cookie_consent_essential": "true", u + "cookie:cookie_consent_marketing": "true"}, stateAccepted},
		{"a flag of another family counts as before", nil, map[string]string{u + "cookie:site_consent_given": "true", u + "cookie:other_essential": "true"}, stateAccepted},
		{"partners allowed beside the stamps", nil, map[string]string{
			u + "cookie:privacy-cookie":         `{"version":"2.0","consentUrl":"https://www.example.test/","consentDate":"2026-12-04","siteMetrics":true,"adExchange":true}`,
			u + "cookie:privacy-banner-clicked": "true"}, stateAccepted},
		{"categories granted beside the necessary one", nil, map[string]string{u + "cookie:cc_cookie": `{"categories":["necessary","analytics"]}`}, stateAccepted},
		{"granted purposes as dotted words", nil, map[string]string{u + "cookie:shop_cookie_prefs": "v2.necessary.20261201"}, stateRejected},
		{"every purpose granted as a dotted word", nil, map[string]string{u + "cookie:shop_cookie_prefs": "v2.all.1733212800"}, stateAccepted},
		{"granted purposes as piped words", nil, map[string]string{u + "cookie:shop_cookie_einwilligung": "notwendig|statistik|marketing"}, stateAccepted},
		{"German list of granted categories", nil, map[string]string{u + "localStorage:shop_einwilligung": `{"kategorien":["notwendig"],"zeit":"2026-12-01"}`}, stateRejected},
		{"words that name no purpose", nil, map[string]string{u + "cookie:shop_cookie_prefs": "v2.blue.large"}, ""},
		{"tarteaucitron", nil, map[string]string{u + "cookie:tarteaucitron": "!gtag=false!facebook=false"}, stateRejected},
		{"unchanged record", map[string]string{u + "cookie:cookieconsent_status": "deny"}, map[string]string{u + "cookie:cookieconsent_status": "deny"}, ""},
		{"not a consent record", nil, map[string]string{u + "cookie:theme": "false"}, ""},
		{"a choice made, whatever the record's name", map[string]string{u + "cookie:cb-enabled": "enabled"}, map[string]string{u + "cookie:cb-enabled": "accepted"}, stateAccepted},
		{"a refusal made, whatever the record's name", map[string]string{u + "cookie:cb-enabled": "enabled"}, map[string]string{u + "cookie:cb-enabled": "declined"}, stateRejected},
		{"a state of anything under no record's name", nil, map[string]string{u + "cookie:cb-enabled": "enabled"}, ""},
		{"a record per purpose under no record's name, and a bare flag beside them", nil, map[string]string{
			u + "cookie:ckies_functional":  "deny",
			u + "cookie:ckies_performance": "deny",
			u + "cookie:ckies_marketing":   "deny",
			u + "cookie:ckies_cookielaw":   "allow"}, stateRejected},
		{"a record per purpose under no record's name, all allowed", nil, map[string]string{u + "cookie:ckies_performance": "allow", u + "cookie:ckies_marketing": "allow"}, stateAccepted},
		{"a purpose's name and a value that is no choice", nil, map[string]string{u + "cookie:site_marketing": "spring-sale"}, ""},
		{"purposes known by a word and a number, a flag after a dot", nil, map[string]string{u + "cookie:omCookieConsent": "group-1.1,group-3.0,group-5.0,dismiss"}, stateRejected},
		{"purposes known by a word and a number, all on", nil, map[string]string{u + "cookie:omCookieConsent": "group-1.1,group-3.1,group-5.1,dismiss"}, stateAccepted},
		{"purposes known by a word and a number in pairs, mixed", nil, map[string]string{u + "cookie:site_consent": "group-1:1|group-2:1|group-3:0"}, statePartial},
		{"sections of a purpose and its vendors, the necessary one's on", nil, map[string]string{u + "cookie:shopconsent": "v:1.1&id:3f9a&createdMs:1733212800000~required:1&clf:1,gtm:1|comfort:0&aid:0,yte:0|marketing:0&adj:0,gad:0|"}, stateRejected},
		{"sections of a purpose and its vendors, all on", nil, map[string]string{u + "cookie:shopconsent": "v:1.1&id:3f9a&createdMs:1733212800000~required:1&clf:1,gtm:1|comfort:1&aid:1,yte:1|marketing:1&adj:1,gad:1|"}, stateAccepted},
		{"sections of a purpose and its vendors, mixed", nil, map[string]string{u + "cookie:shopconsent": "v:1.1&id:3f9a&createdMs:1733212800000~required:1&clf:1,gtm:1|comfort:1&aid:1,yte:1|marketing:0&adj:0,gad:0|"}, statePartial},
		{"a version of one word is no choice", nil, map[string]string{u + "cookie:consent_version": "1"}, ""},
		{"an opt-in record joined by an underscore, no", nil, map[string]string{u + "cookie:twtr_pixel_opt_in": "N"}, stateRejected},
		{"name and value entries with the form's save field", nil, map[string]string{u + "cookie:cookieConsent": `[{"name":"essenziell","value":"on"},{"name":"komfort","value":"off"},{"name":"marketing","value":"off"},{"name":"speichern","value":"on"}]`}, stateRejected},
		{"a flag that refuses as a whole beside categories known by a code", nil, map[string]string{u + "cookie:CookiePermissionInfo": `{"LastModifiedDate":"\/Date(1796300000000)\/","Allow":false,"CategoryPermission":[{"Category":"Cat.8","Permission":true},{"Category":"Cat.9","Permission":true},{"Category":"Cat.10","Permission":false},{"Category":"Cat.11","Permission":false}],"Version":3}`}, stateRejected},
		{"a flag that allows as a whole beside categories known by a code", nil, map[string]string{u + "cookie:CookiePermissionInfo": `{"Allow":true,"CategoryPermission":[{"Category":"Cat.8","Permission":true},{"Category":"Cat.9","Permission":true},{"Category":"Cat.10","Permission":true}],"Version":3}`}, stateAccepted},
		{"a version and nothing granted", nil, map[string]string{u + "cookie:hashi-consent-preferences": "{%22version%22:4}"}, stateRejected},
		{"a version and every service loaded", nil, map[string]string{u + "cookie:hashi-consent-preferences": "{%22loadAll%22:true%2C%22version%22:4}"}, stateAccepted},
		{"a flag that a choice was made and a version is no refusal", nil, map[string]string{u + "cookie:site_consent": `{"consented":true,"version":1}`}, ""},
		{"a flag that the preferences were saved is no purpose", nil, map[string]string{u + "cookie:cookiejs_preferences": `{"google_analytics":false,"iframes":false,"preferences_selected":true}`}, stateRejected},
		{"French word accepted", nil, map[string]string{u + "cookie:consentement": "accepte"}, stateAccepted},
		{"French word refused", nil, map[string]string{u + "cookie:consentement": "refuse"}, stateRejected},
		{"Malay categories refused", nil, map[string]string{u + "cookie:kedai_cookie_consent": `{"penting":true,"prestasi":false,"pengiklanan":false}`}, stateRejected},
		{"Icelandic record, its letters written in ASCII", nil, map[string]string{u + "cookie:verslun_kokur": `{"naudsynlegar":true,"tolfraedi":false,"markadur":false}`}, stateRejected},
		{"Galician abbreviated categories", nil, map[string]string{u + "cookie:xornal_cookies": "tec:1|ana:0|pub:0|v:2"}, stateRejected},
		{"Macedonian categories refused", nil, map[string]string{u + "cookie:banka_consent": `{"неопходни":true,"аналитички":false,"маркетиншки":false}`}, stateRejected},
		{"Portuguese purposes, the necessary one on", nil, map[string]string{u + "cookie:lgpd_consentimento": `{"v":1,"necessarios":true,"analiticos":false,"funcionais":false,"marketing":false}`}, stateRejected},
		{"Portuguese purposes, all on", nil, map[string]string{u + "cookie:lgpd_consentimento": `{"v":1,"necessarios":true,"analiticos":true,"funcionais":true,"marketing":true}`}, stateAccepted},
		{"Hungarian record and purposes", nil, map[string]string{u + "cookie:suti_hozzajarulas": `{"szukseges":true,"statisztika":false,"marketing":false}`}, stateRejected},
		{"Romanian purposes", nil, map[string]string{u + "localStorage:site_preferinte": `{"necesare":true,"statistici":true,"publicitate":false}`}, statePartial},
		{"Turkish word accepted", nil, map[string]string{u + "cookie:kvkk_cerez_onay": "evet"}, stateAccepted},
		{"Dutch list of the functional purpose alone", nil, map[string]string{u + "cookie:lh_cookiekeuze": "functioneel"}, stateRejected},
		{"Dutch list of purposes granted", nil, map[string]string{u + "cookie:lh_cookiekeuze": "functioneel|analytisch|marketing"}, stateAccepted},
		{"Lithuanian purposes refused", nil, map[string]string{u + "cookie:parduotuve_slapukai": `{"butinieji":1,"analitiniai":0,"rinkodaros":0,"versija":3}`}, stateRejected},
		{"Lithuanian purposes granted", nil, map[string]string{u + "cookie:parduotuve_slapukai": `{"butinieji":1,"analitiniai":1,"rinkodaros":1,"versija":3}`}, stateAccepted},
		{"Ukrainian purposes refused", nil, map[string]string{u + "localStorage:magazyn_zghoda": `{"neobkhidni":true,"analitychni":false,"reklamni":false}`}, stateRejected},
		{"Russian word in Cyrillic", nil, map[string]string{u + "cookie:soglasie_cookie": "нет"}, stateRejected},
		{"only necessary", nil, map[string]string{u + "cookie:site_consent": "necessary"}, stateRejected},
		{"abbreviated purposes, essential on", nil, map[string]string{u + "cookie:shop_privacy": "v3%7Cess%3A1%7Cstats%3A0%7Cads%3A0%7C1764547200"}, stateRejected},
		{"abbreviated purposes, all on", nil, map[string]string{u + "cookie:shop_privacy": "v3%7Cess%3A1%7Cstats%3A1%7Cads%3A1%7C1764547200"}, stateAccepted},
		{"entries named by a value, the necessary one on", nil, map[string]string{u + "cookie:customerCookieConsent": `[{"consentTypeId":103,"consentTypeName":"necessary","isAccepted":true},{"consentTypeId":104,"consentTypeName":"functional","isAccepted":false},{"consentTypeId":106,"consentTypeName":"personalized","isAccepted":false}]`}, stateRejected},
		{"entries named by a value, all on", nil, map[string]string{u + "cookie:customerCookieConsent": `[{"consentTypeName":"necessary","isAccepted":true},{"consentTypeName":"personalized","isAccepted":true}]`}, stateAccepted},
		{"entries that do not name their purpose say nothing", nil, map[string]string{u + "cookie:SiteFormConsent_1": `[{"channelId":1,"isOptIn":true},{"channelId":2,"isOptIn":false}]`}, ""},
		{"necessary cookies key", nil, map[string]string{u + "cookie:site_consent": `{"necessary_cookies":true,"analytics_cookies":false}`}, stateRejected},
		{"Polish record, necessary on", nil, map[string]string{u + "cookie:sklep_zgody": "%7B%22niezbedne%22%3Atrue%2C%22analityczne%22%3Afalse%2C%22marketingowe%22%3Afalse%7D"}, stateRejected},
		{"Swedish record", nil, map[string]string{u + "localStorage:butik_kakval": `{"statistik":true,"marknadsforing":true,"tid":1764547200000}`}, stateAccepted},
		{"German record, necessary on", nil, map[string]string{u + "cookie:shop_einwilligung": "notwendig:1|statistik:0|marketing:0"}, stateRejected},
		{"a marker that hides the banner beside a refusal", nil, map[string]string{u + "cookie:cookie_consent": "necessary", u + "cookie:hideCookieBanner": "true"}, stateRejected},
		{"a preferences-set marker beside the record", nil, map[string]string{
			u + "cookie:cookies_policy":          "%7B%22essential%22%3Atrue%2C%22settings%22%3Afalse%2C%22usage%22%3Afalse%2C%22campaigns%22%3Afalse%7D",
			u + "cookie:cookies_preferences_set": "true"}, stateRejected},
		{"a record named after its platform", nil, map[string]string{u + "cookie:gravitoData": "%7B%22masterConsent%22%3Afalse%2C%22consents%22%3A%7B%22analytics%22%3Afalse%2C%22marketing%22%3Afalse%7D%7D"}, stateRejected},
		{"required key, short", nil, map[string]string{u + "cookie:site_consent": "req=1&stat=0&mkt=0"}, stateRejected},
		{"services by purpose, the necessary purpose alone, beside a version flag", nil, map[string]string{u + "cookie:site-privacy": url.QueryEscape(`{"consents":{"essential":["site-privacy","cart"]},"expires":"Tue, 01 Jun 2027 00:00:00 GMT","uid":"k2f9x","v3":true,"version":"1"}`)}, stateRejected},
		{"services by purpose, an optional purpose's among them", nil, map[string]string{u + "cookie:site-privacy": url.QueryEscape(`{"consents":{"essential":["site-privacy"],"statistics":["analytics"],"marketing":["pixel"]},"uid":"k2f9x","v3":true,"version":"1"}`)}, stateAccepted},
		{"services by purpose, the optional purposes empty", nil, map[string]string{u + "cookie:site-privacy": `{"consents":{"essential":["site-privacy"],"statistics":[],"marketing":[]},"v2":true}`}, stateRejected},
		{"flags under one-letter keys, the first on", nil, map[string]string{u + "cookie:site_kolacici": "v1%7Cn%3A1%7Cf%3A0%7Ca%3A0%7Cm%3A0%7C1764547200000"}, stateRejected},
		{"flags under one-letter keys, all on", nil, map[string]string{u + "cookie:site_kolacici": "v1|n:1|f:1|a:1|m:1|1764547200000"}, stateAccepted},
		{"flags under one-letter keys, mixed", nil, map[string]string{u + "cookie:site_kolacici": "v1|n:1|f:1|a:0|m:0"}, statePartial},
		{"flags under two-letter keys and a stamp, any name, refused", nil, map[string]string{u + "cookie:XYZP": "AD%3D0%26AL%3D0%26SM%3D0%26expires%3D1760882771531"}, stateRejected},
		{"flags under two-letter keys and a stamp, any name, accepted", nil, map[string]string{u + "cookie:XYZP": "AD%3D1%26AL%3D1%26SM%3D1%26expires%3D1760882771531"}, stateAccepted},
		{"two letter flags are no record", nil, map[string]string{u + "cookie:XYZP": "AD=0&AL=0"}, ""},
		{"JSON in single quotes", nil, map[string]string{u + "cookie:site_cookie_policy": "{'essential':true,'settings':false,'usage':false,'campaigns':false}"}, stateRejected},
		{"JSON in Base64", nil, map[string]string{u + "cookie:cookiePermissions": "eyJuZWNlc3NhcnkiOnRydWUsInN0YXRpc3RpY3MiOmZhbHNlLCJtYXJrZXRpbmciOmZhbHNlfQ=="}, stateRejected},
		{"JSON in Base64, all on", nil, map[string]string{u + "cookie:cookiePermissions": "eyJuZWNlc3NhcnkiOnRydWUsInN0YXRpc3RpY3MiOnRydWUsIm1hcmtldGluZyI6dHJ1ZX0="}, stateAccepted},
		{"numbered purposes joined to their flags by hyphens, the first alone on", nil, map[string]string{u + "cookie:shopConsent": "c1-1|c2-0|c3-0|c4-0|c5-0|ts-1796329827352|consent-true"}, stateRejected},
		{"numbered purposes joined to their flags by hyphens, all on", nil, map[string]string{u + "cookie:shopConsent": "c1-1|c2-1|c3-1|c4-1|c5-1|ts-1796329827352|consent-true"}, stateAccepted},
		{"entries of purposes with a consent status, in Base64, optional ones withdrawn", nil, map[string]string{u + "cookie:S4_CC": "eyJ2ZXJzaW9uIjoxLCJjb25zZW50ZWQiOnRydWUsInB1cnBvc2VzIjpbeyJpZCI6ImVzc2VudGlhbCIsImNvbnNlbnRTdGF0dXMiOiJnaXZlbiJ9LHsiaWQiOiJwcm9tb3Rpb25zIiwiY29uc2VudFN0YXR1cyI6IndpdGhkcmF3biJ9LHsiaWQiOiJhZHZlcnRpc2luZyIsImNvbnNlbnRTdGF0dXMiOiJ3aXRoZHJhd24ifSx7ImlkIjoibWVzc2FnaW5nIiwiY29uc2VudFN0YXR1cyI6IndpdGhkcmF3biJ9XSwidGltZXN0YW1wIjoiMjAyNi0xMi0wM1QyMDowMDowMFoifQ=="}, stateRejected},
		{"entries of purposes with a consent status, in Base64, all given", nil, map[string]string{u + "cookie:S4_CC": "eyJ2ZXJzaW9uIjoxLCJjb25zZW50ZWQiOnRydWUsInB1cnBvc2VzIjpbeyJpZCI6ImVzc2VudGlhbCIsImNvbnNlbnRTdGF0dXMiOiJnaXZlbiJ9LHsiaWQiOiJwcm9tb3Rpb25zIiwiY29uc2VudFN0YXR1cyI6ImdpdmVuIn0seyJpZCI6ImFkdmVydGlzaW5nIiwiY29uc2VudFN0YXR1cyI6ImdpdmVuIn0seyJpZCI6Im1lc3NhZ2luZyIsImNvbnNlbnRTdGF0dXMiOiJnaXZlbiJ9XSwidGltZXN0YW1wIjoiMjAyNi0xMi0wM1QyMDowMDowMFoifQ=="}, stateAccepted},
		{"Orejime's record of services, all refused", nil, map[string]string{u + "cookie:orejime": `{"matomo":false,"youtube":false,"meta-pixel":false}`}, stateRejected},
		{"Orejime's record of services, all granted", nil, map[string]string{u + "cookie:orejime": `{"matomo":true,"youtube":true,"meta-pixel":true}`}, stateAccepted},
		// Keys that say where the visitor is, or that the record was sent,
		// hold no choice (Wise's twCookieConsent, TRUENDO's truendo_cmp).
		{"a status beside where the visitor is", nil, map[string]string{u + "cookie:twCookieConsent": `{"policyId":"2023-10-16","expiry":1796000000000,"isEu":true,"status":"declined"}`}, stateRejected},
		{"purposes beside an acknowledgement, a product version and a sent flag", nil, map[string]string{u + "cookie:truendo_cmp": `{"ack":true,"version":2,"prodirversion":"1","necessary":true,"marketing":false,"statistics":false,"consent_sent":"true"}`}, stateRejected},
		// The functional purpose is the one always on in the WordPress
		// Consent API, Complianz and Enzuzo; it is no choice.
		{"separate cookies per purpose, the functional one on", nil, map[string]string{u + "cookie:cookies-functional": "true", u + "cookie:cookies-analytics": "false", u + "cookie:cookies-marketing": "false"}, stateRejected},
		// Piano Analytics' privacy record _pprv: Base64 JSON of a privacy
		// mode for each product.
		{"Piano's privacy modes, all opted in", nil, map[string]string{u + "cookie:_pprv": "eyJjb25zZW50Ijp7IjAiOnsibW9kZSI6Im9wdC1pbiJ9LCIxIjp7Im1vZGUiOiJvcHQtaW4ifSwiMiI6eyJtb2RlIjoib3B0LWluIn0sIjMiOnsibW9kZSI6Im9wdC1pbiJ9fSwicHVycG9zZXMiOnsiMCI6IkFNIiwiMSI6IkFEIiwiMiI6IkNQIiwiMyI6IlBSIn0sIl90IjoibWJxMXgyfG1icTF4MiJ9"}, stateAccepted},
		{"Piano's privacy modes, essential and opted out", nil, map[string]string{u + "cookie:_pprv": "eyJjb25zZW50Ijp7IjAiOnsibW9kZSI6ImVzc2VudGlhbCJ9LCIxIjp7Im1vZGUiOiJvcHQtb3V0In0sIjIiOnsibW9kZSI6Im9wdC1vdXQifSwiMyI6eyJtb2RlIjoib3B0LW91dCJ9fSwicHVycG9zZXMiOnsiMCI6IkFNIiwiMSI6IkFEIiwiMiI6IkNQIiwiMyI6IlBSIn0sIl90IjoibWJxMXgyfG1icTF4MiJ9"}, stateRejected},
		{"Base64 of a word is no record", nil, map[string]string{u + "cookie:cookie-ack": "eWVzeWVzeWVz"}, ""},
		{"digit flags all on", nil, map[string]string{u + "cookie:site_policy": "111"}, stateAccepted},
		{"digit flags all off", nil, map[string]string{u + "cookie:site_policy": "000"}, stateRejected},
		{"separated flags all on", nil, map[string]string{u + "cookie:site_cookies": "1.1.1"}, stateAccepted},
		{"separated flags: the necessary purpose alone", nil, map[string]string{u + "cookie:site_cookies": "1.0.0"}, stateRejected},
		{"joined flags: the necessary purpose alone", nil, map[string]string{u + "cookie:site_policy": "100"}, stateRejected},
		{"separated flags mixed", nil, map[string]string{u + "cookie:site_cookies": "1|1|0"}, ""},
		{"flags after a version and a time, all off", nil, map[string]string{u + "cookie:site_choice": "2.1733140000.0.0.0"}, stateRejected},
		{"flags after a time in milliseconds, all on", nil, map[string]string{u + "cookie:site_choice": "1733140000123|1|1|1"}, stateAccepted},
		{"a version is no time before flags", nil, map[string]string{u + "cookie:site_choice": "5.0.0.0"}, ""},
		{"a version with two numbers is no flags", nil, map[string]string{u + "cookie:site_choice": "5.2.0.0.0"}, ""},
		{"a record known by its purposes, not its name", nil, map[string]string{u + "cookie:cmv2_state": "%7B%22version%22%3A%222025-10-09%22%2C%22choices%22%3A%7B%22analytics%22%3Afalse%2C%22ads%22%3Afalse%7D%7D"}, stateRejected},
		{"a JSON value of one purpose, under another name, is no record", nil, map[string]string{u + "cookie:ui_state": `{"ads":true,"theme":"dark"}`}, ""},
		{"a list of the purposes allowed under allow, empty", nil, map[string]string{u + "cookie:cookie_preferences": "%7B%22allow%22%3A%5B%5D%2C%22version%22%3A1%7D"}, stateRejected},
		{"a list of the purposes allowed under allow", nil, map[string]string{u + "cookie:cookie_preferences": "%7B%22allow%22%3A%5B%22analytics%22%2C%22advertising%22%5D%2C%22version%22%3A1%7D"}, stateAccepted},
		{"the site and the service are necessary purposes", nil, map[string]string{u + "cookie:site_cookiesConsent": `{"site":true,"service":true,"analytic":false,"ads":false}`}, stateRejected},
		{"a list of the purposes under consent, the necessary alone", nil, map[string]string{u + "cookie:cm_eu_preferences": `{%22consent%22:[%22necessary%22]%2C%22region%22:%22EU%22}`}, stateRejected},
		{"a list of the purposes under consent", nil, map[string]string{u + "cookie:cm_eu_preferences": `{%22region%22:%22EU%22%2C%22consent%22:[%22necessary%22%2C%22performance%22%2C%22targeting%22]}`}, stateAccepted},
		{"TCF purposes and vendors granted in a site's Base64 record, none", map[string]string{u + "cookie:ci": "eyJhZ2VTaWduYWwiOiJBRFVMVCIsImlzR2RwciI6dHJ1ZX0"}, map[string]string{u + "cookie:ci": "eyJwdXJwb3NlcyI6W10sInZlbmRvcnMiOltdLCJhZ2VTaWduYWwiOiJBRFVMVCIsImlzR2RwciI6dHJ1ZX0"}, stateRejected},
		{"TCF purposes and vendors granted in a site's Base64 record, with interest-based ads not disabled", nil, map[string]string{u + "cookie:ci": "eyJhY3QiOiJDUWFiYyIsImdjdCI6IkNRZGVmIiwicHVycG9zZXMiOlsiMSIsIjIiLCI0IiwiNyIsIjkiLCIxMCIsIjExIl0sInZlbmRvcnMiOls3NTUsNzkzLDExMjZdLCJhZ2VTaWduYWwiOiJBRFVMVCIsImRpc2FibGVJQkEiOmZhbHNlLCJkaXNhYmxlUDEzbiI6ZmFsc2UsImlzR2RwciI6dHJ1ZX0"}, stateAccepted},
		{"TCF purposes granted, interest-based ads disabled", nil, map[string]string{u + "cookie:ci": "eyJwdXJwb3NlcyI6WyIxIiwiOSIsIjEwIl0sInZlbmRvcnMiOltdLCJhZ2VTaWduYWwiOiJBRFVMVCIsImRpc2FibGVJQkEiOnRydWUsImRpc2FibGVQMTNuIjpmYWxzZSwiaXNHZHByIjp0cnVlfQ"}, statePartial},
		{"the first TCF purpose alone is a refusal", nil, map[string]string{u + "cookie:ci": `{"purposes":[1],"vendors":[]}`}, stateRejected},
		{"Shopware's record of a choice saved is a marker", nil, map[string]string{u + "cookie:cookie-preference": "1"}, ""},
		{"flags glued to keys of a letter, the first alone on", nil, map[string]string{u + "cookie:site_cookie_consent": "v1.e1.a0.f0.m0"}, stateRejected},
		{"flags glued to keys of a letter, all on", nil, map[string]string{u + "cookie:site_cookie_consent": "v12.e1.a1.f1.m1"}, stateAccepted},
		{"flags glued to keys of a letter, mixed", nil, map[string]string{u + "cookie:site_cookie_consent": "v1.e1.a1.f0.m0"}, statePartial},
		{"letter flags, mixed", nil, map[string]string{u + "cookie:site_consent": "n:1|f:1|a:0|m:0"}, statePartial},
		{"a purpose's flag and the day it was given, off", nil, map[string]string{u + "cookie:cookie_preferences": "a:0-20261203"}, stateRejected},
		{"a purpose's flag and the day it was given, on", nil, map[string]string{u + "cookie:cookie_preferences": "a:1-20261203"}, stateAccepted},
		{"a version is no flags", nil, map[string]string{u + "cookie:site_consent": "accepted", u + "cookie:site_consent_version": "1.0"}, stateAccepted},
		{"digit flags mixed", nil, map[string]string{u + "cookie:site_policy": "101"}, ""},
		{"a flag that a choice was made is no purpose", nil, map[string]string{u + "cookie:site-cookie-consent": `{"necessary":true,"statistics":false,"marketing":false,"consented":true,"version":7}`}, stateRejected},
		{"a marker in the middle of the name", nil, map[string]string{u + "cookie:_cookies_set_offline": "true"}, ""},
		{"a record per purpose, and a bare flag beside them", nil, map[string]string{
			u + "localStorage:siteCookieChoice_essential":     "true",
			u + "localStorage:siteCookieChoice_analytics":     "false",
			u + "localStorage:siteCookieChoice_marketing":     "false",
			u + "localStorage:siteCookieBanner_InitialChoice": "1"}, stateRejected},
		{"a bare flag alone", nil, map[string]string{u + "cookie:site_cookie_consent": "true"}, stateAccepted},
		// The necessary purpose's record alone, its family having no
		// other record: the necessary purpose alone granted.
		{"only the necessary purpose's record", nil, map[string]string{u + "localStorage:siteCookieChoice_essential": "true"}, stateRejected},
		{"the necessary purpose's record written beside its family's others, unchanged", map[string]string{u + "localStorage:siteCookieChoice_analytics": "true"},
			map[string]string{u + "localStorage:siteCookieChoice_essential": "true", u + "localStorage:siteCookieChoice_analytics": "true"}, ""},
		{"pairs joined by hyphens", nil, map[string]string{u + "cookie:site_cookie_consent": "Required:1-Analytics:0-SocialMedia:0-Advertising:0"}, stateRejected},
		{"pairs joined by hyphens, all on", nil, map[string]string{u + "cookie:site_cookie_consent": "Required:1-Analytics:1-SocialMedia:1-Advertising:1"}, stateAccepted},
		{"a flag that the visitor opted", nil, map[string]string{u + "cookie:eu_cookie": `{"opted":true,"nonessential":false}`}, stateRejected},
		{"purposes granted at a date", nil, map[string]string{u + "cookie:cookie_consent": `"analytics=2024-11-05T14:32:10.518204+00:00|marketing=2024-11-05T14:32:10.518204+00:00"`}, stateAccepted},
		{"purposes refused with -1", nil, map[string]string{u + "cookie:cookie_consent": `"analytics=-1|marketing=-1"`}, stateRejected},
		{"only the technically required category", nil, map[string]string{u + "cookie:cookies_accepted_categories": "technically_required"}, stateRejected},
		{"a record that lists its cookies one by one, itself among them", nil, map[string]string{u + "cookie:shop_cookie_consent": `{"consent_at":1764547200,"shop_cookie_consent":true,"shop_session":true,"XSRF-TOKEN":true,"_ga":false,"_fbp":false}`}, stateRejected},
		{"a record that lists its cookies one by one, the platform's session among them", nil, map[string]string{u + "cookie:shop_cookie_consent": `{"PHPSESSID":true,"_ga":false,"_fbp":false}`}, stateRejected},
		{"a list of purposes under a choice key", nil, map[string]string{u + "cookie:CookiesConsent": `{"consent":"analytics,personalisation","cookieId":"a1b2c3"}`}, stateAccepted},
		{"none granted under a choice key", nil, map[string]string{u + "cookie:CookiesConsent": `{"consent":"none","cookieId":"a1b2c3"}`}, stateRejected},
		{"Slovak purposes joined by underscores", nil, map[string]string{u + "cookie:enableCookieCategory": "nutne_preferencne_marketingove_statisticke"}, stateAccepted},
		{"the Slovak necessary purpose alone", nil, map[string]string{u + "cookie:enableCookieCategory": "nutne"}, stateRejected},
		{"an optedIn flag beside purposes refused", nil, map[string]string{u + "cookie:cookie-consent-1": `{"optedIn":true,"functionality":false,"statistics":false}`}, stateRejected},
		{"keys and flags joined by hyphens", nil, map[string]string{u + "cookie:COOKIE_CONSENT": "functi-0|market-0"}, stateRejected},
		{"keys and flags joined by hyphens, all on", nil, map[string]string{u + "cookie:COOKIE_CONSENT": "functi-1|market-1"}, stateAccepted},
		{"a version and an empty list", nil, map[string]string{u + "cookie:userconsent": "v2|"}, stateRejected},
		{"a version and the purposes granted", nil, map[string]string{u + "cookie:userconsent": "v2|personalization,development,embedded_social_media"}, stateAccepted},
		{"a word after cookie, allowed", nil, map[string]string{u + "cookie:cookiebar": "CookieAllowed"}, stateAccepted},
		{"a word after cookie, disallowed", nil, map[string]string{u + "cookie:cookiebar": "CookieDisallowed"}, stateRejected},
		{"Google consent mode states, the necessary ones granted", nil, map[string]string{u + "localStorage:siteConsentMode": `{"ad_storage":"denied","analytics_storage":"denied","functionality_storage":"granted","security_storage":"granted"}`}, stateRejected},
		{"only the mandatory group granted", nil, map[string]string{u + "cookie:CookieConsent": "mandatory"}, stateRejected},
		{"the mandatory group and others granted", nil, map[string]string{u + "cookie:CookieConsent": "mandatory|marketing|external"}, stateAccepted},
		{"a refusal key", nil, map[string]string{u + "cookie:site_consent": `{"reject":"true"}`}, stateRejected},
		{"an acceptance key", nil, map[string]string{u + "cookie:site_consent": `{"accept":"true"}`}, stateAccepted},
		{"a refusal key said no", nil, map[string]string{u + "cookie:site_consent": `{"reject":"false"}`}, ""},
		{"pairs, and a copy with an identifier beside them", nil, map[string]string{
			u + "cookie:cookie_optin":                        "essential:1|statistik:0|marketing:0|iframes:0",
			u + "localStorage:SgCookieOptin.lastPreferences": `{"timestamp":1764547200,"cookieValue":"essential:1|statistik:0|marketing:0|iframes:0","isAll":false,"version":1,"identifier":1}`}, stateRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := recordState(tc.before, tc.after); got != tc.want {
				t.Errorf("recordState = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRecordChoice reads the choice a click recorded from the records
// before and after it, where the records that changed do not say it alone.
func TestRecordChoice(t *testing.T) {
	const u = "https://www.example.test/|"
	deflt := map[string]string{u + "cookie:site_cookies_policy": `{"essential":true,"usage":false,"campaigns":false}`}
	withMarker := map[string]string{u + "cookie:site_cookies_policy": `{"essential":true,"usage":false,"campaigns":false}`, u + "cookie:site_cookie_message_displayed": "true"}
	partial := map[string]string{u + "cookie:site-cookie-consent": `{"necessary":true,"statistics":true,"marketing":false}`}
	otDefault := "isGpcEnabled=0&version=202409.1.0&isIABGlobal=false&hosts=&consentId=890255e1&interactionCount=0&isAnonUser=1&landingPath=https%3A%2F%2Fwww.example.test%2F&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0&AwaitingReconsent=false"
	otRefused := "isGpcEnabled=0&version=202409.1.0&isIABGlobal=false&hosts=&consentId=3659ddd8&interactionCount=1&isAnonUser=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0&intType=2&AwaitingReconsent=false"
	otLanding := "isGpcEnabled=0&datestamp=Thu+Dec+03+2026&version=202501.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&landingPath=https%3A%2F%2Fwww.example.test%2F&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0"
	wplDefault := map[string]string{u + "cookie:wpl_user_preference": `{"necessary":"yes","marketing":"no","analytics":"no"}`}
	for _, tc := range []struct {
		name          string
		before, after map[string]string
		click         clickKind
		want          string
	}{
		{"a refusal that leaves the default as it was, and writes a marker", deflt, withMarker, otherClick, stateRejected},
		{"the default as it was, and nothing written", deflt, deflt, otherClick, ""},
		{"a marker alone, and records that say nothing", nil, map[string]string{u + "cookie:site_cookie_message_displayed": "true"}, otherClick, ""},
		{"a first-layer accept that turns some purposes on", nil, partial, firstAccept, statePartial},
		{"some purposes on, after another click", nil, partial, otherClick, ""},
		{"a notice's accept that wrote a marker", nil, map[string]string{u + "cookie:cookie_notice_seen": "1"}, noticeAccept, stateAccepted},
		{"a notice's accept that wrote a dismissal under the product's name", nil, map[string]string{u + "cookie:wpcc": "dismiss"}, noticeAccept, stateAccepted},
		{"a notice's accept that wrote true under a name that says nothing", nil, map[string]string{u + "cookie:dtPCB": "true"}, noticeAccept, stateAccepted},
		{"true under a name that says nothing, after an accept beside a refusal", nil, map[string]string{u + "cookie:dtPCB": "true"}, firstAccept, ""},
		{"a notice's accept after which a tag wrote a digit", nil, map[string]string{u + "cookie:_gat": "1"}, noticeAccept, ""},
		{"a dismissal under another name, after an accept beside a refusal", nil, map[string]string{u + "cookie:wpcc": "dismiss"}, firstAccept, ""},
		{"a notice's accept that wrote OK under a name that says nothing", nil, map[string]string{u + "cookie:site_cc": "ok"}, noticeAccept, stateAccepted},
		{"OK under a name that says nothing, after an accept beside a refusal", nil, map[string]string{u + "cookie:site_cc": "ok"}, firstAccept, ""},
		{"a first layer with no refusal, its accept wrote a marker", nil, map[string]string{u + "cookie:euCookie": "set"}, soleAccept, stateAccepted},
		{"a marker beside an accept with a refusal", nil, map[string]string{u + "cookie:euCookie": "set"}, firstAccept, ""},
		{"a first layer with no refusal, its accept wrote a marker beside a refusal record", deflt, withMarker, soleAccept, stateRejected},
		{"the opposite choice is said", nil, map[string]string{u + "cookie:site_consent": "deny"}, firstAccept, stateRejected},
		{"a default a late SDK wrote after an accept clicked too early", nil, map[string]string{u + "cookie:OptanonConsent": otDefault}, firstAccept, ""},
		{"a default with no interaction count, its landing page still in it", nil, map[string]string{u + "cookie:OptanonConsent": otLanding}, firstAccept, ""},
		{"the refusal the SDK recorded once loaded", map[string]string{u + "cookie:OptanonConsent": otDefault}, map[string]string{u + "cookie:OptanonConsent": otRefused, u + "cookie:OptanonAlertBoxClosed": "2026-12-03T14:51:48.622Z"}, otherClick, stateRejected},
		{"a refusal that writes a version and a marker beside the default", wplDefault, map[string]string{
			u + "cookie:wpl_user_preference": wplDefault[u+"cookie:wpl_user_preference"],
			u + "cookie:consent_version":     "1",
			u + "cookie:wpl_viewed_cookie":   "no"}, otherClick, stateRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := recordChoice(tc.before, tc.after, tc.click); got != tc.want {
				t.Errorf("recordChoice = %q, want %q", got, tc.want)
			}
		})
	}
}
