package crawler

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseWrite(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	ts := func(d time.Duration) *time.Time { x := at.Add(d); return &x }
	tests := []struct {
		name string
		w    write
		top  string
		want parsed
		ok   bool
	}{
		{
			name: "host-only header cookie with default path",
			w:    write{at: at, base: "https://www.portal.test/explore/dataset/trees/", raw: "sessionid=abc; HttpOnly; Secure; SameSite=Lax; Max-Age=1209600"},
			want: parsed{key: cookieKey{name: "sessionid", domain: "www.portal.test", hostOnly: true, path: "/explore/dataset/trees"},
				value: "abc", requested: ts(14 * 24 * time.Hour), secure: true, httpOnly: true, sameSite: "Lax"},
			ok: true,
		},
		{
			name: "domain attribute with leading dot, expires",
			w:    write{at: at, base: "https://www.portal.test/", raw: "_ga=GA1.1.1; domain=.Portal.test; path=/; expires=Tue, 01 Dec 2026 12:00:00 GMT"},
			want: parsed{key: cookieKey{name: "_ga", domain: "portal.test", path: "/"}, value: "GA1.1.1", requested: ts(30 * 24 * time.Hour)},
			ok:   true,
		},
		{
			name: "max-age wins over expires",
			w:    write{at: at, base: "https://a.test/x", raw: "a=1; Expires=Tue, 01 Dec 2026 12:00:00 GMT; Max-Age=60"},
			want: parsed{key: cookieKey{name: "a", domain: "a.test", hostOnly: true, path: "/"}, value: "1", requested: ts(time.Minute)},
			ok:   true,
		},
		{
			name: "deletion",
			w:    write{at: at, base: "https://a.test/", raw: "a=; Max-Age=0"},
			want: parsed{key: cookieKey{name: "a", domain: "a.test", hostOnly: true, path: "/"}, deletion: true},
			ok:   true,
		},
		{
			name: "expired date is a deletion",
			w:    write{at: at, base: "https://a.test/", raw: "a=; expires=Thu, 01 Jan 1970 00:00:00 GMT"},
			want: parsed{key: cookieKey{name: "a", domain: "a.test", hostOnly: true, path: "/"}, deletion: true},
			ok:   true,
		},
		{
			name: "partitioned takes the response partition key",
			w:    write{at: at, base: "https://widget.chat.test/embed", raw: "__Host-sid=1; Secure; Path=/; SameSite=None; Partitioned", partitionKey: "https://portal.test"},
			want: parsed{key: cookieKey{name: "__Host-sid", domain: "widget.chat.test", hostOnly: true, path: "/", partition: "https://portal.test"},
				value: "1", secure: true, sameSite: "None", partition: true},
			ok: true,
		},
		{
			name: "partitioned script write falls back to the tab's site",
			w:    write{at: at, base: "https://widget.chat.test/embed", raw: "p=1; Secure; Partitioned"},
			top:  "https://portal.test",
			want: parsed{key: cookieKey{name: "p", domain: "widget.chat.test", hostOnly: true, path: "/", partition: "https://portal.test"},
				value: "1", secure: true, partition: true},
			ok: true,
		},
		{
			name: "value without name",
			w:    write{at: at, base: "https://a.test/", raw: "justavalue"},
			want: parsed{key: cookieKey{domain: "a.test", hostOnly: true, path: "/"}, value: "justavalue"},
			ok:   true,
		},
		{name: "empty", w: write{at: at, base: "https://a.test/", raw: ";"}, ok: false},
		{name: "no base", w: write{at: at, raw: "a=1"}, ok: false},
		{
			name: "cookieStore with defaults",
			w:    write{at: at, base: "https://www.portal.test/map/", store: &cookieStoreOpts{Name: "m", Value: "5", Expires: new(float64(at.Add(time.Hour).UnixMilli()))}},
			want: parsed{key: cookieKey{name: "m", domain: "www.portal.test", hostOnly: true, path: "/"}, value: "5", requested: ts(time.Hour), secure: true, sameSite: "Strict"},
			ok:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := parseWrite(tt.w, tt.top)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(parsed{}, cookieKey{})); diff != "" {
				t.Errorf("parseWrite (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScriptURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ stack, want string }{
		{"Error\n    at HTMLDocument.set [as cookie] (cookieaudit-hook.js:30:19)\n    at https://www.googletagmanager.test/gtag/js:3:20", "https://www.googletagmanager.test/gtag/js"},
		{"Error\n    at set (cookieaudit-hook.js:1:1)\n    at write (https://a.test/static/app.js?v=2:10:5)\n    at https://a.test/:3:1", "https://a.test/static/app.js?v=2"},
		{"Error\n    at set (cookieaudit-hook.js:1:1)\n    at <anonymous>:1:1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := scriptURL(tt.stack); got != tt.want {
			t.Errorf("scriptURL(%q) = %q, want %q", tt.stack, got, tt.want)
		}
	}
}
