package crawler

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/google/go-cmp/cmp"
)

func TestMerge(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	home := &visit{page: Page{URL: "https://www.portal.test/"}, topSite: "https://portal.test", writes: []write{
		{at: at, setBy: SetByHeader, source: "https://www.portal.test/", base: "https://www.portal.test/", raw: "sessionid=1; Path=/; Max-Age=60; HttpOnly"},
		{at: at, setBy: SetByScript, source: "https://gtm.test/gtag.js", base: "https://www.portal.test/", raw: "_ga=1; domain=portal.test; path=/; max-age=63072000"},
		{at: at, setBy: SetByHeader, source: "https://ads.test/px", base: "https://ads.test/px", raw: "refused=1; SameSite=None", blocked: true, reasons: []string{"SameSiteNoneInsecure"}},
		{at: at, setBy: SetByScript, source: "https://www.portal.test/", base: "https://www.portal.test/", raw: "gone=; max-age=0"},
	}}
	// A page later in crawl order that sends _ga and writes it again (as GA
	// does on every page) must not take over its attribution.
	catalog := &visit{page: Page{URL: "https://www.portal.test/catalog/"}, topSite: "https://portal.test",
		sent: []cookieKey{{name: "_ga", domain: "portal.test", path: "/"}},
		writes: []write{
			{at: at, setBy: SetByScript, source: "https://gtm.test/gtag.js", base: "https://www.portal.test/catalog/", raw: "_ga=1; domain=portal.test; path=/; max-age=63072000"},
			{at: at, setBy: SetByHeader, source: "https://embed.test/frame", base: "https://embed.test/frame", raw: "uid=9; Secure; SameSite=None; Path=/"},
		}}
	jar := []*network.Cookie{
		{Name: "sessionid", Domain: "www.portal.test", Path: "/", Expires: float64(at.Add(time.Minute).Unix()), HTTPOnly: true, SameSite: "Lax"},
		{Name: "_ga", Domain: ".portal.test", Path: "/", Expires: float64(at.Add(400 * 24 * time.Hour).Unix())},
		{Name: "uid", Domain: "embed.test", Path: "/", Expires: -1, Session: true, Secure: true, SameSite: "None"},
		{Name: "mystery", Domain: "www.portal.test", Path: "/", Expires: -1, Session: true},
	}
	got := merge([]*visit{home, catalog}, jar, "portal.test")
	tp := func(d time.Duration) *time.Time { x := at.Add(d); return &x }
	want := []Cookie{
		{Name: "_ga", Domain: "portal.test", Path: "/", Party: FirstParty, Value: "", RequestedExpires: tp(2 * 365 * 24 * time.Hour),
			Expires: tp(400 * 24 * time.Hour), Stored: true, SetBy: SetByScript, Source: "https://gtm.test/gtag.js", FrameURL: "", FirstSeenOn: "https://www.portal.test/", SetAt: at},
		{Name: "refused", Domain: "ads.test", HostOnly: true, Path: "/", Party: ThirdParty, Session: true, SameSite: "None", Value: "1",
			Stored: false, BlockedReasons: []string{"SameSiteNoneInsecure"}, SetBy: SetByHeader, Source: "https://ads.test/px", FirstSeenOn: "https://www.portal.test/", SetAt: at},
		{Name: "sessionid", Domain: "www.portal.test", HostOnly: true, Path: "/", Party: FirstParty, Value: "", RequestedExpires: tp(time.Minute), Expires: tp(time.Minute),
			Stored: true, HTTPOnly: true, SameSite: "Lax", SetBy: SetByHeader, Source: "https://www.portal.test/", FirstSeenOn: "https://www.portal.test/", SetAt: at},
		{Name: "uid", Domain: "embed.test", HostOnly: true, Path: "/", Party: ThirdParty, Session: true, Stored: true, Secure: true, SameSite: "None", Value: "",
			SetBy: SetByHeader, Source: "https://embed.test/frame", FirstSeenOn: "https://www.portal.test/catalog/", SetAt: at},
		{Name: "mystery", Domain: "www.portal.test", HostOnly: true, Path: "/", Party: FirstParty, Session: true, Stored: true, SetBy: SetByUnknown},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
}
