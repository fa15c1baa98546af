package crawler

import (
	"regexp"
	"testing"
)

func TestNormalizeURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://WWW.Portal.test:443/catalog/#top", "https://www.portal.test/catalog/"},
		{"http://a.test:80", "http://a.test/"},
		{"https://a.test:8443/x?b=1&a=2", "https://a.test:8443/x?b=1&a=2"},
		{"mailto:x@a.test", "mailto:x@a.test"},
	}
	for _, tt := range tests {
		u, err := normalizeURL(tt.in)
		if err != nil {
			t.Errorf("normalizeURL(%q): %v", tt.in, err)
			continue
		}
		if u.String() != tt.want {
			t.Errorf("normalizeURL(%q) = %q, want %q", tt.in, u, tt.want)
		}
	}
	for _, bad := range []string{"/relative", "https://", "::"} {
		if _, err := normalizeURL(bad); err == nil {
			t.Errorf("normalizeURL(%q) = nil error, want one", bad)
		}
	}
}

func TestParseTarget(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"www.example.org", "ftp://example.org/", "javascript:alert(1)", ""} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) = nil error", bad)
		}
	}
	if u, err := ParseTarget("https://Example.org"); err != nil || u.String() != "https://example.org/" {
		t.Errorf("ParseTarget = %v, %v", u, err)
	}
}

func TestScopeAllows(t *testing.T) {
	t.Parallel()
	start, _ := ParseTarget("https://www.portal.test/")
	domain := newScope(start, Options{})
	host := newScope(start, Options{Scope: ScopeHost})
	filtered := newScope(start, Options{
		Include: []*regexp.Regexp{regexp.MustCompile(`/explore/`)},
		Exclude: []*regexp.Regexp{regexp.MustCompile(`/api/`)},
	})
	tests := []struct {
		s    scope
		url  string
		want bool
	}{
		{domain, "https://www.portal.test/catalog/", true},
		{domain, "https://data.portal.test/", true},
		{domain, "https://portal.test/", true},
		{domain, "https://www.other.test/", false},
		{domain, "https://notportal.test/", false},
		{domain, "https://www.portal.test/export/data.csv", false},
		{domain, "https://www.portal.test/report.PDF", false},
		{domain, "mailto:a@portal.test", false},
		{domain, "javascript:void(0)", false},
		{host, "https://data.portal.test/", false},
		{host, "https://www.portal.test/map/", true},
		{filtered, "https://www.portal.test/explore/dataset/trees/", true},
		{filtered, "https://www.portal.test/explore/dataset/trees/api/", false},
		{filtered, "https://www.portal.test/map/", false},
	}
	for _, tt := range tests {
		u, err := normalizeURL(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got, why := tt.s.allows(u); got != tt.want {
			t.Errorf("allows(%s) = %v (%s), want %v", tt.url, got, why, tt.want)
		}
	}
}

func TestRegistrableDomain(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"www.portal.test":   "portal.test",
		"a.b.example.co.uk": "example.co.uk",
		"127.0.0.1":         "127.0.0.1",
		"localhost":         "localhost",
		"WWW.Example.ORG.":  "example.org",
		"user.github.io":    "user.github.io",
	}
	for in, want := range tests {
		if got := registrableDomain(in); got != want {
			t.Errorf("registrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}
