package crawler

import (
	"encoding/json"
	"strings"
	"time"
)

// scriptReport is what hook.js sends for one write.
type scriptReport struct {
	API     string           `json:"api"`
	Raw     string           `json:"raw"`
	Href    string           `json:"href"`
	Stack   string           `json:"stack"`
	Visible *bool            `json:"visible"`
	Opts    *cookieStoreOpts `json:"opts"`
	OK      *bool            `json:"ok"`
	Error   string           `json:"error"`
	Until   float64          `json:"until"` // a timer's due time, in ms since the epoch
	Of      string           `json:"of"`    // the hook that follows the timer until it has run
	Idle    bool             `json:"idle"`  // the hook's followed timers have all run
	// A web storage write: its storage, the frame's origin, the key and
	// the value.
	Kind   string `json:"kind"`
	Origin string `json:"origin"`
	Key    string `json:"key"`
	Value  string `json:"value"`
}

func (r *recorder) onScriptWrite(now time.Time, payload string) {
	var rep scriptReport
	if err := json.Unmarshal([]byte(payload), &rep); err != nil {
		return
	}
	if rep.API == "timer" {
		if rep.Idle {
			r.act.onTimersRun(now, rep.Of)
		} else {
			r.act.onTimer(now, time.UnixMilli(int64(rep.Until)), rep.Of)
		}
		return
	}
	src := scriptURL(rep.Stack)
	if src == "" {
		src = rep.Href
	}
	w := write{at: now, setBy: SetByScript, source: src, frameURL: rep.Href, base: rep.Href}
	r.act.touch(now)
	switch rep.API {
	case "storage":
		r.onStorageWrite(&rep, src)
		return
	case "document.cookie":
		w.raw = rep.Raw
		if rep.Visible != nil && !*rep.Visible {
			w.blocked, w.reasons = true, []string{"NotStoredAfterScriptWrite"}
		}
	case "cookieStore.set":
		if rep.Opts == nil {
			return
		}
		w.store = rep.Opts
		if rep.OK != nil && !*rep.OK {
			w.blocked, w.reasons = true, []string{"CookieStoreRejected"}
		}
	default:
		return
	}
	r.mu.Lock()
	r.writes = append(r.writes, w)
	r.mu.Unlock()
}

// scriptURL returns the URL of the first stack frame outside the hook: the
// script that made the write. Inline scripts report the document's URL.
func scriptURL(stack string) string {
	for line := range strings.SplitSeq(stack, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "at ") || strings.Contains(line, "cookieaudit-hook.js") {
			continue
		}
		// "at fn (URL:line:col)" or "at URL:line:col"
		loc := strings.TrimPrefix(line, "at ")
		if i := strings.LastIndexByte(loc, '('); i >= 0 {
			loc = strings.TrimSuffix(loc[i+1:], ")")
		} else if i := strings.LastIndexByte(loc, ' '); i >= 0 {
			loc = loc[i+1:]
		}
		// strip ":line:col"
		for range 2 {
			if i := strings.LastIndexByte(loc, ':'); i > 0 && isDigits(loc[i+1:]) {
				loc = loc[:i]
			}
		}
		if strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://") {
			return loc
		}
	}
	return ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
