package crawler

// The second layer of a banner: its settings, where a refusal or an
// acceptance is made when the first layer offers none.

import (
	"context"
	"time"
)

// rejectInSettings opens the banner's second layer and refuses there:
// "reject all" when it has one, else every purpose unticked and saved.
func (c *crawler) rejectInSettings(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, step func(frameRef, string, bool) bool) bool {
	l2, ok := c.secondLayer(ctx, p, fr, a, step, func(r bannerReport) bool {
		return r.Layer2Reject != nil || r.Save != nil || r.SaveLater != nil
	})
	if !ok {
		if a.Error == "" {
			a.NoReject = true
			a.Error = "the banner's settings offer no reject and no save button"
		}
		return false
	}
	a.Preticked = l2.Purposes.Ticked
	if l2.Layer2Reject != nil {
		a.Button = l2.Layer2Reject
		if !step(l2.frame, "layer2Reject", true) {
			return false
		}
		c.refuseSteps(ctx, p, fr, l2.frame, step)
		// Some "reject all" buttons only untick the purposes: the choice
		// is then saved like any other. A panel still open with purposes
		// ticked is one whose "reject all" stored the refusal as it was
		// (CookieYes: its switches stay on while it closes, late on a
		// loaded machine): its save would store the ticks, an acceptance.
		// Its purposes are unticked first, so that the save refuses too.
		r, ok := c.layer2Again(ctx, p, fr, l2.frame)
		switch {
		case !ok || r.Save == nil:
		case r.Purposes.Ticked > 0:
			c.setPurposesAndSave(ctx, p, fr, frameReport{frame: l2.frame, bannerReport: r}, a, step, "untick", true)
			a.Button = l2.Layer2Reject
			a.Error = "" // the panel closed on its own meanwhile: the platform's state tells
		case !step(l2.frame, "save", true):
			// The panel closed on its own meanwhile, as its "reject all"
			// stored the choice: the platform's state tells.
			a.Error = ""
		}
		return true
	}
	saved, stuck := c.setPurposesAndSave(ctx, p, fr, l2, a, step, "untick", true)
	if stuck {
		a.NoReject = true
		a.Error = "the banner's settings keep their save button disabled after every purpose is refused"
	}
	return saved
}

// refuseSteps refuses what settings show after their "reject all" while
// they show no save, up to maxSteps steps: settings that ask about one
// purpose at a time show the next question, with its own refusal, in
// place of the one answered; settings that take a refusal one view at a
// time show "Next" (an older Sibbo's consent view, then its
// legitimate-interest one), which is followed and the new view's "reject
// all" clicked.
func (c *crawler) refuseSteps(ctx context.Context, p *pageCtx, fr frameReport, f frameRef, step func(frameRef, string, bool) bool) {
	for range maxSteps {
		r, ok := c.layer2Again(ctx, p, fr, f)
		switch {
		case !ok || r.Save != nil:
			return
		case r.Layer2Reject != nil && r.Purposes.Total == 0:
			if !step(f, "layer2Reject", true) {
				return
			}
		case r.Next != nil:
			if !step(f, "next", true) {
				return
			}
			if r, ok := c.layer2Again(ctx, p, fr, f); !ok || r.Layer2Reject == nil || !step(f, "layer2Reject", true) {
				return
			}
		default:
			return
		}
	}
}

// layer2Again looks at the banner's settings in frame f again, after a
// pause for the page to answer a click, and reports whether they still
// show.
func (c *crawler) layer2Again(ctx context.Context, p *pageCtx, fr frameReport, f frameRef) (bannerReport, bool) {
	sleep(ctx, 300*time.Millisecond)
	r, err := c.runConsentScript(ctx, p, f, "detect", consentArg{Platform: fr.Platform, Layer2: true})
	return r, err == nil && r.Layer2
}

// maxSteps bounds the steps of settings that ask about one purpose at a
// time: "Next" clicks before the first question, and refusals after it.
const maxSteps = 4

// setPurposesAndSave sets every purpose of the layer l2 one way (how:
// "untick" to refuse, "tick" to accept), then clicks its save; layer2
// says whether l2 is the settings or the first layer itself. A
// save that is disabled until every purpose is answered is looked for
// again once they are; stuck reports one that stays disabled (a
// consent-or-pay wall's, until one is agreed to).
func (c *crawler) setPurposesAndSave(ctx context.Context, p *pageCtx, fr frameReport, l2 frameReport, a *ConsentAction, step func(frameRef, string, bool) bool, how string, layer2 bool) (saved, stuck bool) {
	arg := consentArg{Platform: fr.Platform, Layer2: layer2}
	r, err := c.runConsentScript(ctx, p, l2.frame, how, arg)
	if err != nil {
		a.Error = map[string]string{"untick": "unticking", "tick": "ticking"}[how] + " the purposes: " + err.Error()
		return false, false
	}
	a.Clicks += len(r.Toggled)
	a.Button = l2.Save
	if l2.Save == nil {
		sleep(ctx, 300*time.Millisecond)
		r, err = c.runConsentScript(ctx, p, l2.frame, "detect", arg)
		if err != nil || r.Save == nil {
			return false, true
		}
		a.Button = r.Save
	}
	return step(l2.frame, "save", layer2), false
}

// secondLayer opens the banner's settings and returns the second layer
// once it shows what want asks for. The second layer may open in another
// frame (a privacy manager in an iframe of its own, which a loaded machine
// takes seconds to load): every frame is looked in, for up to
// secondLayerWait.
func (c *crawler) secondLayer(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, step func(frameRef, string, bool) bool, want func(bannerReport) bool) (frameReport, bool) {
	a.Layer = 2
	if !step(fr.frame, "settings", false) {
		return frameReport{}, false
	}
	start := time.Now()
	deadline := start.Add(secondLayerWait)
	deeper := false
	nexts, stepped := 0, start
	for {
		sleep(ctx, 250*time.Millisecond)
		// Past the deadline, one more look (see searchBanner).
		late := time.Now().After(deadline)
		var l2 frameReport
		found := false
		var nested, next *frameRef
		for _, f := range p.frames() {
			r, err := c.runConsentScript(ctx, p, f, "detect", consentArg{Platform: fr.Platform, Layer2: true})
			if err == nil && want(r) {
				l2, found = frameReport{frame: f, bannerReport: r}, true
				if f == fr.frame {
					break
				}
			}
			if err == nil && nested == nil && r.Layer2 && r.Settings != nil && (fr.Settings == nil || r.Settings.Label != fr.Settings.Label) {
				nested = &f
			}
			if err == nil && next == nil && r.Layer2 && r.Next != nil {
				next = &f
			}
		}
		if found {
			return l2, true
		}
		// Settings that ask about one purpose at a time, behind a first
		// step that only explains ("Next"): stepped through, a step at a
		// time once it has shown for a second, up to maxSteps.
		if next != nil && nexts < maxSteps && time.Since(stepped) > time.Second {
			nexts++
			if !step(*next, "next", true) {
				return frameReport{}, false
			}
			stepped = time.Now()
			deadline = stepped.Add(secondLayerWait)
			continue
		}
		// Settings that open on an overview of their own, whose purposes
		// are behind one more button ("Manage settings"): that button,
		// not the one that opened the overview, is clicked once, when the
		// overview has shown for a second and a half without what is
		// wanted.
		if !deeper && nested != nil && time.Since(start) > 1500*time.Millisecond {
			deeper = true
			if !step(*nested, "settings", true) {
				return frameReport{}, false
			}
			deadline = time.Now().Add(secondLayerWait)
			continue
		}
		if ctx.Err() != nil || late {
			return frameReport{}, false
		}
	}
}

// acceptInSettings accepts in the banner's second layer, for a first layer
// that offers only its settings: its "accept all", or, where it has none,
// every purpose ticked and saved.
func (c *crawler) acceptInSettings(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, step func(frameRef, string, bool) bool) bool {
	l2, ok := c.secondLayer(ctx, p, fr, a, step, func(r bannerReport) bool {
		return r.Accept != nil || (r.Save != nil || r.SaveLater != nil) && r.Purposes.Total > 0
	})
	if !ok {
		if a.Error == "" {
			a.Error = "the banner's settings offer no accept button"
		}
		return false
	}
	if l2.Accept != nil {
		a.Button = l2.Accept
		return step(l2.frame, "accept", true)
	}
	// Settings with no "accept all": every purpose ticked, then saved.
	saved, stuck := c.setPurposesAndSave(ctx, p, fr, l2, a, step, "tick", true)
	if stuck {
		a.Error = "the banner's settings keep their save button disabled after every purpose is accepted"
	}
	return saved
}

// tickAndSave reports whether a first layer is accepted by ticking its
// purposes and saving them: it shows purposes and a save button, and
// neither an accept nor a way to settings.
func tickAndSave(r bannerReport) bool {
	return r.Accept == nil && r.Settings == nil && r.Save != nil && r.Purposes.Total > 0
}
