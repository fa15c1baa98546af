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
