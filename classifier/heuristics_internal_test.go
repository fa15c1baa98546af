package classifier

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

func TestNameWordSet(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		want []string
	}{
		{"ods_catalog_view", []string{"ods", "catalog", "view"}},
		{"__Host-chat_sid", []string{"chat", "sid"}},
		{"__Secure-authToken", []string{"auth", "token"}},
		{"userLang", []string{"user", "lang"}},
		{"XSRF-TOKEN", []string{"xsrf", "token"}},
		{"loaded", []string{"loaded"}},
		{"a.b:c", []string{"a", "b", "c"}},
		{"controlcookieanalytics", []string{"controlcookieanalytics", "control", "cookie", "analytics"}},
		{"cookieoption", []string{"cookieoption", "cookie", "option"}},
		{"mycookies_ok", []string{"mycookies", "my", "cookie", "ok"}},
		{"cookie", []string{"cookie"}},
	}
	for _, tc := range cases {
		want := map[string]bool{}
		for _, w := range tc.want {
			want[w] = true
		}
		if diff := cmp.Diff(want, nameWordSet(tc.name)); diff != "" {
			t.Errorf("nameWordSet(%q) (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestNameRules checks how the name rules read a site's own cookie names:
// a word of a prefix rule starts a word of the name, and a word of unless
// keeps the rule from applying.
func TestNameRules(t *testing.T) {
	t.Parallel()
	kb := &KB{}
	cases := []struct {
		name string
		want policy.Category // Unclassified: no rule applies
	}{
		{"shop_auth", policy.Necessary},
		{"Authorization", policy.Necessary},
		{"__Secure-authSession", policy.Necessary},
		{"auth_token", policy.Unclassified}, // "token" also names trackers' identifiers
		{"portal-csrftoken", policy.Necessary},
		{"XSRF-TOKEN", policy.Necessary},
		{"scratchcsrftoken", policy.Necessary}, // a within rule's word anywhere in a word
		{"anoncsrf", policy.Necessary},
		{"app-sessionid", policy.Necessary},
		{"app_session", policy.Unclassified}, // "session" alone fails its measure
		{"shop_recently_viewed", policy.Preferences},
		{"hide_promo_bar", policy.Preferences},
		{"banner_dismissed", policy.Necessary},     // a consent record's word comes first
		{"oauthstate", policy.Unclassified},        // a prefix starts the word
		{"cookie_consentstatus", policy.Necessary}, // "consent" anywhere in a word
		{"userConsentGiven", policy.Necessary},
		{"hof-cookie-check", policy.Necessary}, // a test that cookies can be written
		{"test_cookie", policy.Unclassified},   // DoubleClick's: "test" is no consent word
	}
	for _, tc := range cases {
		g, ok := heuristic(crawler.Cookie{Name: tc.name, Party: crawler.FirstParty}, kb)
		got := policy.Unclassified
		if ok {
			got = g.Category
		}
		if got != tc.want {
			t.Errorf("heuristic(%q) = %s (%s), want %s", tc.name, got, g.Reason, tc.want)
		}
	}
}

// TestHeuristicsEarnTheirPlace measures each word of the name heuristics
// on the Open Cookie Database, with the database held out (the heuristics
// run only for cookies the knowledge base does not know): of the
// database's cookies whose names hold the word, at least 90% must have a
// category compatible with the word's, and every word must be seen at
// least once. Each rule as a whole must be above 90% too.
func TestHeuristicsEarnTheirPlace(t *testing.T) {
	t.Parallel()
	b, err := data.ReadFile("data/ocd.csv")
	if err != nil {
		t.Fatal(err)
	}
	base, err := parseBase("data/ocd.csv", b)
	if err != nil {
		t.Fatal(err)
	}
	// Where we override the database, stating why it is wrong, the
	// override is the truth the heuristics are measured against.
	b, err = data.ReadFile("data/overrides.csv")
	if err != nil {
		t.Fatal(err)
	}
	overrides, err := parseOverrides("data/overrides.csv", b)
	if err != nil {
		t.Fatal(err)
	}
	corrected := map[string]policy.Category{}
	for _, o := range overrides {
		corrected[o.Pattern()] = o.Category
	}
	right := func(c policy.Category, e Entry) bool {
		if o, ok := corrected[e.Pattern()]; ok {
			return c == o
		}
		return Compatible(c, e.DatabaseCategory)
	}
	sets := make([]map[string]bool, len(base))
	for i, e := range base {
		sets[i] = nameWordSet(e.Name)
	}
	for _, nw := range nameWords {
		ruleHits, ruleOK := 0, 0
		for _, w := range nw.words {
			hits, ok := 0, 0
			for i, e := range base {
				if nw.holds(sets[i], w) {
					hits++
					if right(nw.category, e) {
						ok++
					}
				}
			}
			t.Logf("%-12s %-14s %3d of %3d", nw.category, w, ok, hits)
			if hits == 0 {
				t.Errorf("the word %q (%s) names no cookie of the database: its precision cannot be measured", w, nw.what)
			} else if ok*10 < hits*9 {
				t.Errorf("the word %q (%s) is right for %d of the database's %d cookies holding it, below 90%%", w, nw.what, ok, hits)
			}
			ruleHits += hits
			ruleOK += ok
		}
		if ruleOK*10 <= ruleHits*9 {
			t.Errorf("the rule for %s is right for %d of %d cookies, not above 90%%", nw.what, ruleOK, ruleHits)
		}
	}
}

func TestDomains(t *testing.T) {
	t.Parallel()
	cases := []struct {
		text string
		want []string
	}{
		{"example.org", []string{"example.org"}},
		{".Example.org", []string{"example.org"}},
		{"*.example.org", []string{"example.org"}},
		{"https://www.example.org/cookies", []string{"www.example.org"}},
		{"google.com, doubleclick.net", []string{"google.com", "doubleclick.net"}},
		{"example.org (first party)", []string{"example.org"}},
		{"Third party", nil},
		{"advertiser's website domain (1st party)", nil},
		{"", nil},
	}
	for _, tc := range cases {
		if diff := cmp.Diff(tc.want, domainsOf(tc.text)); diff != "" {
			t.Errorf("domainsOf(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
	covers := []struct {
		declared, domain string
		want             bool
	}{
		{"example.org", "example.org", true},
		{"example.org", "www.example.org", true},
		{".example.org", "a.b.example.org", true},
		{"example.org", "badexample.org", false},
		{"www.example.org", "example.org", false},
		{"", "example.org", false},
	}
	for _, tc := range covers {
		if got := domainCovers(tc.declared, tc.domain); got != tc.want {
			t.Errorf("domainCovers(%q, %q) = %v, want %v", tc.declared, tc.domain, got, tc.want)
		}
	}
}

func TestNormalizeHost(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"example.org":                     "example.org",
		".Example.ORG":                    "example.org",
		" www.example.org. ":              "www.example.org",
		"https://WWW.Example.org:8443/x":  "www.example.org",
		"http://user:pw@shop.example.org": "shop.example.org",
		"":                                "",
	} {
		if got := NormalizeHost(in); got != want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", in, got, want)
		}
	}
}
