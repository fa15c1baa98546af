package crawler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/chromedp/cdproto"
	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// tap sits between chromedp and the browser connection. chromedp only routes
// messages of the sessions it attached itself (one per tab); the sessions of
// cross-site iframes, which Chromium runs as separate targets, are dropped.
// The tap lets the crawler watch a tab's session and every session attached
// below it, and send commands of its own on those sessions, so that no
// Set-Cookie header or script write of an iframe escapes the scan.
//
// Every message still reaches chromedp, except the replies to the tap's own
// commands (their ids are in a range chromedp never uses) and the messages
// of child sessions, which chromedp would drop anyway.
type tap struct {
	inner chromedp.Transport

	wmu sync.Mutex // serialises writes: chromedp's loop and the tap both write

	next atomic.Int64

	mu       sync.Mutex
	pending  map[int64]chan *cdproto.Message
	sessions map[target.SessionID]*watch
	closed   bool
}

// tapIDBase keeps the tap's command ids apart from chromedp's, which count up
// from 1. Chromium wants ids that fit in 32 bits: it answers a larger one
// with an error that has no id at all.
const tapIDBase = int64(1) << 30

// watch is what a watched session reports to.
type watch struct {
	sink  sink
	child bool // attached below a tab, owned by the tap
}

// sink receives the events of a watched session. OnEvent is called on the
// connection's read loop: it must return quickly and must not send commands
// itself (it may start a goroutine that does).
type sink interface {
	OnEvent(session target.SessionID, method string, params jsonv2.Value)
	// OnAttached is called for every target auto-attached below a watched
	// session, paused before it runs. The sink must configure it and then
	// resume it with Runtime.runIfWaitingForDebugger.
	OnAttached(parent target.SessionID, ev *target.EventAttachedToTarget)
}

func newTap(inner chromedp.Transport) *tap {
	t := &tap{
		inner:    inner,
		pending:  make(map[int64]chan *cdproto.Message),
		sessions: make(map[target.SessionID]*watch),
	}
	t.next.Store(tapIDBase)
	return t
}

// Read returns the next message for chromedp, handling the tap's own.
func (t *tap) Read(ctx context.Context, msg *cdproto.Message) error {
	for {
		// A message the tap consumed must not leave fields behind: the
		// next read decodes into the same struct.
		*msg = cdproto.Message{}
		if err := t.inner.Read(ctx, msg); err != nil {
			t.fail()
			return err
		}
		if msg.ID >= tapIDBase {
			t.mu.Lock()
			ch := t.pending[msg.ID]
			delete(t.pending, msg.ID)
			t.mu.Unlock()
			if ch != nil {
				m := *msg
				ch <- &m
			}
			continue
		}
		if msg.Method == "" || msg.SessionID == "" {
			return nil
		}
		t.mu.Lock()
		w := t.sessions[msg.SessionID]
		t.mu.Unlock()
		if w == nil {
			return nil
		}
		switch string(msg.Method) {
		case target.AttachedToTarget.Method:
			ev := new(target.EventAttachedToTarget)
			if err := jsonv2.Unmarshal(msg.Params, ev, chromedp.DefaultUnmarshalOptions); err == nil && ev.TargetInfo != nil {
				// Register the child before the next message is read, so
				// that none of its events is missed.
				t.mu.Lock()
				t.sessions[ev.SessionID] = &watch{sink: w.sink, child: true}
				t.mu.Unlock()
				w.sink.OnAttached(msg.SessionID, ev)
			}
		case target.DetachedFromTarget.Method:
			var ev target.EventDetachedFromTarget
			if err := jsonv2.Unmarshal(msg.Params, &ev, chromedp.DefaultUnmarshalOptions); err == nil {
				t.mu.Lock()
				if c := t.sessions[ev.SessionID]; c != nil && c.child {
					delete(t.sessions, ev.SessionID)
				}
				t.mu.Unlock()
			}
		default:
			w.sink.OnEvent(msg.SessionID, string(msg.Method), msg.Params)
		}
		if !w.child {
			return nil
		}
	}
}

// Write sends a message of chromedp's.
func (t *tap) Write(ctx context.Context, msg *cdproto.Message) error {
	t.wmu.Lock()
	defer t.wmu.Unlock()
	return t.inner.Write(ctx, msg)
}

// Close closes the connection.
func (t *tap) Close() error {
	t.fail()
	return t.inner.Close()
}

// fail ends every command that waits for a reply.
func (t *tap) fail() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return
	}
	t.closed = true
	for id, ch := range t.pending {
		close(ch)
		delete(t.pending, id)
	}
}

// watchSession makes the tap report the session's events, and those of every
// session attached below it, to s.
func (t *tap) watchSession(id target.SessionID, s sink) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sessions[id] = &watch{sink: s}
}

// unwatch stops reporting for every session that reports to s.
func (t *tap) unwatch(s sink) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for id, w := range t.sessions {
		if w.sink == s {
			delete(t.sessions, id)
		}
	}
}

// errTapClosed is returned by call when the connection is gone.
var errTapClosed = errors.New("browser connection closed")

// call sends a command on a session and waits for its reply.
func (t *tap) call(ctx context.Context, session target.SessionID, method string, params, res any) error {
	id := t.next.Add(1)
	ch := make(chan *cdproto.Message, 1)
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return errTapClosed
	}
	t.pending[id] = ch
	t.mu.Unlock()
	unregister := func() {
		t.mu.Lock()
		delete(t.pending, id)
		t.mu.Unlock()
	}

	var buf []byte
	if params != nil {
		var err error
		if buf, err = jsonv2.Marshal(params, chromedp.DefaultMarshalOptions); err != nil {
			unregister()
			return err
		}
	}
	t.wmu.Lock()
	err := t.inner.Write(ctx, &cdproto.Message{ID: id, SessionID: session, Method: cdproto.MethodType(method), Params: buf})
	t.wmu.Unlock()
	if err != nil {
		unregister()
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case <-ctx.Done():
		unregister()
		return ctx.Err()
	case msg, ok := <-ch:
		if !ok {
			return errTapClosed
		}
		if msg.Error != nil {
			return fmt.Errorf("%s: %w", method, msg.Error)
		}
		if res != nil && len(msg.Result) > 0 {
			return jsonv2.Unmarshal(msg.Result, res, chromedp.DefaultUnmarshalOptions)
		}
		return nil
	}
}
