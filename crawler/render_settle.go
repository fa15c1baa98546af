package crawler

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// settleScript runs in each document of a rendered policy page before its
// own scripts (with --wait auto) and counts what may still change the
// page: DOM mutations, timers due within the bound (a timer cleared early
// still counts until it was due) and intervals running.
const settleScript = `(() => {
	if (window.__cookieauditSettle) return;
	const s = window.__cookieauditSettle = { mutations: 0, until: 0, intervals: new Set() };
	const limit = __LIMIT__;
	const st = window.setTimeout, si = window.setInterval, ci = window.clearInterval;
	window.setTimeout = function (fn, ms, ...rest) {
		const d = Number(ms) || 0;
		if (d <= limit) s.until = Math.max(s.until, Date.now() + d);
		return st.call(this, fn, ms, ...rest);
	};
	window.setInterval = function (fn, ms, ...rest) {
		const id = si.call(this, fn, ms, ...rest);
		if ((Number(ms) || 0) <= limit) s.intervals.add(id);
		return id;
	};
	window.clearInterval = function (id) {
		s.intervals.delete(id);
		return ci.call(this, id);
	};
	new MutationObserver(() => { s.mutations++; }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`

// settleState reads the counts of settleScript: mutations so far,
// milliseconds until the last timer is due, intervals running.
const settleState = `(() => {
	const s = window.__cookieauditSettle;
	return s ? [s.mutations, Math.max(0, s.until - Date.now()), s.intervals.size] : [0, 0, 0];
})()`

// settler tells when a rendered page has settled: no request in flight,
// no timer due, no interval running and no DOM change for quietFor.
type settler struct {
	act activity
}

// watchSettling prepares the tab of a page about to be rendered with an
// automatic wait: it counts the tab's requests and adds settleScript to
// every document.
func watchSettling(tabCtx context.Context, limit time.Duration) (*settler, error) {
	st := &settler{}
	if err := chromedp.Listen(tabCtx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			st.act.started(ev.RequestID, ev.Type, ev.Request.URL)
		case *network.EventLoadingFinished:
			st.act.ended(time.Now(), ev.RequestID)
		case *network.EventLoadingFailed:
			st.act.ended(time.Now(), ev.RequestID)
		}
	}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tabCtx, network.Enable, network.EnableParams{}); err != nil {
		return nil, err
	}
	src := strings.Replace(settleScript, "__LIMIT__", strconv.FormatInt(limit.Milliseconds(), 10), 1)
	if _, err := chromedp.Call(tabCtx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		return nil, err
	}
	return st, nil
}

// wait returns once the page has settled, or when limit has passed since
// the call, or ctx ends.
func (st *settler) wait(ctx, tabCtx context.Context, limit time.Duration, log *slog.Logger) {
	start := time.Now()
	st.act.touch(start)
	mutations := -1
	switch pollUntil(ctx, limit, func(_, deadline time.Time) bool {
		ectx, cancel := context.WithTimeout(tabCtx, time.Until(deadline))
		state, err := chromedp.Run(ectx, chromedp.Evaluate[[3]int](settleState))
		cancel()
		if err != nil {
			log.Debug("reading the policy page's state", "err", err)
			return false // a navigation in between: ask again
		}
		now := time.Now()
		if state[0] != mutations {
			mutations = state[0]
			st.act.touch(now)
		}
		if state[1] > 0 || state[2] > 0 {
			st.act.onTimer(now, now.Add(time.Duration(state[1])*time.Millisecond))
		}
		// An interval running keeps the page unsettled: to the bound.
		return state[2] == 0 && st.act.quiet(now)
	}) {
	case pollDone:
		log.Debug("the policy page settled", "after", time.Since(start).Round(time.Millisecond))
	case pollBound:
		log.Debug("the policy page did not settle before the wait's bound", "bound", limit)
	}
}
