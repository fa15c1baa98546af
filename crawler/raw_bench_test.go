package crawler_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/internal/procmem"
)

// BenchmarkCrawlAgainstRawChromium times a --consent none crawl of the
// portal (11 pages) and of the onetrust-compliant site (20 pages) against
// a bare Chromium loader that visits the same pages, known in advance,
// with as many tabs (each kept from page to page) and the same wait, and
// records nothing: the browser's own cost, which is the floor of the
// crawler's. Each iteration runs one of each, one after the other, each in
// a browser of its own started within the timing. It
// reports the seconds of each, the peak proportional set size (PSS) of
// each one's process tree (the browser and its children; not the Go
// process), and the ratios crawl/raw. It fails when the two do not end
// with the same cookies.
func BenchmarkCrawlAgainstRawChromium(b *testing.B) {
	path, srv := benchSetup(b)
	for _, site := range []struct{ name, start string }{
		{"portal", fixtures.Portal().Start},
		{"onetrust-compliant", fixtures.OneTrustCompliant().Start},
	} {
		b.Run(site.name, func(b *testing.B) { benchAgainstRaw(b, srv, path, site.start) })
	}
}

// benchAgainstRaw is BenchmarkCrawlAgainstRawChromium on one site.
func benchAgainstRaw(b *testing.B, srv *fixtures.Server, path, siteURL string) {
	opts := ownBrowserOptions(srv)
	opts.Wait = 3 * time.Second

	// The pages, from a crawl that also warms the disk cache.
	ctx := b.Context()
	res, err := crawler.Crawl(ctx, siteURL, opts)
	if err != nil {
		b.Fatalf("warm-up crawl: %v", err)
	}
	var urls []string
	for _, p := range res.Pages {
		urls = append(urls, p.URL)
	}

	var crawlT, rawT time.Duration
	var crawlPSS, rawPSS int64
	n := 0
	for b.Loop() {
		pss := procmem.WatchTreePSS()
		start := time.Now()
		res, err := crawler.Crawl(ctx, siteURL, opts)
		crawlT += time.Since(start)
		crawlPSS = max(crawlPSS, pss())
		if err != nil {
			b.Fatalf("crawl: %v", err)
		}
		var crawled []string
		for _, c := range res.Cookies {
			crawled = append(crawled, c.Name+" "+c.Domain)
		}

		pss = procmem.WatchTreePSS()
		start = time.Now()
		raw, err := rawLoad(ctx, path, srv.HostResolverRules(), urls, crawler.DefaultConcurrency, opts.Wait)
		rawT += time.Since(start)
		rawPSS = max(rawPSS, pss())
		if err != nil {
			b.Fatalf("raw load: %v", err)
		}
		slices.Sort(crawled)
		if !slices.Equal(crawled, raw) {
			b.Errorf("the crawl ended with cookies %v, the bare browser with %v", crawled, raw)
		}
		n++
	}
	b.ReportMetric(crawlT.Seconds()/float64(n), "crawl-s/op")
	b.ReportMetric(rawT.Seconds()/float64(n), "raw-s/op")
	b.ReportMetric(crawlT.Seconds()/rawT.Seconds(), "time-crawl/raw")
	b.ReportMetric(float64(crawlPSS)/(1<<20), "crawl-peak-PSS-MiB")
	b.ReportMetric(float64(rawPSS)/(1<<20), "raw-peak-PSS-MiB")
	b.ReportMetric(float64(crawlPSS)/float64(rawPSS), "PSS-crawl/raw")
	b.Logf("%d pages, %d tabs, %s wait, load average %s", len(urls), crawler.DefaultConcurrency, opts.Wait, procmem.LoadAverage())
}

// rawLoad starts Chromium with the crawler's flags, loads urls in tabs
// tabs, each page watched for wait after its load, and returns the
// cookies of the jar at the end ("name domain", sorted).
func rawLoad(ctx context.Context, path, rules string, urls []string, tabs int, wait time.Duration) ([]string, error) {
	// The crawler's profile settings (third-party cookies allowed) and,
	// as the crawler does, a temporary directory of the browser's own for
	// the shared-memory files Chromium leaves behind.
	profile, err := os.MkdirTemp("", "ca-raw-profile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	if err := crawler.WriteProfilePrefs([]string{"--user-data-dir=" + profile}); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "ca-raw-tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	aopts := append(chromedp.DefaultExecAllocatorOptions[:], crawler.BrowserFlags...)
	aopts = append(aopts,
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR="+tmp),
		chromedp.Flag("host-resolver-rules", rules),
		chromedp.IgnoreCertErrors,
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, aopts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil {
		return nil, err
	}
	bc, err := chromedp.CallBrowser(bctx, target.CreateBrowserContext, target.CreateBrowserContextParams{})
	if err != nil {
		return nil, err
	}
	next := make(chan string, len(urls))
	for _, u := range urls {
		next <- u
	}
	close(next)
	var wg sync.WaitGroup
	for range tabs {
		wg.Go(func() {
			tctx, tcancel := chromedp.NewContext(bctx, chromedp.WithExistingBrowserContext(bc.BrowserContextID))
			defer tcancel()
			for u := range next {
				if _, err := chromedp.Run(tctx, chromedp.Navigate(u)); err == nil {
					time.Sleep(wait)
				}
			}
		})
	}
	wg.Wait()
	jar, err := chromedp.CallBrowser(bctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: bc.BrowserContextID})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range jar.Cookies {
		// The jar writes a domain cookie's domain with a leading dot; the
		// crawler reports it without.
		out = append(out, c.Name+" "+strings.TrimPrefix(c.Domain, "."))
	}
	slices.Sort(out)
	return out, nil
}

// benchSetup skips a browser benchmark in -short mode, fails it without
// Chromium, and starts the fixture server, closed with the benchmark. It
// returns Chromium's path and the server.
func benchSetup(b *testing.B) (string, *fixtures.Server) {
	b.Helper()
	if testing.Short() {
		b.Skip("browser benchmark skipped in -short mode")
	}
	path, err := crawler.FindBrowser("")
	if err != nil {
		b.Fatalf("the benchmark needs Chromium: %v", err)
	}
	srv := fixtures.NewServer()
	b.Cleanup(srv.Close)
	return path, srv
}
