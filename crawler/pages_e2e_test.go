package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestCrawlListedPages: Options.Pages are visited right after the target,
// in their order, as if it linked to them first; with NoLinks nothing else
// is visited. A page outside the scope is refused before the browser is
// used.
func TestCrawlListedPages(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	const (
		home  = "https://www.portal.test/"
		api   = "https://www.portal.test/explore/dataset/street-trees/api/"
		mapP  = "https://www.portal.test/map/"
		first = "https://www.portal.test/catalog/" // the home page's first link
	)
	for _, tc := range []struct {
		name     string
		pages    []string
		noLinks  bool
		maxPages int
		want     []string
	}{
		{"only these", []string{api, mapP, api + "#again"}, true, 0, []string{"0 " + home, "1 " + api, "1 " + mapP}},
		{"first, then the links", []string{api}, false, 3, []string{"0 " + home, "1 " + api, "1 " + first}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			opts := fixtureOptions(t, srv)
			opts.Pages, opts.NoLinks, opts.MaxPages = tc.pages, tc.noLinks, tc.maxPages
			opts.Wait = crawler.NoWait
			res, err := crawler.Crawl(ctx, home, opts)
			if err != nil {
				t.Fatalf("Crawl: %v", err)
			}
			var got []string
			for _, p := range res.Pages {
				if p.Error != "" {
					t.Errorf("page %s: %s", p.URL, p.Error)
				}
				got = append(got, fmt.Sprintf("%d %s", p.Depth, p.URL))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("pages %q, want %q", got, tc.want)
			}
		})
	}

	opts := fixtureOptions(t, srv)
	opts.Pages = []string{mapP, "https://www.other.test/"}
	_, err := crawler.Crawl(t.Context(), home, opts)
	var pe *crawler.PageListError
	if !errors.As(err, &pe) || pe.Index != 1 {
		t.Errorf("a page out of scope: err %v, want a PageListError for page 1", err)
	}
}
