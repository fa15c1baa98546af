package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"
)

// Crawl scans the site at target with a fresh headless Chromium and returns
// what it observed. Errors wrap ErrIncomplete when the scan could not run
// (no browser, a *LoadError when the target cannot be loaded: no response,
// or an HTTP status of 400 or more after redirects) or could not finish (a
// *BrowserExitError when the browser exited mid-scan); a page that fails
// later is recorded in Result.Pages and does not stop the crawl. When ctx
// is cancelled mid-scan, or the browser exits, Crawl returns the pages
// visited so far and those it had planned, marked lost, with
// Result.Partial set, and the context's error (or the *BrowserExitError).
// An AcceptSelector or RejectSelector that is not valid CSS is a
// *SelectorError, found before any page is visited.
func Crawl(ctx context.Context, target string, opts Options) (*Result, error) {
	opts = withDefaults(opts)
	start, err := ParseTarget(target)
	if err != nil {
		return nil, err
	}
	pages, err := CheckPages(target, opts)
	if err != nil {
		return nil, err
	}
	for i, p := range opts.Cookies {
		if err := CheckPresetCookie(p); err != nil {
			return nil, fmt.Errorf("Options.Cookies[%d]: %w", i, err)
		}
	}
	for i, h := range opts.Headers {
		if err := CheckHeader(h); err != nil {
			return nil, fmt.Errorf("Options.Headers[%d]: %w", i, err)
		}
	}
	res := &Result{Target: start.String(), StartedAt: time.Now().UTC()}

	var s *session
	if opts.Browser != nil {
		if err := checkShared(opts); err != nil {
			return nil, err
		}
		s = opts.Browser.s
		opts.Logger.Debug("crawling in a shared browser", "version", s.version)
	} else {
		if s, err = startBrowser(ctx, opts); err != nil {
			return nil, err
		}
		defer s.cancel()
		opts.Logger.Debug("browser started", "version", s.version)
	}
	res.Browser = s.version
	if err := checkSelectors(ctx, s, opts); err != nil {
		return nil, err
	}

	// The crawl stops when ctx ends, or as soon as the browser exits on
	// its own: no page is then handed to a tab that cannot open, and the
	// pages left are lost, not page errors.
	runCtx, stopRun := context.WithCancelCause(ctx)
	defer stopRun(nil)
	unwatch := context.AfterFunc(s.ctx, func() {
		if ctx.Err() == nil { // not the scan's own end
			stopRun(errBrowserGone)
		}
	})
	c := &crawler{opts: opts, s: s, start: start, scope: newScope(start, opts), pages: pages}
	err = c.run(runCtx, res)
	unwatch()
	res.FinishedAt = time.Now().UTC()

	// The browser's context ends with ctx or with the browser: when ctx
	// has not ended, the browser has.
	why := ""
	if ctx.Err() == nil && (s.ctx.Err() != nil || c.exited.Load()) {
		s.cancel() // reaps the process: its exit status is known after
		be := &BrowserExitError{Status: s.exitStatus()}
		be.Lost, be.Planned = lostCount(res)
		res.Partial = true
		err, why = be, "the browser exited"
		if be.Status != "" {
			why += " (" + be.Status + ")"
		}
	} else {
		why = stopCause(ctx)
	}
	markLost(res, "not visited: "+why)
	return res, err
}

// errBrowserGone is the cause of a crawl stopped by the browser's exit.
var errBrowserGone = errors.New("the browser exited")

// stopCause says why ctx ended: its cause ("interrupt signal received",
// a --timeout message), or that the scan was cancelled or timed out.
func stopCause(ctx context.Context) string {
	switch cause := context.Cause(ctx); {
	case cause == nil:
		return "the scan stopped"
	case cause == context.Canceled:
		return "the scan was cancelled"
	case cause == context.DeadlineExceeded:
		return "the scan timed out"
	default:
		return cause.Error()
	}
}

// markLost gives every lost page of res the reason why it was not visited.
func markLost(res *Result, why string) {
	mark := func(pages []Page) {
		for i := range pages {
			if pages[i].Lost {
				pages[i].Error = why
			}
		}
	}
	mark(res.Pages)
	for _, pages := range res.PhasePages {
		mark(pages)
	}
}

// lostCount counts the pages of every phase of res: those lost, and all.
func lostCount(res *Result) (lost, planned int) {
	for _, p := range res.AllPages() {
		planned++
		if p.Lost {
			lost++
		}
	}
	return lost, planned
}

// checkSelectors compiles the CSS selectors of the options in the browser,
// which parses them as the banner's page will: an invalid one would
// otherwise match nothing, silently.
func checkSelectors(ctx context.Context, s *session, opts Options) error {
	for _, sel := range []struct{ option, value string }{
		{"AcceptSelector", opts.AcceptSelector},
		{"RejectSelector", opts.RejectSelector},
	} {
		if sel.value == "" {
			continue
		}
		arg, _ := json.Marshal(sel.value)
		// s.ctx is the browser's first tab, an empty page; it ends with ctx.
		cctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		complaint, err := chromedp.Run(cctx, chromedp.Evaluate[string](`(() => {
			try { document.createDocumentFragment().querySelector(`+string(arg)+`); return ""; }
			catch (e) { return String((e && e.message) || e || "invalid"); }
		})()`))
		cancel()
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			// The check is a courtesy: the banner search copes with a
			// selector that does not parse.
			opts.Logger.Debug("cannot check a selector", "option", sel.option, "err", err)
		case complaint != "":
			return &SelectorError{Option: sel.option, Selector: sel.value, Text: complaint}
		}
	}
	return nil
}

// startFailed reports whether the start page of a scan failed to load:
// no document arrived, or it answered an HTTP error status (the final one,
// after redirects). Then there is nothing to audit.
func startFailed(p Page) bool {
	return !p.Lost && (p.Status == 0 || p.Status >= 400)
}

// crawler is one scan: its options, its browser, its start and scope.
type crawler struct {
	opts  Options
	s     *session
	start *url.URL
	scope scope
	// pages are Options.Pages, checked and normalised; sitemap are the
	// pages of the site's sitemaps (Options.Sitemap), set once the target
	// has loaded, before its links are queued.
	pages   []string
	sitemap []string
	// exited is set when a page failed because the browser process exited.
	exited atomic.Bool
}
