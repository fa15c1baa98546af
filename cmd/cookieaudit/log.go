package main

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// lineHandler writes log records to stderr in the format of the
// command's errors, one line each, so that every command says things the
// same way whether a message comes from the scan's logger or not:
//
//	cookieaudit: warning: the baseline is a scan of another site: its findings cannot match (baseline=old.json target=https://www.example.org/)
//	cookieaudit: debug: 09:30:02.114 page loaded (url=https://www.example.org/ status=200)
//
// Debug lines (-v) carry the time; warnings do not. Control characters of
// messages and values, which can come from the site, are escaped.
type lineHandler struct {
	mu     *sync.Mutex
	w      io.Writer
	level  slog.Leveler
	attrs  string // preformatted attributes of WithAttrs, each " k=v"
	prefix string // the group of WithGroup, "g."
}

func newLineHandler(w io.Writer, level slog.Leveler) *lineHandler {
	return &lineHandler{mu: &sync.Mutex{}, w: w, level: level}
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= h.level.Level()
}

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString("cookieaudit: ")
	switch {
	case r.Level >= slog.LevelError:
		b.WriteString("error: ")
	case r.Level >= slog.LevelWarn:
		b.WriteString("warning: ")
	case r.Level >= slog.LevelInfo:
	default:
		b.WriteString("debug: ")
		if !r.Time.IsZero() {
			b.WriteString(r.Time.Format("15:04:05.000 "))
		}
	}
	b.WriteString(oneLine(r.Message))
	attrs := h.attrs
	r.Attrs(func(a slog.Attr) bool {
		attrs += formatAttr(h.prefix, a)
		return true
	})
	if attrs != "" {
		b.WriteString(" (" + attrs[1:] + ")")
	}
	b.WriteByte('\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *lineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	h2 := *h
	for _, a := range as {
		h2.attrs += formatAttr(h.prefix, a)
	}
	return &h2
}

func (h *lineHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.prefix += name + "."
	return &h2
}

// formatAttr is " key=value", a group's members each with the group's
// name before theirs; nothing for an empty attribute.
func formatAttr(prefix string, a slog.Attr) string {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return ""
	}
	if a.Value.Kind() == slog.KindGroup {
		p := prefix
		if a.Key != "" {
			p += a.Key + "."
		}
		var s string
		for _, m := range a.Value.Group() {
			s += formatAttr(p, m)
		}
		return s
	}
	return " " + prefix + a.Key + "=" + quoteValue(a.Value.String())
}

// quoteValue quotes a value that would otherwise be hard to read back:
// empty, or holding blanks, quotes, "=", parentheses or control
// characters.
func quoteValue(v string) string {
	if v == "" || strings.ContainsFunc(v, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '=' || r == '(' || r == ')' || !unicode.IsPrint(r)
	}) {
		return strconv.Quote(v)
	}
	return v
}
