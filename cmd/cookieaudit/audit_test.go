package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// auditResult is what a crawl of a small shop returns: a declared session
// cookie, undeclared analytics, a marketing cookie declared necessary, and
// a cookie that only the user's cookie database knows.
func auditResult(target string) *crawler.Result {
	res := fakeResult(target)
	set := scanStart.Add(time.Second)
	exp := func(d time.Duration) *time.Time { t := set.Add(d); return &t }
	res.Cookies = []crawler.Cookie{
		{Name: "sessionid", Domain: "www.example.org", HostOnly: true, Path: "/", Party: crawler.FirstParty,
			Session: true, Stored: true, HTTPOnly: true, SetBy: crawler.SetByHeader, Source: target, FirstSeenOn: target, SetAt: set},
		{Name: "_ga", Value: "GA1.1.123.456", Domain: "example.org", Path: "/", Party: crawler.FirstParty,
			RequestedExpires: exp(730 * 24 * time.Hour), Expires: exp(400 * 24 * time.Hour), Stored: true,
			SetBy: crawler.SetByScript, Source: target + "gtag.js", FirstSeenOn: target, SetAt: set},
		{Name: "_fbp", Value: "fb.1.1.1", Domain: "example.org", Path: "/", Party: crawler.FirstParty,
			RequestedExpires: exp(90 * 24 * time.Hour), Expires: exp(90 * 24 * time.Hour), Stored: true,
			SetBy: crawler.SetByScript, Source: target + "fbevents.js", FirstSeenOn: target, SetAt: set},
		{Name: "acme_vid", Value: "x", Domain: "www.example.org", HostOnly: true, Path: "/", Party: crawler.FirstParty,
			Session: true, Stored: true, SetBy: crawler.SetByScript, Source: target + "acme.js", FirstSeenOn: target, SetAt: set},
	}
	return res
}

const auditPolicy = `site: www.example.org
cookies:
  - name: sessionid
    category: necessary
    duration: session
  - name: _fbp
    category: strictly necessary
    duration: 3 months
  - name: cart
    category: necessary
`

const auditCookieDB = `ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
1,Acme Analytics,Marketing,acme_vid,acme.test,Acme visitor id,1 year,Acme,,0
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestScanPolicyInputErrors checks that a bad --policy, --cookie-db or
// --expiry-tolerance fails with exit 2 before any crawl.
func TestScanPolicyInputErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badPolicy := writeFile(t, dir, "policy.yaml", "cookies:\n  - name: _ga\n    category: tracking\n")
	badDB := writeFile(t, dir, "ocd.csv", strings.SplitAfter(auditCookieDB, "\n")[0]+"1,Acme,Sometimes,acme_vid,,,,,,0\n")
	good := writeFile(t, dir, "good.yaml", auditPolicy)
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"invalid policy names file, line and column", []string{"--policy", badPolicy}, badPolicy + `:3:15: unknown category "tracking"`},
		{"missing policy", []string{"--policy", filepath.Join(dir, "nope.yaml")}, "nope.yaml does not exist"},
		{"invalid cookie database names file and line", []string{"--policy", good, "--cookie-db", badDB}, badDB + `:2: category "Sometimes"`},
		{"missing cookie database", []string{"--cookie-db", filepath.Join(dir, "nope.csv")}, "reading --cookie-db"},
		{"bad tolerance", []string{"--expiry-tolerance", "0.5"}, `invalid --expiry-tolerance "0.5"`},
		{"bad tolerance duration", []string{"--expiry-tolerance", "2,soon"}, `"soon" is not a duration`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var crawled atomic.Bool
			crawl := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				crawled.Store(true)
				return auditResult(target), nil
			}
			args := append([]string{"scan", "https://www.example.org/"}, tc.args...)
			code, out, errOut := scanWith(t, crawl, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errOut)
			}
			checkOneLine(t, errOut, tc.stderr)
			if out != "" || crawled.Load() {
				t.Errorf("stdout %q, crawled %v: want nothing written and no crawl", out, crawled.Load())
			}
		})
	}
}

// TestScanWithPolicy runs a scan with a fake crawl against a policy file
// and a cookie database, and reads the findings and categories back from
// the JSON report and the table.
func TestScanWithPolicy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", auditPolicy)
	db := writeFile(t, dir, "ocd.csv", auditCookieDB)
	crawl := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		return auditResult(target), nil
	}

	code, out, errOut := scanWith(t, crawl, "scan", "https://www.example.org/", "--policy", pol, "--cookie-db", db, "--format", "json", "--fail-on", "none")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Policy  string
		Cookies []struct {
			Name, Category, CategorySource string
			Declared                       bool
		}
		Findings []struct {
			Kind, Cookie, Severity, RuleID, SuggestedCategory, Fingerprint string
			PolicyLine                                                     int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	if rep.Policy != pol {
		t.Errorf("policy = %q, want %q", rep.Policy, pol)
	}
	type cookie struct {
		Name, Category, Source string
		Declared               bool
	}
	var gotCookies []cookie
	for _, c := range rep.Cookies {
		gotCookies = append(gotCookies, cookie{c.Name, c.Category, c.CategorySource, c.Declared})
	}
	wantCookies := []cookie{
		{"sessionid", "necessary", "policy", true},
		{"_ga", "statistics", "knowledge-base", false},
		{"_fbp", "necessary", "policy", true},
		{"acme_vid", "marketing", "knowledge-base", false}, // from --cookie-db
	}
	if diff := cmp.Diff(wantCookies, gotCookies); diff != "" {
		t.Errorf("cookies (-want +got):\n%s", diff)
	}
	type finding struct {
		Kind, Cookie, Severity, RuleID, Suggested string
		Line                                      int
	}
	var gotFindings []finding
	for _, f := range rep.Findings {
		if len(f.Fingerprint) != 32 {
			t.Errorf("%s %s: fingerprint %q", f.Kind, f.Cookie, f.Fingerprint)
		}
		gotFindings = append(gotFindings, finding{f.Kind, f.Cookie, f.Severity, f.RuleID, f.SuggestedCategory, f.PolicyLine})
	}
	wantFindings := []finding{
		{"undeclared", "_ga", "high", "undeclared-cookie", "statistics", 0},
		{"undeclared", "acme_vid", "high", "undeclared-cookie", "marketing", 0},
		{"misclassified", "_fbp", "high", "misclassified-cookie", "marketing", 6},
		{"not-observed", "cart", "info", "declared-not-observed", "", 9},
	}
	if diff := cmp.Diff(wantFindings, gotFindings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}

	// The table lists the findings by kind, with a count line.
	code, out, errOut = scanWith(t, crawl, "scan", "https://www.example.org/", "--policy", pol, "--fail-on", "none")
	if code != 0 {
		t.Fatalf("table: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"statistics (known, high; undeclared)",
		"undeclared (2):",
		"misclassified (1):",
		"_fbp is declared necessary but is marketing (Meta Pixel)",
		"Findings: 2 undeclared, 1 misclassified, 1 not-observed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
