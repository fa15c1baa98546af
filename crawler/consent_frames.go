package crawler

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
)

//go:embed consent.js
var consentSource string

// frameRef is one frame's own JavaScript world, where the consent script
// and the platforms' APIs run: a frame of the tab (the top document, and
// same-process iframes: same-site ones, even of another origin) or of a
// cross-site iframe's target.
type frameRef struct {
	session target.SessionID
	ctx     frameContext // zero when the session's contexts are not known yet
	top     bool         // the tab's top document
}

// pageCtx is a page being visited.
type pageCtx struct {
	tab     context.Context
	session target.SessionID
	rec     *recorder
	loaded  bool
	// at is when the page's load ended (or failed).
	at time.Time

	mu     sync.Mutex
	closed map[target.SessionID]closedRoots  // closed shadow roots, per session
	kits   map[string]runtime.RemoteObjectID // the consent kit of each world (see kitIn)
}

// closedRoots are the closed shadow roots of one session's frames, as of
// a moment: finding them walks the whole DOM, so it is done at most once a
// second.
type closedRoots struct {
	at    time.Time
	roots map[cdp.FrameID][]cdp.BackendNodeID
}

// frames lists the worlds to search, the top document first, then the
// same-process iframes, then the cross-site iframes' targets.
func (p *pageCtx) frames() []frameRef {
	var out []frameRef
	add := func(s target.SessionID, top bool) {
		ctxs := p.rec.frameContexts(s)
		if len(ctxs) == 0 {
			out = append(out, frameRef{session: s, top: top})
			return
		}
		// The top frame's world first.
		for i, c := range ctxs {
			if c.frameID == p.rec.mainFrame && i > 0 {
				ctxs[0], ctxs[i] = ctxs[i], ctxs[0]
			}
		}
		for i, c := range ctxs {
			out = append(out, frameRef{session: s, ctx: c, top: top && i == 0 && c.frameID == p.rec.mainFrame})
		}
	}
	add(p.session, true)
	for _, s := range p.rec.children() {
		add(s, false)
	}
	return out
}

// closedShadowRoots returns the closed shadow roots of frame f, resolved
// in its world: page scripts cannot reach into them, the protocol can.
func (c *crawler) closedShadowRoots(ctx context.Context, p *pageCtx, f frameRef) []*runtime.CallArgument {
	if f.ctx.id == 0 {
		return nil
	}
	p.mu.Lock()
	cr, ok := p.closed[f.session]
	p.mu.Unlock()
	if !ok || time.Since(cr.at) > time.Second {
		cr = c.findClosedRoots(ctx, f.session)
		p.mu.Lock()
		if p.closed == nil {
			p.closed = map[target.SessionID]closedRoots{}
		}
		p.closed[f.session] = cr
		p.mu.Unlock()
	}
	var args []*runtime.CallArgument
	for _, id := range cr.roots[f.ctx.frameID] {
		var res struct {
			Object *runtime.RemoteObject `json:"object"`
		}
		err := c.s.tap.call(ctx, f.session, dom.ResolveNode.Method, dom.ResolveNodeParams{
			BackendNodeID: id, ExecutionContextID: f.ctx.id, ObjectGroup: "cookieaudit-consent",
		}, &res)
		if err == nil && res.Object != nil && res.Object.ObjectID != "" {
			args = append(args, &runtime.CallArgument{ObjectID: res.Object.ObjectID})
		}
	}
	return args
}

// findClosedRoots walks the DOM of a session, iframes of the same process
// included, for closed shadow roots.
func (c *crawler) findClosedRoots(ctx context.Context, s target.SessionID) closedRoots {
	cr := closedRoots{at: time.Now(), roots: map[cdp.FrameID][]cdp.BackendNodeID{}}
	var tree struct {
		FrameTree struct {
			Frame struct {
				ID cdp.FrameID `json:"id"`
			} `json:"frame"`
		} `json:"frameTree"`
	}
	if c.s.tap.call(ctx, s, page.GetFrameTree.Method, nil, &tree) != nil {
		return cr
	}
	var doc struct {
		Root *cdp.Node `json:"root"`
	}
	err := c.s.tap.call(ctx, s, dom.GetDocument.Method, dom.GetDocumentParams{Depth: new(int64(-1)), Pierce: new(true)}, &doc)
	// The DOM agent sends events for every node it has handed out while it
	// is enabled: it is needed for this one look only.
	_ = c.s.tap.call(ctx, s, dom.Disable.Method, nil, nil)
	if err != nil || doc.Root == nil {
		return cr
	}
	var walk func(n *cdp.Node, frame cdp.FrameID, depth int)
	walk = func(n *cdp.Node, frame cdp.FrameID, depth int) {
		if n == nil || depth > 200 {
			return
		}
		if n.ShadowRootType == cdp.ShadowRootTypeClosed {
			cr.roots[frame] = append(cr.roots[frame], n.BackendNodeID)
		}
		for _, ch := range n.Children {
			walk(ch, frame, depth+1)
		}
		for _, sr := range n.ShadowRoots {
			walk(sr, frame, depth+1)
		}
		if n.ContentDocument != nil && n.FrameID != "" {
			walk(n.ContentDocument, n.FrameID, depth+1)
		}
	}
	walk(doc.Root, tree.FrameTree.Frame.ID, 0)
	return cr
}

// scriptTimeout bounds one call of a script in a frame.
const scriptTimeout = 15 * time.Second

// consentArg is the second argument of consent.js.
type consentArg struct {
	Platform string `json:"platform,omitempty"`
	Role     string `json:"role,omitempty"`
	Layer2   bool   `json:"layer2,omitempty"`
}

// runConsentScript runs consent.js in frame f.
func (c *crawler) runConsentScript(ctx context.Context, p *pageCtx, f frameRef, mode string, arg consentArg) (bannerReport, error) {
	var r bannerReport
	// The bound only catches a frame that hangs: a loaded machine (a CI
	// runner beside other jobs) can take seconds to answer a call.
	ectx, cancel := context.WithTimeout(p.tab, scriptTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	argJSON, _ := json.Marshal(arg)
	custom, _ := json.Marshal(map[string]string{"accept": c.opts.AcceptSelector, "reject": c.opts.RejectSelector})
	var res runtime.EvaluateResult
	var err error
	if f.ctx.id != 0 {
		var h runtime.RemoteObjectID
		h, err = c.kitIn(ectx, p, f)
		if err == nil {
			args := []*runtime.CallArgument{
				{Value: jsonv2.Value(jsonValue(mode))}, {Value: jsonv2.Value(argJSON)}, {Value: jsonv2.Value(custom)},
			}
			args = append(args, c.closedShadowRoots(ectx, p, f)...)
			err = c.s.tap.call(ectx, f.session, runtime.CallFunctionOn.Method, runtime.CallFunctionOnParams{
				FunctionDeclaration: kitCall, ObjectID: h, Arguments: args,
				ReturnByValue: new(true), Silent: new(true),
			}, &res)
		}
	} else {
		expr := "(" + kit().script + ")(" + string(jsonValue(mode)) + "," + string(argJSON) + "," +
			string(kit().rulesArg) + "," + string(kit().wordsArg) + "," + string(custom) + ")"
		err = c.s.tap.call(ectx, f.session, runtime.Evaluate.Method, runtime.EvaluateParams{
			Expression: expr, ReturnByValue: new(true), Silent: new(true),
		}, &res)
	}
	if err != nil {
		if mode == "click" && contextGone(err) {
			return r, errFrameGone
		}
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

// errFrameGone is a click whose frame went away while the click ran: a
// banner that removes its own iframe once answered (AppConsent's). The
// click was made; what it chose is for the verification to tell.
var errFrameGone = errors.New("the banner's frame closed as it was clicked")

// contextGone reports whether a protocol error says that the page's
// JavaScript world of the call is gone.
func contextGone(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Cannot find context with specified id") || strings.Contains(s, "Execution context was destroyed")
}

// kitCall calls the consent kit bound in a world (see kitIn), the
// function object the call is made on, with the call's own arguments.
const kitCall = "function (mode, arg, custom, ...closedRoots) { return this(mode, arg, custom, ...closedRoots); }"

// kitIn returns the consent kit of frame f's world: consent.js with the
// rules and words bound, sent to the world once and held there by the
// protocol's handle alone, never by a name the page's scripts could reach.
// The rules and words are most of what a call would otherwise send (about
// 100 KB), and a page is searched several times a second in every frame
// while a banner is awaited. The handle dies with the world: a document
// that navigates gets a new world, and a kit of its own.
func (c *crawler) kitIn(ctx context.Context, p *pageCtx, f frameRef) (runtime.RemoteObjectID, error) {
	key := string(f.session) + "\x00" + f.ctx.unique
	p.mu.Lock()
	h, ok := p.kits[key]
	p.mu.Unlock()
	if ok {
		return h, nil
	}
	var res runtime.EvaluateResult
	err := c.s.tap.call(ctx, f.session, runtime.CallFunctionOn.Method, runtime.CallFunctionOnParams{
		FunctionDeclaration: kit().binder, UniqueContextID: f.ctx.unique, ObjectGroup: "cookieaudit-kit",
		Arguments: []*runtime.CallArgument{{Value: jsonv2.Value(kit().rulesArg)}, {Value: jsonv2.Value(kit().wordsArg)}},
		Silent:    new(true),
	}, &res)
	switch {
	case err != nil:
		return "", err
	case res.ExceptionDetails != nil:
		return "", fmt.Errorf("consent script: %s", res.ExceptionDetails.Text)
	case res.Result == nil || res.Result.ObjectID == "":
		return "", fmt.Errorf("consent script: no function was made")
	}
	p.mu.Lock()
	if p.kits == nil {
		p.kits = map[string]runtime.RemoteObjectID{}
	}
	p.kits[key] = res.Result.ObjectID
	p.mu.Unlock()
	return res.Result.ObjectID, nil
}

// evalIn evaluates a JavaScript expression (a Promise is awaited) in frame
// f's world and returns its value as JSON; nil when it failed.
func (c *crawler) evalIn(ctx context.Context, p *pageCtx, f frameRef, expr string) json.RawMessage {
	// A platform's promise that never settles must not hold the
	// verification loop for long.
	ectx, cancel := context.WithTimeout(p.tab, 5*time.Second)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	var res runtime.EvaluateResult
	params := runtime.EvaluateParams{Expression: expr, ReturnByValue: new(true), Silent: new(true), AwaitPromise: new(true)}
	if f.ctx.id != 0 {
		params.UniqueContextID = f.ctx.unique
	}
	if err := c.s.tap.call(ectx, f.session, runtime.Evaluate.Method, params, &res); err != nil ||
		res.ExceptionDetails != nil || res.Result == nil {
		return nil
	}
	return json.RawMessage(res.Result.Value)
}

func jsonValue(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
