package report

import (
	"bytes"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// start is the fixed clock of every test: reports built from the same
// result are byte for byte the same.
var start = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// observed builds a crawler cookie from a raw Set-Cookie line, as Chromium
// would have stored it 2 seconds into a scan that started at start.
func observed(t testing.TB, line string, party crawler.Party, setBy crawler.SetBy, source, page string) crawler.Cookie {
	t.Helper()
	hc, err := http.ParseSetCookie(line)
	if err != nil {
		t.Fatalf("ParseSetCookie(%q): %v", line, err)
	}
	src, err := url.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	c := crawler.Cookie{
		Name:           hc.Name,
		Value:          hc.Value,
		Domain:         strings.TrimPrefix(hc.Domain, "."),
		Path:           hc.Path,
		Party:          party,
		Stored:         true,
		BlockedReasons: nil,
		Secure:         hc.Secure,
		HTTPOnly:       hc.HttpOnly,
		Partitioned:    hc.Partitioned,
		SetBy:          setBy,
		Source:         source,
		FrameURL:       page,
		FirstSeenOn:    page,
	}
	if c.Domain == "" {
		c.Domain, c.HostOnly = src.Hostname(), true
	}
	if c.Path == "" {
		c.Path = "/"
	}
	switch hc.SameSite {
	case http.SameSiteStrictMode:
		c.SameSite = "Strict"
	case http.SameSiteLaxMode:
		c.SameSite = "Lax"
	case http.SameSiteNoneMode:
		c.SameSite = "None"
	}
	if c.Partitioned {
		c.PartitionKey = "https://portal.test"
	}
	setAt := start.Add(2*time.Second + 250*time.Millisecond)
	c.SetAt = setAt
	var requested time.Time
	switch {
	case hc.MaxAge > 0:
		requested = setAt.Add(time.Duration(hc.MaxAge) * time.Second)
	case !hc.Expires.IsZero():
		requested = hc.Expires
	default:
		c.Session = true
		return c
	}
	stored := requested
	if limit := setAt.Add(400 * 24 * time.Hour); stored.After(limit) {
		stored = limit
	}
	c.RequestedExpires, c.Expires = &requested, &stored
	return c
}

// portal is a scan of a small portal: first- and third-party cookies from
// headers and scripts, one capped lifetime, one cookie the browser refused
// and one page that failed.
func portal(t testing.TB) *crawler.Result {
	const home = "https://www.portal.test/"
	const explore = "https://www.portal.test/explore/?sort=modified&q=a<b"
	res := &crawler.Result{
		Target:     home,
		StartedAt:  start.Add(123 * time.Millisecond),
		FinishedAt: start.Add(41*time.Second + 900*time.Millisecond),
		Browser:    "Chrome/156.0.0.0",
		Pages: []crawler.Page{
			{URL: home, FinalURL: home, Depth: 0, Status: 200, Title: "Data portal", Links: 4},
			{URL: explore, FinalURL: explore, Depth: 1, Status: 200, Title: "Explore", Links: 2},
			{URL: "https://www.portal.test/old", FinalURL: "https://www.portal.test/pages/new", Depth: 1, Status: 200, Title: "New"},
			{URL: "https://www.portal.test/broken", FinalURL: "https://www.portal.test/broken", Depth: 1, Status: 0, Error: "net::ERR_CONNECTION_RESET"},
		},
		Cookies: []crawler.Cookie{
			observed(t, "sessionid=abc123; Path=/; Secure; HttpOnly; SameSite=Lax", crawler.FirstParty, crawler.SetByHeader, home, home),
			observed(t, "csrftoken=tok; Path=/; Max-Age=31449600; Secure; SameSite=Lax", crawler.FirstParty, crawler.SetByHeader, home, home),
			observed(t, "_ga=GA1.1.123.456; Domain=.portal.test; Path=/; Max-Age=63072000", crawler.FirstParty, crawler.SetByScript, "https://www.portal.test/static/gtag.js", home),
			observed(t, "_gid=GA1.1.789; Domain=.portal.test; Path=/; Max-Age=86400", crawler.FirstParty, crawler.SetByScript, "https://www.portal.test/static/gtag.js", home),
			observed(t, "_pk_ses.1.abcd=1; Path=/; Max-Age=1800", crawler.FirstParty, crawler.SetByScript, "https://www.portal.test/static/matomo.js", explore),
			observed(t, "lang=fr; Path=/explore; Max-Age=1209600", crawler.FirstParty, crawler.SetByHeader, explore, explore),
			observed(t, "consent=; Path=/; Max-Age=34128000", crawler.FirstParty, crawler.SetByScript, "https://www.portal.test/static/cmp.js", explore),
			observed(t, "IDE=AHWqTUk; Domain=.tracker.test; Path=/; Max-Age=34164000; Secure; SameSite=None", crawler.ThirdParty, crawler.SetByHeader, "https://ads.tracker.test/pixel?id=1&p=2", home),
			observed(t, "__Host-embed=e1; Path=/; Secure; SameSite=None; Partitioned", crawler.ThirdParty, crawler.SetByHeader, "https://embed.maps.test/frame", explore),
		},
	}
	blocked := observed(t, "uid=42; Domain=.social.test; Path=/; Max-Age=7776000; SameSite=None", crawler.ThirdParty, crawler.SetByHeader, "https://social.test/button", explore)
	blocked.Stored, blocked.Expires = false, nil
	blocked.BlockedReasons = []string{"SameSiteNoneInsecure"}
	res.Cookies = append(res.Cookies, blocked)
	// Web storage: a key written by a script, one by the page's own
	// inline script in sessionStorage, one found in the storage with no
	// write seen, and a third party's IndexedDB database.
	res.Storage = []crawler.StorageItem{
		{Kind: crawler.LocalStorage, Origin: "https://www.portal.test", Key: "ods_theme", Value: "st-theme-dark",
			SetBy: crawler.SetByScript, Source: "https://www.portal.test/static/app.js", FirstSeenOn: home},
		{Kind: crawler.LocalStorage, Origin: "https://www.portal.test", Key: "ods_last_search", Value: "",
			SetBy: crawler.SetByUnknown, FirstSeenOn: explore},
		{Kind: crawler.SessionStorage, Origin: "https://www.portal.test", Key: "ods_tab", Value: "st-tab-2",
			SetBy: crawler.SetByScript, Source: explore, FirstSeenOn: explore},
		{Kind: crawler.IndexedDB, Origin: "https://embed.maps.test", Key: "tiles",
			SetBy: crawler.SetByScript, Source: "https://embed.maps.test/frame", FirstSeenOn: explore},
	}
	return res
}

// hostile is a scan of a site whose strings try to act on the terminal.
func hostile(t testing.TB) *crawler.Result {
	const home = "https://evil.test/"
	red := observed(t, "x=1; Max-Age=60", crawler.FirstParty, crawler.SetByScript, home, home)
	red.Name = "\x1b[31mred\x1b[0m"
	clear := observed(t, "y=1", crawler.FirstParty, crawler.SetByHeader, home, home)
	clear.Name = "a\rb\x1b[2Jc\x07"
	clear.Domain = "evil.test\nfake line"
	bidi := observed(t, "z=1", crawler.ThirdParty, crawler.SetByHeader, "https://other.test/", home)
	bidi.Name = "abc\u202edcba\xff"
	bidi.FirstSeenOn = home + "\x1b]8;;https://phish.test/\x07link\x1b]8;;\x07"
	storage := []crawler.StorageItem{{
		Kind: crawler.LocalStorage, Origin: "https://evil.test|`x`", Key: "<script>alert(1)</script>\x1b[31m|*k*\u202e",
		SetBy: crawler.SetByScript, Source: "https://evil.test/<b>x</b>.js", FirstSeenOn: home + "\x1b[2J",
	}}
	return &crawler.Result{
		Target:    home,
		StartedAt: start,
		Pages: []crawler.Page{
			{URL: home, FinalURL: home, Status: 200},
			{URL: home + "x", FinalURL: home + "x", Depth: 1, Error: "boom\x1b[1A\x1b[2K"},
		},
		Cookies: []crawler.Cookie{red, clear, bidi},
		Storage: storage,
	}
}

// empty is a scan that visited one page and saw no cookie.
func empty() *crawler.Result {
	return &crawler.Result{
		Target:     "https://quiet.test/",
		StartedAt:  start,
		FinishedAt: start.Add(5 * time.Second),
		Pages:      []crawler.Page{{URL: "https://quiet.test/", FinalURL: "https://quiet.test/", Status: 200, Title: "Quiet"}},
	}
}

// partial is a scan that was interrupted after its first page.
func partial(t testing.TB) *crawler.Result {
	res := portal(t)
	res.Pages = res.Pages[:1]
	res.Cookies = res.Cookies[:2]
	res.Partial = true
	return res
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestWriteGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		res  func(testing.TB) *crawler.Result
		opts Options
	}{
		{name: "portal", res: portal},
		{name: "portal-values", res: portal, opts: Options{ShowValues: true}},
		{name: "hostile", res: hostile},
		{name: "empty", res: func(testing.TB) *crawler.Result { return empty() }},
		{name: "partial", res: partial},
	}
	for _, tc := range cases {
		for _, format := range Formats() {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				opts := tc.opts
				opts.Version = "v1.2.3"
				rep := New(tc.res(t), opts)
				var buf bytes.Buffer
				if err := Write(&buf, rep, format); err != nil {
					t.Fatalf("Write: %v", err)
				}
				golden(t, tc.name+"."+format+".golden", buf.Bytes())
			})
		}
	}
}

func TestNewKeepsValuesOut(t *testing.T) {
	t.Parallel()
	res := portal(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, New(res, Options{})); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&buf, New(res, Options{})); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"abc123", "GA1.1.123.456", "AHWqTUk", `"value"`, "st-theme-dark", "st-tab-2"} {
		if strings.Contains(buf.String(), v) {
			t.Errorf("report without ShowValues contains %q", v)
		}
	}

	buf.Reset()
	if err := WriteJSON(&buf, New(res, Options{ShowValues: true})); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{`"value": "abc123"`, `"value": ""`, `"value": "st-theme-dark"`, `"value": "st-tab-2"`} {
		if !strings.Contains(buf.String(), v) {
			t.Errorf("report with ShowValues lacks %s", v)
		}
	}
}

func TestNewNil(t *testing.T) {
	t.Parallel()
	rep := New(nil, Options{})
	want := &Report{
		Schema:   Schema,
		Tool:     Tool{Name: "cookieaudit", Version: "dev"},
		Pages:    []Page{},
		Cookies:  []Cookie{},
		Storage:  []StorageItem{},
		Findings: []Finding{},
	}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("New(nil) mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckFormat(t *testing.T) {
	t.Parallel()
	for _, f := range Formats() {
		if err := CheckFormat(f); err != nil {
			t.Errorf("CheckFormat(%q) = %v", f, err)
		}
	}
	err := CheckFormat("xml")
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "table, json") {
		t.Errorf("CheckFormat(xml) = %v, want an error naming xml and the valid formats", err)
	}
	if err := Write(new(bytes.Buffer), New(nil, Options{}), "xml"); err == nil {
		t.Error("Write(xml) succeeded")
	}
}
