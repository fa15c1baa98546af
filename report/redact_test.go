package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

func TestRedactText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://user:secret@www.example.org/", "https://user:***@www.example.org/"},
		{"https://token@www.example.org/x", "https://***@www.example.org/x"},
		{"http://user:p@ss@host:8080?q=a@b", "http://user:***@host:8080?q=a@b"},
		{"https://:secret@host/", "https://:***@host/"},
		{`loading "https://u:s@h/a" failed; retry wss://t@h2#f`, `loading "https://u:***@h/a" failed; retry wss://***@h2#f`},
		{"https://user:***@host/", "https://user:***@host/"}, // idempotent
		{"https://www.example.org/?mail=a@b.example", "https://www.example.org/?mail=a@b.example"},
		{"https://www.example.org/@user", "https://www.example.org/@user"},
		{"write to a@b.example, see https://host/", "write to a@b.example, see https://host/"},
		{"no url at all", "no url at all"},
	}
	for _, tt := range tests {
		if got := RedactText(tt.in); got != tt.want {
			t.Errorf("RedactText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// secretResult is the portal scan (see portal) made with credentials in
// its target URL: the browser then reports them in every URL of the
// site's own host, as it did for a real scan (23 times in its JSON).
func secretResult(t testing.TB) *crawler.Result {
	t.Helper()
	res := portal(t)
	setStrings(reflect.ValueOf(res).Elem(), func(s string) string {
		s = strings.ReplaceAll(s, "https://www.portal.test", "https://user:secret@www.portal.test")
		return strings.ReplaceAll(s, "https://social.test", "https://secret-token@social.test")
	})
	res.Consent = crawler.Consent{
		Mode:   "all",
		Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept},
		Banner: &crawler.Banner{Platform: "generic", Frame: res.Target},
		Actions: []crawler.ConsentAction{{Phase: crawler.AfterAccept, Action: "accept", Frame: res.Target,
			Error: "no banner on " + res.Target}},
	}
	return res
}

// setStrings replaces every string in v by f's result.
func setStrings(v reflect.Value, f func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(f(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			setStrings(v.Elem(), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			setStrings(v.Index(i), f)
		}
	}
}

// secretReport is the report of secretResult compared with a policy page
// whose URL has credentials too, as "scan --policy URL" gives it.
func secretReport(t testing.TB, opts Options) *Report {
	t.Helper()
	res := secretResult(t)
	pol := &policy.Policy{Source: "https://user:secret@www.portal.test/pages/cookies-policy/", Cookies: []policy.Declaration{
		{Name: policy.Pattern{Text: "sessionid"}, Category: policy.Necessary, Duration: policy.Duration{D: policy.Year, Text: "1y"},
			Source: policy.Source{Page: "https://user:secret@www.portal.test/pages/cookies-policy/", Heading: "Necessary"}},
		{Name: policy.Pattern{Text: "never_set"}, Category: policy.Necessary,
			Source: policy.Source{Page: "https://user:secret@www.portal.test/pages/cookies-policy/", Heading: "Necessary"}},
	}}
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cl := classifier.Classify(res.Cookies, pol, kb, classifier.Options{Site: res.Target, Consent: &res.Consent})
	opts.Classification = &cl
	rep := New(res, opts)
	ApplyGate(rep, GateOptions{Now: today})
	return rep
}

// TestNoCredentialsInReports writes the report of a scan whose URLs carry
// credentials in every format, and checks that the password and the lone
// user name (a token) appear in none of them, while the URLs do, marked.
func TestNoCredentialsInReports(t *testing.T) {
	t.Parallel()
	for _, format := range append(Formats(), "annotations") {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			rep := secretReport(t, Options{})
			if len(rep.Findings) == 0 {
				t.Fatal("no findings: the test needs their messages and evidence")
			}
			var buf bytes.Buffer
			var err error
			if format == "annotations" {
				err = WriteAnnotations(&buf, rep)
			} else {
				err = Write(&buf, rep, format)
			}
			if err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if n := strings.Count(out, "secret"); n > 0 {
				i := strings.Index(out, "secret")
				t.Errorf("%s: credentials written %d times, first: …%s…", format, n, out[max(0, i-60):min(len(out), i+20)])
			}
			if format != "annotations" && !strings.Contains(out, "user:***@www.portal.test") {
				t.Errorf("%s: no redacted URL (user:***@www.portal.test): the URLs themselves must stay", format)
			}
		})
	}
}

// TestRedactKeepsValues: --show-values writes what the site set, even a
// value that looks like a URL with credentials; every other field is
// redacted.
func TestRedactKeepsValues(t *testing.T) {
	t.Parallel()
	res := secretResult(t)
	res.Cookies[0].Value = "https://a:b@c/"
	rep := New(res, Options{ShowValues: true})
	if v := rep.Cookies[0].Value; v == nil || *v != "https://a:b@c/" {
		t.Errorf("value %v, want the site's https://a:b@c/", v)
	}
	if rep.Target != "https://user:***@www.portal.test/" {
		t.Errorf("target %q, want https://user:***@www.portal.test/", rep.Target)
	}
}

// TestReadRedacts: a JSON report of an older version, which kept the
// credentials, loses them when read (for report, diff and --baseline).
func TestReadRedacts(t *testing.T) {
	t.Parallel()
	rep := New(secretResult(t), Options{})
	// An older version wrote the URLs as the browser gave them.
	rep.Target = "https://user:secret@www.portal.test/"
	rep.Pages[0].URL = rep.Target
	rep.Cookies[0].FirstSeenOn = rep.Target
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "secret") {
		t.Fatal("the old report has no credentials to redact")
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{back.Target, back.Pages[0].URL, back.Cookies[0].FirstSeenOn} {
		if got != "https://user:***@www.portal.test/" {
			t.Errorf("read %q, want https://user:***@www.portal.test/", got)
		}
	}
}
