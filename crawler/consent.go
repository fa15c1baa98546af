package crawler

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
)

// pageHooks run on a page between its load and its snapshot: the first
// page of each phase detects or answers the consent banner.
type pageHooks struct {
	afterLoad func(ctx context.Context, p *pageCtx) // before the --wait
	afterWait func(ctx context.Context, p *pageCtx) // after it
	// timers, with --wait auto, is how far ahead the page's timers are
	// watched when that is longer than the wait.
	timers time.Duration
}

// bannerReport is what consent.js returns for one frame.
type bannerReport struct {
	URL          string         `json:"url"`
	Platform     string         `json:"platform"`
	Title        string         `json:"title"`
	Banner       bool           `json:"banner"`
	Layer2       bool           `json:"layer2"`
	Accept       *ConsentButton `json:"accept"`
	Reject       *ConsentButton `json:"reject"`
	Close        *ConsentButton `json:"close"`
	Settings     *ConsentButton `json:"settings"`
	Layer2Reject *ConsentButton `json:"layer2Reject"`
	Save         *ConsentButton `json:"save"`
	// SaveLater is a save button disabled until the purposes are set
	// (every one answered); Save is nil then.
	SaveLater *ConsentButton `json:"saveLater"`
	Confirm   *ConsentButton `json:"confirm"`
	// Next is a step-by-step dialog's "Next" button, in settings that ask
	// about one purpose at a time.
	Next     *ConsentButton `json:"next"`
	Purposes struct {
		Total  int `json:"total"`
		Ticked int `json:"ticked"`
	} `json:"purposes"`
	Clicked      bool              `json:"clicked"`
	ClickedLabel string            `json:"clickedLabel"`
	Selects      bool              `json:"selects"` // the click selected an option (a radio, a check box) instead of pressing a button
	Point        *framePoint       `json:"point"`   // where the mouse clicks the button ("point"), in the top window
	Toggled      []string          `json:"toggled"` // the purposes "tick" or "untick" set
	Records      map[string]string `json:"records"`
	Locked       []string          `json:"locked"` // the purposes the banner holds as required (see withoutLocked)
	Error        string            `json:"error"`
}

// firstPageHooks are the hooks of a phase's first page: the first phase
// looks for a banner once the page has settled and photographs it; a later
// phase answers it as soon as it shows, so that everything after the
// choice is recorded under it.
func (c *crawler) firstPageHooks(pr *phaseRun, click string, known *Banner) pageHooks {
	if click == "" {
		// A banner drawn by a timer due before bannerLook is waited for
		// (see noBannerComing).
		var timers time.Duration
		if c.opts.Consent != ConsentNone {
			timers = bannerLook
		}
		return pageHooks{timers: timers, afterWait: func(ctx context.Context, p *pageCtx) {
			// Platforms often show their banner a second or two after the
			// load: when choices are to be made, look until bannerLook has
			// passed since it, however long the wait was (--wait auto).
			until := time.Now()
			if c.opts.Consent != ConsentNone {
				until = p.at.Add(bannerLook)
			}
			fr, ok, quiet := searchBanner(ctx,
				func() (frameReport, bool) { return c.findBanner(ctx, p, consentArg{}) },
				func() bool { return c.bannerLookOver(p, until) },
				func() bool { return c.noBannerComing(p) },
				func() { sleep(ctx, 250*time.Millisecond) })
			if quiet {
				c.opts.Logger.Debug("no consent banner: the page is quiet", "afterLoad", time.Since(p.at).Round(time.Millisecond))
			}
			if !ok && ctx.Err() == nil {
				fr, ok = c.searchAfterKey(ctx, p, func() (frameReport, bool) { return c.findBanner(ctx, p, consentArg{}) })
			}
			if !ok {
				return
			}
			c.nameBehind(ctx, p, &fr)
			pr.banner = fr.banner()
			sctx, cancel := context.WithTimeout(p.tab, 10*time.Second)
			defer cancel()
			shot, err := c.s.tap.callResult(sctx, p.session, page.CaptureScreenshot.Method, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
			if err == nil {
				pr.screenshot = shot
			}
		}}
	}
	return pageHooks{afterLoad: func(ctx context.Context, p *pageCtx) {
		pr.action = c.answerBanner(ctx, p, pr.phase, click, known)
	}}
}

// secondLayerWait is how long the second layer of a banner is looked for
// after its settings button was clicked. It is spent in full only on a
// banner whose settings offer no way to refuse.
const secondLayerWait = 10 * time.Second

// frameReport is a banner report with the frame it came from.
type frameReport struct {
	frame frameRef
	bannerReport
	// behind names the platform whose API a banner of no known markup
	// was drawn over (see nameBehind).
	behind string
}

func (f frameReport) banner() *Banner {
	title := f.Title
	if f.behind != "" {
		title = kit().byName[f.behind].Title
	}
	return &Banner{Platform: f.name(), Title: title, Frame: f.URL, Accept: f.Accept, Reject: f.Reject, Settings: f.Settings}
}

// name is the platform reports give the banner: its rule's, or, for a
// banner of no known markup, the platform whose API the page loaded.
func (f frameReport) name() string {
	return cmp.Or(f.behind, f.Platform)
}

// score ranks banner reports: a known platform over a generic match, one
// that is shown over one that is only present, more buttons over fewer.
func (r bannerReport) score() int {
	s := 0
	if r.Platform != "generic" {
		s += 8
	}
	if r.Accept != nil {
		s += 4
	}
	if r.Reject != nil {
		s += 2
	}
	if r.Settings != nil || r.Layer2 {
		s++
	}
	return s
}

// findBanner runs consent.js in every frame of the page, the top document
// first, and returns the best banner.
func (c *crawler) findBanner(ctx context.Context, p *pageCtx, arg consentArg) (frameReport, bool) {
	var best frameReport
	found := false
	for _, f := range p.frames() {
		r, err := c.runConsentScript(ctx, p, f, "detect", arg)
		if err != nil || !r.Banner {
			continue
		}
		if !found || r.score() > best.score() {
			best, found = frameReport{frame: f, bannerReport: r}, true
		}
	}
	return best, found
}

// cmpWait is how long a phase passes over a site's own notice for the
// dialog of a consent platform the page runs (see awaitCMP).
const cmpWait = 3 * time.Second

// awaitCMP reports whether a notice of no known platform with an accept
// alone is to be passed over for a while: the page runs an IAB TCF
// consent platform (its __tcfapi is there) whose dialog may show after
// the site's own notice, as Funding Choices' does beside a news site's
// bar. The platform's dialog is the choice that counts.
func (c *crawler) awaitCMP(ctx context.Context, p *pageCtx, fr frameReport, began time.Time) bool {
	if fr.Platform != "generic" || fr.Reject != nil || fr.Settings != nil || time.Since(began) >= cmpWait {
		return false
	}
	var tcf bool
	raw := c.evalIn(ctx, p, p.topFrame(), `typeof window.__tcfapi === "function"`)
	return raw != nil && json.Unmarshal(raw, &tcf) == nil && tcf
}

// answerBanner waits for the banner and makes the choice: accept in the
// first layer; reject in the first layer, or behind the settings (reject
// all there, or untick every purpose and save). Then it verifies the
// choice with the platform's own state. known is the banner the first
// phase found once its first page had settled: when it has no way to make
// this choice, a short look is enough.
func (c *crawler) answerBanner(ctx context.Context, p *pageCtx, ph Phase, click string, known *Banner) *ConsentAction {
	a := &ConsentAction{Phase: ph, Action: click, VerifiedBy: VerifiedByNone}
	began := time.Now()
	defer func() {
		c.opts.Logger.Debug("consent choice", "phase", ph, "click", click, "platform", a.Platform, "clicked", a.Clicked,
			"verified", a.VerifiedBy, "error", a.Error, "took", time.Since(began).Round(time.Millisecond))
	}()
	// A first layer that the first phase saw whole, with settings and no
	// accept (a notice whose "Accept all" is in its settings), is
	// accepted in its second layer.
	acceptInside := click == "accept" && known != nil && known.Accept == nil && known.Settings != nil
	can := func(r bannerReport) bool {
		if click == "accept" {
			return r.Accept != nil || acceptInside && r.Settings != nil || tickAndSave(r)
		}
		return r.Reject != nil || r.Close != nil || r.Settings != nil || (r.Save != nil || r.SaveLater != nil) && r.Purposes.Total > 0
	}
	// A banner the first phase saw is coming, awaited as long as a page's load.
	wait := min(c.opts.PageTimeout, 10*time.Second)
	if known != nil {
		wait = c.opts.PageTimeout
	}
	if known != nil && known.Accept != nil && click == "reject" && known.Reject == nil && known.Settings == nil {
		// The whole first layer was seen, and it has no way to refuse.
		wait = min(wait, 3*time.Second)
	}
	deadline := time.Now().Add(wait)
	var fr frameReport
	pressed := false // a banner may wait for a key press (see pressShift)
	for {
		// Past the deadline, one more look (see searchBanner).
		late := time.Now().After(deadline)
		var ok bool
		fr, ok = c.findBanner(ctx, p, consentArg{})
		if ok && can(fr.bannerReport) && !c.awaitCMP(ctx, p, fr, began) {
			break
		}
		if ctx.Err() != nil || late {
			switch {
			case ok:
				c.nameBehind(ctx, p, &fr)
				a.Platform, a.Frame = fr.name(), fr.URL
				a.Error = fmt.Sprintf("the banner has no %s button", click)
				a.NoReject = click == "reject"
			default:
				a.Error = "no consent banner found"
			}
			return a
		}
		if !ok && !pressed && time.Since(began) >= keyAfter {
			c.pressShift(ctx, p)
			pressed = true
		}
		sleep(ctx, 250*time.Millisecond)
	}
	c.nameBehind(ctx, p, &fr)
	a.Platform, a.Frame = fr.name(), fr.URL
	before := c.choiceEvidence(ctx, p, fr)

	// A choice the page asks to confirm in the browser's own dialog
	// ("Reject them anyway?") is confirmed, and the step says so.
	p.rec.confirming(true)
	defer p.rec.confirming(false)
	confirmed := func() {
		for _, m := range p.rec.takeConfirmed() {
			a.Steps = append(a.Steps, "OK to the page's confirm dialog \""+shortLabel(m)+"\"")
		}
	}
	selected := false
	step := func(f frameRef, role string, layer2 bool) bool {
		defer confirmed()
		if rule := kit().byName[fr.Platform]; rule != nil && rule.Trusted && !layer2 && f == fr.frame && role != "settings" {
			if label, ok := c.mouseClick(ctx, p, fr, role); ok {
				a.Clicks++
				a.Steps = append(a.Steps, label)
				return true
			}
		}
		arg := consentArg{Platform: fr.Platform, Role: role, Layer2: layer2}
		r, err := c.runConsentScript(ctx, p, f, "click", arg)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			// A loaded machine answered too late, and the click may have
			// landed: once more, and a button gone by then was clicked
			// (the platform's state verifies the choice).
			r, err = c.runConsentScript(ctx, p, f, "click", arg)
			if err == nil && !r.Clicked {
				err = errFrameGone
			}
		}
		if errors.Is(err, errFrameGone) {
			a.Clicks++
			a.Steps = append(a.Steps, role)
			selected = false
			return true
		}
		if err == nil && !r.Clicked && r.Error == "" {
			// The banner was not found at the click (a button missing
			// says so): on a loaded machine the page may still be
			// drawing or redrawing it. Once more, a moment later.
			sleep(ctx, 500*time.Millisecond)
			r, err = c.runConsentScript(ctx, p, f, "click", arg)
		}
		if err != nil || !r.Clicked {
			a.Error = fmt.Sprintf("clicking %s: %s", role, cmp.Or(r.Error, errText(err)))
			return false
		}
		a.Clicks++
		a.Steps = append(a.Steps, r.ClickedLabel)
		selected = r.Selects
		return true
	}
	// A first layer whose choices are options (a consent level picked with
	// a radio button, then "Save") stores nothing until it is saved.
	saveSelected := func() bool {
		if !selected {
			return true
		}
		sleep(ctx, 300*time.Millisecond)
		r, err := c.runConsentScript(ctx, p, fr.frame, "detect", consentArg{Platform: fr.Platform})
		if err != nil || r.Save == nil {
			return true
		}
		return step(fr.frame, "save", false)
	}
	switch {
	case click == "accept" && tickAndSave(fr.bannerReport):
		// Purposes and a save button in the first layer, and no accept
		// ("Confirm selection" beside "Only necessary").
		a.Layer = 1
		if saved, _ := c.setPurposesAndSave(ctx, p, fr, fr, a, step, "tick", false); !saved {
			return a
		}
	case click == "accept" && fr.Accept == nil:
		if !c.acceptInSettings(ctx, p, fr, a, step) {
			return a
		}
	case click == "accept":
		a.Button, a.Layer = fr.Accept, 1
		if !step(fr.frame, "accept", false) || !saveSelected() {
			return a
		}
	case fr.Reject != nil:
		a.Button, a.Layer = fr.Reject, 1
		if !step(fr.frame, "reject", false) || !saveSelected() || !c.confirmReject(ctx, p, fr, step) {
			return a
		}
	case fr.Close != nil && c.closeRefuses(ctx, p, fr):
		// The product records a close as a refusal (Italy's and France's
		// authorities ask that closing the banner refuse).
		a.Button, a.Layer = fr.Close, 1
		if !step(fr.frame, "close", false) {
			return a
		}
	case fr.Close != nil && fr.Settings == nil && (fr.Save == nil || fr.Purposes.Total == 0):
		// A close that keeps the purposes as they are, and nothing else
		// but an accept: no way to refuse.
		a.Error = "the banner has no reject button"
		a.NoReject = true
		return a
	case fr.Settings == nil && (fr.Save != nil || fr.SaveLater != nil) && fr.Purposes.Total > 0:
		// Purposes and a save button right in the first layer (perhaps
		// disabled until every purpose is answered).
		a.Layer, a.Preticked = 1, fr.Purposes.Ticked
		if saved, _ := c.setPurposesAndSave(ctx, p, fr, fr, a, step, "untick", false); !saved {
			return a
		}
	case fr.Save != nil && fr.Purposes.Total > 0 && fr.Purposes.Ticked == 0:
		// A first-layer save whose purposes (maybe folded) are all off.
		a.Layer = 1
		if saved, _ := c.setPurposesAndSave(ctx, p, fr, fr, a, step, "untick", false); !saved {
			return a
		}
	default:
		if !c.rejectInSettings(ctx, p, fr, a, step) {
			return a
		}
	}
	a.Clicked = true
	c.verifyChoice(ctx, p, fr, a, before)
	c.clickAgain(ctx, p, fr, a, before, click, step)
	c.bannerBack(ctx, p, fr, a)
	if a.Verified && fr.behind == "" {
		// The platform's script may have come after the banner (a site
		// that renders its own banner and loads the SDK seconds later):
		// by the time the choice is verified, it is there.
		c.nameBehind(ctx, p, &fr)
		a.Platform = fr.name()
	}
	return a
}

// nameLate names a banner of no known markup that the first phase found
// before the platform script behind it had loaded, after the platform a
// later phase found behind it once its choice was verified; not when two
// phases found two platforms.
func nameLate(b *Banner, actions []ConsentAction) {
	if b == nil || b.Platform != "generic" {
		return
	}
	name := ""
	for _, a := range actions {
		if !a.Verified || a.Platform == "" || a.Platform == "generic" {
			continue
		}
		if name != "" && a.Platform != name {
			return
		}
		name = a.Platform
	}
	if r := kit().byName[name]; r != nil {
		b.Platform, b.Title = name, r.Title
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// callResult sends a command whose result has a binary Data field (a
// screenshot) and returns it.
func (t *tap) callResult(ctx context.Context, s target.SessionID, method string, params any) ([]byte, error) {
	var res struct {
		Data []byte `json:"data"`
	}
	if err := t.call(ctx, s, method, params, &res); err != nil {
		return nil, err
	}
	return res.Data, nil
}
