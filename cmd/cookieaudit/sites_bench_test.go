package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/internal/procmem"
	"github.com/cookieaudit/cookieaudit/report"
)

// BenchmarkSites scans 10, 50 and then 100 sites of the fixture fleet in
// one run each (scan --sites with a cookieaudit.yaml giving each site its
// own policy page, JSON and HTML reports per site, 4 tabs, --wait auto),
// in this process, and reports the seconds per site, the peak live Go
// heap and the peak PSS of the browser's processes: time should grow
// linearly with the sites and memory stay flat. It fails when a site's
// outcome is not the fixture's (every third site fails, the others pass).
// It takes minutes, so it runs only when COOKIEAUDIT_BENCH_SCALE is set
// (make bench-scale).
func BenchmarkSites(b *testing.B) {
	if os.Getenv("COOKIEAUDIT_BENCH_SCALE") == "" {
		b.Skip("the sites benchmark runs for minutes: set COOKIEAUDIT_BENCH_SCALE=1, or run make bench-scale")
	}
	if _, err := crawler.FindBrowser(""); err != nil {
		b.Fatalf("the benchmark needs Chromium: %v", err)
	}
	srv := fixtures.NewServer()
	defer srv.Close()
	for _, sites := range []int{10, 50, fixtures.FleetSites} {
		b.Run(fmt.Sprintf("%d-sites", sites), func(b *testing.B) {
			dir := b.TempDir()
			var cfg strings.Builder
			cfg.WriteString("sites:\n")
			for n := 1; n <= sites; n++ {
				fmt.Fprintf(&cfg, "  - url: %s\n    policy: %s\n", fixtures.FleetSite(n), fixtures.FleetPolicy(n))
			}
			config := filepath.Join(dir, "cookieaudit.yaml")
			if err := os.WriteFile(config, []byte(cfg.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			var took time.Duration
			var heap, pss int64
			n := 0
			for b.Loop() {
				out := filepath.Join(dir, fmt.Sprint("reports-", n))
				peakHeap, peakPSS := procmem.WatchLiveHeap(), procmem.WatchTreePSS()
				start := time.Now()
				code := run(b.Context(), []string{"scan", "--sites", config, "--output-dir", out, "--format", "json,html",
					"--wait", "auto", "--concurrency", "4", "--page-timeout", "60s",
					"--host-resolver-rules", srv.HostResolverRules(), "--insecure"}, io.Discard, io.Discard)
				took += time.Since(start)
				heap, pss = max(heap, peakHeap()), max(pss, peakPSS())
				if code != exitFindings {
					b.Errorf("exit %d, want 1 (every third site fails)", code)
				}
				checkFleetSummary(b, filepath.Join(out, "summary.json"), sites)
				n++
			}
			b.ReportMetric(took.Seconds()/float64(n), "s/run")
			b.ReportMetric(took.Seconds()/float64(n*sites), "s/site")
			b.ReportMetric(float64(heap)/(1<<20), "peak-live-heap-MiB")
			b.ReportMetric(float64(pss)/(1<<20), "peak-browser-PSS-MiB")
			b.Logf("load average %s", procmem.LoadAverage())
		})
	}
}

// checkFleetSummary checks the outcome of each of the first sites of the
// fleet in a summary.
func checkFleetSummary(b *testing.B, path string, sites int) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	got, err := report.ReadSites(data)
	if err != nil {
		b.Fatal(err)
	}
	if len(got) != sites {
		b.Fatalf("summary has %d sites, want %d", len(got), sites)
	}
	for _, s := range got {
		var n int
		fmt.Sscanf(strings.TrimPrefix(s.Target, "https://s"), "%d", &n)
		want := report.OutcomePass
		if fixtures.FleetTracks(n) {
			want = report.OutcomeFail
		}
		if s.Outcome != want || s.Pages != 3 {
			b.Errorf("%s: %s with %d pages, want %s with 3 (%s)", s.Target, s.Outcome, s.Pages, want, s.Error)
		}
	}
}
