package report

import (
	"bytes"
	"testing"

	"github.com/cookieaudit/cookieaudit/classifier"
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
	cl := classifier.Classify(res.Cookies, pol, kb, classifier.Options{Site: res.Target})
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
