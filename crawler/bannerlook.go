package crawler

import (
	"context"
	"time"
)

// searchBanner looks for a banner with find until one with an accept is
// found, or the search is over (over), or no banner is coming (quiet,
// which ends only a search that found nothing). Both are asked before
// each look, so that the last look sees the page as it was when the
// search was judged over: a look takes seconds on a loaded machine, and
// a banner drawn during it (its frame loaded, its script run) would
// otherwise be missed, the page quiet again by the look's end.
func searchBanner(ctx context.Context, find func() (frameReport, bool), over, quiet func() bool, pause func()) (fr frameReport, ok, wasQuiet bool) {
	for {
		o, q := over(), quiet()
		fr, ok = find()
		if ok && fr.Accept != nil || ctx.Err() != nil || o {
			return fr, ok, false
		}
		if !ok && q {
			return fr, false, true
		}
		pause()
	}
}

// bannerLook is how long after its load the first page is searched for a
// consent banner.
const bannerLook = 5 * time.Second

// bannerLookBusy bounds the search of a first page that is still busy at
// bannerLook: a request in flight or a timer due. A loaded machine (a CI
// runner beside other jobs) runs a platform's scripts late, and the
// frame or script that draws the banner may still be on its way.
const bannerLookBusy = 10 * time.Second

// bannerLookOver reports whether the first page's search for a banner is
// over: until has passed and the page is quiet, or bannerLookBusy has
// passed since its load.
func (c *crawler) bannerLookOver(p *pageCtx, until time.Time) bool {
	now := time.Now()
	if !now.After(until) {
		return false
	}
	return c.opts.Consent == ConsentNone || p.rec.act.quiet(now) || now.Sub(p.at) >= bannerLookBusy
}

// bannerQuietLook is how long after its load a page without a banner is
// searched at least, when its activity is watched (--wait auto): no
// request in flight, no timer due before bannerLook.
const bannerQuietLook = 2 * time.Second

// noBannerComing reports whether a page that shows no banner can be left
// before bannerLook: with --wait auto, once bannerQuietLook has passed
// since its load and since its last timer was due, and nothing on it could
// still draw one (no request in flight, no timer due before bannerLook,
// nothing for quietFor; see activity and firstPageHooks). A platform's
// banner is drawn by a script, after a request or a timer; on a busy
// machine a timer's callback runs late, hence the margin after it. A page
// whose intervals keep running is searched until bannerLook, as without
// --wait auto.
func (c *crawler) noBannerComing(p *pageCtx) bool {
	if !c.opts.AutoWait {
		return false
	}
	now := time.Now()
	return now.Sub(p.at) >= bannerQuietLook && now.Sub(p.rec.act.lastTimer()) >= bannerQuietLook && p.rec.act.quiet(now)
}
