package classifier

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNameWordSet(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		want []string
	}{
		{"ods_catalog_view", []string{"ods", "catalog", "view"}},
		{"__Host-chat_sid", []string{"chat", "sid"}},
		{"__Secure-authToken", []string{"auth", "token"}},
		{"userLang", []string{"user", "lang"}},
		{"XSRF-TOKEN", []string{"xsrf", "token"}},
		{"loaded", []string{"loaded"}},
		{"a.b:c", []string{"a", "b", "c"}},
	}
	for _, tc := range cases {
		want := map[string]bool{}
		for _, w := range tc.want {
			want[w] = true
		}
		if diff := cmp.Diff(want, nameWordSet(tc.name)); diff != "" {
			t.Errorf("nameWordSet(%q) (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestIdentifierLike(t *testing.T) {
	t.Parallel()
	cases := []struct {
		v    string
		want bool
	}{
		{"GA1.1.1234567890.1700000000", true},
		{"4f2a9c81d03b77e6a5c2f190", true},
		{"0e6f6c1a-9b3e-4c1d-8f20-7a5b3c2d1e0f", true},
		{"q7Vb2XkP9mZt4RwY1sLc8A==", true},
		{"1700000000123456", true},
		{"fb.1.1700000000.123456", true},
		{"accepted", false},
		{"1", false},
		{"fr", false},
		{"averylongvaluewithoutdigits", false},
		{`{"necessary":true,"statistics":false}`, false},
		{"necessary%2Cstatistics%2Cmarketing", false},
		{"short123", false},
	}
	for _, tc := range cases {
		if got := identifierLike(tc.v); got != tc.want {
			t.Errorf("identifierLike(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestDomains(t *testing.T) {
	t.Parallel()
	cases := []struct {
		text string
		want []string
	}{
		{"example.org", []string{"example.org"}},
		{".Example.org", []string{"example.org"}},
		{"*.example.org", []string{"example.org"}},
		{"https://www.example.org/cookies", []string{"www.example.org"}},
		{"google.com, doubleclick.net", []string{"google.com", "doubleclick.net"}},
		{"example.org (first party)", []string{"example.org"}},
		{"Third party", nil},
		{"advertiser's website domain (1st party)", nil},
		{"", nil},
	}
	for _, tc := range cases {
		if diff := cmp.Diff(tc.want, domainsOf(tc.text)); diff != "" {
			t.Errorf("domainsOf(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
	covers := []struct {
		declared, domain string
		want             bool
	}{
		{"example.org", "example.org", true},
		{"example.org", "www.example.org", true},
		{".example.org", "a.b.example.org", true},
		{"example.org", "badexample.org", false},
		{"www.example.org", "example.org", false},
		{"", "example.org", false},
	}
	for _, tc := range covers {
		if got := domainCovers(tc.declared, tc.domain); got != tc.want {
			t.Errorf("domainCovers(%q, %q) = %v, want %v", tc.declared, tc.domain, got, tc.want)
		}
	}
}

func TestHumanLifetime(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	cases := []struct {
		d    time.Duration
		want string
	}{
		{2*365*day + 3*time.Second, "2y"},
		{365 * day, "1y"},
		{400*day + time.Hour, "400d"},
		{90 * day, "90d"},
		{day + 2*time.Second, "1d"},
		{time.Hour, "1h"},
		{90 * time.Minute, "90m"},
		{30*time.Minute + 5*time.Second, "30m"},
		{45 * time.Second, "45s"},
	}
	for _, tc := range cases {
		if got := humanLifetime(tc.d); got != tc.want {
			t.Errorf("humanLifetime(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
