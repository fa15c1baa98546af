package crawler

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Many sites load their tags, and sometimes their consent platform, only
// once the visitor does something: performance plugins (WordPress's WP
// Rocket, Perfmatters, Flying Scripts, LiteSpeed Cache and the like) hold
// scripts back until the first mouse move, key press, touch or wheel
// turn. A scan that did nothing would audit a page without those
// trackers. Chromium sends a mouse move of its own when it first lays a
// page out, but that may come before a page's listeners are set (on a
// loaded machine it did, and a held tag was lost). So each page, once its
// load event has run, gets what every visitor does first: the mouse moved
// across the middle of the window, as trusted input.
//
// Nothing else is done: a click could give consent ("consent on any
// click"), a scroll or a key press too ("consent on scroll"), and the
// pointer stays away from the window's edges, where an exit-intent pop-up
// waits.
var visitorPath = []struct{ x, y float64 }{{420, 300}, {560, 380}, {700, 460}}

// mouseMoveTimeout bounds the moves of one page.
const mouseMoveTimeout = 3 * time.Second

// moveMouse moves the mouse along visitorPath, sending each event with
// send; it stops at the first error.
func moveMouse(ctx context.Context, send func(ctx context.Context, p input.DispatchMouseEventParams) error) error {
	ctx, cancel := context.WithTimeout(ctx, mouseMoveTimeout)
	defer cancel()
	for _, pt := range visitorPath {
		p := input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: pt.x, Y: pt.y}
		if err := send(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// moveMouseOn moves the mouse over the page of a crawl's tab.
func (c *crawler) moveMouseOn(ctx context.Context, p *pageCtx) {
	err := moveMouse(ctx, func(ctx context.Context, params input.DispatchMouseEventParams) error {
		return c.s.tap.call(ctx, p.session, input.DispatchMouseEvent.Method, params, nil)
	})
	if err != nil && ctx.Err() == nil {
		c.opts.Logger.Debug("moving the mouse over the page", "error", err)
	}
}

// moveMouseIn moves the mouse over the page of a chromedp tab (Render).
func moveMouseIn(tabCtx context.Context) error {
	return moveMouse(tabCtx, func(ctx context.Context, params input.DispatchMouseEventParams) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, params)
		return err
	})
}

// A consent banner may wait for the visitor's first key press or scroll:
// Borlabs Cookie 3.4 mounts its dialog so by default ("show the dialog
// after user interaction"), listening for keydown and scroll. A page that
// shows no banner once its first look is over gets a key press that does
// nothing on any page, Shift down and up, and is looked at again: no
// scroll, which some banners take for consent.
func (c *crawler) pressShift(ctx context.Context, p *pageCtx) {
	ctx, cancel := context.WithTimeout(ctx, mouseMoveTimeout)
	defer cancel()
	for _, ev := range []input.DispatchKeyEventParams{
		{Type: input.DispatchKeyEventTypeRawKeyDown, Key: "Shift", Code: "ShiftLeft", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Modifiers: 8},
		{Type: input.DispatchKeyEventTypeKeyUp, Key: "Shift", Code: "ShiftLeft", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16},
	} {
		if err := c.s.tap.call(ctx, p.session, input.DispatchKeyEvent.Method, ev, nil); err != nil {
			if ctx.Err() == nil {
				c.opts.Logger.Debug("pressing Shift on the page", "error", err)
			}
			return
		}
	}
}

// keyLook bounds the first page's look for a banner after the key press;
// keyQuietLook is how long after it a page that is quiet again is left.
// A later phase, answering the banner, presses the key once keyAfter has
// passed without one.
const (
	keyLook      = 4 * time.Second
	keyQuietLook = time.Second
	keyAfter     = 2 * time.Second
)

// searchAfterKey presses Shift on a page that showed no banner and looks
// for one again (see pressShift).
func (c *crawler) searchAfterKey(ctx context.Context, p *pageCtx, find func() (frameReport, bool)) (frameReport, bool) {
	c.pressShift(ctx, p)
	pressed := time.Now()
	fr, ok, _ := searchBanner(ctx, find,
		func() bool { return time.Since(pressed) >= keyLook },
		func() bool { now := time.Now(); return now.Sub(pressed) >= keyQuietLook && p.rec.act.quiet(now) },
		func() { sleep(ctx, 250*time.Millisecond) })
	return fr, ok
}
