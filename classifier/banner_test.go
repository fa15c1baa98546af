package classifier_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// Buttons of the banners of the tests.
var (
	acceptAll   = &crawler.ConsentButton{Selector: "#onetrust-accept-btn-handler", Label: "Accept All Cookies"}
	rejectAll   = &crawler.ConsentButton{Selector: "#onetrust-reject-all-handler", Label: "Reject All"}
	cookieSetup = &crawler.ConsentButton{Selector: "#onetrust-pc-btn-handler", Label: "Cookie Settings"}
)

// consentOf is the crawler.Consent of a scan that found a OneTrust banner
// with the first-layer buttons given (nil: none), and made the choices of
// actions.
func consentOf(accept, reject, settings *crawler.ConsentButton, actions ...crawler.ConsentAction) *crawler.Consent {
	c := &crawler.Consent{
		Mode:   "none",
		Phases: []crawler.Phase{before},
		Banner: &crawler.Banner{
			Platform: "onetrust", Title: "OneTrust", Frame: site,
			Accept: accept, Reject: reject, Settings: settings,
		},
	}
	for _, a := range actions {
		a.Platform, a.Frame = "onetrust", site
		c.Phases = append(c.Phases, a.Phase)
		c.Actions = append(c.Actions, a)
	}
	switch len(actions) {
	case 1:
		c.Mode = actions[0].Action
	case 2:
		c.Mode = "all"
	}
	return c
}

// acceptIn and rejectIn are choices made in the given layer with the given
// clicks.
func acceptIn(layer int, steps ...string) crawler.ConsentAction {
	return crawler.ConsentAction{Phase: accept, Action: "accept", Button: acceptAll, Clicked: true, Verified: true,
		VerifiedBy: crawler.VerifiedByPlatformAPI, State: "accepted", Layer: layer, Clicks: len(steps), Steps: steps}
}

func rejectIn(layer int, steps ...string) crawler.ConsentAction {
	return crawler.ConsentAction{Phase: reject, Action: "reject", Button: rejectAll, Clicked: true, Verified: true,
		VerifiedBy: crawler.VerifiedByTCF, State: "rejected", Layer: layer, Clicks: len(steps), Steps: steps}
}

// TestClassifyBanner checks the banner design findings, one kind at a
// time, from hand-built crawler.Consent values.
func TestClassifyBanner(t *testing.T) {
	t.Parallel()
	const host = "www.example.org"
	banner := func(kind classifier.Kind, rule string, sev classifier.Severity) finding {
		return finding{Kind: kind, RuleID: rule, Severity: sev, Domain: host}
	}
	var (
		noReject   = banner(classifier.KindNoRejectOption, "consent-no-reject-option", classifier.SeverityHigh)
		preticked  = banner(classifier.KindPretickedPurposes, "consent-preticked-purposes", classifier.SeverityHigh)
		notFirst   = banner(classifier.KindRejectNotInFirstLayer, "consent-reject-not-in-first-layer", classifier.SeverityMedium)
		harder     = banner(classifier.KindRejectHarderThanAccept, "consent-reject-harder-than-accept", classifier.SeverityMedium)
		behindOpts = func(a crawler.ConsentAction) crawler.ConsentAction { a.Preticked = 3; return a }
	)
	cases := []struct {
		name    string
		consent *crawler.Consent
		want    []finding
	}{
		{
			name:    "reject in the first layer, as many clicks as accept",
			consent: consentOf(acceptAll, rejectAll, cookieSetup, acceptIn(1, "Accept All Cookies"), rejectIn(1, "Reject All")),
		},
		{
			name:    "reject only behind the settings, in more clicks",
			consent: consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"), rejectIn(2, "Cookie Settings", "Reject All")),
			want:    []finding{notFirst, harder},
		},
		{
			name: "reject harder in the first layer: a confirmation after the click",
			consent: consentOf(acceptAll, rejectAll, nil, acceptIn(1, "Accept All Cookies"),
				rejectIn(1, "Reject All", "Yes, reject")),
			want: []finding{harder},
		},
		{
			name:    "only the accept phase ran: no reject-harder without a reject",
			consent: consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies")),
			want:    []finding{notFirst},
		},
		{
			name:    "only the reject phase ran: no reject-harder without an accept",
			consent: consentOf(acceptAll, nil, cookieSetup, rejectIn(2, "Cookie Settings", "Reject All", "Confirm")),
			want:    []finding{notFirst},
		},
		{
			name: "accept not clicked: no comparison of clicks",
			consent: consentOf(acceptAll, nil, cookieSetup,
				crawler.ConsentAction{Phase: accept, Action: "accept", Error: "clicking accept: detached"},
				rejectIn(2, "Cookie Settings", "Reject All")),
			want: []finding{notFirst},
		},
		{
			name: "clicks unknown (zero): no comparison",
			consent: consentOf(acceptAll, rejectAll, nil,
				crawler.ConsentAction{Phase: accept, Action: "accept", Clicked: true, Verified: true},
				rejectIn(1, "Reject All", "Save")),
		},
		{
			name: "the reject phase found none, even behind the settings",
			consent: consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
				crawler.ConsentAction{Phase: reject, Action: "reject", NoReject: true, Steps: []string{"Cookie Settings"},
					VerifiedBy: crawler.VerifiedByNone, Error: "the banner offers no reject"}),
			want: []finding{noReject, notFirst},
		},
		{
			name:    "only the first phase ran: accept with neither reject nor settings",
			consent: consentOf(acceptAll, nil, nil),
			want:    []finding{noReject, notFirst},
		},
		{
			name:    "only the first phase ran: settings may hold a reject",
			consent: consentOf(acceptAll, nil, cookieSetup),
			want:    []finding{notFirst},
		},
		{
			name:    "only the first phase ran: reject in the first layer",
			consent: consentOf(acceptAll, rejectAll, nil),
		},
		{
			name: "purposes ticked when the settings opened",
			consent: consentOf(acceptAll, rejectAll, cookieSetup, acceptIn(1, "Accept All Cookies"),
				behindOpts(rejectIn(1, "Reject All"))),
			want: []finding{preticked},
		},
		{
			name: "the reject phase clicked a first-layer reject the first look missed",
			consent: consentOf(acceptAll, nil, nil, acceptIn(1, "Accept All Cookies"),
				rejectIn(1, "Reject All")),
		},
		{
			name: "no accept button found: nothing to compare the reject with",
			consent: consentOf(nil, nil, nil,
				crawler.ConsentAction{Phase: reject, Action: "reject", Error: "the banner has no reject button"}),
		},
		{
			name:    "no banner",
			consent: &crawler.Consent{Mode: "none", Phases: []crawler.Phase{before}},
		},
		{
			name: "everything at once",
			consent: consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
				behindOpts(rejectIn(2, "Cookie Settings", "Purpose 1", "Purpose 2", "Purpose 3", "Save"))),
			want: []finding{preticked, notFirst, harder},
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			res := classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: tc.consent})
			got := project(res.Findings)
			if len(tc.want) == 0 && len(got) == 0 {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
				for _, f := range res.Findings {
					t.Logf("%s: %s [%s]", f.Kind, f.Message, f.Evidence)
				}
			}
		})
	}

	t.Run("no consent given", func(t *testing.T) {
		t.Parallel()
		if res := classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site}); len(res.Findings) != 0 {
			t.Errorf("findings without a crawler.Consent: %+v", res.Findings)
		}
	})
}

// TestClassifyBannerEvidence checks what a banner finding tells its
// reader: the platform, the labels of the buttons and the clicks.
func TestClassifyBannerEvidence(t *testing.T) {
	t.Parallel()
	cs := consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
		func() crawler.ConsentAction {
			a := rejectIn(2, "Cookie Settings", "Reject All", "Confirm My Choices")
			a.Preticked = 2
			return a
		}())
	res := classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: cs})
	byKind := map[classifier.Kind]classifier.Finding{}
	for _, f := range res.Findings {
		byKind[f.Kind] = f
	}
	want := map[classifier.Kind]struct{ message, evidence []string }{
		classifier.KindRejectNotInFirstLayer: {
			[]string{`the consent banner's first layer offers "Accept All Cookies" but no reject button`},
			[]string{
				"consent banner of OneTrust in " + site,
				`first layer: accept "Accept All Cookies", no reject, settings "Cookie Settings"`,
				`the reject was reached behind the settings: reject took 3 clicks: "Cookie Settings" → "Reject All" → "Confirm My Choices" (second layer)`,
			},
		},
		classifier.KindRejectHarderThanAccept: {
			[]string{"rejecting takes 3 clicks, accepting 1 click"},
			[]string{`accept took 1 click: "Accept All Cookies"`, `reject took 3 clicks: "Cookie Settings"`},
		},
		classifier.KindPretickedPurposes: {
			[]string{"2 optional purposes were already ticked when the consent banner's settings opened"},
			[]string{`the after-reject phase opened "Cookie Settings"`, "OneTrust"},
		},
	}
	for kind, w := range want {
		f, ok := byKind[kind]
		if !ok {
			t.Errorf("no %s finding in %+v", kind, res.Findings)
			continue
		}
		for _, s := range w.message {
			if !strings.Contains(f.Message, s) {
				t.Errorf("%s message %q does not say %q", kind, f.Message, s)
			}
		}
		for _, s := range w.evidence {
			if !strings.Contains(f.Evidence, s) {
				t.Errorf("%s evidence %q does not say %q", kind, f.Evidence, s)
			}
		}
		if f.Cookie != "" || f.Path != "" || f.Declaration != nil || f.SuggestedCategory != "" {
			t.Errorf("%s names a cookie or a declaration: %+v", kind, f)
		}
		if !kind.AboutBanner() {
			t.Errorf("%s.AboutBanner() = false", kind)
		}
	}

	none := consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
		crawler.ConsentAction{Phase: reject, Action: "reject", NoReject: true, Steps: []string{"Cookie Settings"}, Error: "no reject behind the settings"})
	res = classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: none})
	if len(res.Findings) == 0 || res.Findings[0].Kind != classifier.KindNoRejectOption {
		t.Fatalf("findings %+v, want no-reject-option first", res.Findings)
	}
	f := res.Findings[0]
	for _, s := range []string{`the consent banner offers no way to refuse: no reject button, and none behind "Cookie Settings"`} {
		if !strings.Contains(f.Message, s) {
			t.Errorf("no-reject-option message %q does not say %q", f.Message, s)
		}
	}
	for _, s := range []string{`behind "Cookie Settings" neither a reject nor a way to untick and save`, `the after-reject phase clicked "Cookie Settings"`} {
		if !strings.Contains(f.Evidence, s) {
			t.Errorf("no-reject-option evidence %q does not say %q", f.Evidence, s)
		}
	}

	// A consent-or-pay wall: the refusal behind the settings brought the
	// banner back.
	wall := consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
		crawler.ConsentAction{Phase: reject, Action: "reject", NoReject: true, BannerBack: true, Layer: 2,
			Steps: []string{"Cookie Settings", "Save"}, Error: "the banner came back after the refusal"})
	res = classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: wall})
	if len(res.Findings) == 0 || res.Findings[0].Kind != classifier.KindNoRejectOption {
		t.Fatalf("consent-or-pay findings %+v, want no-reject-option first", res.Findings)
	}
	if f := res.Findings[0]; !strings.Contains(f.Message, "a refusal behind its settings brings it back") || !strings.Contains(f.Evidence, "came back and stayed") {
		t.Errorf("consent-or-pay no-reject-option: %q [%s], want the banner's return named", f.Message, f.Evidence)
	}

	only := classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: consentOf(acceptAll, nil, nil)})
	if len(only.Findings) == 0 || !strings.Contains(only.Findings[0].Message, `only "Accept All Cookies", with neither a reject button nor settings`) {
		t.Errorf("first-phase no-reject-option: %+v", only.Findings)
	}
}

// TestBannerFingerprints checks that a banner finding keeps its
// fingerprint across scans whatever the banner's labels, platform and
// clicks, and that each kind and each site has its own.
func TestBannerFingerprints(t *testing.T) {
	t.Parallel()
	fingerprints := func(site string, cs *crawler.Consent) map[classifier.Kind]string {
		res := classifier.Classify(nil, nil, builtin(t), classifier.Options{Site: site, Consent: cs})
		out := map[classifier.Kind]string{}
		for _, f := range res.Findings {
			out[f.Kind] = f.Fingerprint
		}
		return out
	}
	first := fingerprints(site, consentOf(acceptAll, nil, cookieSetup, acceptIn(1, "Accept All Cookies"),
		func() crawler.ConsentAction {
			a := rejectIn(2, "Cookie Settings", "Reject All")
			a.Preticked = 1
			return a
		}()))
	if len(first) != 3 {
		t.Fatalf("fingerprints %v, want three kinds", first)
	}
	relabelled := consentOf(&crawler.ConsentButton{Selector: "text=OK", Label: "OK"}, nil, &crawler.ConsentButton{Selector: "text=More", Label: "More options"},
		acceptIn(1, "OK"), func() crawler.ConsentAction {
			a := rejectIn(2, "More options", "Refuse", "Save")
			a.Preticked = 4
			return a
		}())
	relabelled.Banner.Platform, relabelled.Banner.Title = "generic", ""
	if diff := cmp.Diff(first, fingerprints(site, relabelled)); diff != "" {
		t.Errorf("fingerprints changed with the labels and clicks (-first +relabelled):\n%s", diff)
	}
	seen := map[string]bool{}
	for kind, fp := range first {
		if fp == "" || seen[fp] {
			t.Errorf("%s: fingerprint %q empty or shared", kind, fp)
		}
		seen[fp] = true
		if want := classifier.Fingerprint(site, "", "www.example.org", "", kind); fp != want {
			t.Errorf("%s: fingerprint %s, want classifier.Fingerprint of the site and kind %s", kind, fp, want)
		}
	}
	other := fingerprints("https://shop.example.org/", consentOf(acceptAll, nil, cookieSetup))
	if other[classifier.KindRejectNotInFirstLayer] == first[classifier.KindRejectNotInFirstLayer] {
		t.Error("two sites share a banner finding's fingerprint")
	}
}
