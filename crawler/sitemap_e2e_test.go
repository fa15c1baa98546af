package crawler_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// syncBuffer is a buffer that loggers of several goroutines can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCrawlSitemap: with Options.Sitemap, the pages of the sitemaps that
// robots.txt names (an index, a plain and a gzip sitemap) come right after
// the target, in their order, without repeats; a page of another site is
// skipped and a sitemap that is not XML is passed over, each with a
// warning. A site without sitemaps is crawled as usual, with a warning.
func TestCrawlSitemap(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		name, start string
		maxPages    int
		want        []string
		warnings    []string
	}{
		{"index, plain and gzip", fixtures.ManyStart, 1 + len(fixtures.ManySitemapPages),
			append([]string{fixtures.ManyStart}, fixtures.ManySitemapPages...),
			[]string{"cannot read a sitemap", "sitemaps/broken.xml", "outside the scan's scope were skipped", "skipped=1"}},
		{"none", fixtures.Late().Start, 0, nil, []string{"the sitemaps list no page"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var logs syncBuffer
			opts := fixtureOptions(t, srv)
			opts.Sitemap, opts.Wait = true, crawler.NoWait
			if tc.maxPages > 0 {
				opts.MaxPages = tc.maxPages
			}
			opts.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
			res, err := crawler.Crawl(ctx, tc.start, opts)
			if err != nil {
				t.Fatalf("Crawl: %v", err)
			}
			var got []string
			for _, p := range res.Pages {
				got = append(got, p.URL)
			}
			if tc.want == nil {
				for _, p := range fixtures.Late().Pages {
					tc.want = append(tc.want, p.URL)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("pages %q, want %q", got, tc.want)
			}
			for _, w := range tc.warnings {
				if !strings.Contains(logs.String(), w) {
					t.Errorf("the warnings lack %q:\n%s", w, logs.String())
				}
			}
		})
	}
}
