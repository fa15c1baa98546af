package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// Crawl scans the site at target with a fresh headless Chromium and returns
// what it observed. Errors wrap ErrIncomplete when the scan could not run
// (no browser, target unreachable); a page that fails later is recorded in
// Result.Pages and does not stop the crawl. When ctx is cancelled mid-scan,
// Crawl returns the pages visited so far with Result.Partial set, and the
// context's error.
func Crawl(ctx context.Context, target string, opts Options) (*Result, error) {
	opts = withDefaults(opts)
	start, err := ParseTarget(target)
	if err != nil {
		return nil, err
	}
	res := &Result{Target: start.String(), StartedAt: time.Now().UTC()}

	s, err := startBrowser(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer s.cancel()
	res.Browser = s.version
	opts.Logger.Debug("browser started", "version", s.version)

	c := &crawler{opts: opts, s: s, start: start, scope: newScope(start, opts)}
	err = c.run(ctx, res)
	res.FinishedAt = time.Now().UTC()
	return res, err
}

func withDefaults(o Options) Options {
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	switch {
	case o.MaxDepth == 0:
		o.MaxDepth = DefaultMaxDepth
	case o.MaxDepth < 0:
		o.MaxDepth = 0
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	switch {
	case o.Wait == 0:
		o.Wait = DefaultWait
	case o.Wait < 0:
		o.Wait = 0
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = DefaultPageTimeout
	}
	if o.Scope == "" {
		o.Scope = ScopeDomain
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

type crawler struct {
	opts  Options
	s     *session
	start *url.URL
	scope scope
}

// entry is one queued page.
type entry struct {
	url   string
	depth int
}

// visit is the outcome of one page.
type visit struct {
	page    Page
	links   []string // in-scope links, normalised and sorted
	writes  []write
	sent    []cookieKey
	topSite string
}

// run crawls breadth first. Pages are visited by several tabs at once, but
// links are queued in the order a one-tab crawl would queue them: the links
// of a page join the queue only when that page and every page before it in
// the queue are done. So the pages, their order and the attribution of
// cookies do not depend on which tab finished first.
func (c *crawler) run(ctx context.Context, res *Result) error {
	scanCtx, scanCancel := chromedp.NewContext(c.s.ctx, chromedp.WithNewBrowserContext())
	defer scanCancel()
	if err := chromedp.Do(scanCtx); err != nil {
		return fmt.Errorf("opening a browser context: %w: %w", err, ErrIncomplete)
	}
	bcid := chromedp.FromContext(scanCtx).BrowserContextID
	if _, err := chromedp.CallBrowser(scanCtx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorDeny, BrowserContextID: bcid, EventsEnabled: new(true),
	}); err != nil {
		c.opts.Logger.Debug("cannot deny downloads", "err", err)
	}

	queue := []entry{{url: c.start.String()}}
	seen := map[string]bool{c.start.String(): true}
	visits := make([]*visit, 0, c.opts.MaxPages)
	var (
		mu        sync.Mutex
		cond      = sync.NewCond(&mu)
		next      int // next queue index to hand out
		committed int // visits whose links are queued
		running   int
		cookies   = map[cookieKey]bool{}
	)
	done := make([]bool, 0, c.opts.MaxPages)

	commit := func() {
		for committed < len(visits) && done[committed] {
			v := visits[committed]
			e := queue[committed]
			if e.depth < c.opts.MaxDepth {
				for _, l := range v.links {
					if !seen[l] {
						seen[l] = true
						queue = append(queue, entry{url: l, depth: e.depth + 1})
					}
				}
			}
			committed++
		}
	}

	var wg sync.WaitGroup
	for range c.opts.Concurrency {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for ctx.Err() == nil && next >= min(len(queue), c.opts.MaxPages) && (running > 0 || committed < len(visits)) {
					cond.Wait()
				}
				if ctx.Err() != nil || next >= min(len(queue), c.opts.MaxPages) {
					cond.Broadcast()
					return
				}
				i := next
				next++
				e := queue[i]
				visits = append(visits, nil)
				done = append(done, false)
				running++
				mu.Unlock()

				v := c.visit(ctx, scanCtx, e)

				mu.Lock()
				running--
				visits[i] = v
				done[i] = true
				for _, w := range v.writes {
					if p, ok := parseWrite(w, v.topSite); ok {
						cookies[p.key] = true
					}
				}
				commit()
				if c.opts.Progress != nil {
					c.opts.Progress(committedCount(done), min(len(queue), c.opts.MaxPages), len(cookies))
				}
				cond.Broadcast()
			}
		})
	}
	// Wake the workers when the scan is cancelled.
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		cond.Broadcast()
		mu.Unlock()
	})
	wg.Wait()
	stop()

	var finished []*visit
	for i, v := range visits {
		if done[i] {
			finished = append(finished, v)
		}
	}
	for _, v := range finished {
		res.Pages = append(res.Pages, v.page)
	}
	if ctx.Err() != nil {
		res.Partial = true
	}

	jctx, jcancel := context.WithTimeout(context.WithoutCancel(scanCtx), 10*time.Second)
	defer jcancel()
	jar, err := chromedp.CallBrowser(jctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: bcid})
	if err != nil {
		c.opts.Logger.Warn("cannot read the cookie jar", "err", err)
	}
	res.Cookies = merge(finished, jar.Cookies, c.scope.site)

	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(res.Pages) > 0 && res.Pages[0].Status == 0 && res.Pages[0].Error != "" {
		return &LoadError{URL: res.Pages[0].URL, Text: res.Pages[0].Error}
	}
	return nil
}

func committedCount(done []bool) int {
	n := 0
	for _, d := range done {
		if d {
			n++
		}
	}
	return n
}

// linkScript lists the links of the main frame and the page's state.
const linkScript = `(() => {
	const links = [];
	for (const a of document.querySelectorAll("a[href], area[href]")) {
		if (links.length >= 5000) break;
		links.push({ href: String(a.href), download: a.hasAttribute("download") });
	}
	return { url: String(location.href), title: String(document.title || ""), links };
})()`

type pageInfo struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Links []struct {
		Href     string `json:"href"`
		Download bool   `json:"download"`
	} `json:"links"`
}

// visit loads one page in a tab of its own and records it.
func (c *crawler) visit(ctx, scanCtx context.Context, e entry) *visit {
	v := &visit{page: Page{URL: e.url, Depth: e.depth}}
	log := c.opts.Logger.With("url", e.url)
	if u, err := url.Parse(e.url); err == nil {
		v.topSite = topLevelSite(u)
	}

	tabCtx, cancel := chromedp.NewContext(scanCtx)
	defer cancel()
	// Open the tab with no deadline: the first Do binds the tab to its
	// context, and each step below gets a deadline of its own.
	if err := chromedp.Do(tabCtx); err != nil {
		v.page.Error = "opening a tab: " + err.Error()
		return v
	}
	t := chromedp.FromContext(tabCtx).Target
	rec := newRecorder(tabCtx, c.s.tap, cdp.FrameID(t.TargetID))
	c.s.tap.watchSession(t.SessionID, rec)
	defer c.s.tap.unwatch(rec)
	rec.configure(tabCtx, t.SessionID, false)

	// A cancelled scan stops the page at once.
	navCtx, navCancel := context.WithTimeout(tabCtx, c.opts.PageTimeout)
	stopNav := context.AfterFunc(ctx, navCancel)
	resp, err := chromedp.Run(navCtx, chromedp.NavigateResponse(e.url))
	stopNav()
	navCancel()
	var le *chromedp.LoadError
	switch {
	case err == nil:
	case errors.As(err, &le):
		v.page.Error = le.ErrorText
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		if ctx.Err() != nil {
			v.page.Error = "scan cancelled"
		} else {
			v.page.Error = fmt.Sprintf("page load timed out after %s", c.opts.PageTimeout)
		}
		sctx, scancel := context.WithTimeout(tabCtx, 2*time.Second)
		_, _ = chromedp.Call(sctx, page.StopLoading, cdp.Empty{})
		scancel()
	default:
		v.page.Error = err.Error()
	}
	if resp == nil {
		resp = rec.document()
	}
	if resp != nil {
		v.page.Status = int(resp.Status)
		v.page.FinalURL = resp.URL
	}
	if err == nil && c.opts.Wait > 0 {
		select {
		case <-time.After(c.opts.Wait):
		case <-ctx.Done():
		}
	}

	ictx, icancel := context.WithTimeout(tabCtx, 5*time.Second)
	info, ierr := chromedp.Run(ictx, chromedp.Evaluate[pageInfo](linkScript))
	icancel()
	if ierr == nil {
		v.page.Title = info.Title
		if info.URL != "" && info.URL != "about:blank" {
			v.page.FinalURL = info.URL
		}
		final, _ := url.Parse(v.page.FinalURL)
		// Links of a page that redirected out of scope are not followed.
		if ok, _ := c.scope.allows(orURL(final, e.url)); ok {
			v.links = c.links(info)
		}
	}
	rec.stop()
	writes, sent, dialogs, download := rec.snapshot()
	v.writes, v.sent = writes, sent
	if download && v.page.Error == "" {
		v.page.Error = "download denied"
	} else if download {
		v.page.Error += " (download denied)"
	}
	v.page.Links = len(v.links)
	log.Debug("page done", "status", v.page.Status, "error", v.page.Error, "writes", len(writes), "links", len(v.links), "dialogs", len(dialogs))
	return v
}

func orURL(u *url.URL, fallback string) *url.URL {
	if u != nil && u.Host != "" {
		return u
	}
	f, _ := url.Parse(fallback)
	if f == nil {
		return &url.URL{}
	}
	return f
}

// links returns the page's in-scope links, normalised, deduplicated and
// sorted.
func (c *crawler) links(info pageInfo) []string {
	set := map[string]bool{}
	for _, l := range info.Links {
		if l.Download {
			continue
		}
		u, err := normalizeURL(l.Href)
		if err != nil {
			continue
		}
		if ok, _ := c.scope.allows(u); ok {
			set[u.String()] = true
		}
	}
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}
