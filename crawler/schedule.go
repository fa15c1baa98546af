package crawler

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// phase crawls the site in a fresh browser context, filling pr. With
// spec.replay nil it discovers pages breadth first from the target;
// otherwise it visits the replayed pages.
//
// Pages are visited by several tabs at once, but links are queued in the
// order a one-tab crawl would queue them: a page's links, read as soon as
// it has loaded (see visit), join the queue only when the links of every
// page before it in the queue are in. So the pages, their order and the
// attribution of cookies do not depend on which tab was faster. The other
// pages of a phase start once its first page has loaded and made its
// consent choice, so that they see that choice.
func (c *crawler) phase(ctx context.Context, pr *phaseRun, spec phaseSpec) error {
	ph := pr.phase
	// The phase's context: a shared browser outlives the crawl, so the
	// phase's tabs end with ctx.
	scanCtx, scanCancel := context.WithCancel(c.s.ctx)
	defer scanCancel()
	defer context.AfterFunc(ctx, scanCancel)()
	// The browser context is made here rather than with a tab of its own
	// (chromedp's WithNewBrowserContext): that tab would cost a window and
	// a renderer process, and show nothing.
	bc, err := chromedp.CallBrowser(scanCtx, target.CreateBrowserContext, target.CreateBrowserContextParams{
		ProxyServer: c.opts.Proxy, DisposeOnDetach: new(true),
	})
	if err != nil {
		if spec.replay == nil {
			pr.lost = []entry{{url: c.start.String()}}
		}
		if c.stopped(ctx, err) {
			return ctx.Err()
		}
		return fmt.Errorf("opening a browser context: %w: %w", err, ErrIncomplete)
	}
	bcid := bc.BrowserContextID
	defer func() {
		if c.s.ctx.Err() != nil {
			return // the browser is gone, and its contexts with it
		}
		dctx, dcancel := context.WithTimeout(context.WithoutCancel(c.s.ctx), 10*time.Second)
		defer dcancel()
		if _, err := chromedp.CallBrowser(dctx, target.DisposeBrowserContext, target.DisposeBrowserContextParams{BrowserContextID: bcid}); err != nil {
			c.opts.Logger.Debug("cannot dispose of a browser context", "phase", ph, "err", err)
		}
	}()
	tabs := tabSource{ctx: scanCtx, bcid: bcid}
	if _, err := chromedp.CallBrowser(scanCtx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorDeny, BrowserContextID: bcid, EventsEnabled: new(true),
	}); err != nil {
		c.opts.Logger.Debug("cannot deny downloads", "err", err)
	}

	if err := c.presetCookies(scanCtx, bcid); err != nil {
		if spec.replay == nil {
			pr.lost = []entry{{url: c.start.String()}}
		}
		if c.stopped(ctx, err) {
			return ctx.Err()
		}
		return err
	}
	if len(c.opts.Login) > 0 {
		lv, err := c.login(scanCtx, tabs, ph)
		pr.login = lv
		if err != nil {
			if spec.replay == nil {
				pr.lost = []entry{{url: c.start.String()}}
			}
			if c.stopped(ctx, err) {
				return ctx.Err()
			}
			return err
		}
	}

	var queue []entry
	limit := c.opts.MaxPages
	if spec.replay == nil {
		queue = []entry{{url: c.start.String()}}
	}
	seen := map[string]bool{c.start.String(): true}
	// The target's links: the listed pages first (see Options.Pages),
	// whatever the depth, then its own.
	startLinks := func(own []string) []entry {
		var es []entry
		for _, p := range slices.Concat(c.pages, c.sitemap) {
			es = append(es, entry{url: p, depth: 1})
		}
		if !c.opts.NoLinks && c.opts.MaxDepth > 0 {
			for _, l := range own {
				es = append(es, entry{url: l, depth: 1})
			}
		}
		return es
	}
	visits := make([]*visit, 0, min(limit, 64))
	// heads are the pages' links and state at their load, for the queue.
	type head struct {
		links []string
		page  Page
	}
	heads := make([]*head, 0, min(limit, 64))
	var (
		mu        sync.Mutex
		cond      = sync.NewCond(&mu)
		next      int // next queue index to hand out
		committed int // pages whose links are queued
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
		for committed < len(heads) && heads[committed] != nil {
			// The links of a start page that failed to load are not
			// followed: the scan stops there (see startFailed).
			if spec.replay == nil && (committed > 0 || !startFailed(heads[0].page)) {
				h, e := heads[committed], queue[committed]
				var next []entry
				switch {
				case committed == 0:
					next = startLinks(h.links)
				case e.depth < c.opts.MaxDepth && !c.opts.NoLinks:
					for _, l := range h.links {
						next = append(next, entry{url: l, depth: e.depth + 1})
					}
				}
				for _, n := range next {
					if !seen[n.url] {
						seen[n.url] = true
						queue = append(queue, n)
					}
				}
			}
			heads[committed].links = nil // a long crawl keeps no page's links
			committed++
		}
	}
	// ready reports whether a page can be handed out: the first page of a
	// phase goes alone until it has loaded.
	ready := func() bool {
		n, _ := available()
		return next < n && (next == 0 || (len(heads) > 0 && heads[0] != nil))
	}
	// waiting reports whether a page may still become ready: a page in a
	// tab may add links, the replayed phase may add pages.
	waiting := func() bool {
		_, more := available()
		return running > 0 || committed < len(heads) || more
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
			// The worker's tab, kept from page to page (see tab), is
			// closed when the worker ends, out of the lock.
			var tb *tab
			defer func() { c.closeTab(tb) }()
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
				heads = append(heads, nil)
				running++
				mu.Unlock()

				var hooks pageHooks
				if i == 0 {
					hooks = c.firstPageHooks(pr, spec.click, spec.known)
				}
				// The page's links are queued as soon as it has loaded.
				loaded := func(links []string, p Page) {
					mu.Lock()
					defer mu.Unlock()
					heads[i] = &head{links: links, page: p}
					commit()
					cond.Broadcast()
				}
				if i == 0 && spec.replay == nil && c.opts.Sitemap {
					// The sitemaps are read in the target's tab, before
					// its links are queued.
					queueLinks := loaded
					loaded = func(links []string, p Page) {
						if tb != nil && p.Error == "" {
							c.sitemap = c.sitemapPages(ctx, tb)
						}
						queueLinks(links, p)
					}
				}
				v := c.visit(ctx, tabs, e, hooks, &tb, loaded)

				mu.Lock()
				running--
				visits[i] = v
				done[i] = true
				if heads[i] == nil { // no tab could be readied
					heads[i] = &head{links: v.links, page: v.page}
				}
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
				// The tab leaves its page for the next one, or closes at
				// once when no page can come: the last page of a phase
				// costs no navigation.
				if tb != nil {
					more := ready() || waiting()
					mu.Unlock()
					if !more || !c.leavePage(ctx, tb) {
						c.closeTab(tb)
						tb = nil
					}
					mu.Lock()
				}
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
