package crawler

import (
	"context"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
)

// topLoads follows the loads of a tab's top document. A site that reloads
// the page once the visitor has made a consent choice, or a script that
// sends the visitor to another page, starts a new document, whose scripts
// set their cookies after its own load.
type topLoads struct {
	mu      sync.Mutex
	started int       // loads begun
	loading bool      // one is under way
	stopped time.Time // when the last one ended
}

// onEvent notes the start and end of a load of the frame top.
func (l *topLoads) onEvent(now time.Time, top cdp.FrameID, method string, params jsonv2.Value) {
	if method != page.FrameStartedLoading.Method && method != page.FrameStoppedLoading.Method {
		return
	}
	var ev struct {
		FrameID cdp.FrameID `json:"frameId"`
	}
	if !decode(params, &ev) || ev.FrameID != top {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if method == page.FrameStartedLoading.Method {
		l.started++
		l.loading = true
		return
	}
	l.loading, l.stopped = false, now
}

// state returns how many loads have begun, whether one is under way and
// when the last one ended.
func (l *topLoads) state() (started int, loading bool, stopped time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.started, l.loading, l.stopped
}

// waitPage observes a loaded page for the wait (Options.Wait, and
// AutoWait). loadsBefore is how many loads of its top document had begun
// when it had loaded (see topLoads.state). A new document whose load
// began after that (a site that reloads the page on a consent choice, its
// click made before the wait) is waited for, and then observed for the
// wait counted from the end of its load, as the first document was: a
// fixed wait or a short bound would otherwise leave the page while it
// loads, and miss what it sets. A page that keeps loading new documents
// is left once the page timeout has passed after the first wait.
func (c *crawler) waitPage(ctx context.Context, rec *recorder, s target.SessionID, loadsBefore int) {
	wait := func(d time.Duration) {
		if c.opts.AutoWait {
			rec.waitQuiet(ctx, s, d)
			return
		}
		sleep(ctx, d)
	}
	wait(c.opts.Wait)
	for end := time.Now().Add(c.opts.PageTimeout); ctx.Err() == nil && time.Now().Before(end); {
		n, loading, stopped := rec.loads.state()
		switch {
		case n == loadsBefore:
			return
		case loading:
			sleep(ctx, 100*time.Millisecond)
			continue
		}
		left := time.Until(stopped.Add(c.opts.Wait))
		if left <= 0 {
			return
		}
		rec.log.Debug("observing the page's new document", "loads", n-loadsBefore, "for", left.Round(time.Millisecond))
		loadsBefore = n
		wait(left)
	}
}
