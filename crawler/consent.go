package crawler

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
)

//go:embed consent.js
var consentSource string

// pageHooks run on a page between its load and its snapshot: the first
// page of each phase detects or answers the consent banner.
type pageHooks struct {
	afterLoad func(ctx context.Context, p *pageCtx) // before the --wait
	afterWait func(ctx context.Context, p *pageCtx) // after it
}

// pageCtx is a page being visited.
type pageCtx struct {
	tab     context.Context
	session target.SessionID
	rec     *recorder
	loaded  bool
}

// bannerReport is what consent.js returns for one frame.
type bannerReport struct {
	URL      string         `json:"url"`
	Platform string         `json:"platform"`
	Banner   bool           `json:"banner"`
	API      *bool          `json:"api"`
	Accept   *ConsentButton `json:"accept"`
	Reject   *ConsentButton `json:"reject"`
	Clicked  bool           `json:"clicked"`
	Error    string         `json:"error"`
}

// firstPageHooks are the hooks of a phase's first page: the first phase
// looks for a banner once the page has settled and photographs it; a later
// phase clicks as soon as the banner shows, so that everything after the
// click is recorded under the choice.
func (c *crawler) firstPageHooks(pr *phaseRun, click string, known *Banner) pageHooks {
	if click == "" {
		return pageHooks{afterWait: func(ctx context.Context, p *pageCtx) {
			fr, ok := c.findBanner(ctx, p, "detect")
			if !ok {
				return
			}
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

// frameReport is a banner report with the session of its frame.
type frameReport struct {
	session target.SessionID
	bannerReport
}

func (f frameReport) banner() *Banner {
	return &Banner{Platform: f.Platform, Frame: f.URL, Accept: f.Accept, Reject: f.Reject}
}

// findBanner runs consent.js in every frame of the page, the top document
// first, and returns the best banner: a known platform over a generic
// match, one with both buttons over one with fewer.
func (c *crawler) findBanner(ctx context.Context, p *pageCtx, mode string) (frameReport, bool) {
	var best frameReport
	found := false
	score := func(r bannerReport) int {
		s := 0
		if r.Platform != "generic" {
			s += 4
		}
		if r.Accept != nil {
			s += 2
		}
		if r.Reject != nil {
			s++
		}
		return s
	}
	for _, s := range append([]target.SessionID{p.session}, p.rec.children()...) {
		r, err := c.runConsentScript(ctx, p.tab, s, mode)
		if err != nil || !r.Banner {
			continue
		}
		if !found || score(r) > score(best.bannerReport) {
			best, found = frameReport{session: s, bannerReport: r}, true
		}
	}
	return best, found
}

func (c *crawler) runConsentScript(ctx, tab context.Context, s target.SessionID, mode string) (bannerReport, error) {
	var r bannerReport
	args, _ := json.Marshal([]string{mode, c.opts.AcceptSelector, c.opts.RejectSelector})
	expr := "(" + consentSource + ")(..." + string(args) + ")"
	ectx, cancel := context.WithTimeout(tab, 5*time.Second)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	var res runtime.EvaluateResult
	err := c.s.tap.call(ectx, s, runtime.Evaluate.Method, runtime.EvaluateParams{
		Expression: expr, ReturnByValue: new(true), Silent: new(true),
	}, &res)
	if err != nil {
		return r, err
	}
	if res.ExceptionDetails != nil {
		return r, fmt.Errorf("consent script: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || len(res.Result.Value) == 0 {
		return r, fmt.Errorf("consent script returned nothing")
	}
	err = json.Unmarshal(res.Result.Value, &r)
	return r, err
}

// answerBanner waits for the banner, clicks accept or reject, and checks
// that the choice took: the button went away or the platform's API reports
// a choice. known is the banner the first phase found once its first page
// had settled: when it has no such button, a short look is enough.
func (c *crawler) answerBanner(ctx context.Context, p *pageCtx, ph Phase, click string, known *Banner) *ConsentAction {
	a := &ConsentAction{Phase: ph, Action: click}
	wait := min(c.opts.PageTimeout, 10*time.Second)
	if known != nil && (click == "accept" && known.Accept == nil || click == "reject" && known.Reject == nil) {
		wait = min(wait, 2*time.Second)
	}
	deadline := time.Now().Add(wait)
	var fr frameReport
	for {
		var ok bool
		fr, ok = c.findBanner(ctx, p, "detect")
		if ok && (click == "accept" && fr.Accept != nil || click == "reject" && fr.Reject != nil) {
			break
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			switch {
			case ok:
				a.Platform, a.Frame = fr.Platform, fr.URL
				a.Error = fmt.Sprintf("the banner has no %s button", click)
			default:
				a.Error = "no consent banner found"
			}
			return a
		}
		sleep(ctx, 250*time.Millisecond)
	}
	a.Platform, a.Frame = fr.Platform, fr.URL
	r, err := c.runConsentScript(ctx, p.tab, fr.session, click)
	if err != nil || !r.Clicked {
		a.Error = fmt.Sprintf("clicking %s: %v%s", click, err, r.Error)
		return a
	}
	a.Clicked = true
	if click == "accept" {
		a.Button = r.Accept
	} else {
		a.Button = r.Reject
	}
	// Verify: within a few seconds the button is gone (the banner closed,
	// or its iframe was removed), or the platform says a choice was made.
	until := time.Now().Add(5 * time.Second)
	for time.Now().Before(until) && ctx.Err() == nil {
		sleep(ctx, 200*time.Millisecond)
		after, err := c.runConsentScript(ctx, p.tab, fr.session, "detect")
		gone := err != nil || (click == "accept" && after.Accept == nil) || (click == "reject" && after.Reject == nil)
		if gone || (after.API != nil && *after.API) {
			a.Verified = true
			return a
		}
	}
	a.Error = "the banner was still shown after the click"
	return a
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
