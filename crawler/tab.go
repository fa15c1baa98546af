package crawler

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// tab is the browser tab of one of a phase's workers. It is kept from page
// to page: a page in a new tab costs Chromium a window, a renderer process
// and the protocol's set-up, about three times the CPU of the same page
// loaded in a tab that is already open (measured on the portal fixture:
// 1.5 against 0.5 CPU-seconds a page). Between two pages the tab shows
// about:blank, so that nothing of one page runs while the next is
// recorded.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	id     target.ID
	sess   target.SessionID
	// configured is set by the first page's recorder, which configures
	// the tab for every page to come.
	configured bool
	// rec is the recorder of the page the tab still shows, nil once the
	// tab has left it.
	rec *recorder
}

// tabSource opens the tabs of a phase, in its browser context.
type tabSource struct {
	ctx  context.Context // the phase's: its tabs close when it ends
	bcid cdp.BrowserContextID
}

// open opens a tab, in a window of its own: a tab that shares a window
// with another is hidden, and a hidden page gets no animation frames and
// tells its scripts it is not seen.
func (s tabSource) open() (*tab, error) {
	ctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithExistingBrowserContext(s.bcid))
	// Open the tab with no deadline: the first Do binds the tab to its
	// context, and each step of a visit gets a deadline of its own.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, err
	}
	t := chromedp.FromContext(ctx).Target
	return &tab{ctx: ctx, cancel: cancel, id: t.TargetID, sess: t.SessionID}, nil
}

// closeTab stops watching the tab and closes it; a nil tab is already
// closed.
func (c *crawler) closeTab(t *tab) {
	if t == nil {
		return
	}
	if t.rec != nil {
		c.s.tap.unwatch(t.rec)
		t.rec = nil
	}
	t.cancel()
}

// leavePage takes the tab off its page, for the next one (see blank); the
// page's recorder watches until then, so that a dialog on leaving is
// answered and nothing of the page reaches the next page's record. It
// reports whether the tab is fit for another page.
func (c *crawler) leavePage(ctx context.Context, t *tab) bool {
	ok := ctx.Err() == nil && t.blank(ctx)
	c.s.tap.unwatch(t.rec)
	t.rec = nil
	return ok
}

// blankTimeout bounds the return of a tab to about:blank after a page.
const blankTimeout = 5 * time.Second

// blank leaves the page: the tab navigates to about:blank, which unloads
// the page and stops its scripts and requests, and forgets its history, so
// that the back-forward cache keeps no frozen copy of it. It reports
// whether the tab shows about:blank: a page that refused to leave (a
// beforeunload dialog that was dismissed, a renderer that hangs) makes the
// tab unfit for another page.
func (t *tab) blank(ctx context.Context) bool {
	bctx, cancel := context.WithTimeout(t.ctx, blankTimeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	if _, err := chromedp.Run(bctx, chromedp.Navigate("about:blank")); err != nil {
		return false
	}
	if _, err := chromedp.Call(bctx, page.ResetNavigationHistory, cdp.Empty{}); err != nil {
		return false
	}
	loc, err := chromedp.Run(bctx, chromedp.Location())
	return err == nil && loc == "about:blank"
}
