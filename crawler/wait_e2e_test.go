package crawler_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestWaitAuto crawls the site whose cookies come after the load (timers, a
// slow request, a chain of tag scripts) with --wait auto, and with the
// fixed wait it must equal: both find every cookie of the truth and none
// beyond the wait. The portal's delayed writes have TestCrawlPortal, which
// crawls it with --wait auto too (fixtureOptions).
func TestWaitAuto(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	for _, tc := range []struct {
		name string
		site fixtures.Site
		auto bool
	}{
		{"late/fixed", fixtures.Late(), false},
		{"late/auto", fixtures.Late(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			opts := fixtureOptions(t, srv)
			opts.AutoWait = tc.auto
			res, err := crawler.Crawl(ctx, tc.site.Start, opts)
			if err != nil {
				t.Fatalf("Crawl: %v", err)
			}
			checkPages(t, res.Pages, tc.site.Pages)
			if diff := cmp.Diff(tc.site.Cookies, project(res, tc.site.Cookies)); diff != "" {
				t.Errorf("cookies (-want +got):\n%s", diff)
			}
			for _, name := range tc.site.Absent {
				for _, c := range res.Cookies {
					if c.Name == name {
						t.Errorf("cookie %s must not be seen: it comes after the wait, or from a page not visited", name)
					}
				}
			}
		})
	}
}

// TestRenderWaitAuto renders a cookie-policy page whose table a script
// fills after a slow request and a timer, with the fixed wait and with
// --wait auto: the automatic wait must wait for both, so that every
// declared name is in the DOM it returns.
func TestRenderWaitAuto(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	eachWait(t, func(t *testing.T, opts crawler.Options) {
		r, err := crawler.Render(t.Context(), fixtures.LatePolicy, opts)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		for _, name := range fixtures.LatePolicyNames {
			if !strings.Contains(r.HTML, "<td>"+name+"</td>") {
				t.Errorf("the rendered page lacks the row of %s: the wait ended before the script drew it", name)
			}
		}
	})
}

// eachWait runs test in parallel subtests against a fixture server of its
// own, once with the fixed wait ("fixed") and once with --wait auto
// ("auto").
func eachWait(t *testing.T, test func(t *testing.T, opts crawler.Options)) {
	t.Helper()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	for _, auto := range []bool{false, true} {
		t.Run(map[bool]string{false: "fixed", true: "auto"}[auto], func(t *testing.T) {
			t.Parallel()
			opts := fixtureOptions(t, srv)
			opts.AutoWait = auto
			test(t, opts)
		})
	}
}

// TestWaitReload crawls a page that reloads itself 0.2 seconds after its
// load (as sites do once the visitor has made a consent choice), and
// whose reloaded document the server holds back for longer than the wait:
// with the fixed wait and with --wait auto, the crawler must wait for the
// new document and see the cookie its script writes.
func TestWaitReload(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	eachWait(t, func(t *testing.T, opts crawler.Options) {
		opts.MaxPages = 1
		opts.Wait = fixtures.LateReloadDelay / 2
		res, err := crawler.Crawl(t.Context(), fixtures.LateReload, opts)
		if err != nil {
			t.Fatalf("Crawl: %v", err)
		}
		// Seen written by the reloaded page's script, not only found
		// in the jar at the phase's end (whose write nothing explains).
		i := slices.IndexFunc(res.Cookies, func(c crawler.Cookie) bool { return c.Name == "late_reloaded" })
		switch {
		case i < 0:
			t.Errorf("no late_reloaded: the wait ended while the new document was loading")
		case res.Cookies[i].SetBy != crawler.SetByScript || res.Cookies[i].Source != fixtures.LateReload:
			t.Errorf("late_reloaded set by %q from %q, want by a script of %s: the wait ended while the new document was loading", res.Cookies[i].SetBy, res.Cookies[i].Source, fixtures.LateReload)
		}
	})
}
