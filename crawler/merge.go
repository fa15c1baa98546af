package crawler

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
)

// merge turns the writes of every page, in crawl order, and the final jar
// into one record per cookie.
//
// The jar alone is not enough: Chromium evicts the oldest cookies of a domain
// beyond about 180 and a later write replaces an earlier one, and the jar
// says nothing of who wrote a cookie. The writes alone are not enough either:
// only the jar has what the browser really stored (lifetimes capped at 400
// days, attributes normalised). So the writes make the records and the jar
// completes them.
func merge(visits []*visit, jar []*network.Cookie, site string) []Cookie {
	type rec struct {
		c     Cookie
		page  int // crawl index of the first page that saw it
		wrote bool
	}
	recs := map[cookieKey]*rec{}
	get := func(k cookieKey, page int, url string) *rec {
		r := recs[k]
		if r == nil {
			r = &rec{page: page, c: Cookie{
				Name: k.name, Domain: k.domain, HostOnly: k.hostOnly, Path: k.path,
				PartitionKey: k.partition, SetBy: SetByUnknown, FirstSeenOn: url,
			}}
			recs[k] = r
		}
		return r
	}

	for i, v := range visits {
		for _, w := range v.writes {
			p, ok := parseWrite(w, v.topSite)
			if !ok || p.deletion {
				continue
			}
			r := get(p.key, i, v.page.URL)
			if !w.blocked {
				r.c.Stored = true
				r.c.BlockedReasons = nil
			} else if !r.c.Stored {
				for _, reason := range w.reasons {
					if !slices.Contains(r.c.BlockedReasons, reason) {
						r.c.BlockedReasons = append(r.c.BlockedReasons, reason)
					}
				}
			}
			if r.wrote {
				continue
			}
			// The first write describes the cookie: who set it, from
			// where, asking for which lifetime.
			r.wrote = true
			r.c.SetBy, r.c.Source, r.c.FrameURL = w.setBy, w.source, w.frameURL
			r.c.Value = p.value
			r.c.RequestedExpires = p.requested
			r.c.SetAt = w.at.UTC().Truncate(time.Second)
			r.c.Session = p.requested == nil
			r.c.Secure, r.c.HTTPOnly, r.c.SameSite, r.c.Partitioned = p.secure, p.httpOnly, p.sameSite, p.partition
		}
	}
	// A cookie a page only sent was set by an earlier page in time, but
	// maybe by a later one in crawl order, running in another tab: sends
	// name the first page only for cookies no page was seen setting.
	for i, v := range visits {
		for _, k := range v.sent {
			get(k, i, v.page.URL)
		}
	}

	for _, jc := range jar {
		if jc == nil {
			continue
		}
		k := keyOfNetworkCookie(jc)
		r := get(k, math.MaxInt, "")
		r.c.Stored = true
		r.c.BlockedReasons = nil
		r.c.Value = jc.Value
		r.c.Secure, r.c.HTTPOnly = jc.Secure, jc.HTTPOnly
		r.c.SameSite = string(jc.SameSite)
		r.c.Partitioned = jc.PartitionKey != nil
		r.c.Session = jc.Session
		if !jc.Session && jc.Expires > 0 {
			sec, frac := math.Modf(jc.Expires)
			t := time.Unix(int64(sec), int64(frac*1e9)).UTC().Truncate(time.Second)
			r.c.Expires = &t
		}
		if !r.wrote {
			r.c.RequestedExpires = r.c.Expires
		}
	}

	out := make([]*rec, 0, len(recs))
	for _, r := range recs {
		if r.c.SetBy == SetByUnknown && !r.c.Stored {
			// Sent but neither written during the scan nor in the jar at
			// the end: nothing to report about it.
			continue
		}
		r.c.Party = ThirdParty
		if registrableDomain(r.c.Domain) == site {
			r.c.Party = FirstParty
		}
		if !r.c.Stored && r.c.BlockedReasons == nil {
			r.c.BlockedReasons = []string{}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *rec) int {
		return cmp.Or(
			cmp.Compare(a.page, b.page),
			strings.Compare(a.c.Name, b.c.Name),
			strings.Compare(a.c.Domain, b.c.Domain),
			strings.Compare(a.c.Path, b.c.Path),
			strings.Compare(a.c.PartitionKey, b.c.PartitionKey),
		)
	})
	cookies := make([]Cookie, len(out))
	for i, r := range out {
		cookies[i] = r.c
	}
	return cookies
}
