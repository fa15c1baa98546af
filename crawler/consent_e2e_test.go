package crawler_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/google/go-cmp/cmp"
)

// consentPhases are the three phases in the order a scan runs them.
var consentPhases = []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject}

// crawlConsent crawls a consent site in every phase (--consent all).
func crawlConsent(t *testing.T, srv *fixtures.Server, site fixtures.ConsentSite, opts crawler.Options) *crawler.Result {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts.Consent = crawler.ConsentAll
	res, err := crawler.Crawl(ctx, site.Start, opts)
	if err != nil {
		t.Fatalf("Crawl %s: %v", site.Start, err)
	}
	if res.Consent.Mode != "all" {
		t.Errorf("consent mode = %q, want all", res.Consent.Mode)
	}
	if diff := cmp.Diff(consentPhases, res.Consent.Phases); diff != "" {
		t.Errorf("phases that ran (-want +got):\n%s", diff)
	}
	return res
}

// phasePages returns the pages phase ph visited: the first phase's are
// Result.Pages, the others' Result.PhasePages.
func phasePages(res *crawler.Result, ph crawler.Phase) []crawler.Page {
	if ph == crawler.BeforeConsent {
		if pages, ok := res.PhasePages[ph]; ok {
			return pages
		}
		return res.Pages
	}
	return res.PhasePages[ph]
}

// label is a button text as the crawler reports it: as the page writes it,
// blanks collapsed.
func label(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truthCookies returns the attributes of the cookies of phase ph that the
// ground truth states.
func truthCookies(site fixtures.ConsentSite, ph crawler.Phase) []fixtures.Cookie {
	want := []fixtures.Cookie{}
	for _, c := range site.Cookies(string(ph)) {
		want = append(want, c.Cookie)
	}
	return want
}

// projectPhase projects the cookies phase ph recorded on the fields of the
// ground truth, as project does for a whole scan.
func projectPhase(res *crawler.Result, ph crawler.Phase, want []fixtures.Cookie) []fixtures.Cookie {
	r := *res
	r.Cookies = res.PhaseCookies[ph]
	got := project(&r, want)
	if got == nil {
		got = []fixtures.Cookie{}
	}
	return got
}

// checkPhaseCookies checks the cookies of every phase against the ground
// truth: the exact set with its attributes, the telling part of each value,
// and the phases listed by the combined records.
func checkPhaseCookies(t *testing.T, site fixtures.ConsentSite, res *crawler.Result) {
	t.Helper()
	type key = string // name|domain
	wantPhases := map[key][]crawler.Phase{}
	for _, ph := range consentPhases {
		want := truthCookies(site, ph)
		if diff := cmp.Diff(want, projectPhase(res, ph, want)); diff != "" {
			t.Errorf("%s: cookies of phase %s (-want +got):\n%s", site.Name, ph, diff)
		}
		values := map[key]string{}
		for _, c := range res.PhaseCookies[ph] {
			values[c.Name+"|"+c.Domain] = c.Value
		}
		for _, c := range site.Cookies(string(ph)) {
			k := c.Name + "|" + c.Domain
			wantPhases[k] = append(wantPhases[k], ph)
			if c.ValueContains == "" {
				continue
			}
			if v, ok := values[k]; ok && !strings.Contains(v, c.ValueContains) {
				t.Errorf("%s: %s in phase %s holds %q, want it to contain %q", site.Name, c.Name, ph, v, c.ValueContains)
			}
		}
	}

	gotPhases := map[key][]crawler.Phase{}
	for _, c := range res.Cookies {
		k := c.Name + "|" + c.Domain
		if _, dup := gotPhases[k]; dup {
			t.Errorf("%s: the combined cookies hold %s (%s) twice", site.Name, c.Name, c.Domain)
		}
		gotPhases[k] = c.Phases
		// The combined record lists exactly the phases whose own records
		// hold the cookie.
		var own []crawler.Phase
		for _, ph := range consentPhases {
			if slices.ContainsFunc(res.PhaseCookies[ph], func(pc crawler.Cookie) bool {
				return pc.Name == c.Name && pc.Domain == c.Domain && pc.HostOnly == c.HostOnly &&
					pc.Path == c.Path && pc.PartitionKey == c.PartitionKey
			}) {
				own = append(own, ph)
			}
		}
		if diff := cmp.Diff(own, c.Phases); diff != "" {
			t.Errorf("%s: phases of combined %s (%s) disagree with PhaseCookies (-PhaseCookies +Phases):\n%s", site.Name, c.Name, c.Domain, diff)
		}
	}
	if diff := cmp.Diff(wantPhases, gotPhases); diff != "" {
		t.Errorf("%s: phases of the combined cookies (-want +got):\n%s", site.Name, diff)
	}
}

// checkConsentPages checks that every phase visited the site's pages, in
// the order of the ground truth.
func checkConsentPages(t *testing.T, site fixtures.ConsentSite, res *crawler.Result) {
	t.Helper()
	for _, ph := range consentPhases {
		got := []string{}
		for i, p := range phasePages(res, ph) {
			got = append(got, p.URL)
			// A later phase gets the answers the first phase got.
			if i < len(res.Pages) && (p.Status != res.Pages[i].Status || p.Error != res.Pages[i].Error) {
				t.Errorf("%s: phase %s page %s: status %d error %q, want %d %q as before consent",
					site.Name, ph, p.URL, p.Status, p.Error, res.Pages[i].Status, res.Pages[i].Error)
			}
		}
		if diff := cmp.Diff(site.Pages, got); diff != "" {
			t.Errorf("%s: pages of phase %s (-want +got):\n%s", site.Name, ph, diff)
		}
	}
}

// TestCrawlConsentSites crawls every consent fixture in the three phases
// and compares the banner, the clicks, the pages and each phase's cookies
// with the ground truth. TestCrawlPortalConsent covers the automatic mode
// and the screenshot on a shallow crawl of the portal; this test holds the
// portal, crawled to the default depth, to its full per-phase truth.
func TestCrawlConsentSites(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)

	for _, site := range fixtures.ConsentSites() {
		t.Run(site.Name, func(t *testing.T) {
			t.Parallel()
			res := crawlConsent(t, srv, site, fixtureOptions(t, srv))

			frame := site.Start
			if site.BannerInFrame != "" {
				frame = site.BannerInFrame
			}
			type button struct{ Label string }
			type banner struct {
				Platform, Frame string
				Accept, Reject  *button
			}
			want := banner{Platform: site.Platform, Frame: frame, Accept: &button{label(site.AcceptLabel)}}
			if site.HasReject {
				want.Reject = &button{label(site.RejectLabel)}
			}
			b := res.Consent.Banner
			if b == nil {
				t.Fatalf("%s: no banner found, want %+v", site.Name, want)
			}
			got := banner{Platform: b.Platform, Frame: b.Frame}
			if b.Accept != nil {
				got.Accept = &button{b.Accept.Label}
			}
			if b.Reject != nil {
				got.Reject = &button{b.Reject.Label}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: banner (-want +got):\n%s", site.Name, diff)
			}
			checkActions(t, site, res, site.Platform)
			checkConsentPages(t, site, res)
			checkPhaseCookies(t, site, res)
			if site.Name == "onetrust-compliant" {
				// The phase-isolation test shares this crawl: the site
				// has 20 pages, each visited in three phases.
				t.Run("phases_isolated", func(t *testing.T) { checkPhasesIsolated(t, res) })
			}
		})
	}
}

// checkActions checks the two clicks: both made and verified on the
// banner's frame with the banner's buttons, except the reject of a banner
// with no reject button, which is reported as missing.
func checkActions(t *testing.T, site fixtures.ConsentSite, res *crawler.Result, platform string) {
	t.Helper()
	frame := site.Start
	if site.BannerInFrame != "" {
		frame = site.BannerInFrame
	}
	type action struct {
		Phase                   crawler.Phase
		Action, Platform, Frame string
		Label                   string
		Clicked, Verified       bool
		Error                   string
	}
	want := []action{
		{crawler.AfterAccept, "accept", platform, frame, label(site.AcceptLabel), true, true, ""},
		{crawler.AfterReject, "reject", platform, frame, label(site.RejectLabel), true, true, ""},
	}
	if !site.HasReject {
		want[1] = action{crawler.AfterReject, "reject", platform, frame, "", false, false, "the banner has no reject button"}
	}
	var got []action
	for _, a := range res.Consent.Actions {
		g := action{a.Phase, a.Action, a.Platform, a.Frame, "", a.Clicked, a.Verified, a.Error}
		if a.Button != nil {
			g.Label = a.Button.Label
		}
		got = append(got, g)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: consent actions (-want +got):\n%s", site.Name, diff)
	}
}

// checkPhasesIsolated checks, on onetrust-compliant, that the cookies the
// accept phase brings never reach the other phases (each phase has a
// browser context of its own) and that the reject phase holds the refusal.
func checkPhasesIsolated(t *testing.T, res *crawler.Result) {
	for _, name := range []string{"_ga", "_gid", "ad_uid"} {
		var phases []crawler.Phase
		found := false
		for _, c := range res.Cookies {
			if c.Name == name {
				found = true
				phases = append(phases, c.Phases...)
			}
		}
		if !found {
			t.Errorf("%s was never seen, want it after accept", name)
			continue
		}
		if diff := cmp.Diff([]crawler.Phase{crawler.AfterAccept}, phases); diff != "" {
			t.Errorf("phases of %s (-want +got):\n%s", name, diff)
		}
		for _, ph := range []crawler.Phase{crawler.BeforeConsent, crawler.AfterReject} {
			for _, c := range res.PhaseCookies[ph] {
				if c.Name == name {
					t.Errorf("%s (%s) leaked into phase %s", name, c.Domain, ph)
				}
			}
		}
		if !slices.ContainsFunc(res.PhaseCookies[crawler.AfterAccept], func(c crawler.Cookie) bool { return c.Name == name }) {
			t.Errorf("%s is missing from the after-accept phase's own cookies", name)
		}
	}

	values := map[crawler.Phase]string{}
	for _, ph := range consentPhases {
		for _, c := range res.PhaseCookies[ph] {
			if c.Name == "OptanonConsent" {
				values[ph] = c.Value
			}
		}
	}
	// After "Reject All" the visitor has chosen (interactionCount=1) and
	// only the strictly necessary group C0001 is on. Before consent the
	// same groups are off by default, but nobody has chosen.
	const rejected = "interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0"
	if v := values[crawler.AfterReject]; !strings.Contains(v, rejected) {
		t.Errorf("OptanonConsent after reject = %q, want the rejected groups %q", v, rejected)
	}
	// Only the groups: the value also holds a datestamp, whose "10%3A07"
	// (10:07) looks like a group turned off.
	const accepted = "interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A1"
	if v := values[crawler.AfterAccept]; !strings.Contains(v, accepted) {
		t.Errorf("OptanonConsent after accept = %q, want every group on %q", v, accepted)
	}
	if v := values[crawler.BeforeConsent]; !strings.Contains(v, "interactionCount=0&") {
		t.Errorf("OptanonConsent before consent = %q, want no interaction", v)
	}
}

// TestCrawlConsentSelectors answers banners with --accept-selector and
// --reject-selector: the banner is reported as "custom", both clicks are
// verified, and each phase has the same cookies as with the built-in
// rules.
func TestCrawlConsentSelectors(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	for _, site := range []fixtures.ConsentSite{fixtures.FrenchTextBanner(), fixtures.IframeBanner()} {
		t.Run(site.Name, func(t *testing.T) {
			t.Parallel()
			opts := fixtureOptions(t, srv)
			opts.AcceptSelector, opts.RejectSelector = site.AcceptSelector, site.RejectSelector
			res := crawlConsent(t, srv, site, opts)

			frame := site.Start
			if site.BannerInFrame != "" {
				frame = site.BannerInFrame
			}
			b := res.Consent.Banner
			if b == nil {
				t.Fatalf("no banner found with the selectors %q and %q", site.AcceptSelector, site.RejectSelector)
			}
			type banner struct{ Platform, Frame, Accept, Reject string }
			want := banner{"custom", frame, site.AcceptSelector, site.RejectSelector}
			got := banner{Platform: b.Platform, Frame: b.Frame}
			if b.Accept != nil {
				got.Accept = b.Accept.Selector
			}
			if b.Reject != nil {
				got.Reject = b.Reject.Selector
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("banner found with the selectors (-want +got):\n%s", diff)
			}
			checkActions(t, site, res, "custom")
			checkConsentPages(t, site, res)
			checkPhaseCookies(t, site, res)
		})
	}
}
