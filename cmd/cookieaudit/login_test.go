package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// TestLoginFile: --login reads a YAML list of steps, takes a fill's text
// from value or from an environment variable, and names the file, line and
// column of a step it cannot use.
func TestLoginFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CA_TEST_LOGIN_SECRET", "hunter2")
	good := writeFile(t, dir, "login.yaml", `# staging
- goto: https://www.example.org/login
- fill: "#user"
  value: auditor
- fill: "input[name=password]"
  env: CA_TEST_LOGIN_SECRET
- click: "button[type=submit]"
- wait: "#account"
`)
	o := parseScan(t, "scan", "https://www.example.org/", "--login", good)
	want := []crawler.LoginStep{
		{Action: "goto", Target: "https://www.example.org/login", Where: good + ":2"},
		{Action: "fill", Target: "#user", Value: "auditor", Where: good + ":3"},
		{Action: "fill", Target: "input[name=password]", Value: "hunter2", Where: good + ":5"},
		{Action: "click", Target: "button[type=submit]", Where: good + ":7"},
		{Action: "wait", Target: "#account", Where: good + ":8"},
	}
	if len(o.Login) != len(want) {
		t.Fatalf("steps %+v, want %+v", o.Login, want)
	}
	for i := range want {
		if o.Login[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i, o.Login[i], want[i])
		}
	}
	if co := o.crawlOptions(nil); len(co.Login) != len(want) {
		t.Errorf("the crawl gets %d login steps, want %d", len(co.Login), len(want))
	}

	for _, tc := range []struct{ name, content, want string }{
		{"empty", "# nothing\n", "it lists no step"},
		{"not a list", "goto: https://www.example.org/\n", ":1:1: want a list of steps"},
		{"unknown key", "- goto: https://www.example.org/\n- press: \"#b\"\n", `:2:3: unknown field "press"`},
		{"two actions", "- click: \"#a\"\n  wait: \"#b\"\n", ":1:3: a step has exactly one of goto, fill, click, wait (got 2)"},
		{"fill without text", "- fill: \"#user\"\n", ":1:3: fill needs the text to type"},
		{"unset variable", "- fill: \"#user\"\n  env: CA_TEST_NOT_SET_ANYWHERE\n", "the environment variable CA_TEST_NOT_SET_ANYWHERE is not set"},
		{"value on click", "- click: \"#a\"\n  value: x\n", "only fill takes value or env"},
		{"bad selector", "- click: \"button]\"\n", `click: "button]" is not a CSS selector`},
		{"bad URL", "- goto: /login\n", `goto: invalid target URL "/login"`},
		{"not YAML", "- goto: [\n", "invalid --login"},
	} {
		path := writeFile(t, dir, tc.name+".yaml", tc.content)
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"scan", "https://www.example.org/", "--login", path}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errOut.String(), tc.want)
		}
	}
}

// TestPresetCookieFlags: --cookie NAME=VALUE, repeated, reaches the crawl;
// an entry that cannot be a cookie is a usage error naming its position
// and name, never its value.
func TestPresetCookieFlags(t *testing.T) {
	t.Parallel()
	o := parseScan(t, "scan", "https://www.example.org/", "--cookie", "session=abc123", "--cookie", " flag=on=yes")
	want := []crawler.PresetCookie{{Name: "session", Value: "abc123"}, {Name: "flag", Value: "on=yes"}}
	if co := o.crawlOptions(nil); len(co.Cookies) != 2 || co.Cookies[0] != want[0] || co.Cookies[1] != want[1] {
		t.Errorf("the crawl gets cookies %+v, want %+v", co.Cookies, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--cookie", "novalue"}, "invalid --cookie #1: want NAME=VALUE"},
		{[]string{"--cookie", "a=1", "--cookie", "b c=2"}, `invalid --cookie #2: the cookie name "b c" holds ' '`},
		{[]string{"--cookie", "tok=s3cr;et"}, "invalid --cookie #1: the value of cookie tok holds a character"},
		{[]string{"--cookie", "=x"}, "the cookie has no name"},
		{[]string{"--cookie", "a=1", "--cookie", "a=2"}, "cookie a is given twice"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"scan", "https://www.example.org/"}, tc.args...), &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
		if strings.Contains(errOut.String(), "s3cr") {
			t.Errorf("%v: the error shows the value: %q", tc.args, errOut.String())
		}
	}
}

// TestHeaderFlags: --header "NAME: VALUE", repeated, reaches the crawl;
// an entry that cannot be a header, or one the browser owns, is a usage
// error naming its position, never its value.
func TestHeaderFlags(t *testing.T) {
	t.Parallel()
	o := parseScan(t, "scan", "https://www.example.org/", "--header", "X-Staging-Key:  abc:123 ", "--header", "Authorization: Bearer t")
	want := []crawler.Header{{Name: "X-Staging-Key", Value: "abc:123"}, {Name: "Authorization", Value: "Bearer t"}}
	if co := o.crawlOptions(nil); len(co.Headers) != 2 || co.Headers[0] != want[0] || co.Headers[1] != want[1] {
		t.Errorf("the crawl gets headers %+v, want %+v", co.Headers, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--header", "X-Key s3cret"}, `invalid --header #1: want "NAME: VALUE"`},
		{[]string{"--header", "A: 1", "--header", "Bad Name: s3cret"}, `invalid --header #2: the header name "Bad Name" holds ' '`},
		{[]string{"--header", "Cookie: a=s3cret"}, "the header Cookie is the browser's to send (use --cookie for cookies)"},
		{[]string{"--header", "X-Key: s3cret\x01"}, "the value of header X-Key holds a control character"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"scan", "https://www.example.org/"}, tc.args...), &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
		if strings.Contains(errOut.String(), "s3cret") {
			t.Errorf("%q: the error shows the value: %q", tc.args, errOut.String())
		}
	}
}
