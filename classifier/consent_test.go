package classifier_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// phased is a cookie of a Set-Cookie line and the consent phases it was
// present in.
type phased struct {
	line   string
	source string
	phases []crawler.Phase
	// refused: the browser refused to store it.
	refused bool
}

var (
	before = crawler.BeforeConsent
	accept = crawler.AfterAccept
	reject = crawler.AfterReject
)

// banner is a crawler.Consent of a scan that found a OneTrust banner and
// made the clicks of phases.
func banner(rejectClicked bool) *crawler.Consent {
	c := &crawler.Consent{
		Mode:   "all",
		Phases: []crawler.Phase{before, accept, reject},
		Banner: &crawler.Banner{Platform: "onetrust", Accept: &crawler.ConsentButton{Label: "Accept All Cookies"}},
		Actions: []crawler.ConsentAction{
			{Phase: accept, Action: "accept", Clicked: true, Verified: true},
			{Phase: reject, Action: "reject", Clicked: rejectClicked, Verified: rejectClicked},
		},
	}
	if rejectClicked {
		c.Banner.Reject = &crawler.ConsentButton{Label: "Reject All"}
	} else {
		c.Actions[1].Error = "the banner has no reject button"
	}
	return c
}

// recorded is banner(true) whose choices the site's consent records
// verified.
func recorded(recs ...crawler.ConsentRecord) *crawler.Consent {
	c := banner(true)
	for i := range c.Actions {
		c.Actions[i].VerifiedBy, c.Actions[i].Records = crawler.VerifiedByConsentRecord, recs
	}
	return c
}

func TestClassifyConsent(t *testing.T) {
	t.Parallel()
	declared := `
cookies:
  - name: _fbp
    category: necessary
  - name: sessionid
    category: necessary
  - name: _ga
    category: statistics
`
	cases := []struct {
		name    string
		policy  string
		cookies []phased
		consent *crawler.Consent
		want    []finding
	}{
		{
			name: "analytics before consent and after reject, ad cookie after accept only",
			cookies: []phased{
				{"_ga=GA1.1.123456789.1700000000; Max-Age=63072000", tag, []crawler.Phase{before, accept, reject}, false},
				{"IDE=AHWqTUk; Domain=doubleclick.net; Max-Age=34164000; Secure; SameSite=None", dblclick, []crawler.Phase{accept}, false},
				{"OptanonConsent=groups%3DC0001%3A1; Max-Age=31536000", "https://www.example.org/otBannerSdk.js", []crawler.Phase{before, accept, reject}, false},
			},
			consent: banner(true),
			want: []finding{
				{classifier.KindBeforeConsent, "cookie-before-consent", classifier.SeverityHigh, "_ga", "www.example.org", "/", policy.Statistics, 0},
				{classifier.KindAfterReject, "cookie-after-reject", classifier.SeverityHigh, "_ga", "www.example.org", "/", policy.Statistics, 0},
			},
		},
		{
			name:   "a marketing cookie declared necessary still needs consent",
			policy: declared,
			cookies: []phased{
				{"_fbp=fb.1.1700000000.123456; Max-Age=7776000", pixel, []crawler.Phase{before}, false},
				{"sessionid=abc; HttpOnly", "", []crawler.Phase{before, accept, reject}, false},
			},
			consent: banner(true),
			want: []finding{
				{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityHigh, "_fbp", "www.example.org", "/", policy.Marketing, 2},
				{classifier.KindBeforeConsent, "cookie-before-consent", classifier.SeverityHigh, "_fbp", "www.example.org", "/", policy.Marketing, 2},
				{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "_ga", "", "", "", 6},
			},
		},
		{
			name: "consent records and necessary cookies are never flagged",
			cookies: []phased{
				{"CookieConsent=stamp%3A1%2Cnecessary%3Atrue%2Cstatistics%3Afalse; Max-Age=31536000", "https://www.example.org/uc.js", []crawler.Phase{accept, reject}, false},
				{"consentement=refuse; Max-Age=15552000", "https://www.example.org/static/consentement.js", []crawler.Phase{accept, reject}, false},
				{"cmp_uid=0123456789abcdef0123; Domain=consent.framecmp.test; Max-Age=31536000; Secure; SameSite=None", "https://consent.framecmp.test/banner", []crawler.Phase{before, accept, reject}, false},
				{"PHPSESSID=abc; HttpOnly", "", []crawler.Phase{before, accept, reject}, false},
			},
			consent: banner(true),
		},
		{
			name: "no reject button: the after-reject phase made no choice",
			cookies: []phased{
				{"_ga=GA1.1.123456789.1700000000; Max-Age=63072000", tag, []crawler.Phase{before, accept, reject}, false},
			},
			consent: banner(false),
			want: []finding{
				{classifier.KindBeforeConsent, "cookie-before-consent", classifier.SeverityHigh, "_ga", "www.example.org", "/", policy.Statistics, 0},
				// The banner's design is a finding of its own.
				{classifier.KindRejectNotInFirstLayer, "consent-reject-not-in-first-layer", classifier.SeverityMedium, "", "www.example.org", "", "", 0},
			},
		},
		{
			name: "guesses of low confidence are of lower severity, unknown cookies are not flagged",
			cookies: []phased{
				{"ods_catalog_layout=grid; Max-Age=2592000", "https://www.example.org/static/catalog.js", []crawler.Phase{before, reject}, false},
				{"sw_ad_uid=a1b2c3d4e5f60718293a4b5c; Domain=share.widget.test; Max-Age=31536000; Secure; SameSite=None", "https://share.widget.test/embed", []crawler.Phase{before}, false},
				{"mystery=1", "", []crawler.Phase{before, reject}, false},
			},
			consent: banner(true),
			want: []finding{
				{classifier.KindBeforeConsent, "cookie-before-consent", classifier.SeverityLow, "ods_catalog_layout", "www.example.org", "/", policy.Preferences, 0},
				{classifier.KindBeforeConsent, "cookie-before-consent", classifier.SeverityMedium, "sw_ad_uid", "share.widget.test", "/", policy.Marketing, 0},
				{classifier.KindAfterReject, "cookie-after-reject", classifier.SeverityLow, "ods_catalog_layout", "www.example.org", "/", policy.Preferences, 0},
			},
		},
		{
			// The site keeps the visitor's choice in a cookie whose name
			// reads as a preference: the crawler read it to verify the
			// click, and a record of the choice needs no consent. A cookie
			// of that name on another host is not the record.
			name: "the site's consent record is not flagged",
			cookies: []phased{
				{"cookiepreferences=necessary#true|marketing#false; Max-Age=31536000", "", []crawler.Phase{accept, reject}, false},
				{"ods_catalog_layout=grid; Max-Age=2592000", "https://www.example.org/static/catalog.js", []crawler.Phase{reject}, false},
				{"cookiepreferences=all; Domain=share.widget.test; Max-Age=31536000; Secure; SameSite=None", "https://share.widget.test/embed", []crawler.Phase{reject}, false},
			},
			consent: recorded(crawler.ConsentRecord{Kind: "cookie", Name: "cookiepreferences", Frame: "https://www.example.org/"}),
			want: []finding{
				{classifier.KindAfterReject, "cookie-after-reject", classifier.SeverityLow, "cookiepreferences", "share.widget.test", "/", policy.Preferences, 0},
				{classifier.KindAfterReject, "cookie-after-reject", classifier.SeverityLow, "ods_catalog_layout", "www.example.org", "/", policy.Preferences, 0},
			},
		},
		{
			name: "deletions and refused cookies are not present",
			cookies: []phased{
				{"_gid=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", tag, []crawler.Phase{before, reject}, false},
				{"_fbp=fb.1.1700000000.123456; Max-Age=7776000", pixel, []crawler.Phase{before}, true},
			},
			consent: banner(true),
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			var cookies []crawler.Cookie
			for _, p := range tc.cookies {
				src := p.source
				if src == "" {
					src = home
				}
				c := observed(t, p.line, src)
				c.Phases = p.phases
				if p.refused {
					c.Stored, c.BlockedReasons = false, []string{"UserPreferences"}
				}
				cookies = append(cookies, c)
			}
			var pol *policy.Policy
			if tc.policy != "" {
				pol = parsePolicy(t, tc.policy)
			}
			res := classifier.Classify(cookies, pol, builtin(t), classifier.Options{Site: site, Consent: tc.consent})
			got := project(res.Findings)
			if len(tc.want) == 0 && len(got) == 0 {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
				for _, f := range res.Findings {
					t.Logf("%s %s: %s [%s]", f.Kind, f.Cookie, f.Message, f.Evidence)
				}
			}
		})
	}
}

// TestClassifyConsentEvidence checks what a consent finding tells its
// reader: the category, how it was set, and what the scan knows of the
// choice.
func TestClassifyConsentEvidence(t *testing.T) {
	t.Parallel()
	ga := observed(t, "_ga=GA1.1.123456789.1700000000; Max-Age=63072000", tag)
	ga.Phases = []crawler.Phase{before, reject}

	noBanner := &crawler.Consent{Mode: "none", Phases: []crawler.Phase{before}}
	res := classifier.Classify([]crawler.Cookie{ga}, nil, builtin(t), classifier.Options{Site: site, Consent: noBanner})
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %+v, want one before-consent finding (no after-reject phase ran)", res.Findings)
	}
	f := res.Findings[0]
	for _, want := range []string{"_ga (statistics, Google Analytics) is set before the visitor made any consent choice"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q does not say %q", f.Message, want)
		}
	}
	for _, want := range []string{"set by the script " + tag, "knowledge base", "no consent banner was found"} {
		if !strings.Contains(f.Evidence, want) {
			t.Errorf("evidence %q does not say %q", f.Evidence, want)
		}
	}

	unverified := banner(true)
	unverified.Actions[1].Verified = false
	unverified.Actions[1].Error = "the banner was still shown after the click"
	res = classifier.Classify([]crawler.Cookie{ga}, nil, builtin(t), classifier.Options{Site: site, Consent: unverified})
	var after *classifier.Finding
	for i := range res.Findings {
		if res.Findings[i].Kind == classifier.KindAfterReject {
			after = &res.Findings[i]
		}
	}
	if after == nil {
		t.Fatalf("no after-reject finding in %+v", res.Findings)
	}
	if !strings.Contains(after.Evidence, "the reject click could not be verified: the banner was still shown after the click") {
		t.Errorf("evidence %q does not say the click was not verified", after.Evidence)
	}
	if after.Fingerprint == "" || after.Fingerprint == res.Findings[0].Fingerprint {
		t.Errorf("after-reject fingerprint %q must exist and differ from before-consent's %q", after.Fingerprint, res.Findings[0].Fingerprint)
	}
}
