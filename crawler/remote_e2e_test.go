//go:build unix

package crawler_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestConnectBrowser crawls in a Chromium that the test starts itself, as
// a container or a browser pool would, through its DevTools address: the
// crawl finds the portal's cookies, and the browser still runs after the
// connection is closed. An address where no browser listens is an error
// that names it.
func TestConnectBrowser(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	path, err := crawler.FindBrowser("")
	if err != nil {
		t.Fatal(err)
	}
	srv := fixtures.NewServer()
	defer srv.Close()
	browser, err := fixtures.StartDevToolsBrowser(path, t.TempDir(), "--ignore-certificate-errors")
	if err != nil {
		t.Fatal(err)
	}
	defer browser.Kill()
	ws, exited := browser.WebSocket, browser.Exited

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	b, err := crawler.ConnectBrowser(ctx, browser.HTTPAddress(), crawler.Options{})
	if err != nil {
		t.Fatalf("ConnectBrowser(%s): %v", browser.HTTPAddress(), err)
	}
	opts := ownBrowserOptions(srv)
	opts.HostResolverRules, opts.Insecure = "", false
	opts.Browser, opts.Proxy = b, srv.ProxyURL()
	opts.MaxPages, opts.Wait = 1, crawler.NoWait
	res, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts)
	if err != nil {
		t.Fatalf("Crawl in the connected browser: %v", err)
	}
	if len(res.Pages) != 1 || res.Pages[0].Status != 200 || len(res.Cookies) == 0 {
		t.Fatalf("pages %+v, %d cookies; want the start page with its cookies", res.Pages, len(res.Cookies))
	}
	if !strings.Contains(res.Browser, "Chrome/") {
		t.Errorf("Browser = %q, want the connected browser's product", res.Browser)
	}
	b.Close()
	select {
	case <-exited:
		t.Fatal("the browser exited when the connection closed")
	case <-time.After(time.Second):
	}
	// Still there, and still answering: a second connection works.
	b2, err := crawler.ConnectBrowser(ctx, ws, crawler.Options{})
	if err != nil {
		t.Fatalf("ConnectBrowser(%s) after the first connection closed: %v", ws, err)
	}
	b2.Close()

	if _, err := crawler.ConnectBrowser(ctx, "http://127.0.0.1:9", crawler.Options{}); !errors.Is(err, crawler.ErrNoBrowser) || !strings.Contains(err.Error(), "127.0.0.1:9") {
		t.Errorf("ConnectBrowser where no browser listens: err = %v, want ErrNoBrowser naming the address", err)
	}
}
