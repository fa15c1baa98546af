package report

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/policy"
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
		{"bad regexp", "ignore:\n  - cookie: /a(/\n    kind: '*'\n    reason: r\n", `x.yaml:2:5: entry for /a(/: cookie name "/a(/": invalid regular expression`},
		{"unclosed placeholder", "ignore:\n  - reason: r\n    kind: '*'\n    cookie: _ga_<id\n", `x.yaml:2:5: entry for _ga_<id: cookie name "_ga_<id": unclosed '<'`},
		{"white space", "ignore:\n  - cookie: _ga id\n    kind: '*'\n    reason: r\n", "white space in a cookie name"},
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
		{IgnoreRule{Cookie: "_ga.*", Kind: "*"}, true}, // ".*" is any run, as in policy files
		{IgnoreRule{Cookie: "_ga_??????", Kind: "*"}, true},
		{IgnoreRule{Cookie: "_ga_#", Kind: "*"}, true},
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

// TestIgnorePatternsAsInPolicies checks that an ignore file reads cookie
// names in the pattern language of policy files (policy.ParsePattern):
// Cookiebot's "#", a placeholder, a regular expression ignoring case,
// each matching in an ignore file what it matches in a policy.
func TestIgnorePatternsAsInPolicies(t *testing.T) {
	t.Parallel()
	names := []string{"_ga_ABC123", "_ga_", "_ga", "_hjSessionUser_12", "_HJID", "hjid"}
	for _, tc := range []struct {
		pattern string
		want    []string // the names it matches
	}{
		{"_ga_#", []string{"_ga_ABC123"}},
		{"_ga_<container-id>", []string{"_ga_ABC123"}},
		{"/^_HJ/i", []string{"_hjSessionUser_12", "_HJID"}},
		{"_ga_??????", []string{"_ga_ABC123"}},
	} {
		ign, err := ParseIgnores("x.yaml", []byte("ignore:\n  - cookie: "+strconv.Quote(tc.pattern)+"\n    kind: undeclared\n    reason: r\n"))
		if err != nil {
			t.Errorf("%s: %v", tc.pattern, err)
			continue
		}
		decl, err := policy.ParsePattern(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		var got, inPolicy []string
		for _, n := range names {
			if ign.Rules[0].matches(Finding{Kind: KindUndeclared, Cookie: n, Domain: "example.org"}) {
				got = append(got, n)
			}
			if decl.Match(n) {
				inPolicy = append(inPolicy, n)
			}
		}
		if !slices.Equal(got, tc.want) || !slices.Equal(got, inPolicy) {
			t.Errorf("%s matches %q in an ignore file and %q in a policy, want %q in both", tc.pattern, got, inPolicy, tc.want)
		}
	}
}
