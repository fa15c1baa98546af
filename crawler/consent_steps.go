package crawler

import (
	"context"
	"errors"
	"time"
)

// Steps of a consent choice beyond its first click.

// confirmReject answers the confirmation a platform asks for after its
// first layer's reject ("Are you sure?" "OK"), when its rule names one:
// the confirmation is awaited for a few seconds, then clicked.
func (c *crawler) confirmReject(ctx context.Context, p *pageCtx, fr frameReport, step func(frameRef, string, bool) bool) bool {
	if rule, ok := kit().byName[fr.Platform]; !ok || len(rule.Confirm) == 0 {
		return true
	}
	deadline := time.Now().Add(3 * time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		sleep(ctx, 250*time.Millisecond)
		r, err := c.runConsentScript(ctx, p, fr.frame, "detect", consentArg{Platform: fr.Platform})
		if errors.Is(err, errFrameGone) || err == nil && !r.Banner {
			return true // the banner went: nothing to confirm
		}
		if err == nil && r.Confirm != nil {
			return step(fr.frame, "confirm", false)
		}
	}
	return true
}

// clickAgain makes a first-layer choice once more when its only click
// changed nothing: the banner still shown, nothing recorded. Some banners
// draw their buttons before they wire them (tarteaucitron wires them half
// a second after showing them), so a click made as soon as the banner
// shows is lost; a visitor, slower, would not notice.
func (c *crawler) clickAgain(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, before choiceEvidence, click string, step func(frameRef, string, bool) bool) {
	if a.Clicked || a.Layer != 1 || len(a.Steps) != 1 || ctx.Err() != nil {
		return
	}
	sleep(ctx, time.Second)
	if !step(fr.frame, click, false) {
		return
	}
	a.Clicked, a.Error = true, ""
	c.verifyChoice(ctx, p, fr, a, before)
}
