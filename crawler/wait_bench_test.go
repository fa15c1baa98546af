package crawler_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/internal/procmem"
)

// BenchmarkWaitAuto times --consent none crawls with a fixed 3s wait and
// with --wait auto (at most 3s), in a browser of each crawl's own, on the
// portal (11 pages), the onetrust-compliant site (20 pages) and the
// late-cookie site (6 pages). Each iteration runs one of each. It reports
// the seconds of each and their ratio auto/fixed, and fails when the two
// crawls do not end with the same pages and cookies.
func BenchmarkWaitAuto(b *testing.B) {
	_, srv := benchSetup(b)
	for _, site := range []struct{ name, start string }{
		{"portal", fixtures.Portal().Start},
		{"onetrust-compliant", fixtures.OneTrustCompliant().Start},
		{"late", fixtures.Late().Start},
	} {
		b.Run(site.name, func(b *testing.B) {
			opts := ownBrowserOptions(srv)
			opts.Wait = 3 * time.Second
			crawl := func(auto bool) (time.Duration, []string) {
				o := opts
				o.AutoWait = auto
				start := time.Now()
				res, err := crawler.Crawl(b.Context(), site.start, o)
				took := time.Since(start)
				if err != nil {
					b.Fatalf("crawl (auto %v): %v", auto, err)
				}
				var got []string
				for _, p := range res.Pages {
					got = append(got, "page "+p.URL)
				}
				for _, c := range res.Cookies {
					got = append(got, "cookie "+c.Name+" "+c.Domain+" "+c.Path)
				}
				slices.Sort(got)
				return took, got
			}
			crawl(false) // the disk cache, warm
			var fixed, auto time.Duration
			n := 0
			for b.Loop() {
				tf, want := crawl(false)
				ta, got := crawl(true)
				fixed += tf
				auto += ta
				if !slices.Equal(want, got) {
					b.Errorf("--wait auto ended with %v, the fixed wait with %v", got, want)
				}
				n++
			}
			b.ReportMetric(fixed.Seconds()/float64(n), "fixed-s/op")
			b.ReportMetric(auto.Seconds()/float64(n), "auto-s/op")
			b.ReportMetric(auto.Seconds()/fixed.Seconds(), "auto/fixed")
			b.Logf("load average %s", procmem.LoadAverage())
		})
	}
}
