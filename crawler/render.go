package crawler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Rendered is a page as the browser drew it.
type Rendered struct {
	// URL is where the page ended after redirects.
	URL string
	// Status is the HTTP status of the document.
	Status int
	// HTML is the serialised DOM after the page's scripts ran.
	HTML string
	// ContentType is the document's MIME type ("text/html",
	// "text/markdown", "text/plain").
	ContentType string
	// Text is the document's text when it is not HTML: the browser shows a
	// Markdown or text file as such, in a pre element of its own making.
	Text string
}

// Render loads one page in a fresh browser, or in a browser context of
// its own in opts.Browser, and returns its DOM once its scripts have run
// for opts.Wait; with opts.AutoWait, as soon as the page has settled, as
// a crawl's pages do (no request in flight, no timer due, no interval
// running, nothing for half a second: see activity), and never later than
// opts.Wait. Cookie-policy pages often draw their tables with JavaScript
// (consent platforms inject them), so the HTML as served is not enough.
// Errors wrap ErrIncomplete.
func Render(ctx context.Context, pageURL string, opts Options) (*Rendered, error) {
	opts = withDefaults(opts)
	u, err := ParseTarget(pageURL)
	if err != nil {
		return nil, err
	}
	var s *session
	if opts.Browser != nil {
		// A shared or connected browser: a browser context of its own,
		// disposed with the tab.
		if err := checkShared(opts); err != nil {
			return nil, err
		}
		s = opts.Browser.s
	} else {
		if s, err = startBrowser(ctx, opts); err != nil {
			return nil, err
		}
		defer s.cancel()
	}
	tabCtx, cancel := chromedp.NewContext(s.ctx, chromedp.WithNewBrowserContext(func(p *target.CreateBrowserContextParams) {
		p.ProxyServer = opts.Proxy // as a crawl's contexts have it
	}))
	defer cancel()
	if err := chromedp.Do(tabCtx); err != nil {
		return nil, fmt.Errorf("opening a tab: %w: %w", err, ErrIncomplete)
	}
	// With --wait auto, the page is watched as a crawl watches its pages
	// (hook.js, the requests in flight): it is read once nothing on it
	// can still change it.
	var rec *recorder
	t := chromedp.FromContext(tabCtx).Target
	if opts.AutoWait && opts.Wait > 0 {
		rec = newRecorder(tabCtx, s.tap, cdp.FrameID(t.TargetID), opts.Logger, opts.PageTimeout)
		rec.timerLimit = opts.Wait
		s.tap.watchSession(t.SessionID, rec)
		defer s.tap.unwatch(rec)
		if err := rec.configure(tabCtx, t.SessionID, false, false); err != nil {
			return nil, fmt.Errorf("preparing the tab: %w: %w", err, ErrIncomplete)
		}
	}
	navCtx, navCancel := context.WithTimeout(tabCtx, opts.PageTimeout)
	resp, err := chromedp.Run(navCtx, chromedp.NavigateResponse(u.String()))
	navCancel()
	var le *chromedp.LoadError
	switch {
	case errors.As(err, &le):
		return nil, &LoadError{URL: u.String(), Text: le.ErrorText}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		// A page that never finishes loading may still have drawn its
		// tables: read what is there.
	case err != nil:
		return nil, &LoadError{URL: u.String(), Text: err.Error()}
	}
	// Scripts held back until the visitor moves (see visitorPath) may draw
	// the tables.
	if err == nil {
		if merr := moveMouseIn(tabCtx); merr != nil && ctx.Err() == nil {
			opts.Logger.Debug("moving the mouse over the page", "error", merr)
		}
	}
	switch {
	case rec != nil:
		rec.waitQuiet(ctx, t.SessionID, opts.Wait)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	case opts.Wait > 0:
		select {
		case <-time.After(opts.Wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	r := &Rendered{URL: u.String()}
	if resp != nil {
		r.Status = int(resp.Status)
		r.URL = resp.URL
	}
	hctx, hcancel := context.WithTimeout(tabCtx, 10*time.Second)
	defer hcancel()
	r.HTML, err = chromedp.Run(hctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`))
	if err != nil {
		return nil, &LoadError{URL: u.String(), Text: "reading the document: " + err.Error()}
	}
	r.ContentType, err = chromedp.Run(hctx, chromedp.Evaluate[string](`document.contentType || ""`))
	if err != nil {
		return nil, &LoadError{URL: u.String(), Text: "reading the document's type: " + err.Error()}
	}
	if !strings.Contains(r.ContentType, "html") && !strings.Contains(r.ContentType, "xml") {
		r.Text, err = chromedp.Run(hctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err != nil {
			return nil, &LoadError{URL: u.String(), Text: "reading the document's text: " + err.Error()}
		}
	}
	return r, nil
}
