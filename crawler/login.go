package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// LoginStep is one step of the login run before each phase's crawl (see
// Options.Login).
type LoginStep struct {
	// Action is "goto" (Target is a URL), "fill" (type Value into the
	// field Target, a CSS selector), "click" (the element Target) or
	// "wait" (until the element Target is visible).
	Action string
	Target string
	Value  string
	// Where names the step for errors, such as "login.yaml:4"; it must not
	// hold Value, which may be a secret.
	Where string
}

// LoginError is a login step that failed: the phase could not log in.
type LoginError struct {
	Phase Phase
	Step  LoginStep
	Err   error
}

func (e *LoginError) Error() string {
	return fmt.Sprintf("logging in for the %s phase: step %s %s %q: %v", e.Phase, e.Step.Where, e.Step.Action, e.Step.Target, e.Err)
}

func (e *LoginError) Unwrap() []error { return []error{e.Err, ErrIncomplete} }

// login runs Options.Login in a tab of the phase's browser context, then
// closes the tab: what the login leaves (its cookies, its storage) is the
// context's, and every page of the phase is crawled logged in. Each step
// has the page timeout. The tab is watched as a page is: the login's
// cookie and storage writes come back as a visit of the page where the
// login ended, so that a session cookie it got is reported with who set
// it, rather than as found in the jar.
func (c *crawler) login(ctx context.Context, tabs tabSource, ph Phase) (*visit, error) {
	t, err := tabs.open()
	if err != nil {
		return nil, &LoginError{Phase: ph, Step: LoginStep{Action: "open", Where: "a tab"}, Err: err}
	}
	defer c.closeTab(t)
	// The recorder also lets the login's requests go on with the headers.
	rec := newRecorder(t.ctx, c.s.tap, cdp.FrameID(t.id), c.opts.Logger, c.opts.PageTimeout)
	rec.headers, rec.scope = c.opts.Headers, c.scope
	c.s.tap.watchSession(t.sess, rec)
	t.rec = rec
	if err := rec.configure(t.ctx, t.sess, false, false); err != nil {
		return nil, &LoginError{Phase: ph, Step: LoginStep{Action: "configure", Where: "the login tab"}, Err: err}
	}
	for _, st := range c.opts.Login {
		if err := c.loginStep(ctx, t, st); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("not done after %s (--page-timeout)", c.opts.PageTimeout)
			}
			return nil, &LoginError{Phase: ph, Step: st, Err: err}
		}
		c.opts.Logger.Debug("login step done", "phase", ph, "step", st.Where, "action", st.Action)
	}
	v := &visit{page: Page{URL: c.start.String()}, login: true}
	lctx, cancel := context.WithTimeout(t.ctx, 5*time.Second)
	if href, err := chromedp.Run(lctx, chromedp.Evaluate[string](`String(location.href)`)); err == nil && href != "" {
		v.page.URL = href
	}
	cancel()
	if u, err := url.Parse(v.page.URL); err == nil {
		v.topSite = topLevelSite(u)
	}
	v.writes, v.sent, _, _ = rec.snapshot()
	v.storage = rec.storageWrites()
	return v, nil
}

// clickScript clicks the first element that matches a selector, as a
// script does: a consent banner laid over the form does not take the
// click.
const clickScript = `((sel) => { const el = document.querySelector(sel); if (!el) return false; el.click(); return true; })(%s)`

func (c *crawler) loginStep(ctx context.Context, t *tab, st LoginStep) error {
	sctx, cancel := context.WithTimeout(t.ctx, c.opts.PageTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	switch st.Action {
	case "goto":
		resp, err := chromedp.Run(sctx, chromedp.NavigateResponse(st.Target))
		if err != nil {
			return err
		}
		if resp != nil && resp.Status >= 400 {
			return fmt.Errorf("the server answered HTTP status %d", resp.Status)
		}
		return nil
	case "fill":
		return chromedp.Do(sctx, chromedp.WaitVisible(chromedp.CSS(st.Target)), chromedp.SendKeys(chromedp.CSS(st.Target), st.Value))
	case "click":
		if err := chromedp.Do(sctx, chromedp.WaitVisible(chromedp.CSS(st.Target))); err != nil {
			return err
		}
		sel, _ := json.Marshal(st.Target)
		ok, err := chromedp.Run(sctx, chromedp.Evaluate[bool](fmt.Sprintf(clickScript, sel)))
		if err == nil && !ok {
			err = errors.New("no element matches")
		}
		return err
	case "wait":
		return chromedp.Do(sctx, chromedp.WaitVisible(chromedp.CSS(st.Target)))
	}
	return fmt.Errorf("unknown action %q", st.Action)
}
