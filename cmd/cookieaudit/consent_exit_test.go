package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/report"
)

// Buttons of the banner of the consent exit tests.
var (
	exitAccept   = &crawler.ConsentButton{Selector: "#accept", Label: "Accept all"}
	exitReject   = &crawler.ConsentButton{Selector: "#reject", Label: "Reject all"}
	exitSettings = &crawler.ConsentButton{Selector: "#settings", Label: "Settings"}
)

// consentCrawl is a fake crawl of the gate's two-page site (no policy: the
// only findings are the banner's) whose consent phases went as given.
func consentCrawl(consent crawler.Consent, partial bool) func(context.Context, string, crawler.Options) (*crawler.Result, error) {
	return func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		res := gateResult(target)
		res.Partial = partial
		c := consent
		if c.Banner != nil {
			b := *c.Banner
			b.Frame = target
			c.Banner = &b
		}
		res.Consent = c
		return res, nil
	}
}

// bothPhases is a --consent all scan of a banner with the given first
// layer, whose accept was made and verified and whose reject went as
// given.
func bothPhases(reject, settings *crawler.ConsentButton, rejectAction crawler.ConsentAction) crawler.Consent {
	rejectAction.Phase, rejectAction.Action, rejectAction.Platform = crawler.AfterReject, "reject", "generic"
	return crawler.Consent{
		Mode:   "all",
		Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject},
		Banner: &crawler.Banner{Platform: "generic", Accept: exitAccept, Reject: reject, Settings: settings},
		Actions: []crawler.ConsentAction{
			{Phase: crawler.AfterAccept, Action: "accept", Platform: "generic", Button: exitAccept, Clicked: true, Verified: true,
				VerifiedBy: crawler.VerifiedByConsentRecord, State: "accepted", Layer: 1, Clicks: 1, Steps: []string{"Accept all"}},
			rejectAction,
		},
	}
}

// TestConsentOutcome checks the exit code of a scan whose consent choice
// could not be made: 3 with the phase and the error on stderr, the report
// written all the same, unless a finding (a banner design finding, say)
// already fails the gate. A choice clicked but not verified is no error.
func TestConsentOutcome(t *testing.T) {
	t.Parallel()
	detached := crawler.ConsentAction{Error: "clicking reject: the node was detached"}
	noReject := crawler.ConsentAction{NoReject: true, VerifiedBy: crawler.VerifiedByNone, Steps: []string{"Settings"},
		Error: "no reject behind the settings"}
	unverified := crawler.ConsentAction{Button: exitReject, Clicked: true, VerifiedBy: crawler.VerifiedByNone,
		Layer: 1, Clicks: 1, Steps: []string{"Reject all"}, Error: "the banner was still shown after the click"}
	cases := []struct {
		name    string
		consent crawler.Consent
		partial bool
		args    []string
		exit    int
		stderr  string // the last line of stderr
		outcome string // the report's gate outcome
	}{
		{
			name:    "reject not made",
			consent: bothPhases(exitReject, nil, detached),
			exit:    3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan incomplete: the after-reject phase could not reject (clicking reject: the node was detached)",
		},
		{
			name:    "no way to refuse fails the default gate",
			consent: bothPhases(nil, exitSettings, noReject),
			exit:    1, outcome: report.OutcomeFail,
			stderr: "cookieaudit: 2 findings fail the gate (1 no-reject-option, 1 reject-not-in-first-layer); the after-reject phase could not reject (no reject behind the settings)",
		},
		{
			name:    "no way to refuse, --fail-on no-reject-option",
			consent: bothPhases(nil, exitSettings, noReject),
			args:    []string{"--fail-on", "no-reject-option"},
			exit:    1, outcome: report.OutcomeFail,
			stderr: "cookieaudit: 1 finding fails the gate (1 no-reject-option); the after-reject phase could not reject (no reject behind the settings)",
		},
		{
			name:    "no way to refuse, not in --fail-on",
			consent: bothPhases(nil, exitSettings, noReject),
			args:    []string{"--fail-on", "undeclared,before-consent"},
			exit:    3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan incomplete: the after-reject phase could not reject (no reject behind the settings)",
		},
		{
			name:    "no way to refuse, --fail-on none",
			consent: bothPhases(nil, exitSettings, noReject),
			args:    []string{"--fail-on", "none"},
			exit:    3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan incomplete: the after-reject phase could not reject (no reject behind the settings)",
		},
		{
			name:    "no way to refuse, --exit-code 0",
			consent: bothPhases(nil, exitSettings, noReject),
			args:    []string{"--exit-code", "0"},
			exit:    3, outcome: report.OutcomeFail,
			stderr: "cookieaudit: scan incomplete: the after-reject phase could not reject (no reject behind the settings)",
		},
		{
			name:    "clicked, not verified, is no error",
			consent: bothPhases(exitReject, nil, unverified),
			exit:    0, outcome: report.OutcomePass,
		},
		{
			name: "--consent accept and no banner",
			consent: crawler.Consent{Mode: "accept", Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept},
				Actions: []crawler.ConsentAction{{Phase: crawler.AfterAccept, Action: "accept", Error: "no consent banner found"}}},
			args: []string{"--consent", "accept"},
			exit: 3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan incomplete: the after-accept phase could not accept (no consent banner found)",
		},
		{
			name: "a phase that recorded no choice",
			consent: crawler.Consent{Mode: "reject", Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterReject},
				Banner: &crawler.Banner{Platform: "generic", Accept: exitAccept, Reject: exitReject}},
			args: []string{"--consent", "reject"},
			exit: 3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan incomplete: the after-reject phase could not reject (no choice was recorded)",
		},
		{
			name:    "auto without a banner asks for nothing",
			consent: crawler.Consent{Mode: "none", Phases: []crawler.Phase{crawler.BeforeConsent}},
			exit:    0, outcome: report.OutcomePass,
		},
		{
			name:    "partial too: the crawl's error speaks",
			consent: bothPhases(exitReject, nil, detached),
			partial: true,
			exit:    3, outcome: report.OutcomeIncomplete,
			stderr: "cookieaudit: scan stopped before visiting every page: scan incomplete",
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append([]string{"scan", "https://www.example.org/", "--format", "json,table", "--output-dir", dir}, tc.args...)
			code, _, errOut := gateRun(t, consentCrawl(tc.consent, tc.partial), nil, args...)
			if code != tc.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.exit, errOut)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			switch last := lines[len(lines)-1]; {
			case tc.stderr == "" && errOut != "":
				t.Errorf("stderr %q, want nothing", errOut)
			case tc.stderr != "" && last != tc.stderr:
				t.Errorf("stderr ends with\n%q, want\n%q", last, tc.stderr)
			}
			// The report is written whatever the exit code.
			var rep struct {
				Gate    struct{ Outcome string }
				Consent struct {
					Actions []struct {
						Phase, VerifiedBy string
						Clicked, NoReject bool
						Layer, Clicks     int
						Steps             []string
					}
				}
			}
			readJSON(t, filepath.Join(dir, "cookieaudit.json"), &rep)
			if rep.Gate.Outcome != tc.outcome {
				t.Errorf("report's gate outcome %q, want %q", rep.Gate.Outcome, tc.outcome)
			}
			if len(rep.Consent.Actions) != len(tc.consent.Actions) {
				t.Errorf("report has %d consent actions, want %d", len(rep.Consent.Actions), len(tc.consent.Actions))
			}
			for i, a := range rep.Consent.Actions {
				want := tc.consent.Actions[i]
				if a.VerifiedBy != want.VerifiedBy || a.Layer != want.Layer || a.Clicks != want.Clicks || a.NoReject != want.NoReject || len(a.Steps) != len(want.Steps) {
					t.Errorf("report's action %d %+v, want the crawler's %+v", i, a, want)
				}
			}
			table, err := os.ReadFile(filepath.Join(dir, "cookieaudit.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if tc.name == "clicked, not verified, is no error" &&
				!strings.Contains(string(table), "after-reject: reject clicked, not verified: the banner was still shown after the click; first layer, 1 click: \"Reject all\"") {
				t.Errorf("the table does not say plainly that the reject was clicked, not verified:\n%s", table)
			}
		})
	}
}

// TestFailOnBannerKinds checks that --fail-on accepts the banner design
// kinds, that "all" and the default include them, and that an unknown
// kind's error lists them.
func TestFailOnBannerKinds(t *testing.T) {
	t.Parallel()
	banner := []string{"no-reject-option", "preticked-purposes", "reject-not-in-first-layer", "reject-harder-than-accept"}
	o := parseScan(t, "scan", "https://www.example.org/", "--fail-on", strings.Join(banner, ","))
	if !slices.Equal(o.Gate.failOn, banner) {
		t.Errorf("--fail-on %s: kinds %v", strings.Join(banner, ","), o.Gate.failOn)
	}
	for _, args := range [][]string{{"--fail-on", "all"}, nil} {
		o := parseScan(t, append([]string{"scan", "https://www.example.org/"}, args...)...)
		for _, k := range banner {
			if !slices.Contains(o.Gate.failOn, k) {
				t.Errorf("%v: kinds %v lack %s", args, o.Gate.failOn, k)
			}
		}
	}
	code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--fail-on", "no-reject")
	if want := `invalid --fail-on "no-reject": unknown kind "no-reject" (valid: undeclared, misclassified, expiry-mismatch, before-consent, after-reject, undeclared-storage, storage-before-consent, storage-after-reject, no-reject-option, preticked-purposes, reject-not-in-first-layer, reject-harder-than-accept, ambiguous, not-observed, all or none)`; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q, want 2 and %q", code, errOut, want)
	}
}
