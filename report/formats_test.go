package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// tinyPNG is a 4×3 PNG, the stand-in for a consent-banner screenshot.
func tinyPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for x := range 4 {
		img.Set(x, 1, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// today is the clock of the gate in tests: ignore entries dated before it
// have expired.
var today = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// auditedFindings are what a classifier could report for the portal scan:
// one finding of every kind, severities from high to info.
func auditedFindings() []Finding {
	return []Finding{
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "portal.test", Path: "/", Severity: SeverityHigh, RuleID: "undeclared-cookie",
			Message: "Cookie _ga is set but not declared in the cookie policy", Evidence: "known Google Analytics cookie", SuggestedCategory: "statistics"},
		{Kind: KindUndeclared, Cookie: "_gid", Domain: "portal.test", Path: "/", Severity: SeverityMedium, RuleID: "undeclared-cookie",
			Message: "Cookie _gid is set but not declared in the cookie policy", Evidence: "known Google Analytics cookie", SuggestedCategory: "statistics"},
		{Kind: KindMisclassified, Cookie: "IDE", Domain: "tracker.test", Path: "/", Severity: SeverityHigh, RuleID: "misclassified-cookie", PolicyLine: 12,
			Message: "Cookie IDE is declared necessary but is a marketing cookie", Evidence: "knowledge base: Google DoubleClick, marketing", SuggestedCategory: "marketing"},
		{Kind: KindExpiryMismatch, Cookie: "csrftoken", Domain: "www.portal.test", Path: "/", Severity: SeverityLow, RuleID: "expiry-exceeds-policy", PolicyLine: 7,
			Message: "Cookie csrftoken lives 1y; the policy declares session", Evidence: "requested Max-Age=31449600"},
		{Kind: KindBeforeConsent, Cookie: "_ga", Domain: "portal.test", Path: "/", Severity: SeverityHigh, RuleID: "set-before-consent",
			Message: "Statistics cookie _ga is set before any consent choice"},
		{Kind: KindAfterReject, Cookie: "uid", Domain: "social.test", Path: "/", Severity: SeverityMedium, RuleID: "set-after-reject",
			Message: "Marketing cookie uid is set after reject all"},
		{Kind: KindNotObserved, Cookie: "_hjSession_*", Domain: "portal.test", Severity: SeverityInfo, RuleID: "declared-not-observed", PolicyLine: 20,
			Message: "Declared cookie _hjSession_* was not observed"},
	}
}

// auditedIgnores is an ignore file with a used, an unused and an expired
// entry.
const auditedIgnores = `# accepted findings
ignore:
  - cookie: csrftoken
    kind: expiry-mismatch
    reason: Django default; the policy is being corrected
    expires: 2026-12-31
  - cookie: old_*
    kind: undeclared
    reason: legacy cookie, removed in 2025
  - cookie: /^ui/
    kind: "*"
    domain: social.test
    reason: social button being removed
    expires: 2026-03-01
`

// audited is the portal scan with findings, compared with a baseline that
// had _gid and a since-fixed _fbp finding, filtered by auditedIgnores, with
// a banner screenshot.
func audited(t testing.TB) *Report {
	t.Helper()
	rep := New(portal(t), Options{Version: "v1.2.3"})
	rep.Policy = "policy/cookies.yaml"
	rep.Findings = auditedFindings()
	declared := map[string]string{"sessionid": "necessary", "csrftoken": "necessary", "IDE": "necessary", "consent": "necessary"}
	for i, c := range rep.Cookies {
		if cat, ok := declared[c.Name]; ok {
			rep.Cookies[i].Declared, rep.Cookies[i].Category = true, cat
		}
	}
	rep.Cookies[0].Phases = []string{"before-consent", "after-accept", "after-reject"}
	rep.Screenshots = []Screenshot{{Phase: "before-consent", URL: rep.Target, PNG: tinyPNG(t)}}
	accept := &ConsentButton{Selector: "#ods-cookie-accept", Label: "Accept all"}
	rep.Consent = &Consent{
		Mode:   "all",
		Phases: []string{"before-consent", "after-accept", "after-reject"},
		Banner: &Banner{Platform: "opendatasoft", Frame: rep.Target, Accept: accept},
		Actions: []ConsentAction{
			{Phase: "after-accept", Action: "accept", Platform: "opendatasoft", Button: accept, Frame: rep.Target, Clicked: true, Verified: true, Steps: []string{}},
			{Phase: "after-reject", Action: "reject", Platform: "opendatasoft", Frame: rep.Target, Error: "no reject button", Steps: []string{}},
		},
	}

	base := New(portal(t), Options{Version: "v1.2.2"})
	base.Findings = []Finding{
		auditedFindings()[1],
		{Kind: KindUndeclared, Cookie: "_fbp", Domain: "portal.test", Path: "/", Severity: SeverityHigh, Message: "Cookie _fbp is set but not declared in the cookie policy"},
	}
	ign, err := ParseIgnores(".cookieaudit-ignore.yaml", []byte(auditedIgnores))
	if err != nil {
		t.Fatal(err)
	}
	ApplyGate(rep, GateOptions{Baseline: base, BaselineFile: "baseline.json", Ignores: ign, Now: today})
	return rep
}

// hostileReport is a report whose every site string carries markup,
// script, workflow commands and Markdown.
func hostileReport(t testing.TB) *Report {
	t.Helper()
	const (
		script = `<script>document.documentElement.setAttribute("data-pwned","script")</script>`
		img    = `"><img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">`
		jsURL  = `javascript:document.documentElement.setAttribute('data-pwned','url')`
		md     = "a|b`c` **bold** [link](https://phish.test/) <b>x</b> @octocat $x$ ::error::injected"
	)
	res := &crawler.Result{
		Target:    "https://evil.test/" + script,
		StartedAt: start,
		Browser:   "Chrome " + script,
		Pages: []crawler.Page{
			{URL: "https://evil.test/" + img, FinalURL: jsURL, Status: 200, Title: script + img},
			{URL: jsURL, Depth: 1, Error: img + "\n::error::fake"},
		},
	}
	c := observed(t, "x=1; Max-Age=60", crawler.FirstParty, crawler.SetByScript, jsURL, "https://evil.test/")
	c.Name, c.Domain, c.Path = script, "evil.test"+img, "/"+img
	c.FirstSeenOn, c.FrameURL = jsURL, "javascript:alert(1)"
	c.BlockedReasons = []string{script}
	c.SameSite = img
	d := observed(t, "y=1", crawler.ThirdParty, crawler.SetByHeader, "https://other.test/"+md, "https://evil.test/")
	d.Name = md + "\r\n::warning::x"
	res.Cookies = []crawler.Cookie{c, d}
	rep := New(res, Options{ShowValues: true})
	rep.Cookies[0].Category = script
	rep.Cookies[0].Party = img
	rep.Cookies[0].Phases = []string{script}
	rep.Policy = "policy%,:" + script + ".yaml"
	rep.Findings = []Finding{
		{Kind: KindUndeclared, Cookie: script, Domain: "evil.test" + img, Path: "/" + img, Severity: SeverityHigh,
			Message: "Cookie " + script + " is undeclared " + md, Evidence: img + jsURL},
		{Kind: KindAfterReject, Cookie: md + "\r\n::warning::x", Domain: "other.test", Severity: img,
			Message: md + "\n::error file=x::y", Evidence: jsURL},
	}
	button := &ConsentButton{Selector: script, Label: img}
	rep.Consent = &Consent{
		Mode:   "all",
		Phases: []string{"before-consent", "after-accept"},
		Banner: &Banner{Platform: script, Frame: jsURL, Accept: button, Reject: button},
		Actions: []ConsentAction{{Phase: "after-accept", Action: "accept", Platform: script, Button: button, Frame: jsURL, Clicked: true, Error: img,
			VerifiedBy: script, State: img, Layer: 2, Clicks: 2, Steps: []string{script, md + "\r\n::warning::x"}, Preticked: 1}},
	}
	rep.Screenshots = []Screenshot{
		{Phase: "before-consent", URL: jsURL, PNG: tinyPNG(t)},
		// Not a PNG: must not become an image.
		{Phase: "after-accept", PNG: []byte("<svg onload=alert(1)>")},
	}
	ign := &Ignores{File: "x.yaml", Rules: []IgnoreRule{{Cookie: "none", Kind: "*", Reason: script}}}
	ApplyGate(rep, GateOptions{Ignores: ign, Now: today})
	return rep
}

// TestFormatsGolden compares every format of the audited and the hostile
// report with its golden file.
func TestFormatsGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rep  func(testing.TB) *Report
	}{
		{"audited", audited},
		{"hostile-findings", hostileReport},
		{"banner", bannerReport},
		{"no-reject", noRejectReport},
	}
	for _, tc := range cases {
		for _, format := range Formats() {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				var buf bytes.Buffer
				if err := Write(&buf, tc.rep(t), format); err != nil {
					t.Fatal(err)
				}
				golden(t, tc.name+"."+format+".golden", buf.Bytes())
			})
		}
		t.Run(tc.name+"/annotations", func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteAnnotations(&buf, tc.rep(t)); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+".annotations.golden", buf.Bytes())
		})
	}
}
