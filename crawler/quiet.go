package crawler

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
)

// quietFor is how long a page must show no activity before an automatic
// wait (--wait auto) ends: it bridges the gap between a response and the
// script it starts, and the delay of the events on a loaded machine.
const quietFor = 500 * time.Millisecond

// activity is what may still set a cookie on a page: requests in flight,
// timers due soon (reported by hook.js) and recent cookie writes. It is
// kept by the page's recorder, from every session below the tab.
type activity struct {
	mu       sync.Mutex
	inflight map[network.RequestID]string
	// timers is when the last timer of the page that hook.js reported is
	// due; last is the time of the last request ended, timer set or
	// cookie written.
	timers time.Time
	last   time.Time
	// waiting holds, per frame's hook, when its timeouts that have not
	// run yet are due (see hook.js). A timeout that a loaded machine runs
	// late keeps the page busy until it has run, or until timerGrace has
	// passed since it was due: its frame may be gone.
	waiting map[string]time.Time
}

// timerGrace bounds how long after it was due a timeout that has not run
// keeps a page busy.
const timerGrace = 10 * time.Second

// onEvent notes the start and end of a request. A request is known by its
// id alone: the document of a cross-site iframe is requested in the
// parent's session and loaded in the iframe's.
func (a *activity) onEvent(now time.Time, method string, params jsonv2.Value) {
	var ev struct {
		RequestID network.RequestID    `json:"requestId"`
		Type      network.ResourceType `json:"type"`
		Request   *struct {
			URL string `json:"url"`
		} `json:"request"`
	}
	switch method {
	case network.RequestWillBeSent.Method:
		if decode(params, &ev) && ev.Request != nil {
			a.started(ev.RequestID, ev.Type, ev.Request.URL)
		}
	case network.LoadingFinished.Method, network.LoadingFailed.Method:
		if decode(params, &ev) {
			a.ended(now, ev.RequestID)
		}
	}
}

// started notes a request in flight. An event stream is open for as long
// as the page: it is not waited for.
func (a *activity) started(id network.RequestID, typ network.ResourceType, url string) {
	if typ == network.ResourceTypeEventSource {
		return
	}
	a.mu.Lock()
	if a.inflight == nil {
		a.inflight = map[network.RequestID]string{}
	}
	a.inflight[id] = string(typ) + " " + url
	a.mu.Unlock()
}

// ended notes the end of a request at now.
func (a *activity) ended(now time.Time, id network.RequestID) {
	a.mu.Lock()
	delete(a.inflight, id)
	a.last = now
	a.mu.Unlock()
}

// onTimer notes a timer of the page due at until; of, when not empty,
// names the hook that follows it until it has run.
func (a *activity) onTimer(now, until time.Time, of string) {
	a.mu.Lock()
	if until.After(a.timers) {
		a.timers = until
	}
	if of != "" {
		if a.waiting == nil {
			a.waiting = map[string]time.Time{}
		}
		if until.After(a.waiting[of]) {
			a.waiting[of] = until
		}
	}
	a.last = now
	a.mu.Unlock()
}

// onTimersRun notes that the timeouts the hook named of followed have all
// run or been cleared. Those that ran late may have started what a
// prompt timeout's would have before its due time: a request, a script.
// So a late run counts as activity.
func (a *activity) onTimersRun(now time.Time, of string) {
	a.mu.Lock()
	if due, ok := a.waiting[of]; ok && now.Sub(due) > quietFor {
		a.last = now
	}
	delete(a.waiting, of)
	a.mu.Unlock()
}

// touch notes activity at now: a cookie write, the start of the wait.
func (a *activity) touch(now time.Time) {
	a.mu.Lock()
	if now.After(a.last) {
		a.last = now
	}
	a.mu.Unlock()
}

// quiet reports whether nothing is in flight, no timer is due and nothing
// happened for quietFor.
func (a *activity) quiet(now time.Time) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.inflight) != 0 || now.Before(a.timers) || now.Sub(a.last) < quietFor {
		return false
	}
	for _, due := range a.waiting {
		if now.Sub(due) < timerGrace {
			return false
		}
	}
	return true
}

// pending returns the requests in flight and when the last timer is due.
func (a *activity) pending() ([]string, time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Collect(maps.Values(a.inflight)), a.timers
}

// lastTimer returns when the last timer reported is due.
func (a *activity) lastTimer() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.timers
}

// waitQuiet watches the page from now until it is quiet (see activity),
// or until max has passed, or ctx ends. Before it ends early it makes a
// round trip to the page's renderer, so that the events the page sent
// before it are counted.
func (r *recorder) waitQuiet(ctx context.Context, s target.SessionID, limit time.Duration) {
	start := time.Now()
	r.act.touch(start)
	switch pollUntil(ctx, limit, func(now, deadline time.Time) bool {
		if !r.act.quiet(now) {
			return false
		}
		bctx, cancel := context.WithTimeout(ctx, time.Until(deadline))
		err := r.tap.call(bctx, s, runtime.Evaluate.Method, runtime.EvaluateParams{Expression: "0"}, nil)
		cancel()
		return err == nil && r.act.quiet(time.Now())
	}) {
	case pollDone:
		r.log.Debug("the page is quiet", "after", time.Since(start).Round(time.Millisecond))
	case pollBound:
		n, timers := r.act.pending()
		r.log.Debug("the wait's bound was reached", "requests", n, "timersUntil", timers.Sub(start).Round(time.Millisecond))
	}
}

// The ends of pollUntil.
const (
	pollDone    = iota // done reported true
	pollBound          // the bound was reached
	pollStopped        // ctx ended
)

// pollUntil calls done every 100 ms, with the time and the deadline, until
// it reports true, or limit has passed since the call, or ctx ends; it
// says which.
func pollUntil(ctx context.Context, limit time.Duration, done func(now, deadline time.Time) bool) int {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return pollStopped
		case now := <-tick.C:
			if !now.Before(deadline) {
				return pollBound
			}
			if done(now, deadline) {
				return pollDone
			}
		}
	}
}
