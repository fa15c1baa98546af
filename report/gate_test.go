package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
)

// gateFindings are findings of several kinds and severities.
func gateFindings() []Finding {
	return []Finding{
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "example.org", Path: "/", Severity: SeverityHigh},
		{Kind: KindUndeclared, Cookie: "lang", Domain: "www.example.org", Path: "/", Severity: SeverityLow},
		{Kind: KindExpiryMismatch, Cookie: "sid", Domain: "www.example.org", Path: "/", Severity: SeverityMedium},
		{Kind: KindNotObserved, Cookie: "_hj*", Domain: "example.org", Severity: SeverityInfo},
		{Kind: KindBeforeConsent, Cookie: "_fbp", Domain: "example.org", Path: "/", Severity: "critical"},
	}
}

func gateReport(fs []Finding) *Report {
	rep := New(nil, Options{})
	rep.Target = "https://www.example.org/"
	rep.Findings = fs
	return rep
}

// failingCookies lists "kind:cookie" of the findings that fail.
func failingCookies(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Fails {
			out = append(out, f.Kind+":"+f.Cookie)
		}
	}
	return out
}

func TestApplyGate(t *testing.T) {
	t.Parallel()
	baseline := gateReport([]Finding{gateFindings()[0], gateFindings()[2],
		{Kind: KindAfterReject, Cookie: "IDE", Domain: "tracker.test", Path: "/", Severity: SeverityHigh}})
	ignores := func(t *testing.T, yaml string) *Ignores {
		ign, err := ParseIgnores("ignore.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		return ign
	}
	cases := []struct {
		name     string
		opts     func(t *testing.T) GateOptions
		partial  bool
		want     []string
		outcome  string
		resolved int
	}{
		{
			name:    "default kinds, any severity",
			opts:    func(*testing.T) GateOptions { return GateOptions{} },
			want:    []string{"undeclared:_ga", "undeclared:lang", "expiry-mismatch:sid", "before-consent:_fbp"},
			outcome: OutcomeFail,
		},
		{
			name:    "none",
			opts:    func(*testing.T) GateOptions { return GateOptions{FailOn: []string{}} },
			outcome: OutcomePass,
		},
		{
			name:    "none on a partial scan",
			opts:    func(*testing.T) GateOptions { return GateOptions{FailOn: []string{}} },
			partial: true,
			outcome: OutcomeIncomplete,
		},
		{
			name:    "findings on a partial scan fail",
			opts:    func(*testing.T) GateOptions { return GateOptions{} },
			partial: true,
			want:    []string{"undeclared:_ga", "undeclared:lang", "expiry-mismatch:sid", "before-consent:_fbp"},
			outcome: OutcomeFail,
		},
		{
			name: "chosen kinds",
			opts: func(*testing.T) GateOptions {
				return GateOptions{FailOn: []string{KindExpiryMismatch, KindNotObserved}}
			},
			want:    []string{"expiry-mismatch:sid", "not-observed:_hj*"},
			outcome: OutcomeFail,
		},
		{
			// An unknown severity fails closed.
			name:    "min severity medium",
			opts:    func(*testing.T) GateOptions { return GateOptions{MinSeverity: SeverityMedium} },
			want:    []string{"undeclared:_ga", "expiry-mismatch:sid", "before-consent:_fbp"},
			outcome: OutcomeFail,
		},
		{
			name: "baseline: only new findings fail",
			opts: func(*testing.T) GateOptions {
				return GateOptions{Baseline: baseline, BaselineFile: "old.json"}
			},
			want:     []string{"undeclared:lang", "before-consent:_fbp"},
			outcome:  OutcomeFail,
			resolved: 1,
		},
		{
			name: "baseline and ignores",
			opts: func(t *testing.T) GateOptions {
				return GateOptions{Baseline: baseline, Ignores: ignores(t, `
ignore:
  - {cookie: lang, kind: undeclared, reason: "language preference, declared next release"}
  - {cookie: "_f*", kind: "*", domain: example.org, reason: pixel removed, expires: 2026-03-02}
`), Now: today}
			},
			outcome:  OutcomePass,
			resolved: 1,
		},
		{
			name: "expired ignore entry",
			opts: func(t *testing.T) GateOptions {
				return GateOptions{Ignores: ignores(t, `
ignore:
  - {cookie: "/^_/", kind: "*", reason: all of them, expires: 2026-03-01}
`), Now: today}
			},
			want:    []string{"undeclared:_ga", "undeclared:lang", "expiry-mismatch:sid", "before-consent:_fbp"},
			outcome: OutcomeFail,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := gateReport(gateFindings())
			rep.Partial = tc.partial
			g := ApplyGate(rep, tc.opts(t))
			if diff := cmp.Diff(tc.want, failingCookies(rep)); diff != "" {
				t.Errorf("failing findings (-want +got):\n%s", diff)
			}
			if g.Failing != len(tc.want) || g.Outcome != tc.outcome || len(g.Resolved) != tc.resolved || rep.Gate != g {
				t.Errorf("gate failing=%d outcome=%s resolved=%d, want %d, %s, %d", g.Failing, g.Outcome, len(g.Resolved), len(tc.want), tc.outcome, tc.resolved)
			}
		})
	}
}

func TestApplyGateMarks(t *testing.T) {
	t.Parallel()
	rep := audited(t)
	var got []string
	for _, f := range rep.Findings {
		s := f.Kind + ":" + f.Cookie + ":" + f.Baseline
		if f.Ignored != nil {
			s += ":ignored"
		}
		if f.Fails {
			s += ":fails"
		}
		got = append(got, s)
	}
	want := []string{
		"undeclared:__Host-embed:unchanged",
		"undeclared:_ga:unchanged",
		"undeclared:_gid:unchanged",
		"undeclared:uid:new:fails", // the expired entry for /^ui/ no longer ignores it
		"misclassified:IDE:new:fails",
		"expiry-mismatch:consent:unchanged",
		"expiry-mismatch:csrftoken:unchanged:ignored",
		"before-consent:_ga:new:fails",
		"after-reject:_ga:new:fails",
		"undeclared-storage:ods_last_search:unchanged",
		"undeclared-storage:tiles:unchanged",
		"storage-before-consent:ods_theme:new:fails", // a preference, declared: it still needs consent
		"storage-after-reject:ods_theme:new:fails",
		"ambiguous:_pk_ses.1.abcd:unchanged",
		"not-observed:_hjSession_*:unchanged",
		"not-observed:ods_cart:unchanged",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
	var uses []string
	for _, u := range rep.Gate.Ignores {
		uses = append(uses, u.Cookie+":"+u.Status)
	}
	if diff := cmp.Diff([]string{"csrftoken:used", "old_*:unused", "/^ui/:expired"}, uses); diff != "" {
		t.Errorf("ignore entries (-want +got):\n%s", diff)
	}
	warns := rep.Gate.Warnings()
	if len(warns) != 2 || !strings.HasPrefix(warns[0], ".cookieaudit-ignore.yaml:7: ") || !strings.Contains(warns[1], "expired on 2026-03-01") {
		t.Errorf("warnings %q", warns)
	}
	if len(rep.Gate.Resolved) != 2 || rep.Gate.Resolved[0].Cookie != "_fbp" || rep.Gate.Resolved[0].Baseline != BaselineResolved {
		t.Errorf("resolved %+v", rep.Gate.Resolved)
	}

	// Applying a gate again starts from scratch.
	ApplyGate(rep, GateOptions{FailOn: []string{}})
	for _, f := range rep.Findings {
		if f.Fails || f.Ignored != nil || f.Baseline != "" {
			t.Errorf("stale mark on %s %s: %+v", f.Kind, f.Cookie, f)
		}
	}
}

func TestFindingFingerprint(t *testing.T) {
	t.Parallel()
	f := Finding{Kind: KindUndeclared, Cookie: "_ga", Domain: "example.org", Path: "/", Severity: SeverityHigh, Message: "x"}
	base := FindingFingerprint("https://www.example.org/", f)
	same := []struct {
		target string
		f      Finding
	}{
		{"https://WWW.example.org:443/other", f},
		{"https://www.example.org/", Finding{Kind: KindUndeclared, Cookie: "_ga", Domain: "EXAMPLE.org", Path: "/", Severity: SeverityLow, Message: "y", Evidence: "z"}},
	}
	for _, s := range same {
		if got := FindingFingerprint(s.target, s.f); got != base {
			t.Errorf("fingerprint of %+v on %s changed", s.f, s.target)
		}
	}
	differ := []Finding{
		{Kind: KindBeforeConsent, Cookie: "_ga", Domain: "example.org", Path: "/"},
		{Kind: KindUndeclared, Cookie: "_gid", Domain: "example.org", Path: "/"},
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "other.org", Path: "/"},
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "example.org", Path: "/x"},
	}
	for _, d := range differ {
		if FindingFingerprint("https://www.example.org/", d) == base {
			t.Errorf("fingerprint of %+v equals that of %+v", d, f)
		}
	}
	if FindingFingerprint("https://shop.example.org/", f) == base {
		t.Error("fingerprint does not depend on the site host")
	}
	// A finding without a fingerprint (a hand-written baseline) gets the
	// one the classifier gives the same finding, whether it names its
	// kind, its rule id, or both.
	want := classifier.Fingerprint("https://www.example.org/", "_ga", "example.org", "/", classifier.KindUndeclared)
	for _, g := range []Finding{f, {Kind: KindUndeclared, RuleID: "undeclared-cookie", Cookie: "_ga", Domain: "example.org", Path: "/"}} {
		if got := FindingFingerprint("https://www.example.org/", g); got != want {
			t.Errorf("fingerprint of %+v = %s, want the classifier's %s", g, got, want)
		}
	}
	f.Fingerprint = "classifier-made"
	if FindingFingerprint("https://www.example.org/", f) != "classifier-made" {
		t.Error("the classifier's fingerprint is not used")
	}
}
