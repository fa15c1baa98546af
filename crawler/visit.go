package crawler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os/exec"
	"slices"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

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
	storage []storageWrite // the hook's writes, then what the frames held at the end
	topSite string
	// login marks the writes of the --login steps, made before the
	// phase's first page: a visit of no page (see phaseRun.observed).
	login bool
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

// visit loads one page in the worker's tab *tb, opened first when there is
// none, and records it. When the page loaded, the tab stays on it with the
// page's recorder, for the worker to leave it or close it; otherwise the
// tab is closed and *tb is nil.
//
// The page's links are read once it has loaded and its afterLoad hook has
// run, and handed to loaded at once, before the --wait: the crawl goes on
// to them while this page is still watched. loaded gets copies; it is
// called at most once, and not at all when no tab could be readied.
func (c *crawler) visit(ctx context.Context, tabs tabSource, e entry, hooks pageHooks, tb **tab, loaded func(links []string, p Page)) *visit {
	v := &visit{page: Page{URL: e.url, Depth: e.depth}}
	log := c.opts.Logger.With("url", e.url)
	if u, err := url.Parse(e.url); err == nil {
		v.topSite = topLevelSite(u)
	}

	if *tb == nil {
		t, err := tabs.open()
		if err != nil {
			v.page.Error = "opening a tab: " + err.Error()
			v.page.Lost = c.stopped(ctx, err)
			return v
		}
		*tb = t
	}
	t := *tb
	tabCtx := t.ctx
	rec := newRecorder(tabCtx, c.s.tap, cdp.FrameID(t.id), log, c.opts.PageTimeout)
	if c.opts.AutoWait {
		rec.timerLimit = max(c.opts.Wait, hooks.timers)
	}
	rec.headers, rec.scope = c.opts.Headers, c.scope
	c.s.tap.watchSession(t.sess, rec)
	// The page's recorder watches the tab until the worker has taken it
	// off the page (see crawler.leavePage), or until it closes.
	t.rec = rec
	keep := false
	defer func() {
		if !keep || ctx.Err() != nil {
			c.closeTab(t)
			*tb = nil
		}
	}()
	if !t.configured {
		t.configured = true
		if err := rec.configure(tabCtx, t.sess, false, false); err != nil {
			// A tab that cannot be watched would report a page without
			// its cookies.
			v.page.Error = "configuring the tab: " + err.Error()
			v.page.Lost = c.stopped(ctx, err)
			return v
		}
	}

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
	loadsAtLoad, _, _ := rec.loads.state()
	pc := &pageCtx{tab: tabCtx, session: t.sess, rec: rec, loaded: err == nil, at: time.Now()}
	if err == nil && ctx.Err() == nil {
		c.moveMouseOn(ctx, pc) // what a visitor does first (see visitorPath)
	}
	if hooks.afterLoad != nil && ctx.Err() == nil {
		hooks.afterLoad(ctx, pc)
	}
	c.readLinks(tabCtx, e, v)
	loaded(slices.Clone(v.links), v.page)
	if err == nil && c.opts.Wait > 0 {
		c.waitPage(ctx, rec, t.sess, loadsAtLoad)
	}
	if hooks.afterWait != nil && ctx.Err() == nil {
		hooks.afterWait(ctx, pc)
	}
	// The title and address at the end: a script may change either during
	// the wait.
	if err == nil {
		c.readTitle(tabCtx, v)
	}
	// What the frames hold at the end: keys written without setItem
	// (property assignment, workers) are found there.
	var held []storageWrite
	if err == nil && ctx.Err() == nil {
		held = c.readStorage(ctx, pc)
	}
	writes, sent, dialogs, download := rec.snapshot()
	v.storage = append(rec.storageWrites(), held...)
	// A tab that loaded its page and offered no download goes on to the
	// next page; one whose page failed, timed out or crashed is closed.
	keep = err == nil && !download
	v.writes, v.sent = writes, sent
	if download && v.page.Error == "" {
		v.page.Error = "download denied"
	} else if download {
		v.page.Error += " (download denied)"
	}
	v.page.Links = len(v.links)
	log.Debug("page done", "status", v.page.Status, "error", v.page.Error, "writes", len(writes), "links", len(v.links), "dialogs", len(dialogs))
	// The queue has its own copy of the links (see loaded): a long crawl
	// keeps no page's links.
	v.links = nil
	return v
}

// readLinks reads the page's title, address and in-scope links into v.
// Links of a page that redirected out of scope are not followed.
func (c *crawler) readLinks(tabCtx context.Context, e entry, v *visit) {
	ictx, icancel := context.WithTimeout(tabCtx, 5*time.Second)
	defer icancel()
	info, err := chromedp.Run(ictx, chromedp.Evaluate[pageInfo](linkScript))
	if err != nil {
		return
	}
	v.setPlace(info.URL, info.Title)
	final, _ := url.Parse(v.page.FinalURL)
	if ok, _ := c.scope.allows(orURL(final, e.url)); ok {
		v.links = c.links(info)
	}
}

// titleScript returns the page's address and title.
const titleScript = `({ url: String(location.href), title: String(document.title || "") })`

// readTitle reads the page's title and address into v again.
func (c *crawler) readTitle(tabCtx context.Context, v *visit) {
	ictx, icancel := context.WithTimeout(tabCtx, 5*time.Second)
	defer icancel()
	if info, err := chromedp.Run(ictx, chromedp.Evaluate[pageInfo](titleScript)); err == nil {
		v.setPlace(info.URL, info.Title)
	}
}

// setPlace records the page's address and title as the page reports them.
func (v *visit) setPlace(u, title string) {
	v.page.Title = title
	if u != "" && u != "about:blank" {
		v.page.FinalURL = u
	}
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
	return slices.Sorted(maps.Keys(set))
}
