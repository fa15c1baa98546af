package classifier_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

const ocdFile = "testdata/open-cookie-database.csv"

func readOCD(t *testing.T) []classifier.Entry {
	t.Helper()
	b, err := os.ReadFile(ocdFile)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := classifier.ParseOpenCookieDB(ocdFile, b)
	if err != nil {
		t.Fatalf("ParseOpenCookieDB: %v", err)
	}
	return entries
}

func TestParseOpenCookieDB(t *testing.T) {
	t.Parallel()
	type entry struct {
		Pattern    string
		Provider   string
		Category   policy.Category
		Lifetime   string // canonical, or the text when not understood
		Hosts      []string
		Confidence classifier.Confidence
		Origin     string
	}
	var got []entry
	for _, e := range readOCD(t) {
		life := e.Lifetime.String()
		if life == "" {
			life = e.Lifetime.Text
		}
		got = append(got, entry{e.Pattern(), e.Provider, e.Category, life, e.Hosts, e.Confidence, e.Origin})
	}
	want := []entry{
		{"acme_vid", "Acme Analytics", policy.Statistics, "2y", []string{"acme-analytics.test"}, classifier.ConfidenceHigh, ocdFile + ":2"},
		{"acme_ses_*", "Acme Analytics", policy.Statistics, "30m", nil, classifier.ConfidenceMedium, ocdFile + ":3"},
		// No platform: the data controller is the provider; Functional is
		// necessary.
		{"shop_cart", "Example Shop", policy.Necessary, "session", nil, classifier.ConfidenceHigh, ocdFile + ":4"},
		{"shop_theme", "Example Shop", policy.Preferences, "1y", []string{"www.example.org"}, classifier.ConfidenceHigh, ocdFile + ":5"},
		{"guard_token", "Guard", policy.Necessary, "1d", nil, classifier.ConfidenceHigh, ocdFile + ":6"},
		{"_ga", "Google Analytics", policy.Marketing, "2y", []string{"example.org"}, classifier.ConfidenceHigh, ocdFile + ":7"},
		{"legacy_flag", "Legacy CMS", policy.Necessary, "varies", nil, classifier.ConfidenceHigh, ocdFile + ":8"},
		// An invisible soft hyphen inside the name is dropped.
		{"acme_logsession", "Acme Logs", policy.Necessary, "session", nil, classifier.ConfidenceHigh, ocdFile + ":9"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

// TestOpenCookieDBOverrides checks that the entries of a --cookie-db file
// win over the built-in knowledge base, and that the declared policy wins
// over both.
func TestOpenCookieDBOverrides(t *testing.T) {
	t.Parallel()
	kb := builtin(t).Override(readOCD(t))
	pol := parsePolicy(t, `
cookies:
  - name: _ga
    category: statistics
`)
	cookies := []crawler.Cookie{
		observed(t, "_ga=GA1.1.1.2; Domain=example.org; Max-Age=63072000", tag),
		observed(t, "_gid=GA1.1.3.4; Domain=example.org; Max-Age=86400", tag),
		observed(t, "acme_ses_42=abc; Max-Age=1800", home),
		observed(t, "shop_cart=3; HttpOnly", home),
		observed(t, "shop_theme=dark; Max-Age=31536000", home),
	}
	res := classifier.Classify(cookies, pol, kb, classifier.Options{Site: site})
	wantClasses := []class{
		// Declared statistics: the policy wins for the category, but the
		// local entry (marketing, high confidence) is evidence against it.
		{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing},
		// Not in the file: the built-in entry.
		{false, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Statistics},
		{false, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceMedium, policy.Statistics},
		{false, policy.Necessary, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Necessary},
		// "theme" would make a heuristic guess; the file's entry wins.
		{false, policy.Preferences, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Preferences},
	}
	if diff := cmp.Diff(wantClasses, projectClasses(res.Cookies)); diff != "" {
		t.Errorf("classifications (-want +got):\n%s", diff)
	}
	if e := res.Cookies[0].KBEntry; e == nil || e.Origin != ocdFile+":7" {
		t.Errorf("_ga's entry = %+v, want the one of %s:7", e, ocdFile)
	}
	wantFindings := []finding{
		{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "_gid", "example.org", "/", policy.Statistics, 0},
		{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "acme_ses_42", "www.example.org", "/", policy.Statistics, 0},
		{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "shop_cart", "www.example.org", "/", policy.Necessary, 0},
		{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "shop_theme", "www.example.org", "/", policy.Preferences, 0},
		{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityMedium, "_ga", "example.org", "/", policy.Marketing, 2},
	}
	if diff := cmp.Diff(wantFindings, project(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		if f.Cookie == "_ga" && !strings.Contains(f.Evidence, ocdFile+":7") {
			t.Errorf("misclassified evidence does not name the overriding entry: %s", f.Evidence)
		}
	}
}

func TestParseOpenCookieDBErrors(t *testing.T) {
	t.Parallel()
	const header = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"
	cases := []struct {
		name, data, want string
	}{
		{"empty file", "", "db.csv: empty file"},
		{"not the format", "name,category\n_ga,statistics\n", `db.csv:1: no "cookie / data key name" column`},
		{"unknown category", header + "1,P,Tracking-ish,x,,,,,,0\n", `db.csv:2: category "Tracking-ish"`},
		{"bad wildcard", header + "1,P,Analytics,x,,,,,,yes\n", `db.csv:2: wildcard match "yes": want 0 or 1`},
		{"empty name", header + "1,P,Analytics,,,,,,,0\n2,P,Analytics,y,,,,,,0\n", "db.csv:2: empty cookie name"},
		{"broken quotes", header + "1,P,Analytics,\"x,,,,,,0\n", "db.csv:"},
	}
	for _, tc := range cases {
		_, err := classifier.ParseOpenCookieDB("db.csv", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	// A byte-order mark and CRLF line ends, as spreadsheet exports write.
	entries, err := classifier.ParseOpenCookieDB("db.csv", []byte("\xef\xbb\xbf"+strings.ReplaceAll(header+"1,P,Analytics,x,,,,,,0\n", "\n", "\r\n")))
	if err != nil || len(entries) != 1 || entries[0].Name != "x" {
		t.Errorf("BOM and CRLF: %v, %+v", err, entries)
	}
}
