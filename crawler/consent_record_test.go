package crawler

import "testing"

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
		{"OneTrust groups rejected", nil, map[string]string{u + "cookie:OptanonConsent": "isGpcEnabled=0&datestamp=Mon+Nov+30&version=202404.1.0&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0"}, stateRejected},
		{"OneTrust groups accepted", nil, map[string]string{u + "cookie:OptanonConsent": "isGpcEnabled=0&datestamp=Mon+Nov+30&version=202404.1.0&groups=C0001%3A1%2CC0002%3A1%2CC0004%3A1"}, stateAccepted},
		{"JSON categories", nil, map[string]string{u + "cookie:cookiefirst-consent": `{"necessary":true,"performance":false,"functional":false,"advertising":false}`}, stateRejected},
		{"JSON all on", nil, map[string]string{u + "localStorage:klaro": `{"necessary":true,"analytics":true,"ads":true}`}, stateAccepted},
		{"JSON mixed", nil, map[string]string{u + "cookie:cc_cookie": `{"analytics":true,"ads":false}`}, statePartial},
		{"action reject", nil, map[string]string{u + "cookie:CookieScriptConsent": `{"action":"reject","categories":"[]","key":"a1b2"}`}, stateRejected},
		{"only the necessary category granted", nil, map[string]string{u + "cookie:cc_cookie": `{"categories":["necessary"],"level":[]}`}, stateRejected},
		{"categories granted beside the necessary one", nil, map[string]string{u + "cookie:cc_cookie": `{"categories":["necessary","analytics"]}`}, stateAccepted},
		{"granted purposes as dotted words", nil, map[string]string{u + "cookie:shop_cookie_prefs": "v2.necessary.20261201"}, stateRejected},
		{"granted purposes as piped words", nil, map[string]string{u + "cookie:shop_cookie_einwilligung": "notwendig|statistik|marketing"}, stateAccepted},
		{"German list of granted categories", nil, map[string]string{u + "localStorage:shop_einwilligung": `{"kategorien":["notwendig"],"zeit":"2026-12-01"}`}, stateRejected},
		{"words that name no purpose", nil, map[string]string{u + "cookie:shop_cookie_prefs": "v2.blue.large"}, ""},
		{"tarteaucitron", nil, map[string]string{u + "cookie:tarteaucitron": "!gtag=false!facebook=false"}, stateRejected},
		{"unchanged record", map[string]string{u + "cookie:cookieconsent_status": "deny"}, map[string]string{u + "cookie:cookieconsent_status": "deny"}, ""},
		{"not a consent record", nil, map[string]string{u + "cookie:theme": "false"}, ""},
		{"French word accepted", nil, map[string]string{u + "cookie:consentement": "accepte"}, stateAccepted},
		{"French word refused", nil, map[string]string{u + "cookie:consentement": "refuse"}, stateRejected},
		{"only necessary", nil, map[string]string{u + "cookie:site_consent": "necessary"}, stateRejected},
		{"abbreviated purposes, essential on", nil, map[string]string{u + "cookie:shop_privacy": "v3%7Cess%3A1%7Cstats%3A0%7Cads%3A0%7C1764547200"}, stateRejected},
		{"abbreviated purposes, all on", nil, map[string]string{u + "cookie:shop_privacy": "v3%7Cess%3A1%7Cstats%3A1%7Cads%3A1%7C1764547200"}, stateAccepted},
		{"necessary cookies key", nil, map[string]string{u + "cookie:site_consent": `{"necessary_cookies":true,"analytics_cookies":false}`}, stateRejected},
		{"Polish record, necessary on", nil, map[string]string{u + "cookie:sklep_zgody": "%7B%22niezbedne%22%3Atrue%2C%22analityczne%22%3Afalse%2C%22marketingowe%22%3Afalse%7D"}, stateRejected},
		{"Swedish record", nil, map[string]string{u + "localStorage:butik_kakval": `{"statistik":true,"marknadsforing":true,"tid":1764547200000}`}, stateAccepted},
		{"German record, necessary on", nil, map[string]string{u + "cookie:shop_einwilligung": "notwendig:1|statistik:0|marketing:0"}, stateRejected},
		{"a preferences-set marker beside the record", nil, map[string]string{
			u + "cookie:cookies_policy":          "%7B%22essential%22%3Atrue%2C%22settings%22%3Afalse%2C%22usage%22%3Afalse%2C%22campaigns%22%3Afalse%7D",
			u + "cookie:cookies_preferences_set": "true"}, stateRejected},
		{"a record named after its platform", nil, map[string]string{u + "cookie:gravitoData": "%7B%22masterConsent%22%3Afalse%2C%22consents%22%3A%7B%22analytics%22%3Afalse%2C%22marketing%22%3Afalse%7D%7D"}, stateRejected},
		{"required key, short", nil, map[string]string{u + "cookie:site_consent": "req=1&stat=0&mkt=0"}, stateRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := recordState(tc.before, tc.after); got != tc.want {
				t.Errorf("recordState = %q, want %q", got, tc.want)
			}
		})
	}
}
