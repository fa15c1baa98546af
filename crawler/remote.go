package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// ConnectBrowser connects to a Chromium that runs already, started by
// someone else (a container, a browser pool) with a DevTools port. addr is
// that port's address, "http://host:port" (its /json/version says where to
// connect), or the browser's WebSocket, "ws://host:port/devtools/browser/ID".
// It takes Logger from opts; the browser's own settings (certificates,
// third-party cookies, user agent, host rules) are those it was started
// with. Crawls in it open browser contexts of their own; Close disconnects
// and leaves the browser running. Errors wrap ErrNoBrowser.
func ConnectBrowser(ctx context.Context, addr string, opts Options) (*Browser, error) {
	opts = withDefaults(opts)
	if opts.Browser != nil {
		return nil, fmt.Errorf("ConnectBrowser: Options.Browser is set: a browser is either connected to or given")
	}
	ws, err := devtoolsSocket(ctx, addr)
	if err != nil {
		return nil, fmt.Errorf("connecting to the browser at %s: %w: %w", addr, err, ErrNoBrowser)
	}
	s := new(session)
	a := &remoteAllocator{wsURL: ws, s: s}
	allocCtx, allocCancel := chromedp.NewAllocatorContext(context.WithoutCancel(ctx), a)
	bctx, bcancel := browserContext(allocCtx, opts.Logger)
	s.ctx = bctx
	s.cancel = func() {
		bcancel() // closes the tab this connection opened
		allocCancel()
		a.Wait()
	}
	if err := chromedp.Do(bctx); err != nil {
		s.cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("connecting to the browser at %s: %w: %w", addr, err, ErrNoBrowser)
	}
	s.readVersion()
	return &Browser{s: s, opts: opts}, nil
}

// remoteAllocator connects to a running browser through the tap, as the
// remote package's allocator does without one.
type remoteAllocator struct {
	wsURL string
	s     *session
	wg    sync.WaitGroup
}

// Allocate dials the browser. The connection outlives ctx until every tab
// of ctx is closed, so that closing them does not cut the wire first.
func (a *remoteAllocator) Allocate(ctx context.Context, opts ...chromedp.BrowserOption) (*chromedp.Browser, error) {
	wctx, cancel := context.WithCancel(context.Background())
	dctx, dcancel := context.WithTimeout(ctx, 20*time.Second)
	defer dcancel()
	conn, err := remote.DialContext(dctx, a.wsURL)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("could not dial %q: %w", a.wsURL, err)
	}
	a.s.tap = newTap(conn)
	a.wg.Go(func() {
		<-ctx.Done()
		_ = chromedp.Cancel(ctx)
		cancel()
	})
	return chromedp.NewBrowserTransport(wctx, a.s.tap, opts...)
}

// Wait waits for the connection to be closed.
func (a *remoteAllocator) Wait() { a.wg.Wait() }

// Attaches says that the allocator attaches to a browser that runs already:
// chromedp then opens a tab of it rather than owning its process.
func (a *remoteAllocator) Attaches() bool { return true }

// devtoolsSocket returns the browser's WebSocket address for addr: addr
// itself when it is one, else what addr's /json/version names.
func devtoolsSocket(ctx context.Context, addr string) (string, error) {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("not a DevTools address (want http://host:port or ws://host:port/devtools/browser/ID)")
	}
	switch u.Scheme {
	case "ws", "wss":
		return addr, nil
	case "http", "https":
	default:
		return "", fmt.Errorf("unknown scheme %q (want http, https, ws or wss)", u.Scheme)
	}
	u.Path, u.RawQuery, u.Fragment = "/json/version", "", ""
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", err
	}
	// The DevTools port is the browser's own: no proxy stands between.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s answered %s", u, resp.Status)
	}
	var v struct {
		WebSocket string `json:"webSocketDebuggerUrl"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&v); err != nil || v.WebSocket == "" {
		return "", fmt.Errorf("%s names no webSocketDebuggerUrl", u)
	}
	// The browser names itself as it sees itself ("ws://127.0.0.1:9222/…"
	// inside a container): keep the host the user gave.
	ws, err := url.Parse(v.WebSocket)
	if err != nil {
		return "", fmt.Errorf("%s names an invalid webSocketDebuggerUrl %q", u, v.WebSocket)
	}
	ws.Host = u.Host
	if u.Scheme == "https" {
		ws.Scheme = "wss"
	}
	return ws.String(), nil
}
