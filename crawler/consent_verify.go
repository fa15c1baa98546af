package crawler

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The states a consent choice can leave, as the platform records it.
const (
	stateAccepted = "accepted"
	stateRejected = "rejected"
	statePartial  = "partial"
	stateNone     = "none"
)

// tcfQuery is a promise of what read (JavaScript that ends by calling
// done) makes of the IAB TCF API's getTCData, given as d; null when the
// page has no TCF API or it does not answer.
func tcfQuery(read string) string {
	return `new Promise((done) => {
  if (typeof window.__tcfapi !== "function") return done(null);
  setTimeout(() => done(null), 1500);
  try {
    window.__tcfapi("getTCData", 2, (d, ok) => {
      if (!ok || !d) return done(null);
      ` + read + `
    });
  } catch (e) { done(null); }
})`
}

// tcfState asks the IAB TCF API what the user chose: "none" before any
// action, "accepted" when some purpose has consent, "rejected" when none
// has.
var tcfState = tcfQuery(`if (d.eventStatus !== "useractioncomplete" && d.eventStatus !== "tcloaded") return done("none");
      done(Object.values((d.purpose && d.purpose.consents) || {}).some(Boolean) ? "accepted" : "rejected");`)

// tcfLegitimate asks the IAB TCF API how many purposes the user's record
// keeps on legitimate interest.
var tcfLegitimate = tcfQuery(`done(Object.values((d.purpose && d.purpose.legitimateInterests) || {}).filter(Boolean).length);`)

// countLegitimateLeftOn counts, after a refusal made in the settings, the
// purposes the platform's TCF record still keeps on legitimate interest:
// switches that were on before the visitor came, in a tab of their own
// that the settings draw only when it is opened (InMobi Choice), so the
// refusal did not see them. A visitor's refusal turns none on; each is a
// purpose pre-ticked in the settings.
func (c *crawler) countLegitimateLeftOn(ctx context.Context, p *pageCtx, a *ConsentAction) {
	var n int
	if raw := c.evalIn(ctx, p, p.topFrame(), tcfLegitimate); raw != nil && json.Unmarshal(raw, &n) == nil && n > a.Preticked {
		a.Preticked = n
	}
}

// stateExpr wraps a rule's state or closeRejects expression: errors and
// slow promises are "cannot tell" (null).
func stateExpr(expr string) string {
	return `(async () => { try { return await Promise.race([Promise.resolve((` + expr +
		`)), new Promise((r) => setTimeout(() => r(null), 2000))]); } catch (e) { return null; } })()`
}

// closeRefuses reports whether the banner's platform records a close of
// its first layer as a refusal, as its rule's closeRejects reads the page
// (the top document, then the banner's frame).
func (c *crawler) closeRefuses(ctx context.Context, p *pageCtx, fr frameReport) bool {
	rule, ok := kit().byName[fr.Platform]
	if !ok || rule.CloseRejects == "" {
		return false
	}
	expr := stateExpr(rule.CloseRejects)
	for _, f := range []frameRef{p.topFrame(), fr.frame} {
		var yes bool // anything but true (null for an error or a timeout) is no
		if raw := c.evalIn(ctx, p, f, expr); raw != nil && json.Unmarshal(raw, &yes) == nil && yes {
			return true
		}
		if fr.frame == p.topFrame() {
			break
		}
	}
	return false
}

// readState evaluates a state expression in frame f: one of the states,
// or "" when it cannot tell.
func (c *crawler) readState(ctx context.Context, p *pageCtx, f frameRef, expr string) string {
	raw := c.evalIn(ctx, p, f, expr)
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	switch s {
	case stateAccepted, stateRejected, statePartial, stateNone:
		return s
	}
	return ""
}

// topFrame is the tab's top document.
func (p *pageCtx) topFrame() frameRef {
	for _, f := range p.frames() {
		if f.session == p.session {
			return f
		}
	}
	return frameRef{session: p.session, top: true}
}

// verifyChoice checks, for a few seconds after the last click, that the
// platform recorded the choice: its own API (the rule's state), the TCF
// API, then a consent record the click wrote. A source that records the
// opposite choice makes the click unverified, with the reason; a banner
// still shown with nothing recorded means the choice was not made.
func (c *crawler) verifyChoice(ctx context.Context, p *pageCtx, fr frameReport, a *ConsentAction, before choiceEvidence) {
	want := stateAccepted
	if a.Action == "reject" {
		want = stateRejected
	}
	// A first layer with no way to refuse knows one answer: a record its
	// accept wrote ("seen", "dismiss", a date) is that answer recorded
	// (see recordChoice).
	click := otherClick
	if a.Action == "accept" && a.Layer == 1 {
		switch {
		case fr.Reject != nil:
			click = firstAccept
		case fr.Settings == nil && fr.Save == nil:
			click = noticeAccept
		default:
			click = soleAccept
		}
	}
	// Five seconds, and at least three looks: on a loaded machine one
	// look (each source read in the page) can take most of the five.
	deadline := time.Now().Add(5 * time.Second)
	for looks := 1; ; looks++ {
		sleep(ctx, 200*time.Millisecond)
		now := c.choiceEvidence(ctx, p, fr)
		got, by := "", ""
		// A source that already said the same before the click says
		// nothing about the click.
		switch {
		case now.api != "" && now.api != stateNone && now.api != before.api:
			got, by = now.api, VerifiedByPlatformAPI
		case now.tcf != "" && now.tcf != stateNone && now.tcf != before.tcf:
			got, by = now.tcf, VerifiedByTCF
		default:
			// The purposes the banner holds as required, as it showed
			// before the click and as it shows now, say nothing of the
			// choice in a record (see withoutLocked).
			locked := append(slices.Clip(before.locked), now.locked...)
			was, is := withoutLocked(before.records, locked), withoutLocked(now.records, locked)
			if s := recordChoice(was, is, click); s != "" {
				got, by = s, VerifiedByConsentRecord
			} else if now.api == want && before.api == want && len(changedRecords(was, is, false)) > 0 && c.bannerGone(ctx, p, fr) {
				// A platform that writes its default (nothing allowed)
				// before any choice reads the same before and after a
				// refusal; a consent record the click wrote, and the banner
				// gone, are the choice saved.
				got, by = now.api, VerifiedByPlatformAPI
			}
		}
		if got != "" {
			a.State = got
		}
		if got == want || got == statePartial && a.Action == "accept" && by == VerifiedByConsentRecord {
			a.Verified, a.VerifiedBy = true, by
			a.Error = ""
			if by == VerifiedByConsentRecord {
				a.Records = writtenRecords(before.records, now.records)
			}
			if a.Action == "reject" && a.Layer == 2 {
				c.countLegitimateLeftOn(ctx, p, a)
			}
			return
		}
		if got != "" {
			a.Error = fmt.Sprintf("after the %s click the platform recorded %q (%s)", a.Action, got, by)
		}
		if ctx.Err() != nil || time.Now().After(deadline) && looks >= 3 {
			break
		}
	}
	if a.Error != "" {
		return
	}
	// Nothing recorded the choice: the banner must at least have gone.
	now, _, err := c.bannerNow(ctx, p, fr)
	r := now.bannerReport
	if err == nil && r.Banner && (r.Accept != nil && a.Action == "accept" || a.Layer == 1 && a.Action == "reject" && (r.Reject != nil || r.Save != nil && r.Purposes.Total > 0)) {
		a.Clicked = false
		a.Error = "the banner was still shown after the click, and nothing recorded the choice"
	}
}

// bannerNow asks the banner's frame what it shows now. A click that
// reloaded the page (its site reloads on a choice, and the click came
// before the banner's own handler was wired) left the banner's document:
// the same platform's banner is then looked for in the page as it is now,
// and moved says it was found in another document.
func (c *crawler) bannerNow(ctx context.Context, p *pageCtx, fr frameReport) (now frameReport, moved bool, err error) {
	r, err := c.runConsentScript(ctx, p, fr.frame, "detect", consentArg{Platform: fr.Platform})
	if err == nil {
		fr.bannerReport = r
		return fr, false, nil
	}
	if n, ok := c.findBanner(ctx, p, consentArg{}); ok && n.Platform == fr.Platform {
		return n, true, nil
	}
	return fr, false, err
}

// bannerGone reports whether the platform's banner is no longer shown.
func (c *crawler) bannerGone(ctx context.Context, p *pageCtx, fr frameReport) bool {
	r, err := c.runConsentScript(ctx, p, fr.frame, "detect", consentArg{Platform: fr.Platform})
	return err == nil && !r.Banner
}

// choiceEvidence is what the page says of the consent choice at a moment:
// the platform's API (the rule's state, in the top document or the
// banner's frame), the TCF API, the consent records, and the purposes the
// banner holds as required (see withoutLocked).
type choiceEvidence struct {
	api, tcf string
	records  map[string]string
	locked   []string
}

func (c *crawler) choiceEvidence(ctx context.Context, p *pageCtx, fr frameReport) choiceEvidence {
	var e choiceEvidence
	top := p.topFrame()
	if rule, ok := kit().byName[fr.name()]; ok && rule.State != "" {
		for _, f := range []frameRef{top, fr.frame} {
			if s := c.readState(ctx, p, f, stateExpr(rule.State)); s != "" {
				e.api = s
				if s != stateNone {
					break
				}
			}
			if fr.frame == top {
				break
			}
		}
	}
	e.tcf = c.readState(ctx, p, top, tcfState)
	e.records, e.locked = c.consentRecords(ctx, p, fr.frame)
	return e
}

// writtenRecords returns the consent records (see isRecord) that differ
// between two reads of consentRecords, each once: those a click wrote.
func writtenRecords(before, after map[string]string) []ConsentRecord {
	var out []ConsentRecord
	for k, v := range after {
		if old, ok := before[k]; ok && old == v {
			continue
		}
		i := strings.LastIndexByte(k, '|')
		kind, name, ok := strings.Cut(k[i+1:], ":")
		if !ok || !isRecord(name, v, true) {
			continue
		}
		out = append(out, ConsentRecord{Kind: kind, Name: name, Frame: k[:max(i, 0)]})
	}
	slices.SortFunc(out, func(a, b ConsentRecord) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Name, b.Name), strings.Compare(a.Frame, b.Frame))
	})
	return slices.CompactFunc(out, func(a, b ConsentRecord) bool { return a.Kind == b.Kind && a.Name == b.Name })
}

// consentRecords returns the cookies and storage entries the top document
// and the banner's frame see, keyed "frame URL|kind:name", and the
// purposes their banners hold as required.
func (c *crawler) consentRecords(ctx context.Context, p *pageCtx, banner frameRef) (map[string]string, []string) {
	out := map[string]string{}
	var locked []string
	top := p.topFrame()
	for _, f := range []frameRef{top, banner} {
		r, err := c.runConsentScript(ctx, p, f, "records", consentArg{})
		if err != nil {
			continue
		}
		for k, v := range r.Records {
			out[r.URL+"|"+k] = v
		}
		locked = append(locked, r.Locked...)
		if banner == top {
			break
		}
	}
	return out, locked
}

// nameBehind names a banner of no known markup after the platform whose
// script the page has loaded (cmpRule.API): a site's own banner drawn over
// the platform's API keeps its choice there, and is verified by it.
func (c *crawler) nameBehind(ctx context.Context, p *pageCtx, fr *frameReport) {
	if fr.Platform != "generic" || kit().behind == "" {
		return
	}
	var name string
	if raw := c.evalIn(ctx, p, p.topFrame(), kit().behind); raw != nil && json.Unmarshal(raw, &name) == nil && kit().byName[name] != nil {
		fr.behind = name
	}
}
