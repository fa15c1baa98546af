package crawler_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestSharedBrowser crawls in a browser started before the crawls: options
// that only a browser's start can honour are refused by name rather than
// dropped, the browser keeps running after a crawl, and a closed browser
// is an error that says so.
func TestSharedBrowser(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	b, err := crawler.StartBrowser(context.Background(), crawler.Options{Insecure: true})
	if err != nil {
		t.Fatalf("StartBrowser: %v", err)
	}
	defer b.Close()
	if !strings.Contains(b.Version(), "Chrome/") {
		t.Errorf("Version() = %q, want Chromium's product string", b.Version())
	}
	opts := ownBrowserOptions(srv)
	opts.HostResolverRules = ""
	opts.Browser, opts.Proxy = b, srv.ProxyURL()
	opts.MaxPages, opts.Wait = 1, crawler.NoWait
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	for _, tc := range []struct {
		field string
		set   func(*crawler.Options)
	}{
		{"BlockThirdPartyCookies", func(o *crawler.Options) { o.BlockThirdPartyCookies = true }},
		{"UserAgent", func(o *crawler.Options) { o.UserAgent = "Mozilla/5.0 other" }},
		{"HostResolverRules", func(o *crawler.Options) { o.HostResolverRules = srv.HostResolverRules() }},
		{"BrowserPath", func(o *crawler.Options) { o.BrowserPath = "/usr/bin/other-chromium" }},
	} {
		o := opts
		tc.set(&o)
		if _, err := crawler.Crawl(ctx, fixtures.Portal().Start, o); err == nil || !strings.Contains(err.Error(), "Options."+tc.field) {
			t.Errorf("%s set on a crawl in a shared browser: err = %v, want it refused by name", tc.field, err)
		}
	}

	for i := range 2 {
		res, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts)
		if err != nil {
			t.Fatalf("crawl %d in the shared browser: %v", i+1, err)
		}
		if len(res.Pages) != 1 || res.Pages[0].Status != 200 || len(res.Cookies) == 0 {
			t.Fatalf("crawl %d: pages %+v, %d cookies; want the start page with its cookies", i+1, res.Pages, len(res.Cookies))
		}
	}

	b.Close()
	if _, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts); !errors.Is(err, crawler.ErrNoBrowser) {
		t.Errorf("crawl in a closed browser: err = %v, want ErrNoBrowser", err)
	}
}
