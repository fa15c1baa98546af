package crawler_test

import (
	"os"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/internal/procmem"
)

// BenchmarkScale crawls the generated site https://www.many.test/ with
// --wait auto, 100 then 1,000 pages with 4 tabs, then 1,000 pages with 8
// tabs, and reports for each the seconds per page and the peak of the
// live Go heap during the crawl: time should grow linearly with the pages
// and the heap stay flat; 8 tabs on 2 cores should time out no page. It
// fails when a crawl loses or fails a page. It takes several minutes, so
// it runs only when COOKIEAUDIT_BENCH_SCALE is set (make bench-scale).
func BenchmarkScale(b *testing.B) {
	if os.Getenv("COOKIEAUDIT_BENCH_SCALE") == "" {
		b.Skip("the scale benchmark runs for minutes: set COOKIEAUDIT_BENCH_SCALE=1, or run make bench-scale")
	}
	_, srv := benchSetup(b)
	for _, tc := range []struct {
		name        string
		pages, tabs int
	}{
		{"100-pages-4-tabs", 100, 4},
		{"1000-pages-4-tabs", 1000, 4},
		{"1000-pages-8-tabs", 1000, 8},
	} {
		b.Run(tc.name, func(b *testing.B) {
			opts := ownBrowserOptions(srv)
			opts.AutoWait = true
			opts.MaxPages, opts.Concurrency = tc.pages, tc.tabs
			var took time.Duration
			var heap int64
			n := 0
			for b.Loop() {
				peak := procmem.WatchLiveHeap()
				start := time.Now()
				res, err := crawler.Crawl(b.Context(), fixtures.ManyStart, opts)
				took += time.Since(start)
				heap = max(heap, peak())
				if err != nil {
					b.Fatalf("crawl: %v", err)
				}
				if len(res.Pages) != tc.pages {
					b.Errorf("visited %d pages, want %d", len(res.Pages), tc.pages)
				}
				for _, p := range res.Pages {
					if p.Error != "" || p.Lost {
						b.Errorf("page %s: %s (lost %v)", p.URL, p.Error, p.Lost)
					}
				}
				n++
			}
			b.ReportMetric(took.Seconds()/float64(n), "s/crawl")
			b.ReportMetric(took.Seconds()/float64(n*tc.pages)*1000, "ms/page")
			b.ReportMetric(float64(heap)/(1<<20), "peak-live-heap-MiB")
			b.Logf("load average %s", procmem.LoadAverage())
		})
	}
}
