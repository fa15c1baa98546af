package crawler

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/target"
)

// Header is an HTTP request header the scan adds to every request to the
// site's own hosts, and to no other (see Options.Headers): a staging
// token, basic authentication, a bypass of a bot wall.
type Header struct {
	Name, Value string
}

// CheckHeader checks a header's name (a token) and value (no line break,
// no control character). Headers the browser owns (Host, Cookie,
// Content-Length…) are refused: --cookie presets cookies. The error never
// holds the value.
func CheckHeader(h Header) error {
	if err := checkToken("header", h.Name); err != nil {
		return err
	}
	switch strings.ToLower(h.Name) {
	case "host", "cookie", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "keep-alive":
		return fmt.Errorf("the header %s is the browser's to send (use --cookie for cookies)", h.Name)
	}
	for _, r := range h.Value {
		if (r < ' ' && r != '\t') || r == 0x7f {
			return fmt.Errorf("the value of header %s holds a control character", h.Name)
		}
	}
	return nil
}

// headerPatterns are the Fetch patterns of the requests that may get the
// headers: those to the site's hosts. The handler checks each request's
// host again, since a pattern's * also matches a path.
func headerPatterns(s scope) []*fetch.RequestPattern {
	hosts := []string{s.host}
	if !s.byHost {
		hosts = []string{s.site, "*." + s.site}
	}
	var ps []*fetch.RequestPattern
	for _, h := range hosts {
		for _, rest := range []string{"/*", ":*"} {
			ps = append(ps, &fetch.RequestPattern{URLPattern: "http*://" + h + rest})
		}
	}
	return ps
}

// onRequestPaused lets a request paused by Fetch go on, with the headers
// added when it goes to one of the site's hosts. It runs off the read
// loop; a request never continued would hang its page.
func (r *recorder) onRequestPaused(s target.SessionID, params jsonv2.Value) {
	var ev fetch.EventRequestPaused
	if !decode(params, &ev) {
		return
	}
	cont := fetch.ContinueRequestParams{RequestID: ev.RequestID}
	if ev.Request != nil && r.headersFor(ev.Request.URL) {
		for k, v := range ev.Request.Headers {
			if sv, ok := v.(string); ok && !r.overrides(k) {
				cont.Headers = append(cont.Headers, &fetch.HeaderEntry{Name: k, Value: sv})
			}
		}
		for _, h := range r.headers {
			cont.Headers = append(cont.Headers, &fetch.HeaderEntry{Name: h.Name, Value: h.Value})
		}
	}
	go func() {
		ctx, cancel := context.WithTimeout(r.ctx, 10*time.Second)
		defer cancel()
		if err := r.tap.call(ctx, s, fetch.ContinueRequest.Method, cont, nil); err != nil && r.ctx.Err() == nil {
			r.log.Debug("cannot let a paused request go on", "err", err)
		}
	}()
}

// headersFor reports whether a request to u gets the headers: its host is
// one of the site's (the scope's hosts; not --include or --exclude, which
// choose pages, not the site's resources).
func (r *recorder) headersFor(u string) bool {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return false
	}
	h := strings.ToLower(p.Hostname())
	if r.scope.byHost {
		return h == r.scope.host
	}
	return h == r.scope.site || strings.HasSuffix(h, "."+r.scope.site)
}

// overrides reports whether the request's own header name is replaced by
// one of the headers.
func (r *recorder) overrides(name string) bool {
	for _, h := range r.headers {
		if strings.EqualFold(h.Name, name) {
			return true
		}
	}
	return false
}
