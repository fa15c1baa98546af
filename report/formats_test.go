package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
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

// auditedPolicy is the portal's declared policy for the audited report:
// IDE, a marketing cookie, declared necessary (misclassified); csrftoken
// declared a session cookie and consent declared for six months, both
// asking for a year or more (expiry-mismatch); a declaration no cookie
// matches (not-observed); Matomo's session cookie declared twice, in two
// categories (ambiguous); Google Analytics left out (undeclared). Of its
// web storage, the theme is declared as local storage (a preference, kept
// before consent and after reject) and the tab as localStorage too,
// which covers sessionStorage; the last search and the map's tiles
// database are undeclared, and a declared cart is never seen.
const auditedPolicy = `site: www.portal.test
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
    duration: 6 months
  - name: lang
    category: functional
    duration: 14 days
  - name: "_hjSession_*"
    category: statistics
  - name: "_pk_ses.*"
    category: statistics
    duration: 30 minutes
  - name: "_pk_ses*"
    category: necessary
  - name: ods_theme
    type: localStorage
    category: functional
  - name: "ods_tab*"
    type: localStorage
    category: necessary
  - name: ods_cart
    type: sessionStorage
    category: necessary
`

// The buttons of the Opendatasoft banner of the audited report.
var (
	odsAccept = &crawler.ConsentButton{Selector: "#ods-cookie-accept", Label: "Accept all"}
	odsReject = &crawler.ConsentButton{Selector: "#ods-cookie-reject", Label: "Refuse all"}
)

// auditedScan is the portal scan with its consent phases: a banner with
// accept and reject in its first layer, both choices made in one click,
// and _ga (with the necessary sessionid) present in every phase. base is
// the scan a baseline was made of, a month before: no consent phases, no
// IDE or uid yet, and _fbp, gone since.
func auditedScan(t testing.TB, base bool) *crawler.Result {
	t.Helper()
	res := portal(t)
	all := []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject}
	var cookies []crawler.Cookie
	for _, c := range res.Cookies {
		switch {
		case base && (c.Name == "IDE" || c.Name == "uid"):
			continue
		case !base && (c.Name == "_ga" || c.Name == "sessionid"):
			c.Phases = all
		}
		cookies = append(cookies, c)
	}
	if base {
		cookies = append(cookies, observed(t, "_fbp=fb.1.1.1; Domain=.portal.test; Path=/; Max-Age=7776000", crawler.FirstParty, crawler.SetByScript,
			"https://www.portal.test/static/fbevents.js", res.Target))
		res.Cookies = cookies
		return res
	}
	res.Cookies = cookies
	for i := range res.Storage {
		res.Storage[i].Phases = all
	}
	res.Consent = crawler.Consent{
		Mode:   "all",
		Phases: all,
		Banner: &crawler.Banner{Platform: "opendatasoft", Frame: res.Target, Accept: odsAccept, Reject: odsReject},
		Actions: []crawler.ConsentAction{
			{Phase: crawler.AfterAccept, Action: "accept", Platform: "opendatasoft", Button: odsAccept, Frame: res.Target,
				Clicked: true, Verified: true, VerifiedBy: crawler.VerifiedByConsentRecord, State: "accepted", Layer: 1, Clicks: 1, Steps: []string{"Accept all"},
				Records: []crawler.ConsentRecord{{Kind: "cookie", Name: "consent", Frame: res.Target}}},
			{Phase: crawler.AfterReject, Action: "reject", Platform: "opendatasoft", Button: odsReject, Frame: res.Target,
				Clicked: true, Verified: true, VerifiedBy: crawler.VerifiedByConsentRecord, State: "rejected", Layer: 1, Clicks: 1, Steps: []string{"Refuse all"},
				Records: []crawler.ConsentRecord{{Kind: "cookie", Name: "consent", Frame: res.Target}, {Kind: "localStorage", Name: "ods_choice", Frame: res.Target}}},
		},
		Screenshot: tinyPNG(t),
	}
	return res
}

// classifyWith is the report of res classified against a policy file
// (none when policyFile is "") and the built-in knowledge base, as the scan
// command builds it: every finding is one the classifier made.
func classifyWith(t testing.TB, res *crawler.Result, name, policyFile, version string) *Report {
	t.Helper()
	var pol *policy.Policy
	if policyFile != "" {
		var err error
		if pol, err = policy.Parse(name, []byte(policyFile)); err != nil {
			t.Fatal(err)
		}
	}
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cl := classifier.Classify(res.Cookies, pol, kb, classifier.Options{Site: res.Target, Consent: &res.Consent, Storage: res.Storage})
	return New(res, Options{Version: version, Classification: &cl})
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

// audited is the portal scan with its consent phases, classified against
// auditedPolicy, compared with a baseline classified from the scan of a
// month before (IDE and uid new since, _fbp gone), filtered by
// auditedIgnores, with a banner screenshot.
func audited(t testing.TB) *Report {
	t.Helper()
	rep := classifyWith(t, auditedScan(t, false), "policy/cookies.yaml", auditedPolicy, "v1.2.3")
	base := classifyWith(t, auditedScan(t, true), "policy/cookies.yaml", auditedPolicy, "v1.2.2")
	ign, err := ParseIgnores(".cookieaudit-ignore.yaml", []byte(auditedIgnores))
	if err != nil {
		t.Fatal(err)
	}
	ApplyGate(rep, GateOptions{Baseline: base, BaselineFile: "baseline.json", Ignores: ign, Now: today})
	return rep
}

// hostileReport is a report whose every site string carries markup,
// script, workflow commands and Markdown: the site's pages, cookies and
// banner, and the policy file's name and declarations, which the
// classifier's findings quote.
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
	c.Phases = []crawler.Phase{crawler.BeforeConsent}
	d := observed(t, "y=1", crawler.ThirdParty, crawler.SetByHeader, "https://other.test/"+md, "https://evil.test/")
	d.Name = md + "\r\n::warning::x"
	res.Cookies = []crawler.Cookie{c, d}
	res.Storage = []crawler.StorageItem{{Kind: crawler.LocalStorage, Origin: "https://evil.test" + img, Key: script,
		Value: script, SetBy: crawler.SetByScript, Source: jsURL, FirstSeenOn: md + "\r\n::warning::x", Phases: []crawler.Phase{crawler.BeforeConsent}}}
	button := &crawler.ConsentButton{Selector: script, Label: img}
	res.Consent = crawler.Consent{
		Mode:   "all",
		Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject},
		Banner: &crawler.Banner{Platform: script, Frame: jsURL, Accept: button, Reject: button},
		Actions: []crawler.ConsentAction{{Phase: crawler.AfterAccept, Action: "accept", Platform: script, Button: button, Frame: jsURL, Clicked: true, Error: img,
			VerifiedBy: script, State: img, Layer: 2, Clicks: 2, Steps: []string{script, md + "\r\n::warning::x"}, Preticked: 1},
			// The site's consent records are named by the site.
			{Phase: crawler.AfterReject, Action: "reject", Platform: script, Button: button, Frame: jsURL, Clicked: true, Verified: true,
				VerifiedBy: crawler.VerifiedByConsentRecord, State: "rejected", Layer: 1, Clicks: 1, Steps: []string{img},
				Records: []crawler.ConsentRecord{{Kind: "cookie", Name: script + md + "\r\n::warning::x\x1b[2J", Frame: jsURL}}}},
	}
	// The policy declares the script-named cookie as marketing (so that it
	// is set before consent), by a provider named in Markdown, and names
	// no cookie of the scan with the others.
	hostilePolicy := "cookies:\n" +
		"  - name: \"/^<script>/\"\n    category: marketing\n    provider: " + strconv.Quote(md) + "\n" +
		"  - name: \"_x<b>y</b>\"\n    category: statistics\n" +
		"  - name: \"[link](https://phish.test/)\"\n    category: statistics\n" +
		"  - name: \"::error::injected\"\n    category: preferences\n"
	rep := classifyWith(t, res, "policy%,:"+script+".yaml", hostilePolicy, "")
	rep.Cookies[0].Category = script
	rep.Cookies[0].Party = img
	rep.Cookies[0].Phases = []string{script}
	rep.Storage[0].Kind, rep.Storage[0].SetBy, rep.Storage[0].Phases = img, md, []string{script}
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
