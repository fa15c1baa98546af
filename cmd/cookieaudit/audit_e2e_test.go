package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestScanPortalAgainstItsPolicy scans the demo portal in Chromium against
// its own cookie-policy page, rendered in the browser, exactly as a user
// would: "cookieaudit scan https://www.portal.test/ --policy
// https://www.portal.test/pages/cookies-policy/". The page declares the
// four platform cookies; everything else the portal sets is undeclared.
func TestScanPortalAgainstItsPolicy(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out, errOut bytes.Buffer
	// One consent phase is enough here: every phase of the portal sets the
	// same cookies (fixtures.PortalConsent), and the consent findings are
	// another test's.
	code := run(ctx, []string{"scan", site.Start, "--policy", site.Policy,
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--page-timeout", "60s",
		"--consent", "none", "--wait", "auto", "--format", "json"}, &out, &errOut)
	// 1 when the gate fails on the undeclared findings (--fail-on's
	// default), 0 without a gate; the gate's own tests pin which.
	if code != 0 && code != 1 {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	var rep struct {
		Policy  string
		Cookies []struct {
			Name, Domain, Category, CategorySource string
			Declared                               bool
		}
		Findings []struct {
			Kind, Cookie, Domain, Path, Severity, RuleID, SuggestedCategory, Fingerprint, Message, Evidence string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out.String())
	}
	if rep.Policy != site.Policy {
		t.Errorf("report policy %q, want %q", rep.Policy, site.Policy)
	}

	type finding struct {
		Kind, Cookie, Domain, Path, Severity, RuleID, Suggested string
	}
	var got []finding
	for _, f := range rep.Findings {
		switch f.Kind {
		case "before-consent", "after-reject",
			"no-reject-option", "preticked-purposes", "reject-not-in-first-layer", "reject-harder-than-accept":
			continue // the consent audit's findings, asserted by their own tests
		}
		if f.Fingerprint == "" || f.Message == "" || f.Evidence == "" {
			t.Errorf("%s %s: fingerprint %q, message %q, evidence %q", f.Kind, f.Cookie, f.Fingerprint, f.Message, f.Evidence)
		}
		got = append(got, finding{f.Kind, f.Cookie, f.Domain, f.Path, f.Severity, f.RuleID, f.SuggestedCategory})
	}
	u := func(cookie, domain, path, severity, suggested string) finding {
		return finding{"undeclared", cookie, domain, path, severity, "undeclared-cookie", suggested}
	}
	want := []finding{
		// Cookies no knowledge base names and no measured rule can tell
		// are reported unclassified, not guessed.
		u("__Host-chat_sid", "widget.chatbox.test", "/", "medium", "unclassified"),
		// Google Analytics, known to the knowledge base.
		u("_ga", "portal.test", "/", "high", "statistics"),
		u("_gid", "portal.test", "/", "high", "statistics"),
		u("ods_api_console", "www.portal.test", "/api/", "medium", "unclassified"),
		u("ods_catalog_view", "www.portal.test", "/", "medium", "unclassified"),
		// A remembered choice: "state".
		u("ods_map_state", "www.portal.test", "/", "low", "preferences"),
		u("sw_uid", "embed.socialwidget.test", "/", "medium", "unclassified"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
		for _, f := range rep.Findings {
			t.Logf("%s %s: %s [%s]", f.Kind, f.Cookie, f.Message, f.Evidence)
		}
	}

	// The four platform cookies are declared necessary by the page, and
	// nothing else is declared.
	declared := map[string]bool{}
	for _, c := range rep.Cookies {
		if c.Declared {
			declared[c.Name] = true
			if c.Category != "necessary" || c.CategorySource != "policy" {
				t.Errorf("%s: category %q from %q, want necessary from the policy", c.Name, c.Category, c.CategorySource)
			}
		}
		if c.Category == "" || c.CategorySource == "" {
			t.Errorf("%s (%s): no category", c.Name, c.Domain)
		}
	}
	wantDeclared := map[string]bool{"sessionid": true, "django_language": true, "csrftoken": true, "cookies_preferences": true}
	if diff := cmp.Diff(wantDeclared, declared); diff != "" {
		t.Errorf("declared cookies (-want +got):\n%s", diff)
	}
}
