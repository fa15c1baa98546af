package report

import (
	"strings"
	"testing"
)

func TestParseIgnores(t *testing.T) {
	t.Parallel()
	ign, err := ParseIgnores("x.yaml", []byte(auditedIgnores))
	if err != nil {
		t.Fatal(err)
	}
	if len(ign.Rules) != 3 {
		t.Fatalf("%d rules, want 3", len(ign.Rules))
	}
	r := ign.Rules[0]
	if r.Cookie != "csrftoken" || r.Kind != KindExpiryMismatch || r.Expires != "2026-12-31" || r.Line != 3 || r.File != "x.yaml" || !strings.HasPrefix(r.Reason, "Django") {
		t.Errorf("first rule %+v", r)
	}
	for _, empty := range []string{"", "# nothing yet\n", "ignore:\n", "ignore: []\n"} {
		ign, err := ParseIgnores("x.yaml", []byte(empty))
		if err != nil || len(ign.Rules) != 0 {
			t.Errorf("ParseIgnores(%q) = %v, %v; want no rules", empty, ign, err)
		}
	}
	if _, err := ParseIgnores("x.json", []byte(`{"ignore": [{"cookie": "a", "kind": "undeclared", "reason": "r"}]}`)); err != nil {
		t.Errorf("JSON ignore file: %v", err)
	}
}

func TestParseIgnoresErrors(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, in, want string }{
		{"no reason", "ignore:\n  - cookie: a\n    kind: undeclared\n", `x.yaml:2:5: entry for a without "reason"`},
		{"blank reason", "ignore:\n  - cookie: a\n    kind: undeclared\n    reason: \"  \"\n", `x.yaml:2:5: entry for a without "reason"`},
		{"no kind", "ignore:\n  - cookie: a\n    reason: r\n", `x.yaml:2:5: entry for a without "kind"`},
		{"no cookie", "ignore:\n  - kind: undeclared\n    reason: r\n", `x.yaml:2:5: entry without "cookie"`},
		{"unknown kind", "ignore:\n  - cookie: a\n    kind: tracking\n    reason: r\n", `unknown kind "tracking"`},
		{"bad regexp", "ignore:\n  - cookie: /a(/\n    kind: '*'\n    reason: r\n", "invalid regular expression"},
		{"bad date", "ignore:\n  - cookie: a\n    kind: '*'\n    reason: r\n    expires: next week\n", `invalid expires "next week"`},
		{"unknown key", "ignore:\n  - cookie: a\n    kind: '*'\n    reason: r\n    until: 2026-01-01\n", `x.yaml:5:5:`},
		{"unknown top key", "ignores:\n  - cookie: a\n", `x.yaml:1:1: unknown key "ignores"`},
		{"not a list", "ignore: a\n", `"ignore" must be a list`},
		{"entry not a mapping", "ignore:\n  - a\n", "an entry must be a mapping"},
		{"top not a mapping", "- a\n", `want a mapping with an "ignore" list`},
		{"invalid YAML", "ignore:\n  - cookie: [a\n", "x.yaml:"},
		{"two documents", "ignore: []\n---\nignore: []\n", "a second YAML document"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseIgnores("x.yaml", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestIgnoreRuleMatches(t *testing.T) {
	t.Parallel()
	f := Finding{Kind: KindUndeclared, Cookie: "_ga_ABC123", Domain: "www.example.org"}
	cases := []struct {
		rule IgnoreRule
		want bool
	}{
		{IgnoreRule{Cookie: "_ga_ABC123", Kind: KindUndeclared}, true},
		{IgnoreRule{Cookie: "_ga_abc123", Kind: KindUndeclared}, false},
		{IgnoreRule{Cookie: "_ga_*", Kind: "*"}, true},
		{IgnoreRule{Cookie: "_ga_?", Kind: "*"}, false},
		{IgnoreRule{Cookie: "_ga", Kind: "*"}, false},
		{IgnoreRule{Cookie: "/^_ga_/", Kind: "*"}, true},
		{IgnoreRule{Cookie: "/ABC/", Kind: "*"}, true},
		{IgnoreRule{Cookie: "_ga.*", Kind: "*"}, false}, // a glob: "." is a dot
		{IgnoreRule{Cookie: "_ga_*", Kind: KindBeforeConsent}, false},
		{IgnoreRule{Cookie: "_ga_*", Kind: "*", Domain: "example.org"}, true},
		{IgnoreRule{Cookie: "_ga_*", Kind: "*", Domain: "www.example.org"}, true},
		{IgnoreRule{Cookie: "_ga_*", Kind: "*", Domain: "ample.org"}, false},
		{IgnoreRule{Cookie: "_ga_*", Kind: "*", Domain: "shop.example.org"}, false},
	}
	for _, tc := range cases {
		if got := tc.rule.matches(f); got != tc.want {
			t.Errorf("%+v matches %s = %v, want %v", tc.rule, f.Cookie, got, tc.want)
		}
	}
}
