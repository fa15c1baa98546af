package crawler_test

import (
	"context"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/internal/procmem"
)

// maxConsentCost is the most a --consent all scan may cost, in multiples of
// a --consent none scan of the same site (issue 11). The before-consent
// phase discovers the pages; the accept and reject phases follow it page by
// page, side by side, so on 2 cores the cost stays near 2. It is judged by
// the benchmark only: `make test` asserts no timing.
const maxConsentCost = 2.5

// costOptions are the crawl options of the consent cost measurements: the
// fixture options with a shorter wait, the same for both modes, in a
// browser of each scan's own, as a user's scan starts one.
func costOptions(srv *fixtures.Server) crawler.Options {
	opts := ownBrowserOptions(srv)
	opts.Wait = time.Second
	return opts
}

// timeCrawl crawls site with the consent mode and returns its wall time. It
// checks that the crawl did the whole job, so that a failure cannot pass for
// speed: every phase visited every page, and every click was verified.
func timeCrawl(tb testing.TB, site fixtures.ConsentSite, opts crawler.Options, mode crawler.ConsentMode) time.Duration {
	tb.Helper()
	ctx, cancel := context.WithCancel(tb.Context())
	defer cancel()
	opts.Consent = mode
	start := time.Now()
	res, err := crawler.Crawl(ctx, site.Start, opts)
	took := time.Since(start)
	if err != nil {
		tb.Fatalf("Crawl with --consent %s: %v", mode, err)
	}
	if len(res.Pages) != len(site.Pages) {
		tb.Fatalf("--consent %s visited %d pages, want %d", mode, len(res.Pages), len(site.Pages))
	}
	if mode == crawler.ConsentAll {
		if len(res.Consent.Actions) != 2 {
			tb.Fatalf("--consent all made %d clicks, want accept and reject: %+v", len(res.Consent.Actions), res.Consent.Actions)
		}
		for _, a := range res.Consent.Actions {
			if !a.Verified {
				tb.Fatalf("--consent all: %s not verified: %s", a.Action, a.Error)
			}
			if n := len(res.PhasePages[a.Phase]); n != len(site.Pages) {
				tb.Fatalf("--consent all: phase %s visited %d pages, want %d", a.Phase, n, len(site.Pages))
			}
		}
	}
	return took
}

// warmUp starts a browser once and loads the start page, so that the first
// measured crawl does not pay for a cold disk cache.
func warmUp(tb testing.TB, site fixtures.ConsentSite, opts crawler.Options) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts.Consent = crawler.ConsentNone
	opts.MaxDepth = crawler.NoDepth
	if _, err := crawler.Crawl(ctx, site.Start, opts); err != nil {
		tb.Fatalf("warm-up crawl: %v", err)
	}
}

// BenchmarkConsentPhases times --consent none and --consent all scans of
// the 20-page onetrust-compliant fixture; each iteration does one of each.
// It reports the seconds of each mode per scan and their ratio (all/none).
func BenchmarkConsentPhases(b *testing.B) {
	_, srv := benchSetup(b)
	site := fixtures.OneTrustCompliant()
	opts := costOptions(srv)
	warmUp(b, site, opts)

	var none, all time.Duration
	n := 0
	for b.Loop() {
		none += timeCrawl(b, site, opts, crawler.ConsentNone)
		all += timeCrawl(b, site, opts, crawler.ConsentAll)
		n++
	}
	b.ReportMetric(none.Seconds()/float64(n), "none-s/op")
	b.ReportMetric(all.Seconds()/float64(n), "all-s/op")
	ratio := all.Seconds() / none.Seconds()
	b.ReportMetric(ratio, "all/none")
	if ratio > maxConsentCost {
		b.Errorf("--consent all took %.2f times --consent none (%.2fs / %.2fs per scan, load average %s), want at most %.1f",
			ratio, all.Seconds()/float64(n), none.Seconds()/float64(n), procmem.LoadAverage(), maxConsentCost)
	}
}
