package crawler

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

//go:embed hook.js
var hookSource string

// bindingName is the name of the binding that hook.js reports through. The
// hook deletes it from the page's global scope before any page script runs.
const bindingName = "__cookieauditReport"

// recorder collects the events of one page: its tab's session and every
// iframe or worker session attached below it. It keeps raw facts in arrival
// order; observations() turns them into cookie writes once the page is done.
type recorder struct {
	configTimeout time.Duration // see newRecorder
	tap           *tap
	log           *slog.Logger
	ctx           context.Context // the tab's context: ends when the tab closes

	mu sync.Mutex
	// requests maps a request id to the URLs of its hops: the first request
	// and each redirect. The k-th responseReceivedExtraInfo of a request
	// belongs to its k-th hop.
	requests map[network.RequestID][]string
	extra    map[network.RequestID]int // responseReceivedExtraInfo seen per request
	frames   map[cdp.FrameID]string    // frame id → document URL
	reqFrame map[network.RequestID]cdp.FrameID
	writes   []write
	storage  []storageWrite // web storage writes: see recorder_storage.go
	sent     []cookieKey
	sentSeen map[cookieKey]bool
	dialogs  []string
	download bool
	// confirms is set while a consent choice is being made: the page's
	// confirm() dialogs are then answered OK, and their messages kept in
	// confirmed until the choice takes them (see confirming and takeConfirmed).
	confirms  bool
	confirmed []string
	// mainFrame is the tab's top frame; doc is the last document response
	// it received (the page's status when the load never completes).
	mainFrame cdp.FrameID
	doc       *network.Response
	// frames of other targets (cross-site iframes) attached below the tab
	childSessions []target.SessionID
	// contexts are the page's own JavaScript worlds (one per frame) of
	// each session, in order of creation: the consent script runs in each.
	contexts map[target.SessionID][]frameContext
	// act is what may still set a cookie, for --wait auto (see quiet.go);
	// timerLimit is the wait, for hook.js to report the timers due
	// within it: 0 without --wait auto, when neither timers nor requests
	// are watched.
	act        activity
	timerLimit time.Duration
	// loads are the loads of the top document (see waitPage).
	loads topLoads
	// headers are added to the requests to the scope's hosts (see
	// headers.go).
	headers []Header
	scope   scope
}

// frameContext is the main JavaScript world of one frame.
type frameContext struct {
	id      runtime.ExecutionContextID
	unique  string
	frameID cdp.FrameID
}

// write is one cookie write seen on a page, before it is merged with the
// writes of other pages and the final jar.
type write struct {
	at       time.Time
	setBy    SetBy
	source   string // response URL or script URL
	frameURL string
	base     string // URL that defaults the domain and path
	raw      string // Set-Cookie line or document.cookie string
	store    *cookieStoreOpts
	// stored is known false for a header cookie that Chromium blocked, and
	// for a script write that was not visible right after it; reasons then
	// says why.
	blocked      bool
	reasons      []string
	partitionKey string // top-level site, from the response's partition key
}

// cookieStoreOpts are the options of a cookieStore.set call.
type cookieStoreOpts struct {
	Name        string   `json:"name"`
	Value       string   `json:"value"`
	Expires     *float64 `json:"expires"`
	Domain      *string  `json:"domain"`
	Path        *string  `json:"path"`
	SameSite    string   `json:"sameSite"`
	Partitioned bool     `json:"partitioned"`
}

// newRecorder makes the recorder of one page of the tab whose main frame is
// mainFrame. The configuration of the tab and of each target attached
// below it is bounded by pageTimeout, and at least 10s: a loaded machine
// (a CI runner beside other jobs) can take many seconds to answer.
func newRecorder(ctx context.Context, t *tap, mainFrame cdp.FrameID, log *slog.Logger, pageTimeout time.Duration) *recorder {
	return &recorder{
		configTimeout: max(pageTimeout, 10*time.Second),
		tap:           t,
		log:           log,
		mainFrame:     mainFrame,
		ctx:           ctx,
		requests:      make(map[network.RequestID][]string),
		extra:         make(map[network.RequestID]int),
		frames:        make(map[cdp.FrameID]string),
		reqFrame:      make(map[network.RequestID]cdp.FrameID),
		contexts:      make(map[target.SessionID][]frameContext),
	}
}

// configure prepares a session before its document runs: the cookie-write
// hook, the network events, and auto-attach (paused) for its own iframes and
// workers. For a child session it then resumes the target, whatever
// failed, since a paused target would hang its page. It returns what
// failed, joined: a worker has no Page domain, so a worker's page steps
// are not tried.
func (r *recorder) configure(ctx context.Context, s target.SessionID, resume, worker bool) error {
	ctx, cancel := context.WithTimeout(ctx, r.configTimeout)
	defer cancel()
	var errs []error
	call := func(method string, params any) {
		if err := r.tap.call(ctx, s, method, params, nil); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", method, err))
		}
	}
	call(runtime.Enable.Method, cdp.Empty{})
	call(runtime.AddBinding.Method, runtime.AddBindingParams{Name: bindingName})
	if !worker {
		call(page.Enable.Method, page.EnableParams{})
		call(page.AddScriptToEvaluateOnNewDocument.Method, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: strings.NewReplacer("__BINDING__", bindingName,
				"__TIMER_LIMIT__", strconv.FormatInt(r.timerLimit.Milliseconds(), 10)).Replace(hookSource),
		})
	}
	call(network.Enable.Method, network.EnableParams{})
	if len(r.headers) > 0 && !worker {
		call(fetch.Enable.Method, fetch.EnableParams{Patterns: headerPatterns(r.scope)})
	}
	call(target.SetAutoAttach.Method, target.SetAutoAttachParams{
		AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: new(true),
	})
	if resume {
		call(runtime.RunIfWaitingForDebugger.Method, cdp.Empty{})
	}
	return errors.Join(errs...)
}

// OnAttached configures and resumes a target attached below the page. A
// target that cannot be configured is logged: it is most often one that
// went away at once (an iframe that navigated, a worker that ended).
func (r *recorder) OnAttached(parent target.SessionID, ev *target.EventAttachedToTarget) {
	kind := ""
	if ev.TargetInfo != nil {
		kind = ev.TargetInfo.Type
	}
	if kind == "iframe" {
		r.mu.Lock()
		r.childSessions = append(r.childSessions, ev.SessionID)
		r.mu.Unlock()
	}
	worker := strings.HasSuffix(kind, "worker")
	go func() {
		if err := r.configure(r.ctx, ev.SessionID, true, worker); err != nil && r.ctx.Err() == nil {
			r.log.Debug("cannot watch a target of the page", "type", kind, "err", err)
		}
	}()
}

// OnEvent records one event. It runs on the connection's read loop.
func (r *recorder) OnEvent(s target.SessionID, method string, params jsonv2.Value) {
	now := time.Now()
	if r.timerLimit > 0 { // --wait auto: only then is the page's activity watched
		r.act.onEvent(now, method, params)
	}
	r.loads.onEvent(now, r.mainFrame, method, params)
	switch method {
	case network.RequestWillBeSent.Method:
		var ev network.EventRequestWillBeSent
		if decode(params, &ev) && ev.Request != nil {
			r.mu.Lock()
			r.requests[ev.RequestID] = append(r.requests[ev.RequestID], ev.Request.URL)
			if ev.FrameID != "" {
				r.reqFrame[ev.RequestID] = ev.FrameID
			}
			r.mu.Unlock()
		}
	case network.ResponseReceived.Method:
		var ev network.EventResponseReceived
		if decode(params, &ev) && ev.Type == network.ResourceTypeDocument && ev.Response != nil {
			r.mu.Lock()
			if ev.FrameID == r.mainFrame {
				r.doc = ev.Response
			}
			r.mu.Unlock()
		}
	case network.ResponseReceivedExtraInfo.Method:
		var ev network.EventResponseReceivedExtraInfo
		if decode(params, &ev) {
			r.onResponseExtra(now, &ev)
		}
	case network.RequestWillBeSentExtraInfo.Method:
		var ev network.EventRequestWillBeSentExtraInfo
		if decode(params, &ev) {
			r.mu.Lock()
			for _, ac := range ev.AssociatedCookies {
				if ac == nil || ac.Cookie == nil || len(ac.BlockedReasons) > 0 {
					continue
				}
				// Each request sends the page's cookies again: each
				// is kept once.
				if k := keyOfNetworkCookie(ac.Cookie); !r.sentSeen[k] {
					if r.sentSeen == nil {
						r.sentSeen = map[cookieKey]bool{}
					}
					r.sentSeen[k] = true
					r.sent = append(r.sent, k)
				}
			}
			r.mu.Unlock()
		}
	case fetch.RequestPaused.Method:
		r.onRequestPaused(s, params)
	case runtime.BindingCalled.Method:
		var ev runtime.EventBindingCalled
		if decode(params, &ev) && ev.Name == bindingName {
			r.onScriptWrite(now, ev.Payload)
		}
	case runtime.ExecutionContextCreated.Method:
		var ev runtime.EventExecutionContextCreated
		var aux struct {
			IsDefault bool        `json:"isDefault"`
			FrameID   cdp.FrameID `json:"frameId"`
		}
		if decode(params, &ev) && ev.Context != nil && len(ev.Context.AuxData) > 0 &&
			json.Unmarshal(ev.Context.AuxData, &aux) == nil && aux.IsDefault {
			r.mu.Lock()
			r.contexts[s] = append(r.contexts[s], frameContext{id: ev.Context.ID, unique: ev.Context.UniqueID, frameID: aux.FrameID})
			r.mu.Unlock()
		}
	case runtime.ExecutionContextDestroyed.Method:
		var ev runtime.EventExecutionContextDestroyed
		if decode(params, &ev) {
			r.mu.Lock()
			r.contexts[s] = slices.DeleteFunc(r.contexts[s], func(c frameContext) bool { return c.unique == ev.ExecutionContextUniqueID })
			r.mu.Unlock()
		}
	case runtime.ExecutionContextsCleared.Method:
		r.mu.Lock()
		delete(r.contexts, s)
		r.mu.Unlock()
	case page.FrameNavigated.Method:
		var ev page.EventFrameNavigated
		if decode(params, &ev) && ev.Frame != nil {
			r.mu.Lock()
			r.frames[ev.Frame.ID] = ev.Frame.URL
			r.mu.Unlock()
		}
	case page.JavascriptDialogOpening.Method:
		var ev page.EventJavascriptDialogOpening
		if decode(params, &ev) {
			r.mu.Lock()
			r.dialogs = append(r.dialogs, string(ev.Type))
			// A confirmation a consent choice asks for ("Reject them
			// anyway?") is the visitor's to answer OK; any other dialog
			// is dismissed (a page that asks on leaving stays).
			accept := r.confirms && ev.Type == page.DialogTypeConfirm
			if accept {
				r.confirmed = append(r.confirmed, ev.Message)
			}
			r.mu.Unlock()
			// A dialog blocks the page until it is answered; answer it
			// from another goroutine, never from the read loop.
			go func() {
				ctx, cancel := context.WithTimeout(r.ctx, 5*time.Second)
				defer cancel()
				_ = r.tap.call(ctx, s, page.HandleJavaScriptDialog.Method, page.HandleJavaScriptDialogParams{Accept: accept}, nil)
			}()
		}
	case "Page.downloadWillBegin", "Browser.downloadWillBegin":
		r.mu.Lock()
		r.download = true
		r.mu.Unlock()
	}
}

func decode(params jsonv2.Value, v any) bool {
	return jsonv2.Unmarshal(params, v, chromedp.DefaultUnmarshalOptions) == nil
}

// onResponseExtra records the Set-Cookie lines of a response. The raw
// headers are only in the ExtraInfo event, which is also the one that says
// which lines Chromium refused and why.
func (r *recorder) onResponseExtra(now time.Time, ev *network.EventResponseReceivedExtraInfo) {
	var lines []string
	for k, v := range ev.Headers {
		if !strings.EqualFold(k, "Set-Cookie") {
			continue
		}
		s, ok := v.(string)
		if !ok {
			continue
		}
		for l := range strings.SplitSeq(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	hop := r.extra[ev.RequestID]
	r.extra[ev.RequestID] = hop + 1
	if len(lines) == 0 {
		return
	}
	r.act.touch(now)
	url := ""
	if hops := r.requests[ev.RequestID]; len(hops) > 0 {
		url = hops[min(hop, len(hops)-1)]
	}
	frameURL := r.frames[r.reqFrame[ev.RequestID]]
	if frameURL == "" {
		frameURL = url
	}
	var pk string
	if ev.CookiePartitionKey != nil {
		pk = ev.CookiePartitionKey.TopLevelSite
	}
	blocked := make(map[string][]string)
	for _, b := range ev.BlockedCookies {
		if b == nil {
			continue
		}
		for _, reason := range b.BlockedReasons {
			blocked[strings.TrimSpace(b.CookieLine)] = append(blocked[strings.TrimSpace(b.CookieLine)], string(reason))
		}
	}
	for _, l := range lines {
		w := write{at: now, setBy: SetByHeader, source: url, frameURL: frameURL, base: url, raw: l, partitionKey: pk}
		if reasons, ok := blocked[l]; ok {
			w.blocked, w.reasons = true, reasons
		}
		r.writes = append(r.writes, w)
	}
}

// children returns the sessions of the cross-site iframes attached below
// the tab, in order of attachment.
func (r *recorder) children() []target.SessionID {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]target.SessionID(nil), r.childSessions...)
}

// frameContexts returns the main worlds of the frames of session s, the
// oldest first.
func (r *recorder) frameContexts(s target.SessionID) []frameContext {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.contexts[s])
}

// document returns the last response of the top frame's document, nil when
// none arrived.
func (r *recorder) document() *network.Response {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.doc
}

// confirming sets whether the page's confirm() dialogs are answered OK
// (while a consent choice is made), and forgets the messages of those
// answered so before.
func (r *recorder) confirming(on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.confirms = on
	r.confirmed = nil
}

// takeConfirmed returns the messages of the confirm() dialogs answered OK
// since it was last called.
func (r *recorder) takeConfirmed() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	msgs := r.confirmed
	r.confirmed = nil
	return msgs
}

// snapshot returns what the page recorded.
func (r *recorder) snapshot() (writes []write, sent []cookieKey, dialogs []string, download bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]write(nil), r.writes...), append([]cookieKey(nil), r.sent...), append([]string(nil), r.dialogs...), r.download
}
