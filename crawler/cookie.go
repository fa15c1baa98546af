package crawler

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"golang.org/x/net/publicsuffix"
)

// cookieKey identifies a cookie in the browser's jar: a second write with the
// same key replaces the first.
type cookieKey struct {
	name      string
	domain    string // no leading dot
	hostOnly  bool
	path      string
	partition string // top-level site of a partitioned cookie
}

func keyOfNetworkCookie(c *network.Cookie) cookieKey {
	k := cookieKey{name: c.Name, path: c.Path}
	k.domain = strings.ToLower(strings.TrimPrefix(c.Domain, "."))
	k.hostOnly = !strings.HasPrefix(c.Domain, ".")
	if c.PartitionKey != nil {
		k.partition = c.PartitionKey.TopLevelSite
	}
	return k
}

// parsed is a cookie write with its attributes resolved against the URL it
// was made for.
type parsed struct {
	key       cookieKey
	value     string
	requested *time.Time // nil: session cookie
	deletion  bool       // expired on arrival: a delete, not a set
	secure    bool
	httpOnly  bool
	sameSite  string
	partition bool
}

// parseWrite resolves a write. ok is false for a line no browser would
// accept (no name and no value, an unparsable base URL).
func parseWrite(w write, topSite string) (p parsed, ok bool) {
	base, err := url.Parse(w.base)
	if err != nil || base.Hostname() == "" {
		return p, false
	}
	host := strings.ToLower(base.Hostname())
	if w.store != nil {
		return parseCookieStore(w, host, topSite), true
	}
	name, value, attrs := splitCookie(w.raw)
	if name == "" && value == "" {
		return p, false
	}
	p.key.name, p.value = name, value
	p.key.domain, p.key.hostOnly = host, true
	p.key.path = defaultPath(base.EscapedPath())
	var maxAge *int64
	var expires *time.Time
	for _, a := range attrs {
		switch strings.ToLower(a.k) {
		case "domain":
			d := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(a.v), "."))
			if d != "" {
				p.key.domain, p.key.hostOnly = d, false
			}
		case "path":
			if strings.HasPrefix(a.v, "/") {
				p.key.path = a.v
			}
		case "max-age":
			if n, err := strconv.ParseInt(strings.TrimSpace(a.v), 10, 64); err == nil {
				maxAge = &n
			}
		case "expires":
			if t, ok := parseCookieTime(a.v); ok {
				expires = &t
			}
		case "secure":
			p.secure = true
		case "httponly":
			p.httpOnly = true
		case "samesite":
			switch strings.ToLower(strings.TrimSpace(a.v)) {
			case "strict":
				p.sameSite = "Strict"
			case "lax":
				p.sameSite = "Lax"
			case "none":
				p.sameSite = "None"
			}
		case "partitioned":
			p.partition = true
		}
	}
	switch {
	case maxAge != nil: // Max-Age wins over Expires
		if *maxAge <= 0 {
			p.deletion = true
		} else {
			t := w.at.Add(time.Duration(min(*maxAge, int64(1<<62)/int64(time.Second))) * time.Second).UTC().Truncate(time.Second)
			p.requested = &t
		}
	case expires != nil:
		if !expires.After(w.at) {
			p.deletion = true
		} else {
			t := expires.UTC()
			p.requested = &t
		}
	}
	if p.partition {
		p.key.partition = w.partitionKey
		if p.key.partition == "" {
			p.key.partition = topSite
		}
	}
	return p, true
}

func parseCookieStore(w write, host, topSite string) parsed {
	o := w.store
	p := parsed{value: o.Value, secure: true}
	p.key.name = o.Name
	p.key.domain, p.key.hostOnly = host, true
	if o.Domain != nil && *o.Domain != "" {
		p.key.domain, p.key.hostOnly = strings.ToLower(strings.TrimPrefix(*o.Domain, ".")), false
	}
	p.key.path = "/"
	if o.Path != nil && strings.HasPrefix(*o.Path, "/") {
		p.key.path = *o.Path
	}
	switch strings.ToLower(o.SameSite) {
	case "", "strict":
		p.sameSite = "Strict"
	case "lax":
		p.sameSite = "Lax"
	case "none":
		p.sameSite = "None"
	}
	if o.Expires != nil {
		t := time.UnixMilli(int64(*o.Expires)).UTC()
		if !t.After(w.at) {
			p.deletion = true
		} else {
			p.requested = &t
		}
	}
	if o.Partitioned {
		p.partition = true
		p.key.partition = topSite
	}
	return p
}

type attr struct{ k, v string }

// splitCookie splits a Set-Cookie line (or a document.cookie string, which
// has the same syntax) the way browsers do: leniently.
func splitCookie(line string) (name, value string, attrs []attr) {
	parts := strings.Split(line, ";")
	nv := strings.TrimSpace(parts[0])
	if i := strings.IndexByte(nv, '='); i >= 0 {
		name, value = strings.TrimSpace(nv[:i]), strings.TrimSpace(nv[i+1:])
	} else {
		// A pair with no "=" is a cookie with an empty name.
		value = nv
	}
	for _, a := range parts[1:] {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		k, v, _ := strings.Cut(a, "=")
		attrs = append(attrs, attr{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return name, value, attrs
}

// defaultPath is RFC 6265 §5.1.4's default-path of a request path.
func defaultPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		return "/"
	}
	i := strings.LastIndexByte(p, '/')
	if i == 0 {
		return "/"
	}
	return p[:i]
}

var cookieTimeLayouts = []string{
	time.RFC1123,
	"Mon, 02-Jan-2006 15:04:05 MST",
	"Monday, 02-Jan-06 15:04:05 MST",
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04:05 GMT-0700",
	"Mon, 02 Jan 06 15:04:05 MST",
	time.RFC1123Z,
}

func parseCookieTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range cookieTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// registrableDomain returns the eTLD+1 of host, or host itself when it has
// none (an IP address, localhost).
func registrableDomain(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// topLevelSite is the site of a page URL in the form Chromium uses for
// partition keys: scheme://eTLD+1.
func topLevelSite(u *url.URL) string {
	return u.Scheme + "://" + registrableDomain(u.Hostname())
}
