package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// classifiedPolicy is the portal's declared policy for the classified
// golden reports: a misclassified marketing cookie, a session cookie that
// persists, a declaration never observed, and undeclared analytics.
const classifiedPolicy = `site: www.portal.test
cookies:
  - name: sessionid
    category: necessary
    duration: session
  - name: csrftoken
    category: necessary
    duration: session
  - name: IDE
    category: strictly necessary
  - name: consent
    category: necessary
  - name: lang
    category: functional
    duration: 14 days
  - name: "_hjSession_*"
    category: statistics
`

// classified builds the portal's report with its cookies classified
// against classifiedPolicy and the built-in knowledge base.
func classified(t testing.TB) *Report {
	t.Helper()
	pol, err := policy.Parse("policy/cookies.yaml", []byte(classifiedPolicy))
	if err != nil {
		t.Fatal(err)
	}
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	res := portal(t)
	cl := classifier.Classify(res.Cookies, pol, kb, classifier.Options{Site: res.Target, Storage: res.Storage})
	return New(res, Options{Version: "v1.2.3", Classification: &cl})
}

func TestClassifiedGolden(t *testing.T) {
	t.Parallel()
	for _, format := range []string{FormatTable, FormatJSON} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := Write(&buf, classified(t), format); err != nil {
				t.Fatal(err)
			}
			golden(t, "portal-classified."+format+".golden", buf.Bytes())
		})
	}
}

// TestNewClassification checks that every cookie gets the classifier's
// category and declared flag, and every finding its extra fields.
func TestNewClassification(t *testing.T) {
	t.Parallel()
	rep := classified(t)
	if rep.Policy != "policy/cookies.yaml" {
		t.Errorf("Policy = %q, want the policy's source", rep.Policy)
	}
	for _, c := range rep.Cookies {
		if c.Category == "" || c.CategorySource == "" {
			t.Errorf("cookie %s has no category (%q from %q)", c.Name, c.Category, c.CategorySource)
		}
	}
	if len(rep.Findings) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range rep.Findings {
		if f.RuleID == "" || f.Fingerprint == "" || f.Fingerprint != FindingFingerprint(rep.Target, f) {
			t.Errorf("finding %s %s: rule %q, fingerprint %q (recomputed %q)", f.Kind, f.Cookie, f.RuleID, f.Fingerprint, FindingFingerprint(rep.Target, Finding{Kind: f.Kind, Cookie: f.Cookie, Domain: f.Domain, Path: f.Path, RuleID: f.RuleID}))
		}
		if f.Kind == "misclassified" && f.PolicyLine != 9 {
			t.Errorf("misclassified %s: policy line %d, want 9", f.Cookie, f.PolicyLine)
		}
	}
}

// TestNewPairsByIdentity checks that New gives each cookie its own
// classification when the classifier's result lists them in another order
// than the crawler's: pairing by position would swap categories.
func TestNewPairsByIdentity(t *testing.T) {
	t.Parallel()
	pol, err := policy.Parse("policy/cookies.yaml", []byte(classifiedPolicy))
	if err != nil {
		t.Fatal(err)
	}
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	res := portal(t)
	inOrder := classifier.Classify(res.Cookies, pol, kb, classifier.Options{Site: res.Target})
	reversed := slices.Clone(res.Cookies)
	slices.Reverse(reversed)
	shuffled := classifier.Classify(reversed, pol, kb, classifier.Options{Site: res.Target})

	want := New(res, Options{Classification: &inOrder})
	got := New(res, Options{Classification: &shuffled})
	if diff := cmp.Diff(want.Cookies, got.Cookies); diff != "" {
		t.Errorf("cookies classified in another order (-in order +reversed):\n%s", diff)
	}
	// The cookies are told apart: a pairing by position would have given
	// sessionid, first, the category of uid, last.
	if c := got.Cookies[0]; c.Name != "sessionid" || c.Category != "necessary" || !c.Declared {
		t.Errorf("first cookie %s: %s, declared %v; want sessionid: necessary, declared", c.Name, c.Category, c.Declared)
	}
	// A cookie the classification does not name stays unclassified.
	partial := shuffled
	partial.Cookies = shuffled.Cookies[1:] // uid, the last cookie, dropped
	last := New(res, Options{Classification: &partial}).Cookies[len(res.Cookies)-1]
	if last.Name != "uid" || last.Category != CategoryUnclassified || last.CategorySource != "none" {
		t.Errorf("cookie without a classification: %s %s from %s", last.Name, last.Category, last.CategorySource)
	}
}

// TestOneLifetimeSpelling checks that a lifetime reads the same wherever
// it is shown: 395 days is "13mo" in every format's cookie table and in a
// finding's message, whether it is the lifetime asked for or the one
// declared, as policy.FormatLifetime writes it.
func TestOneLifetimeSpelling(t *testing.T) {
	t.Parallel()
	const (
		page       = "https://www.portal.test/"
		daysMaxAge = "Max-Age=34128000" // 395 days
	)
	res := &crawler.Result{
		Target:    page,
		StartedAt: start,
		Pages:     []crawler.Page{{URL: page, FinalURL: page, Status: 200}},
		Cookies: []crawler.Cookie{
			observed(t, "asked=1; Path=/; "+daysMaxAge, crawler.FirstParty, crawler.SetByHeader, page, page),
			observed(t, "declared=1; Path=/; Max-Age=63072000", crawler.FirstParty, crawler.SetByHeader, page, page), // 2 years
		},
	}
	rep := classifyWith(t, res, "policy/cookies.yaml", `cookies:
  - name: asked
    category: necessary
    duration: 30 days
  - name: declared
    category: necessary
    duration: 395 days
`, "v1.2.3")
	want := policy.FormatLifetime(395 * policy.Day)
	if want != "13mo" {
		t.Fatalf("policy.FormatLifetime(395 days) = %q, want 13mo", want)
	}
	messages := map[string]string{}
	for _, f := range rep.Findings {
		messages[f.Cookie] = f.Message
	}
	for cookie, msg := range map[string]string{
		"asked":    "asked asks for a lifetime of 13mo but the policy declares 30d",
		"declared": "declared asks for a lifetime of 2y but the policy declares 13mo",
	} {
		if messages[cookie] != msg {
			t.Errorf("finding about %s: %q, want %q", cookie, messages[cookie], msg)
		}
	}
	for _, format := range []string{FormatTable, FormatMarkdown, FormatJUnit, FormatHTML} {
		var buf bytes.Buffer
		if err := Write(&buf, rep, format); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) || strings.Contains(buf.String(), "395d") {
			t.Errorf("%s: the 395-day lifetime is not written %q", format, want)
		}
	}
	// The policy file's own form stays exact: "policy extract" writes it
	// and it must read back to the same length (see Duration.String).
	if got := (policy.Duration{D: 395 * policy.Day}).String(); got != "395d" {
		t.Errorf("Duration.String of 395 days = %q, want the exact 395d", got)
	}
}
