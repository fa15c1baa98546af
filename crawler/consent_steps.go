package crawler

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/input"
)

// Steps of a consent choice beyond its first click.

// confirmReject answers the confirmation a platform asks for after its
// first layer's reject ("Are you sure?" "OK"), when its rule names one:
// the confirmation is awaited for a few seconds (three looks at least, see
// verifyChoice), then clicked. Any other banner that, after the reject,
// shows a refusal and no accept in its place ("You will still see ads.
// Yes, reject all | Go back") asks the same, and its refusal is clicked;
// one that went, or still offers its accept (the reject did not take, or
// the banner is fading out), asks nothing.
func (c *crawler) confirmReject(ctx context.Context, p *pageCtx, fr frameReport, step func(frameRef, string, bool) bool) bool {
	rule, ok := kit().byName[fr.Platform]
	named := ok && len(rule.Confirm) > 0
	wait, minLooks := 2*time.Second, 2
	if named {
		wait, minLooks = 3*time.Second, 3
	}
	deadline := time.Now().Add(wait)
	for looks := 0; ctx.Err() == nil && (looks < minLooks || time.Now().Before(deadline)); looks++ {
		sleep(ctx, 250*time.Millisecond)
		r, err := c.runConsentScript(ctx, p, fr.frame, "detect", consentArg{Platform: fr.Platform})
		switch {
		case errors.Is(err, errFrameGone) || err == nil && !r.Banner:
			return true // the banner went: nothing to confirm
		case err != nil:
		case named && r.Confirm != nil:
			return step(fr.frame, "confirm", false)
		case !named && r.Accept != nil:
			return true
		case !named && r.Reject != nil && !r.Layer2:
			return step(fr.frame, "reject", false)
		}
	}
	return true
}

// clickAgain makes a first-layer choice once more when its only click
// changed nothing: the banner still shown, nothing recorded. Some banners
// draw their buttons before they wire them (tarteaucitron wires them half
// a second after showing them), so a click made as soon as the banner
// shows is lost; a visitor, slower, would not notice. A site that reloads
// the page on a click of the banner's buttons shows the banner again in
// the new document: the second click is made there.
func (c *crawler) clickAgain(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, before choiceEvidence, click string, step func(frameRef, string, bool) bool) {
	if a.Clicked || a.Layer != 1 || len(a.Steps) != 1 || ctx.Err() != nil {
		return
	}
	sleep(ctx, time.Second)
	now, moved, err := c.bannerNow(ctx, p, fr)
	if err != nil {
		return
	}
	if moved {
		fr = now
	}
	// The second click is the mouse's: a banner that takes a person's
	// input only (it ignores a scripted click, whose event is not
	// trusted) ignored the first. Where the button cannot be pointed at,
	// the script clicks it again.
	role := click
	if click == "reject" && fr.Reject == nil && fr.Save != nil {
		role = "save" // a first layer's purposes, saved off (see answerBanner)
	}
	if label, ok := c.mouseClick(ctx, p, fr, role); ok {
		a.Clicks++
		a.Steps = append(a.Steps, label)
	} else if !step(fr.frame, role, false) {
		return
	}
	a.Clicked, a.Error = true, ""
	c.verifyChoice(ctx, p, fr, a, before)
}

// mouseClick clicks a role's button of the banner with the mouse: a
// press and a release at its middle, sent to the tab as input, which the
// page cannot tell from a person's. A button in a frame of another origin
// than the page (a platform's iframe) is pointed at through the frame's
// place in the page (see frameOffset). It reports false, having sent
// nothing, when the button cannot be pointed at: covered by something
// else, or in a frame whose place cannot be told.
func (c *crawler) mouseClick(ctx context.Context, p *pageCtx, fr frameReport, role string) (string, bool) {
	r, err := c.runConsentScript(ctx, p, fr.frame, "point", consentArg{Platform: fr.Platform, Role: role})
	if err != nil || r.Point == nil {
		return "", false
	}
	x, y := r.Point.X, r.Point.Y
	if r.Point.InFrame {
		dx, dy, ok := c.frameOffset(ctx, p, fr.frame, x, y)
		if !ok {
			return "", false
		}
		x, y = x+dx, y+dy
	}
	for _, ev := range []input.DispatchMouseEventParams{
		{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y},
		{Type: input.DispatchMouseEventTypeMousePressed, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1},
		{Type: input.DispatchMouseEventTypeMouseReleased, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1},
	} {
		if err := c.s.tap.call(ctx, p.session, input.DispatchMouseEvent.Method, ev, nil); err != nil {
			return "", false
		}
	}
	return r.ClickedLabel, true
}

// framePoint is where the consent script would click a button: in the
// top window's coordinates, or, InFrame, in those of the button's own
// frame, which is of another origin than its parent.
type framePoint struct {
	X, Y    float64
	InFrame bool
}

// frameOffset is where the page draws a frame of another origin (a
// platform's iframe, cross-site or of another subdomain): the top left of
// the content box of the frame's element in the top document, to add to a
// point in the frame's coordinates (x, y). The frame's element must be
// the top document's, and it (or, for a frame the page's process draws,
// what it holds) must be what shows at the point: ok is false for a frame
// nested deeper, or one covered there.
func (c *crawler) frameOffset(ctx context.Context, p *pageCtx, fr frameRef, x, y float64) (dx, dy float64, ok bool) {
	if fr.top || fr.ctx.frameID == "" {
		return 0, 0, false
	}
	var owner dom.GetFrameOwnerResult
	if err := c.s.tap.call(ctx, p.session, dom.CommandGetFrameOwner, dom.GetFrameOwnerParams{FrameID: fr.ctx.frameID}, &owner); err != nil || owner.BackendNodeID == 0 {
		return 0, 0, false
	}
	var box dom.GetBoxModelResult
	if err := c.s.tap.call(ctx, p.session, dom.CommandGetBoxModel, dom.GetBoxModelParams{BackendNodeID: owner.BackendNodeID}, &box); err != nil || box.Model == nil || len(box.Model.Content) < 2 {
		return 0, 0, false
	}
	dx, dy = box.Model.Content[0], box.Model.Content[1]
	var hit dom.GetNodeForLocationResult
	if err := c.s.tap.call(ctx, p.session, dom.CommandGetNodeForLocation, dom.GetNodeForLocationParams{X: int64(x + dx), Y: int64(y + dy)}, &hit); err != nil || hit.BackendNodeID != owner.BackendNodeID && hit.FrameID != fr.ctx.frameID {
		return 0, 0, false
	}
	return dx, dy, true
}

// bannerBack undoes a refusal made behind the settings when the banner's
// first layer comes back and stays: consent-or-pay walls record the
// refusal, then show the wall again (at once, or after the reload their
// save asks for), for the site is not open to who neither consents nor
// pays. A banner seen at two looks wallHold apart is back; one fading out
// after the click is not seen so long. The page is watched until it is
// quiet with no banner (wallQuiet at least), a reload and its scripts
// included, for wallLook at most.
func (c *crawler) bannerBack(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction) {
	if a.Action != "reject" || !a.Clicked || a.Layer != 2 {
		return
	}
	var seen time.Time
	start := time.Now()
	for end := start.Add(wallLook); ctx.Err() == nil && time.Now().Before(end); {
		sleep(ctx, 500*time.Millisecond)
		// Quiet before the look, which then sees what the page had drawn
		// by then (see searchBanner).
		now := time.Now()
		quiet := now.Sub(start) >= wallQuiet && p.rec.act.quiet(now)
		r, ok := c.findBanner(ctx, p, consentArg{})
		if !ok || r.Platform != fr.Platform || r.Accept == nil || r.Layer2 {
			seen = time.Time{}
			if quiet {
				return
			}
			continue
		}
		if seen.IsZero() {
			seen = time.Now()
			continue
		}
		if time.Since(seen) >= wallHold {
			a.Clicked, a.Verified, a.VerifiedBy = false, false, VerifiedByNone
			a.NoReject, a.BannerBack = true, true
			a.Error = "the banner came back after the refusal: the site lets nobody in who neither consents nor subscribes"
			return
		}
	}
}

// wallLook is how long after a refusal made behind the settings the page
// is watched for the banner's return at most, wallQuiet at least; wallHold
// is how long the banner must stay.
const (
	wallLook  = 12 * time.Second
	wallQuiet = 2 * time.Second
	wallHold  = 1500 * time.Millisecond
)

// shortLabel is a page's text as a step's label: its spaces collapsed,
// cut at 80 characters as consent.js cuts a button's.
func shortLabel(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
