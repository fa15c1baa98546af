package crawler_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/google/go-cmp/cmp"
)

// tmpDir holds every browser profile the tests create, so that TestMain can
// prove none is left behind.
var tmpDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "catest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmpDir = dir
	os.Setenv("TMPDIR", dir) // chromedp makes its profiles under os.TempDir
	code := m.Run()
	if sharedStarted.Load() {
		if b, err := sharedBrowser(); err == nil {
			b.Close()
		}
	}
	if err := leftovers(dir); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: after the tests:", err)
		code = 1
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// leftovers reports browser processes and profile directories that the
// tests left behind.
func leftovers(dir string) error {
	var problems []string
	// Give killed processes a moment to be reaped.
	deadline := time.Now().Add(5 * time.Second)
	for {
		problems = problems[:0]
		procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range procs {
			b, err := os.ReadFile(p)
			if err == nil && strings.Contains(string(b), dir) {
				problems = append(problems, "process "+filepath.Base(filepath.Dir(p))+" still runs with a test profile")
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			problems = append(problems, "profile directory left: "+e.Name())
		}
		if len(problems) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// requireBrowser skips a browser test under -short, and fails it when no
// browser is installed (CI installs one; a full run must not pass silently).
func requireBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := crawler.FindBrowser(""); err != nil {
		t.Fatalf("a full test run needs Chromium: %v", err)
	}
}

// fixtureOptions are the options of a crawl of srv's sites in the browser
// that the tests share, through srv's proxy: a tab per test, a browser per
// test binary, as chromedp's own tests do.
func fixtureOptions(t testing.TB, srv *fixtures.Server) crawler.Options {
	t.Helper()
	b, err := sharedBrowser()
	if err != nil {
		t.Fatalf("starting the shared browser: %v", err)
	}
	opts := ownBrowserOptions(srv)
	opts.HostResolverRules, opts.Insecure = "", true
	opts.Browser, opts.Proxy = b, srv.ProxyURL()
	// Every fixture's truth is what a fixed 3s wait finds: the tests of
	// the shared browser show that --wait auto finds the same. The fixed
	// wait has TestWaitAuto, the benchmarks and the command's tests.
	opts.AutoWait = true
	return opts
}

// ownBrowserOptions are the options of a crawl of srv's sites in a browser
// of its own, for tests that change the browser (its cookie settings, its
// user agent) or end it.
func ownBrowserOptions(srv *fixtures.Server) crawler.Options {
	return crawler.Options{
		HostResolverRules: srv.HostResolverRules(),
		Insecure:          true,
		// Generous: the suite runs on loaded machines, with the race
		// detector, beside other packages' browsers; a fixture page that
		// must time out sets its own (TestCrawlEdgeCases).
		PageTimeout: 30 * time.Second,
		Consent:     crawler.ConsentNone, // consent phases have tests of their own
	}
}

// sharedBrowser is the browser of the whole test binary, started on first
// use and closed by TestMain; sharedStarted says whether it was used, so
// that a run without browser tests (-short) starts none.
var sharedBrowser = sync.OnceValues(func() (*crawler.Browser, error) {
	sharedStarted.Store(true)
	return crawler.StartBrowser(context.Background(), crawler.Options{Insecure: true})
})

var sharedStarted atomic.Bool

// project keeps the fields of a crawled cookie that the ground truth states.
// The requested lifetime is measured from the scan start and accepted when
// the write happened during the scan.
func project(res *crawler.Result, want []fixtures.Cookie) []fixtures.Cookie {
	wantBy := map[string]fixtures.Cookie{}
	for _, w := range want {
		wantBy[w.Name+"|"+w.Domain] = w
	}
	scan := res.FinishedAt.Sub(res.StartedAt) + 2*time.Second
	var got []fixtures.Cookie
	for _, c := range res.Cookies {
		g := fixtures.Cookie{
			Name: c.Name, Domain: c.Domain, HostOnly: c.HostOnly, Path: c.Path,
			Party: string(c.Party), SetBy: string(c.SetBy), Source: c.Source, FirstSeenOn: c.FirstSeenOn,
			Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: c.SameSite, Partitioned: c.Partitioned,
			Session: c.Session,
		}
		if c.RequestedExpires != nil {
			g.Lifetime = c.RequestedExpires.Sub(res.StartedAt).Round(time.Second)
			if w, ok := wantBy[c.Name+"|"+c.Domain]; ok && g.Lifetime >= w.Lifetime-2*time.Second && g.Lifetime <= w.Lifetime+scan {
				g.Lifetime = w.Lifetime
			}
		}
		got = append(got, g)
	}
	return sortCookies(got)
}

func sortCookies(cs []fixtures.Cookie) []fixtures.Cookie {
	out := append([]fixtures.Cookie(nil), cs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Name < out[i].Name || (out[j].Name == out[i].Name && out[j].Domain < out[i].Domain) {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func checkPages(t *testing.T, got []crawler.Page, want []fixtures.Page) {
	t.Helper()
	type page struct {
		URL, FinalURL string
		Depth, Status int
		Err           string
	}
	var g, w []page
	for i, p := range got {
		e := ""
		if i < len(want) && want[i].ErrorContains != "" && strings.Contains(p.Error, want[i].ErrorContains) {
			e = want[i].ErrorContains
		} else if p.Error != "" {
			e = p.Error
		}
		final := p.FinalURL
		if p.Status == 0 {
			final = ""
		}
		g = append(g, page{p.URL, final, p.Depth, p.Status, e})
	}
	for _, p := range want {
		w = append(w, page{p.URL, p.FinalURL, p.Depth, p.Status, p.ErrorContains})
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

func TestCrawlPortal(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res, err := crawler.Crawl(ctx, site.Start, fixtureOptions(t, srv))
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	checkPages(t, res.Pages, site.Pages)
	if diff := cmp.Diff(site.Cookies, project(res, site.Cookies)); diff != "" {
		t.Errorf("cookies (-want +got):\n%s", diff)
	}
	for _, c := range res.Cookies {
		if !c.Stored {
			t.Errorf("cookie %s was refused: %v", c.Name, c.BlockedReasons)
		}
	}
	for _, name := range site.Absent {
		for _, c := range res.Cookies {
			if c.Name == name {
				t.Errorf("cookie %s must never be seen (set only by a download or an out-of-scope page)", name)
			}
		}
	}
	for _, u := range []string{"https://www.other.test/"} {
		if n := srv.Hits(u); n != 0 {
			t.Errorf("out-of-scope %s was requested %d times", u, n)
		}
	}
	if !strings.HasPrefix(res.Browser, "Chrome/") && !strings.HasPrefix(res.Browser, "HeadlessChrome/") {
		t.Errorf("Browser = %q, want Chromium's product string", res.Browser)
	}
}

func TestCrawlIsDeterministic(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	var runs [][]string
	for _, conc := range []int{1, 6} {
		opts := fixtureOptions(t, srv)
		opts.Concurrency = conc
		opts.Wait = 2500 * time.Millisecond
		res, err := crawler.Crawl(ctx, site.Start, opts)
		if err != nil {
			t.Fatalf("Crawl with concurrency %d: %v", conc, err)
		}
		var lines []string
		for _, p := range res.Pages {
			lines = append(lines, fmt.Sprintf("page %s depth=%d", p.URL, p.Depth))
		}
		for _, c := range res.Cookies {
			lines = append(lines, fmt.Sprintf("cookie %s %s %s by=%s src=%s first=%s", c.Name, c.Domain, c.Path, c.SetBy, c.Source, c.FirstSeenOn))
		}
		runs = append(runs, lines)
	}
	if diff := cmp.Diff(runs[0], runs[1]); diff != "" {
		t.Errorf("concurrency 1 (-) and 6 (+) disagree:\n%s", diff)
	}
}

func TestCrawlEdgeCases(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.EdgeCases()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := fixtureOptions(t, srv)
	// The page that never loads must time out; 15s leaves the other
	// pages room on a loaded machine.
	opts.PageTimeout = 15 * time.Second
	start := time.Now()
	res, err := crawler.Crawl(ctx, site.Start, opts)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	t.Logf("edge-case crawl took %s", time.Since(start).Round(time.Millisecond))
	checkPages(t, res.Pages, site.Pages)
	if diff := cmp.Diff(site.Cookies, project(res, site.Cookies)); diff != "" {
		t.Errorf("cookies (-want +got):\n%s", diff)
	}
	for _, name := range site.Absent {
		for _, c := range res.Cookies {
			if c.Name == name {
				t.Errorf("cookie %s must never be seen (set only by a download or an out-of-scope page)", name)
			}
		}
	}
	for _, u := range []string{"https://www.outside.test/", "https://www.edge.test/file.csv", "https://www.edge.test/export"} {
		if n := srv.Hits(u); n != 0 {
			t.Errorf("%s must not be navigated; requested %d times", u, n)
		}
	}
}

func TestCrawlErrors(t *testing.T) {
	t.Parallel()
	t.Run("no browser", func(t *testing.T) {
		t.Parallel()
		_, err := crawler.Crawl(context.Background(), "https://www.portal.test/", crawler.Options{BrowserPath: "/nonexistent/chromium"})
		if !errors.Is(err, crawler.ErrNoBrowser) || !errors.Is(err, crawler.ErrIncomplete) {
			t.Errorf("err = %v, want ErrNoBrowser wrapping ErrIncomplete", err)
		}
	})
	t.Run("bad target", func(t *testing.T) {
		t.Parallel()
		_, err := crawler.Crawl(context.Background(), "portal.test", crawler.Options{})
		if err == nil || !strings.Contains(err.Error(), `"portal.test"`) {
			t.Errorf("err = %v, want an error naming the target", err)
		}
	})
	t.Run("unreachable target", func(t *testing.T) {
		requireBrowser(t)
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		// Port 9 on loopback: nothing listens there.
		res, err := crawler.Crawl(ctx, "https://www.nowhere.test/", crawler.Options{HostResolverRules: "MAP *.test 127.0.0.1:9", Insecure: true})
		var le *crawler.LoadError
		if !errors.As(err, &le) || !errors.Is(err, crawler.ErrIncomplete) {
			t.Fatalf("err = %v, want a LoadError wrapping ErrIncomplete", err)
		}
		if !strings.Contains(le.Text, "ERR_CONNECTION_REFUSED") {
			t.Errorf("LoadError text = %q, want the browser's net error", le.Text)
		}
		if res == nil || len(res.Pages) != 1 {
			t.Errorf("result = %+v, want the one failed page", res)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		requireBrowser(t)
		t.Parallel()
		srv := fixtures.NewServer()
		defer srv.Close()
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		// The command cancels with a cause that says why (--timeout, a
		// signal): it is the lost pages' reason.
		cause := errors.New("scan timed out after 1m (--timeout)")
		opts := fixtureOptions(t, srv)
		opts.Concurrency = 1
		opts.Progress = func(_ crawler.Phase, done, planned, cookies int) {
			if done == 2 {
				cancel(cause)
			}
		}
		res, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if res == nil || !res.Partial || len(res.Pages) < 3 || len(res.Cookies) == 0 {
			t.Fatalf("result = %+v, want a partial result with the pages done and those planned", res)
		}
		// The pages planned and never loaded are listed, lost, with the
		// reason; none of them is a page error.
		visited := 0
		for i, p := range res.Pages {
			switch {
			case !p.Lost && p.Error != "":
				t.Errorf("page %d %s: page error %q, want it visited or lost", i, p.URL, p.Error)
			case !p.Lost:
				if visited != i {
					t.Errorf("page %d %s was visited after a lost page", i, p.URL)
				}
				visited++
			case p.Error != "not visited: "+cause.Error():
				t.Errorf("lost page %s: error %q, want the cause of the end", p.URL, p.Error)
			}
		}
		if visited < 2 || visited == len(res.Pages) {
			t.Errorf("%d of %d pages visited, want the 2 done before the cancel and the rest lost", visited, len(res.Pages))
		}
	})
}

func TestCrawlPortalConsent(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := fixtureOptions(t, srv)
	opts.Consent = crawler.ConsentAuto
	opts.MaxDepth = 1
	res, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	c := res.Consent
	if c.Mode != "all" || len(c.Phases) != 3 {
		t.Errorf("consent mode %q phases %v, want all three phases", c.Mode, c.Phases)
	}
	// The portal's banner is its own: found by the texts of its buttons.
	if c.Banner == nil || c.Banner.Platform != "generic" || c.Banner.Accept == nil || c.Banner.Reject == nil {
		t.Fatalf("banner = %+v, want the portal's banner with both buttons", c.Banner)
	}
	if len(c.Screenshot) < 8 || string(c.Screenshot[1:4]) != "PNG" {
		t.Errorf("screenshot is not a PNG (%d bytes)", len(c.Screenshot))
	}
	if len(c.Actions) != 2 {
		t.Fatalf("actions = %+v, want accept and reject", c.Actions)
	}
	for _, a := range c.Actions {
		if !a.Clicked || !a.Verified || a.VerifiedBy != crawler.VerifiedByConsentRecord || a.Error != "" || a.Button == nil {
			t.Errorf("%s: clicked=%v verified=%v by %q err=%q button=%+v", a.Phase, a.Clicked, a.Verified, a.VerifiedBy, a.Error, a.Button)
		}
		// The record that verified the choice is named, so that the
		// audit knows it for the site's record of the choice.
		if !slices.ContainsFunc(a.Records, func(r crawler.ConsentRecord) bool {
			return r.Kind == "cookie" && r.Name == "cookies_preferences" && strings.HasPrefix(r.Frame, fixtures.Portal().Start)
		}) {
			t.Errorf("%s: records %+v, want the portal's cookies_preferences", a.Phase, a.Records)
		}
	}
	for ph, pages := range res.PhasePages {
		if len(pages) != len(res.Pages) {
			t.Errorf("phase %s visited %d pages, want the %d of the first phase", ph, len(pages), len(res.Pages))
			continue
		}
		for i := range pages {
			if pages[i].URL != res.Pages[i].URL {
				t.Errorf("phase %s page %d = %s, want %s", ph, i, pages[i].URL, res.Pages[i].URL)
			}
		}
	}
	phases := map[string][]crawler.Phase{}
	for _, ck := range res.Cookies {
		phases[ck.Name] = ck.Phases
	}
	all := []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject}
	for _, name := range []string{"cookies_preferences", "_ga", "_gid", "sessionid"} {
		if diff := cmp.Diff(all, phases[name]); diff != "" {
			t.Errorf("phases of %s (-want +got):\n%s", name, diff)
		}
	}
}
