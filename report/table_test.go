package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestTableEscapesTerminalControls checks that no string from the site
// reaches the terminal with a control character in it: a cookie named
// "\x1b[31m..." must not turn the output red.
func TestTableEscapesTerminalControls(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteTable(&buf, New(hostile(t), Options{})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, r := range out {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e') {
			t.Errorf("output has control character %U at byte %d", r, i)
		}
	}
	for _, want := range []string{`\x1b[31mred\x1b[0m`, `a\x0db\x1b[2Jc\x07`, `evil.test\x0afake line`, `abc\u202edcba\xff`, `boom\x1b[1A\x1b[2K`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the escaped form %s", want)
		}
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{"café ☕ 日本", "café ☕ 日本"},
		{"\x1b[31mred", `\x1b[31mred`},
		{"tab\there", `tab\x09here`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"rtl\u202eltr", `rtl\u202eltr`},
		{"zw\u200bsp", `zw\u200bsp`},
		{"line\u2028sep", `line\u2028sep`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"real \uFFFD stays", "real \uFFFD stays"},
	}
	for _, tc := range cases {
		if got := sanitize(tc.in); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	cases := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "expired"},
		{0, "expired"},
		{300 * time.Millisecond, "1s"},
		{45 * time.Second, "45s"},
		{30*time.Minute + 2*time.Second, "30m"},
		{59*time.Second + 600*time.Millisecond, "1m"},
		{90 * time.Second, "2m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "90m"},
		{119 * time.Minute, "119m"},
		{2 * time.Hour, "2h"},
		{24*time.Hour + 3*time.Minute, "24h"},
		{48 * time.Hour, "2d"},
		{14 * day, "14d"},
		{30 * day, "30d"},
		{59 * day, "59d"},
		{90 * day, "3mo"},
		{180 * day, "6mo"},
		{364 * day, "1y"},
		{365 * day, "1y"},
		{366 * day, "1y"},
		{370 * day, "12mo"},
		{395 * day, "13mo"},
		{400 * day, "13mo"},
		{730 * day, "2y"},
		{3650 * day, "10y"},
		{800 * day, "26mo"},
	}
	for _, tc := range cases {
		if got := humanDuration(tc.d); got != tc.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestLifetime(t *testing.T) {
	t.Parallel()
	at := func(d time.Duration) *time.Time { v := start.Add(d); return &v }
	day := 24 * time.Hour
	cases := []struct {
		name string
		c    Cookie
		want string
	}{
		{"session", Cookie{Session: true, Stored: true}, "session"},
		{"persistent", Cookie{RequestedExpires: at(14 * day), Expires: at(14 * day), Stored: true}, "14d"},
		{"capped", Cookie{RequestedExpires: at(730 * day), Expires: at(400 * day), Stored: true}, "2y (stored 400d)"},
		{"blocked", Cookie{RequestedExpires: at(90 * day), BlockedReasons: []string{"ThirdPartyPhaseout"}}, "3mo (blocked)"},
		{"blocked session", Cookie{Session: true}, "session (blocked)"},
	}
	for _, tc := range cases {
		if got := lifetime(tc.c, start); got != tc.want {
			t.Errorf("%s: lifetime = %q, want %q", tc.name, got, tc.want)
		}
	}
}
