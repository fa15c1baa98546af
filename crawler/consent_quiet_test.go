package crawler

import (
	"testing"
	"time"
)

// TestNoBannerComing checks when the search for a banner on a page that
// shows none may end before bannerLook: only with --wait auto, only once
// bannerQuietLook has passed since the load and since the last timer was
// due, and only when nothing that could still draw a banner is pending.
func TestNoBannerComing(t *testing.T) {
	now := time.Now()
	quiet := func() *recorder {
		r := &recorder{}
		r.act.touch(now.Add(-time.Second))
		return r
	}
	for _, tc := range []struct {
		name string
		auto bool
		at   time.Time // the page's load
		rec  func() *recorder
		want bool
	}{
		{"quiet after bannerQuietLook", true, now.Add(-bannerQuietLook), quiet, true},
		{"fixed wait: timers are not watched", false, now.Add(-bannerQuietLook), quiet, false},
		{"too soon after the load", true, now.Add(-bannerQuietLook + 100*time.Millisecond), quiet, false},
		{"a request in flight", true, now.Add(-bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.started("1", "Script", "https://cmp.example/banner.js")
			return r
		}, false},
		{"a timer due", true, now.Add(-bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-time.Second), now.Add(2*time.Second), "")
			return r
		}, false},
		{"a timer due a moment ago: its callback may run late", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook/2), "")
			return r
		}, false},
		{"a timer due long ago", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "")
			r.act.touch(now.Add(-time.Second))
			return r
		}, true},
		{"a timeout due long ago that has not run: a loaded machine runs it late", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "frame1")
			r.act.touch(now.Add(-time.Second))
			return r
		}, false},
		{"a late timeout that has run", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "frame1")
			r.act.onTimersRun(now.Add(-time.Second), "frame1")
			return r
		}, true},
		{"a late timeout that has just run: what it started may not show yet", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "frame1")
			r.act.onTimersRun(now.Add(-quietFor/2), "frame1")
			return r
		}, false},
		{"another frame's timeouts have run, not this one's", true, now.Add(-3 * bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "frame1")
			r.act.onTimer(now.Add(-3*bannerQuietLook), now.Add(-bannerQuietLook), "frame2")
			r.act.onTimersRun(now.Add(-time.Second), "frame2")
			return r
		}, false},
		{"a timeout that never ran, long past its due time: its frame is gone", true, now.Add(-timerGrace - 3*bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.onTimer(now.Add(-timerGrace-3*bannerQuietLook), now.Add(-timerGrace), "frame1")
			r.act.touch(now.Add(-time.Second))
			return r
		}, true},
		{"activity just now", true, now.Add(-bannerQuietLook), func() *recorder {
			r := quiet()
			r.act.touch(time.Now())
			return r
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &crawler{opts: Options{AutoWait: tc.auto}}
			p := &pageCtx{rec: tc.rec(), at: tc.at}
			if got := c.noBannerComing(p); got != tc.want {
				t.Errorf("noBannerComing = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFirstPageWatchesTimersUntilBannerLook checks that the first page of
// a crawl that makes consent choices reports its timers as far ahead as
// the banner is looked for, so that a banner a timer draws after the wait
// is still awaited; without choices to make, the wait's own horizon holds.
func TestFirstPageWatchesTimersUntilBannerLook(t *testing.T) {
	for _, tc := range []struct {
		consent ConsentMode
		want    time.Duration
	}{
		{ConsentAll, bannerLook},
		{ConsentAuto, bannerLook},
		{ConsentNone, 0},
	} {
		c := &crawler{opts: Options{Consent: tc.consent}}
		if got := c.firstPageHooks(&phaseRun{phase: BeforeConsent}, "", nil).timers; got != tc.want {
			t.Errorf("--consent %s: first page's timers watched %v ahead, want %v", tc.consent, got, tc.want)
		}
	}
}

// TestSearchBannerDecidesBeforeTheLook checks that the search for a banner
// judges the page quiet (or the search over) before a look, not after it:
// a look takes seconds on a loaded machine, and a banner whose frame loads
// during it is found by the next look even though the page is quiet by the
// end of the first.
func TestSearchBannerDecidesBeforeTheLook(t *testing.T) {
	for _, end := range []string{"quiet", "over"} {
		t.Run(end, func(t *testing.T) {
			drawn := false // the banner is drawn during the first look
			looks := 0
			find := func() (frameReport, bool) {
				looks++
				if !drawn {
					drawn = true
					return frameReport{}, false
				}
				var fr frameReport
				fr.Banner, fr.Accept = true, &ConsentButton{}
				return fr, true
			}
			// By the end of the first look the page is quiet, or the
			// search's time is up.
			quiet := func() bool { return end == "quiet" && drawn }
			over := func() bool { return end == "over" && drawn }
			fr, ok, wasQuiet := searchBanner(t.Context(), find, over, quiet, func() {})
			if !ok || fr.Accept == nil {
				t.Fatalf("banner drawn during the first look not found (%d looks)", looks)
			}
			if wasQuiet || looks != 2 {
				t.Errorf("wasQuiet = %v after %d looks, want false after 2", wasQuiet, looks)
			}
		})
	}
	// A page quiet before a look that finds nothing ends the search.
	looks := 0
	_, ok, wasQuiet := searchBanner(t.Context(), func() (frameReport, bool) { looks++; return frameReport{}, false },
		func() bool { return false }, func() bool { return true }, func() {})
	if ok || !wasQuiet || looks != 1 {
		t.Errorf("quiet page without a banner: ok %v, wasQuiet %v, %d looks; want false, true, 1", ok, wasQuiet, looks)
	}
}
