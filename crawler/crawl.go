package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os/exec"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
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
	res := &Result{Target: start.String(), StartedAt: time.Now().UTC()}

	s, err := startBrowser(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer s.cancel()
	res.Browser = s.version
	opts.Logger.Debug("browser started", "version", s.version)
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
	c := &crawler{opts: opts, s: s, start: start, scope: newScope(start, opts)}
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

// run crawls the before-consent phase, which discovers the pages, and the
// consent phases the options ask for, which visit the same pages in the
// same order. The consent phases start as soon as the first page of the
// first phase has shown whether there is a banner, and follow the first
// phase page by page: the three phases overlap, each in a browser context
// of its own.
func (c *crawler) run(ctx context.Context, res *Result) error {
	feed := newPageFeed()
	first := &phaseRun{phase: BeforeConsent}
	firstPage := make(chan *visit, 1)
	firstDone := make(chan struct{})
	var firstErr error
	go func() {
		defer close(firstDone)
		defer feed.close()
		firstErr = c.phase(ctx, first, phaseSpec{publish: feed, onFirstPage: func(v *visit) { firstPage <- v }})
	}()
	var fv *visit
	select {
	case fv = <-firstPage:
	case <-firstDone:
		select {
		case fv = <-firstPage:
		default:
		}
	}

	// The banner is known once the first page is done: the page's hook
	// wrote it before onFirstPage was called.
	var clicks []string
	if fv != nil && !fv.page.Lost && !startFailed(fv.page) && ctx.Err() == nil {
		clicks = c.consentClicks(first.banner)
	}
	later := make([]*phaseRun, len(clicks))
	errs := make([]error, len(clicks))
	var wg sync.WaitGroup
	for i, click := range clicks {
		later[i] = &phaseRun{phase: phaseOf(click)}
		wg.Go(func() {
			errs[i] = c.phase(ctx, later[i], phaseSpec{replay: feed, click: click, known: first.banner})
		})
	}
	<-firstDone
	wg.Wait()

	err := firstErr
	res.Pages = first.pages()
	res.Consent.Banner, res.Consent.Screenshot = first.banner, first.screenshot
	if p := res.Pages[0]; err == nil && startFailed(p) {
		err = &LoadError{URL: p.URL, Text: p.Error, Status: p.Status, FinalURL: p.FinalURL}
	}
	res.Consent.Mode = consentModeName(clicks)
	res.Consent.Phases = []Phase{BeforeConsent}
	runs := []*phaseRun{first}
	if len(clicks) > 0 {
		res.PhasePages = map[Phase][]Page{}
	}
	for i, pr := range later {
		runs = append(runs, pr)
		res.Consent.Phases = append(res.Consent.Phases, pr.phase)
		if pr.action != nil {
			res.Consent.Actions = append(res.Consent.Actions, *pr.action)
		}
		// A later phase follows the first page by page: what it did not
		// visit of the first phase's pages is lost.
		pages := pr.pages()
		for _, p := range res.Pages[min(len(pages), len(res.Pages)):] {
			pages = append(pages, Page{URL: p.URL, Depth: p.Depth, Phase: pr.phase, Lost: true})
		}
		res.PhasePages[pr.phase] = pages
		if err == nil {
			err = errs[i]
		}
	}
	for _, p := range res.AllPages() {
		if p.Lost {
			res.Partial = true
		}
	}

	perPhase := make([][]Cookie, len(runs))
	res.PhaseCookies = make(map[Phase][]Cookie, len(runs))
	for i, pr := range runs {
		perPhase[i] = merge(pr.visits, pr.jar, c.scope.site)
		res.PhaseCookies[pr.phase] = perPhase[i]
	}
	res.Cookies = combinePhases(runs, perPhase)
	if ctx.Err() != nil {
		res.Partial = true
		return ctx.Err()
	}
	return err
}

// consentClicks returns the clicks to make, one consent phase each.
func (c *crawler) consentClicks(b *Banner) []string {
	switch c.opts.Consent {
	case ConsentNone:
		return nil
	case ConsentAccept:
		return []string{"accept"}
	case ConsentReject:
		return []string{"reject"}
	case ConsentAll:
		return []string{"accept", "reject"}
	default: // auto
		if b == nil {
			return nil
		}
		return []string{"accept", "reject"}
	}
}

func consentModeName(clicks []string) string {
	switch len(clicks) {
	case 0:
		return string(ConsentNone)
	case 2:
		return string(ConsentAll)
	}
	return clicks[0]
}

func phaseOf(click string) Phase {
	if click == "accept" {
		return AfterAccept
	}
	return AfterReject
}

// combinePhases joins the cookies of each phase into one record per cookie,
// listing the phases it was present in. The earliest phase that saw a
// cookie describes it.
func combinePhases(runs []*phaseRun, perPhase [][]Cookie) []Cookie {
	var out []Cookie
	index := map[cookieKey]int{}
	for i, cookies := range perPhase {
		for _, ck := range cookies {
			k := cookieKey{name: ck.Name, domain: ck.Domain, hostOnly: ck.HostOnly, path: ck.Path, partition: ck.PartitionKey}
			j, ok := index[k]
			if !ok {
				j = len(out)
				index[k] = j
				out = append(out, ck)
			}
			out[j].Phases = append(out[j].Phases, runs[i].phase)
		}
	}
	return out
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
	// exited is set when a page failed because the browser process exited.
	exited atomic.Bool
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

// phaseRun is what one phase observed.
type phaseRun struct {
	phase  Phase
	visits []*visit // finished pages, in crawl order
	jar    []*network.Cookie
	// banner and screenshot come from the first page of the first phase;
	// action from the click on the first page of a later phase.
	banner     *Banner
	screenshot []byte
	action     *ConsentAction
	// lost are the pages the phase planned and did not visit, because the
	// scan stopped; only the phase that discovers the pages has any.
	lost []entry
}

// pages are the pages of the phase: those visited, in crawl order, then
// those lost. There is at least one: the start page.
func (pr *phaseRun) pages() []Page {
	var out []Page
	for _, v := range pr.visits {
		p := v.page
		p.Phase = pr.phase
		out = append(out, p)
	}
	for _, e := range pr.lost {
		out = append(out, Page{URL: e.url, Depth: e.depth, Phase: pr.phase, Lost: true})
	}
	return out
}

// phaseSpec says how a phase finds its pages and what it does first.
type phaseSpec struct {
	// replay, when not nil, holds the pages of the phase that discovers
	// them: this phase visits them in their order, as they come, and
	// follows no link.
	replay *pageFeed
	// publish, when not nil, receives every page this phase visits, in
	// crawl order, as it is handed to a tab.
	publish *pageFeed
	// click ("accept" or "reject") is done on the first page before
	// anything else is visited; known is the banner the first phase
	// found, nil when none.
	click string
	known *Banner
	// onFirstPage is called when the first page is done.
	onFirstPage func(*visit)
}

// phase crawls the site in a fresh browser context, filling pr. With
// spec.replay nil it discovers pages breadth first from the target;
// otherwise it visits the replayed pages.
//
// Pages are visited by several tabs at once, but links are queued in the
// order a one-tab crawl would queue them: the links of a page join the queue
// only when that page and every page before it in the queue are done. So the
// pages, their order and the attribution of cookies do not depend on which
// tab finished first. The first page of a phase is visited alone, so that
// every other page sees its cookies and its consent click.
func (c *crawler) phase(ctx context.Context, pr *phaseRun, spec phaseSpec) error {
	ph := pr.phase
	scanCtx, scanCancel := chromedp.NewContext(c.s.ctx, chromedp.WithNewBrowserContext())
	defer scanCancel()
	if err := chromedp.Do(scanCtx); err != nil {
		if spec.replay == nil {
			pr.lost = []entry{{url: c.start.String()}}
		}
		if c.stopped(ctx, err) {
			return ctx.Err()
		}
		return fmt.Errorf("opening a browser context: %w: %w", err, ErrIncomplete)
	}
	bcid := chromedp.FromContext(scanCtx).BrowserContextID
	if _, err := chromedp.CallBrowser(scanCtx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorDeny, BrowserContextID: bcid, EventsEnabled: new(true),
	}); err != nil {
		c.opts.Logger.Debug("cannot deny downloads", "err", err)
	}

	var queue []entry
	limit := c.opts.MaxPages
	if spec.replay == nil {
		queue = []entry{{url: c.start.String()}}
	}
	seen := map[string]bool{c.start.String(): true}
	visits := make([]*visit, 0, min(limit, 64))
	var (
		mu        sync.Mutex
		cond      = sync.NewCond(&mu)
		next      int // next queue index to hand out
		committed int // visits whose links are queued
		running   int
		cookies   = map[cookieKey]bool{}
	)
	done := make([]bool, 0, min(limit, 64))

	// available is the number of pages known so far, and whether more may
	// come from the replayed phase.
	available := func() (n int, more bool) {
		if spec.replay != nil {
			return spec.replay.state()
		}
		return min(len(queue), limit), false
	}
	entryAt := func(i int) entry {
		if spec.replay != nil {
			return spec.replay.at(i)
		}
		return queue[i]
	}
	commit := func() {
		for committed < len(visits) && done[committed] {
			// The links of a start page that failed to load are not
			// followed: the scan stops there (see startFailed).
			if spec.replay == nil && (committed > 0 || !startFailed(visits[0].page)) {
				v, e := visits[committed], queue[committed]
				if e.depth < c.opts.MaxDepth {
					for _, l := range v.links {
						if !seen[l] {
							seen[l] = true
							queue = append(queue, entry{url: l, depth: e.depth + 1})
						}
					}
				}
			}
			committed++
		}
	}
	// ready reports whether a page can be handed out: the first page of a
	// phase goes alone.
	ready := func() bool {
		n, _ := available()
		return next < n && (next == 0 || (len(done) > 0 && done[0]))
	}
	// waiting reports whether a page may still become ready: a page in a
	// tab may add links, the replayed phase may add pages.
	waiting := func() bool {
		_, more := available()
		return running > 0 || committed < len(visits) || more
	}
	if spec.replay != nil {
		defer spec.replay.subscribe(func() {
			mu.Lock()
			cond.Broadcast()
			mu.Unlock()
		})()
	}

	var wg sync.WaitGroup
	for range c.opts.Concurrency {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for ctx.Err() == nil && !ready() && waiting() {
					cond.Wait()
				}
				if ctx.Err() != nil || !ready() {
					cond.Broadcast()
					return
				}
				i := next
				next++
				e := entryAt(i)
				if spec.publish != nil {
					spec.publish.add(e)
				}
				visits = append(visits, nil)
				done = append(done, false)
				running++
				mu.Unlock()

				var hooks pageHooks
				if i == 0 {
					hooks = c.firstPageHooks(pr, spec.click, spec.known)
				}
				v := c.visit(ctx, scanCtx, e, hooks)

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
				if i == 0 && spec.onFirstPage != nil {
					spec.onFirstPage(v)
				}
				if c.opts.Progress != nil {
					planned, _ := available()
					c.opts.Progress(ph, committedCount(done), planned, len(cookies))
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

	for i, v := range visits {
		if done[i] {
			pr.visits = append(pr.visits, v)
		}
	}
	// The pages planned and never handed to a tab are lost.
	if n, _ := available(); spec.replay == nil && next < n {
		pr.lost = append(pr.lost, queue[next:n]...)
	}
	jctx, jcancel := context.WithTimeout(context.WithoutCancel(scanCtx), 10*time.Second)
	defer jcancel()
	jar, err := chromedp.CallBrowser(jctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: bcid})
	switch {
	case err != nil && c.stopped(ctx, err):
		// The scan's end says why, once; the report is partial.
		c.opts.Logger.Debug("cannot read the cookie jar", "phase", ph, "err", err)
	case err != nil:
		c.opts.Logger.Warn("cannot read the cookie jar", "phase", ph, "err", err)
	}
	pr.jar = jar.Cookies
	return ctx.Err()
}

// pageFeed passes the pages of the phase that discovers them to the phases
// that replay them, in crawl order, while the first phase is still
// running.
type pageFeed struct {
	mu      sync.Mutex
	entries []entry
	closed  bool
	waiters map[int]func()
	nextID  int
}

func newPageFeed() *pageFeed { return &pageFeed{waiters: map[int]func(){}} }

// add appends a page and wakes the subscribers.
func (f *pageFeed) add(e entry) {
	f.mu.Lock()
	f.entries = append(f.entries, e)
	f.mu.Unlock()
	f.wake()
}

// close says no page will be added; it wakes the subscribers.
func (f *pageFeed) close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.wake()
}

// wake calls the subscribers, without holding the feed's lock: they take
// their phase's lock, and a phase holding its lock reads the feed.
func (f *pageFeed) wake() {
	f.mu.Lock()
	ws := make([]func(), 0, len(f.waiters))
	for _, w := range f.waiters {
		ws = append(ws, w)
	}
	f.mu.Unlock()
	for _, w := range ws {
		w()
	}
}

// state returns the number of pages so far and whether more may come.
func (f *pageFeed) state() (n int, more bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.entries), !f.closed
}

// at returns page i, which state has counted.
func (f *pageFeed) at(i int) entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.entries[i]
}

// subscribe calls w whenever a page is added or the feed closes, until the
// returned function is called.
func (f *pageFeed) subscribe(w func()) (unsubscribe func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.nextID
	f.nextID++
	f.waiters[id] = w
	return func() {
		f.mu.Lock()
		delete(f.waiters, id)
		f.mu.Unlock()
	}
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
func (c *crawler) visit(ctx, scanCtx context.Context, e entry, hooks pageHooks) *visit {
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
		v.page.Lost = c.stopped(ctx, err)
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
	// A page whose load the scan's end cut short is lost, not a page
	// error; Crawl says why.
	v.page.Lost = err != nil && c.stopped(ctx, err)
	if resp == nil {
		resp = rec.document()
	}
	if resp != nil {
		v.page.Status = int(resp.Status)
		v.page.FinalURL = resp.URL
	}
	pc := &pageCtx{tab: tabCtx, session: t.SessionID, rec: rec, loaded: err == nil}
	if hooks.afterLoad != nil && ctx.Err() == nil {
		hooks.afterLoad(ctx, pc)
	}
	if err == nil && c.opts.Wait > 0 {
		select {
		case <-time.After(c.opts.Wait):
		case <-ctx.Done():
		}
	}
	if hooks.afterWait != nil && ctx.Err() == nil {
		hooks.afterWait(ctx, pc)
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

// stopped reports whether err, the failure of a step of the scan, comes
// from the scan's end rather than from the page: ctx ended (cancelled,
// timed out, or the browser exited), or the browser process is gone.
func (c *crawler) stopped(ctx context.Context, err error) bool {
	var ee *exec.ExitError
	if errors.As(err, &ee) { // chromedp adds it when the process died on its own
		c.exited.Store(true)
		return true
	}
	return ctx.Err() != nil || c.s.ctx.Err() != nil
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
