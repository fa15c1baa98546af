package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// The buttons of the OneTrust banner of the banner reports.
var (
	otAccept   = &crawler.ConsentButton{Selector: "#onetrust-accept-btn-handler", Label: "Accept All Cookies"}
	otSettings = &crawler.ConsentButton{Selector: "#onetrust-pc-btn-handler", Label: "Cookie Settings"}
	otReject   = &crawler.ConsentButton{Selector: ".ot-pc-refuse-all-handler", Label: "Reject All"}
)

// bannerScan is the portal scan with consent phases: a OneTrust banner
// whose first layer has "Accept All Cookies" and "Cookie Settings" but no
// reject, the accept made in one click and verified by the TCF API, and
// the reject phase's action as given. _ga is present in every phase.
func bannerScan(t testing.TB, reject crawler.ConsentAction) *crawler.Result {
	t.Helper()
	res := portal(t)
	for i := range res.Cookies {
		if res.Cookies[i].Name == "_ga" {
			res.Cookies[i].Phases = []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject}
		}
	}
	reject.Phase, reject.Action, reject.Platform, reject.Frame = crawler.AfterReject, "reject", "onetrust", res.Target
	res.Consent = crawler.Consent{
		Mode:   "all",
		Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject},
		Banner: &crawler.Banner{Platform: "onetrust", Title: "OneTrust", Frame: res.Target, Accept: otAccept, Settings: otSettings},
		Actions: []crawler.ConsentAction{
			{Phase: crawler.AfterAccept, Action: "accept", Platform: "onetrust", Button: otAccept, Frame: res.Target,
				Clicked: true, Verified: true, VerifiedBy: crawler.VerifiedByTCF, State: "accepted",
				Layer: 1, Clicks: 1, Steps: []string{"Accept All Cookies"}},
			reject,
		},
	}
	return res
}

// rejectBehindSettings is a reject reached behind the settings in three
// clicks, with two purposes ticked in advance, clicked but not verified.
var rejectBehindSettings = crawler.ConsentAction{
	Button: otReject, Clicked: true, VerifiedBy: crawler.VerifiedByNone,
	Layer: 2, Clicks: 3, Steps: []string{"Cookie Settings", "Reject All", "Confirm My Choices"}, Preticked: 2,
	Error: "the banner was still shown after the click",
}

// noRejectAtAll is a reject phase that found no way to refuse.
var noRejectAtAll = crawler.ConsentAction{
	VerifiedBy: crawler.VerifiedByNone, Steps: []string{"Cookie Settings"}, NoReject: true,
	Error: "no reject button, and no reject nor a way to untick and save behind the settings",
}

// classifyScan is the report of res, classified without a policy.
func classifyScan(t testing.TB, res *crawler.Result) *Report {
	t.Helper()
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cl := classifier.Classify(res.Cookies, nil, kb, classifier.Options{Site: res.Target, Consent: &res.Consent})
	return New(res, Options{Version: "v1.2.3", Classification: &cl})
}

// bannerIgnores accepts the pre-ticked purposes with an entry without a
// cookie, as banner kinds allow.
const bannerIgnores = `ignore:
  - kind: preticked-purposes
    reason: the consent platform's defaults are being changed
    expires: 2026-06-30
`

// bannerReport is the banner scan through the default gate, with an
// ignore entry for the pre-ticked purposes and a baseline (an earlier scan
// whose banner had other labels) that already had the reject outside the
// first layer.
func bannerReport(t testing.TB) *Report {
	t.Helper()
	rep := classifyScan(t, bannerScan(t, rejectBehindSettings))
	rep.Policy = "policy/cookies.yaml"
	old := bannerScan(t, rejectBehindSettings)
	old.Consent.Banner.Accept = &crawler.ConsentButton{Selector: "text=OK", Label: "OK"}
	old.Consent.Banner.Platform, old.Consent.Banner.Title = "generic", ""
	old.Consent.Actions[1].Clicks, old.Consent.Actions[1].Preticked = 1, 0 // the reject was easy then
	base := classifyScan(t, old)
	ign, err := ParseIgnores(".cookieaudit-ignore.yaml", []byte(bannerIgnores))
	if err != nil {
		t.Fatal(err)
	}
	ApplyGate(rep, GateOptions{Baseline: base, BaselineFile: "baseline.json", Ignores: ign, Now: today})
	return rep
}

// noRejectReport is a scan whose reject phase found no way to refuse,
// through a gate that only reports (--fail-on none): the choice not made
// leaves the scan incomplete.
func noRejectReport(t testing.TB) *Report {
	t.Helper()
	rep := classifyScan(t, bannerScan(t, noRejectAtAll))
	ApplyGate(rep, GateOptions{FailOn: []string{}, Now: today})
	return rep
}

// TestBannerReports checks what the banner reports hold before any format
// renders them: the classifier's banner findings, with the site's host
// and no cookie, the gate's marks, and the consent section's new fields.
func TestBannerReports(t *testing.T) {
	t.Parallel()
	rep := bannerReport(t)
	type mark struct{ Kind, Cookie, Domain, Baseline, Ignored string }
	var got []mark
	for _, f := range rep.Findings {
		m := mark{f.Kind, f.Cookie, f.Domain, f.Baseline, ""}
		if f.Ignored != nil {
			m.Ignored = f.Ignored.Reason
		}
		got = append(got, m)
	}
	want := []mark{
		{KindBeforeConsent, "_ga", "portal.test", BaselineUnchanged, ""},
		{KindAfterReject, "_ga", "portal.test", BaselineUnchanged, ""},
		{KindPretickedPurposes, "", "www.portal.test", BaselineNew, "the consent platform's defaults are being changed"},
		{KindRejectNotInFirstLayer, "", "www.portal.test", BaselineUnchanged, ""},
		{KindRejectHarderThanAccept, "", "www.portal.test", BaselineNew, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if g := rep.Gate; g.Outcome != OutcomeFail || g.Failing != 1 {
		t.Errorf("gate %s with %d failing, want fail with 1 (reject-harder-than-accept)", g.Outcome, g.Failing)
	}
	if fs := ConsentFailures(rep); len(fs) != 0 {
		t.Errorf("a choice clicked but not verified is a failure: %v", fs)
	}

	a := rep.Consent.Actions[1]
	wantAction := ConsentAction{Phase: "after-reject", Action: "reject", Platform: "onetrust", Button: &ConsentButton{Selector: otReject.Selector, Label: otReject.Label},
		Frame: rep.Target, Clicked: true, VerifiedBy: "none", Layer: 2, Clicks: 3,
		Steps: []string{"Cookie Settings", "Reject All", "Confirm My Choices"}, Preticked: 2,
		Error: "the banner was still shown after the click"}
	if diff := cmp.Diff(wantAction, a); diff != "" {
		t.Errorf("reject action (-want +got):\n%s", diff)
	}
	if b := rep.Consent.Banner; b.Title != "OneTrust" || b.Settings == nil || b.Settings.Label != "Cookie Settings" || b.Reject != nil {
		t.Errorf("banner %+v, want OneTrust with its settings button and no reject", b)
	}

	nr := noRejectReport(t)
	if fs := ConsentFailures(nr); len(fs) != 1 || fs[0].String() != "the after-reject phase could not reject ("+noRejectAtAll.Error+")" {
		t.Errorf("consent failures %v, want the reject", fs)
	}
	if nr.Gate.Outcome != OutcomeIncomplete {
		t.Errorf("gate outcome %s, want incomplete", nr.Gate.Outcome)
	}
	var kinds []string
	for _, f := range nr.Findings {
		kinds = append(kinds, f.Kind)
	}
	if want := []string{KindBeforeConsent, KindNoRejectOption, KindRejectNotInFirstLayer}; !slices.Equal(kinds, want) {
		t.Errorf("findings %v, want %v (no after-reject: nothing was refused)", kinds, want)
	}
}

// TestBannerFindingsInEveryFormat checks that a finding about the banner
// reads well in every format: named "consent banner" where a cookie name
// goes, attached to no cookie, located sensibly, with a stable
// fingerprint.
func TestBannerFindingsInEveryFormat(t *testing.T) {
	t.Parallel()
	rep := bannerReport(t)
	// A nameless cookie on the site's host (Chromium accepts "=v") must not
	// collect the banner's findings.
	nameless := rep.Cookies[0]
	nameless.Name, nameless.Domain, nameless.Path = "", "www.portal.test", "/"
	rep.Cookies = append(rep.Cookies, nameless)
	render := func(format string) string {
		t.Helper()
		var buf bytes.Buffer
		if err := Write(&buf, rep, format); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}

	t.Run("table", func(t *testing.T) {
		out := render(FormatTable)
		for _, want := range []string{
			"reject-not-in-first-layer (1):\n  medium consent banner of www.portal.test: the consent banner's first layer offers \"Accept All Cookies\" but no reject button\n",
			"         evidence: consent banner of OneTrust in https://www.portal.test/; first layer: accept \"Accept All Cookies\", no reject, settings \"Cookie Settings\"",
			"  banner: OneTrust in https://www.portal.test/\n",
			"  settings button: \"Cookie Settings\" (#onetrust-pc-btn-handler)\n",
			"  after-accept: accept clicked, verified by the TCF API (accepted); first layer, 1 click: \"Accept All Cookies\"\n",
			"  after-reject: reject clicked, not verified: the banner was still shown after the click; second layer, 3 clicks: \"Cookie Settings\" → \"Reject All\" → \"Confirm My Choices\"; 2 optional purposes were pre-ticked\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
		for _, bad := range []string{"  medium  (", "  high    (", " : "} {
			if strings.Contains(out, bad) {
				t.Errorf("table has an empty cookie name (%q):\n%s", bad, out)
			}
		}
	})

	t.Run("markdown", func(t *testing.T) {
		out := render(FormatMarkdown)
		for _, want := range []string{
			"| ❌ | medium | reject-harder-than-accept | _consent banner_ | `www.portal.test` | rejecting takes 3 clicks, accepting 1 click | new since the baseline |",
			"; banner `onetrust`; **no reject button** in its first layer; after-accept: accept clicked, verified by the TCF API (accepted) — first layer, 1 click: \"Accept All Cookies\"; after-reject: reject clicked, not verified — second layer",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("markdown lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("html", func(t *testing.T) {
		out := render(FormatHTML)
		for _, want := range []string{
			`<td class="nw">reject-not-in-first-layer</td><td class="s"><span class="muted">consent banner</span></td><td class="s">www.portal.test</td>`,
			"Settings button: &#34;Cookie Settings&#34; (#onetrust-pc-btn-handler).",
			`<span class="fails">clicked, not verified: the banner was still shown after the click</span><br><span class="muted">second layer, 3 clicks:`,
			"clicked, verified by the TCF API (accepted)<br>",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("HTML lacks %q", want)
			}
		}
		// Every cookie row counts the findings about it: the nameless
		// cookie has none, _ga its two.
		for _, want := range []string{
			`data-findings="0"><td class="s"></td><td class="s">www.portal.test</td>`,
			`data-findings="2"><td class="s">_ga</td>`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("HTML lacks the cookie row %q", want)
			}
		}
	})

	t.Run("sarif", func(t *testing.T) {
		out := render(FormatSARIF)
		for _, p := range sarifProblems(compileSARIFSchema(t), []byte(out)) {
			t.Error(p)
		}
		var log sarifLog
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		n := 0
		for i, r := range run.Results {
			f := rep.Findings[i]
			if !AboutBanner(f) {
				continue
			}
			n++
			loc := r.Locations[0]
			if loc.PhysicalLocation.ArtifactLocation.URI != "policy/cookies.yaml" || loc.PhysicalLocation.Region.StartLine != 1 {
				t.Errorf("%s at %+v, want the policy file's first line", f.Kind, loc.PhysicalLocation)
			}
			if ll := loc.LogicalLocations; len(ll) != 1 || ll[0] != (sarifLogicalLocation{Name: "consent banner", FullyQualifiedName: "www.portal.test/consent-banner", Kind: "element"}) {
				t.Errorf("%s logical location %+v, want the consent banner element", f.Kind, ll)
			}
			if _, ok := r.Properties["cookie"]; ok {
				t.Errorf("%s: properties name a cookie: %v", f.Kind, r.Properties)
			}
			if want := classifier.Fingerprint(rep.Target, "", "www.portal.test", "", classifier.Kind(f.Kind)); r.PartialFingerprints[sarifFingerprintKey] != want {
				t.Errorf("%s: fingerprint %s, want %s", f.Kind, r.PartialFingerprints[sarifFingerprintKey], want)
			}
			if r.RuleID != classifier.Kind(f.Kind).RuleID() || !strings.Contains(fmt.Sprint(run.Tool.Driver.Rules[r.RuleIndex].Properties["tags"]), "consent-banner") {
				t.Errorf("%s: rule %s (%v)", f.Kind, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].Properties)
			}
		}
		if n != 3 {
			t.Errorf("%d banner results, want 3", n)
		}
	})

	t.Run("junit", func(t *testing.T) {
		out := render(FormatJUnit)
		var doc junitDoc
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		for _, c := range doc.Suites[0].Cases {
			if c.Failure != nil && strings.Contains(c.Failure.Text, "consent banner") {
				t.Errorf("cookie case %q lists a banner finding", c.Name)
			}
			if strings.Contains(c.SystemOut, "consent banner") {
				t.Errorf("cookie case %q lists a banner finding", c.Name)
			}
		}
		found := false
		for _, c := range doc.Suites[1].Cases {
			if c.Name == KindRejectHarderThanAccept {
				found = c.Failure != nil && strings.Contains(c.Failure.Text, "- [medium] consent-reject-harder-than-accept consent banner (www.portal.test): rejecting takes 3 clicks, accepting 1 click")
			}
		}
		if !found {
			t.Errorf("the reject-harder-than-accept case does not fail with its finding:\n%s", out)
		}
	})

	t.Run("annotations", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteAnnotations(&buf, rep); err != nil {
			t.Fatal(err)
		}
		want := "::error file=policy/cookies.yaml,line=1,title=cookieaudit consent-reject-harder-than-accept%3A consent banner::rejecting takes 3 clicks, accepting 1 click (evidence: "
		if !strings.Contains(buf.String(), want) {
			t.Errorf("annotations lack %q:\n%s", want, buf.String())
		}
	})

	t.Run("diff", func(t *testing.T) {
		before := classifyScan(t, portal(t))
		var buf bytes.Buffer
		if err := WriteDiffText(&buf, Compare("old.json", before, "new.json", rep)); err != nil {
			t.Fatal(err)
		}
		want := "  + [medium] reject-not-in-first-layer consent banner (www.portal.test): the consent banner's first layer offers \"Accept All Cookies\" but no reject button\n"
		if !strings.Contains(buf.String(), want) {
			t.Errorf("diff lacks %q:\n%s", want, buf.String())
		}
	})
}

// TestBannerFingerprintOfOlderReports checks that a banner finding written
// without a fingerprint (by hand, or by an older version) gets the same
// one as the classifier's, so a baseline keeps matching.
func TestBannerFingerprintOfOlderReports(t *testing.T) {
	t.Parallel()
	rep := bannerReport(t)
	for _, f := range rep.Findings {
		if !AboutBanner(f) {
			continue
		}
		bare := f
		bare.Fingerprint = ""
		if got := FindingFingerprint(rep.Target, bare); got != f.Fingerprint {
			t.Errorf("%s: recomputed fingerprint %s, want %s", f.Kind, got, f.Fingerprint)
		}
	}
}

// TestIgnoreBannerFindings checks the ignore entries of banner kinds: an
// entry may leave the cookie out, and then matches only the banner's
// finding; "*" matches it too; a cookie kind still needs a cookie.
func TestIgnoreBannerFindings(t *testing.T) {
	t.Parallel()
	banner := Finding{Kind: KindNoRejectOption, Domain: "www.example.org"}
	nameless := Finding{Kind: KindUndeclared, Domain: "www.example.org"}
	cases := []struct {
		name, entry string          // an entry as a YAML flow mapping
		match       map[string]bool // by kind of the finding
	}{
		{"no cookie", "{kind: no-reject-option, reason: r}", map[string]bool{KindNoRejectOption: true}},
		{"any cookie", `{cookie: "*", kind: "*", reason: r}`, map[string]bool{KindNoRejectOption: true, KindUndeclared: true}},
		{"a domain", "{kind: no-reject-option, domain: example.org, reason: r}", map[string]bool{KindNoRejectOption: true}},
		{"another domain", "{kind: no-reject-option, domain: example.com, reason: r}", map[string]bool{}},
		{"a cookie name", "{cookie: _ga, kind: no-reject-option, reason: r}", map[string]bool{}},
	}
	for _, tc := range cases {
		ign, err := ParseIgnores("x.yaml", []byte("ignore:\n  - "+tc.entry+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := &ign.Rules[0]
		for _, f := range []Finding{banner, nameless} {
			if got := r.matches(f); got != tc.match[f.Kind] {
				t.Errorf("%s: matches %s = %v, want %v", tc.name, f.Kind, got, tc.match[f.Kind])
			}
		}
	}

	for _, bad := range []struct{ entry, want string }{
		{"ignore:\n  - kind: undeclared\n    reason: r\n", `x.yaml:2:5: entry without "cookie" (a cookie name or pattern, as in a policy file); only an entry of a banner design kind (no-reject-option, preticked-purposes, reject-not-in-first-layer, reject-harder-than-accept) may leave it out`},
		{"ignore:\n  - kind: \"*\"\n    reason: r\n", `entry without "cookie"`},
		{"ignore:\n  - kind: no-reject-option\n", `x.yaml:2:5: entry for the consent banner without "reason"`},
	} {
		_, err := ParseIgnores("x.yaml", []byte(bad.entry))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.entry, err, bad.want)
		}
	}

	unused := IgnoreUse{IgnoreRule: IgnoreRule{Kind: KindPretickedPurposes, File: "x.yaml", Line: 2}, Status: IgnoreUnused}
	if got, want := unused.Warning(), "x.yaml:2: ignore entry for the consent banner (preticked-purposes) matches no finding; remove it if it is stale"; got != want {
		t.Errorf("warning %q, want %q", got, want)
	}
}

// TestDefaultGateBannerKinds checks that the banner kinds fail the default
// gate, as --fail-on's default says, and that --fail-on can name each.
func TestDefaultGateBannerKinds(t *testing.T) {
	t.Parallel()
	for _, k := range []string{KindNoRejectOption, KindPretickedPurposes, KindRejectNotInFirstLayer, KindRejectHarderThanAccept} {
		if !slices.Contains(DefaultFailOn, k) || !knownKind(k) || !AboutBanner(Finding{Kind: k}) {
			t.Errorf("%s: in DefaultFailOn %v, known %v, about the banner %v", k, slices.Contains(DefaultFailOn, k), knownKind(k), AboutBanner(Finding{Kind: k}))
		}
		rep := &Report{Target: "https://www.example.org/", Findings: []Finding{{Kind: k, Domain: "www.example.org", Severity: SeverityMedium}}}
		if g := ApplyGate(rep, GateOptions{Now: today}); g.Outcome != OutcomeFail {
			t.Errorf("%s: default gate %s, want fail", k, g.Outcome)
		}
		if g := ApplyGate(rep, GateOptions{FailOn: []string{KindUndeclared}, Now: today}); g.Outcome != OutcomePass {
			t.Errorf("%s: gate on undeclared only %s, want pass", k, g.Outcome)
		}
	}
}

// TestConsentFailures checks which consent choices count as not made.
func TestConsentFailures(t *testing.T) {
	t.Parallel()
	made := ConsentAction{Phase: "after-accept", Action: "accept", Clicked: true, Verified: true}
	unverified := ConsentAction{Phase: "after-reject", Action: "reject", Clicked: true, VerifiedBy: "none", Error: "the banner was still shown after the click"}
	notMade := ConsentAction{Phase: "after-reject", Action: "reject", Error: "no consent banner found"}
	all := []string{"before-consent", "after-accept", "after-reject"}
	cases := []struct {
		name    string
		consent *Consent
		partial bool
		want    []string
		outcome string
	}{
		{name: "no consent section", outcome: OutcomePass},
		{name: "no phase asked for", consent: &Consent{Mode: "none", Phases: []string{"before-consent"}}, outcome: OutcomePass},
		{name: "both made", consent: &Consent{Mode: "all", Phases: all, Actions: []ConsentAction{made, {Phase: "after-reject", Action: "reject", Clicked: true, Verified: true}}}, outcome: OutcomePass},
		{name: "clicked, not verified, is no failure", consent: &Consent{Mode: "all", Phases: all, Actions: []ConsentAction{made, unverified}}, outcome: OutcomePass},
		{name: "reject not made", consent: &Consent{Mode: "all", Phases: all, Actions: []ConsentAction{made, notMade}},
			want: []string{"the after-reject phase could not reject (no consent banner found)"}, outcome: OutcomeIncomplete},
		{name: "no action recorded", consent: &Consent{Mode: "accept", Phases: []string{"before-consent", "after-accept"}},
			want: []string{"the after-accept phase could not accept (no choice was recorded)"}, outcome: OutcomeIncomplete},
		{name: "partial too", consent: &Consent{Mode: "reject", Phases: []string{"before-consent", "after-reject"}, Actions: []ConsentAction{notMade}}, partial: true,
			want: []string{"the after-reject phase could not reject (no consent banner found)"}, outcome: OutcomeIncomplete},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			rep := &Report{Target: "https://www.example.org/", Consent: tc.consent, Partial: tc.partial}
			var got []string
			for _, f := range ConsentFailures(rep) {
				got = append(got, f.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("failures (-want +got):\n%s", diff)
			}
			if g := ApplyGate(rep, GateOptions{Now: today}); g.Outcome != tc.outcome {
				t.Errorf("gate outcome %s, want %s", g.Outcome, tc.outcome)
			}
			if len(tc.want) > 0 && !tc.partial {
				var buf bytes.Buffer
				if err := WriteTable(&buf, rep); err != nil {
					t.Fatal(err)
				}
				want := "gate: incomplete — " + tc.want[0] + ", so the scan cannot vouch for the site; no finding matches --fail-on"
				if !strings.Contains(buf.String(), want) {
					t.Errorf("table lacks %q:\n%s", want, buf.String())
				}
			}
		})
	}
}
