package crawler_test

import (
	"context"
	"os/exec"
	"slices"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// builds are Chromium's two builds, each with the names it is installed
// under: FindBrowser takes the headless shell first, so the rest of the
// tests run on it when it is installed, and on the desktop build otherwise.
var builds = []struct {
	name  string
	execs []string
}{
	{"headless-shell", []string{"chromium-headless-shell", "chrome-headless-shell"}},
	{"desktop", []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}},
}

// buildReplicas are the consent replicas crawled on each build: a banner
// in a cross-site frame, which the browser runs in a process of its own
// and the crawler reaches by attaching to it (trustarc), and one in a
// shadow root, with its reject behind the settings (usercentrics-v-v3).
var buildReplicas = []string{"trustarc", "usercentrics-v-v3"}

// TestBrowserBuilds checks, on each build of Chromium installed, what the
// builds do differently. Both share the engine and its cookie rules, but
// they are told differently what to do with third-party cookies: the
// desktop build reads the profile preferences that allow them (it blocks
// them by default), the shell reads no preferences (it allows them) and
// takes Chromium's phase-out switch to block them. A build that is not
// installed is skipped, by name: .ci/run installs both.
func TestBrowserBuilds(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	byName := map[string]fixtures.Replica{}
	for _, r := range fixtures.Replicas() {
		byName[r.Name] = r
	}
	for _, bd := range builds {
		t.Run(bd.name, func(t *testing.T) {
			t.Parallel()
			path := ""
			for _, e := range bd.execs {
				if p, err := exec.LookPath(e); err == nil {
					path = p
					break
				}
			}
			if path == "" {
				t.Skipf("Chromium's %s build is not installed (none of %v on PATH): its differences go unchecked", bd.name, bd.execs)
			}
			t.Run("third-party cookies allowed", func(t *testing.T) {
				t.Parallel()
				checkShareWidgetCookie(t, srv, path, false)
			})
			t.Run("third-party cookies blocked", func(t *testing.T) {
				t.Parallel()
				checkShareWidgetCookie(t, srv, path, true)
			})
			t.Run("consent replicas", func(t *testing.T) {
				t.Parallel()
				b, err := crawler.StartBrowser(t.Context(), crawler.Options{BrowserPath: path, Insecure: true})
				if err != nil {
					t.Fatalf("starting %s: %v", path, err)
				}
				t.Cleanup(b.Close)
				for _, name := range buildReplicas {
					rep, ok := byName[name]
					if !ok {
						t.Fatalf("no replica %q under fixtures/assets/cmp", name)
					}
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						opts := fixtureOptions(t, srv)
						opts.Browser = b
						opts.MaxPages = 1
						opts.Consent = crawler.ConsentAll
						res, err := crawler.Crawl(t.Context(), rep.Start, opts)
						if err != nil {
							t.Fatalf("Crawl %s: %v", rep.Start, err)
						}
						if res.Consent.Banner == nil || res.Consent.Banner.Platform != rep.Platform {
							t.Fatalf("banner %+v, want platform %q", res.Consent.Banner, rep.Platform)
						}
						checkReplicaAction(t, rep, res, crawler.AfterAccept)
						checkReplicaAction(t, rep, res, crawler.AfterReject)
						accepted := slices.ContainsFunc(res.PhaseCookies[crawler.AfterAccept], func(c crawler.Cookie) bool { return c.Name == rep.AdCookie })
						if !accepted {
							t.Errorf("%s not set after accept", rep.AdCookie)
						}
					})
				}
			})
		})
	}
}

// checkShareWidgetCookie visits the portal's dataset page in a browser of
// its own, started from path, and checks sw_uid, the cookie that the
// page's share widget, framed from another site, sets: stored when third-party cookies
// are allowed, refused with a reason when they are blocked.
func checkShareWidgetCookie(t *testing.T, srv *fixtures.Server, path string, block bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := ownBrowserOptions(srv)
	opts.BrowserPath = path
	opts.BlockThirdPartyCookies = block
	opts.MaxPages = 1 // the page itself frames the widget
	opts.AutoWait = true
	res, err := crawler.Crawl(ctx, "https://www.portal.test/explore/dataset/bike-lanes/", opts)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	found := false
	for _, c := range res.Cookies {
		if c.Name != "sw_uid" {
			continue
		}
		found = true
		if block && (c.Stored || len(c.BlockedReasons) == 0) {
			t.Errorf("sw_uid: stored %v, blocked reasons %v; want refused with a reason", c.Stored, c.BlockedReasons)
		}
		if !block && (!c.Stored || len(c.BlockedReasons) != 0) {
			t.Errorf("sw_uid: stored %v, blocked reasons %v; want stored, as a default desktop browser stores it", c.Stored, c.BlockedReasons)
		}
	}
	if !found {
		t.Errorf("the third-party cookie sw_uid is missing from the report")
	}
}
