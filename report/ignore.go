package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/internal/english"
	"github.com/cookieaudit/cookieaudit/internal/yamlpos"
	"github.com/cookieaudit/cookieaudit/policy"
)

// DefaultIgnoreFile is the ignore file read from the working directory when
// it exists and no other is named.
const DefaultIgnoreFile = ".cookieaudit-ignore.yaml"

// IgnoreRule is one entry of an ignore file: findings of Kind about cookies
// whose name matches Cookie (and whose domain is Domain or under it, when
// Domain is set) do not fail the gate until Expires. Cookie is a cookie
// name written as a policy file writes it (policy.ParsePattern): an exact
// name, a glob ("_ga_*", "_ga_#", "_ga_<container-id>") or a regular
// expression ("/^_hj/i"); for the web storage kinds it matches the
// storage key (or IndexedDB database name). An ignore file looks like
// this:
//
//	ignore:
//	  - cookie: _hjSession_*      # a cookie name or pattern, as in a policy file
//	    kind: undeclared          # a finding kind, or "*" for every kind
//	    domain: example.org       # optional; covers subdomains
//	    reason: Hotjar is removed in the next release   # required
//	    expires: 2026-06-30       # optional; applies through that day (UTC)
//	  - kind: reject-not-in-first-layer   # a banner design kind: no cookie
//	    reason: the new banner ships in June
//
// A finding about the consent banner has no cookie: an entry of a banner
// design kind may leave "cookie" out, and then matches only such a
// finding; a cookie pattern that matches the empty name ("*") matches it
// too.
type IgnoreRule struct {
	Cookie  string `json:"cookie" yaml:"cookie"`
	Kind    string `json:"kind" yaml:"kind"`
	Domain  string `json:"domain,omitempty" yaml:"domain"`
	Reason  string `json:"reason" yaml:"reason"`
	Expires string `json:"expires,omitempty" yaml:"expires"`
	// File and Line locate the entry in its ignore file.
	File string `json:"file,omitempty" yaml:"-"`
	Line int    `json:"line,omitempty" yaml:"-"`

	name    policy.Pattern // Cookie, parsed; zero until then
	expires time.Time      // the first instant the entry no longer applies; zero: never
}

// Ignores are the entries of an ignore file, in file order.
type Ignores struct {
	// File is the name the entries were read from.
	File  string
	Rules []IgnoreRule
}

// The states of an ignore entry after a gate, in IgnoreUse.Status.
const (
	IgnoreUsed    = "used"
	IgnoreUnused  = "unused"
	IgnoreExpired = "expired"
)

// IgnoreUse says what became of one ignore entry in a gate: "used" (it
// ignored Matches findings), "unused" (it matched no finding: stale, or a
// typo) or "expired" (its date has passed, so the Matches findings it would
// have ignored fail again).
type IgnoreUse struct {
	IgnoreRule
	Status  string `json:"status"`
	Matches int    `json:"matches"`
}

// Warning is the text of the warning printed for an unused or expired
// entry, empty for a used one.
func (u IgnoreUse) Warning() string {
	where := fmt.Sprintf("%s:%d", u.File, u.Line)
	what := u.Cookie
	if what == "" {
		what = "the " + bannerSubject
	}
	switch u.Status {
	case IgnoreExpired:
		return fmt.Sprintf("%s: ignore entry for %s (%s) expired on %s and no longer applies (it matches %s)", where, what, u.Kind, u.Expires, english.Count(u.Matches, "finding"))
	case IgnoreUnused:
		return fmt.Sprintf("%s: ignore entry for %s (%s) matches no finding; remove it if it is stale", where, what, u.Kind)
	}
	return ""
}

// IgnoreFileError is an invalid ignore file, located at the faulty line.
type IgnoreFileError struct {
	File         string
	Line, Column int // 1-based; 0 when the error concerns the whole file
	Msg          string
}

func (e *IgnoreFileError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ParseIgnores reads an ignore file (YAML; JSON is YAML too). Every entry
// needs a cookie pattern, a kind and a reason; an unknown key, an unknown
// kind, an invalid pattern or date is an error naming its line.
func ParseIgnores(name string, data []byte) (*Ignores, error) {
	ign := &Ignores{File: name}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			if body != nil {
				line, col := yamlpos.Of(doc.Body)
				return nil, &IgnoreFileError{name, line, col, "a second YAML document (want one)"}
			}
			body = doc.Body
		}
	}
	if body == nil {
		return ign, nil // an empty file ignores nothing
	}
	top, ok := body.(*ast.MappingNode)
	if !ok {
		if mv, isValue := body.(*ast.MappingValueNode); isValue {
			top = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			line, col := yamlpos.Of(body)
			return nil, &IgnoreFileError{name, line, col, `want a mapping with an "ignore" list`}
		}
	}
	for _, kv := range top.Values {
		key := kv.Key.String()
		if sn, ok := kv.Key.(*ast.StringNode); ok {
			key = sn.Value
		}
		if key != "ignore" {
			line, col := yamlpos.Of(kv.Key)
			return nil, &IgnoreFileError{name, line, col, fmt.Sprintf(`unknown key %q (want "ignore")`, key)}
		}
		if _, null := kv.Value.(*ast.NullNode); null {
			continue
		}
		seq, ok := kv.Value.(*ast.SequenceNode)
		if !ok {
			line, col := yamlpos.Of(kv.Value)
			return nil, &IgnoreFileError{name, line, col, `"ignore" must be a list of entries`}
		}
		for _, n := range seq.Values {
			r, err := parseIgnoreRule(name, n)
			if err != nil {
				return nil, err
			}
			ign.Rules = append(ign.Rules, r)
		}
	}
	return ign, nil
}

func parseIgnoreRule(file string, n ast.Node) (IgnoreRule, error) {
	line, col := yamlpos.Of(n)
	fail := func(msg string, args ...any) (IgnoreRule, error) {
		return IgnoreRule{}, &IgnoreFileError{file, line, col, fmt.Sprintf(msg, args...)}
	}
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return fail("an entry must be a mapping with cookie, kind and reason")
		}
	}
	var r IgnoreRule
	if err := yaml.NodeToValue(n, &r, yaml.DisallowUnknownField()); err != nil {
		return IgnoreRule{}, yamlError(file, err)
	}
	r.File, r.Line = file, line
	r.Cookie, r.Kind, r.Domain = strings.TrimSpace(r.Cookie), strings.TrimSpace(r.Kind), classifier.NormalizeHost(r.Domain)
	r.Reason, r.Expires = strings.TrimSpace(r.Reason), strings.TrimSpace(r.Expires)
	what := r.Cookie
	if what == "" {
		what = "the " + bannerSubject
	}
	switch {
	case r.Cookie == "" && r.Kind == "":
		return fail(`entry without "cookie" (a cookie name or pattern, as in a policy file)`)
	case r.Kind == "":
		return fail(`entry for %s without "kind" (a finding kind, or "*" for every kind)`, r.Cookie)
	case r.Cookie == "" && (r.Kind == "*" || knownKind(r.Kind) && !AboutBanner(Finding{Kind: r.Kind})):
		return fail(`entry without "cookie" (a cookie name or pattern, as in a policy file); only an entry of a banner design kind (%s) may leave it out`,
			strings.Join(bannerKindNames(), ", "))
	case r.Reason == "":
		return fail(`entry for %s without "reason": say why the finding is accepted`, what)
	}
	if r.Kind != "*" && !knownKind(r.Kind) {
		return fail("entry for %s: unknown kind %q (valid: %s, or *)", what, r.Kind, strings.Join(kindNames(), ", "))
	}
	if r.Cookie != "" {
		// The pattern language of policy files: an entry matches the names
		// the declaration it stands in for would.
		p, err := policy.ParsePattern(r.Cookie)
		if err != nil {
			return fail("entry for %s: %v", r.Cookie, err)
		}
		r.name = p
	}
	if r.Expires != "" {
		d, err := time.Parse(time.DateOnly, r.Expires)
		if err != nil {
			return fail("entry for %s: invalid expires %q (want a date, YYYY-MM-DD)", r.Cookie, r.Expires)
		}
		r.expires = d.AddDate(0, 0, 1) // the entry applies through its date
	}
	return r, nil
}

// matches reports whether the entry covers f, whatever its date.
func (r *IgnoreRule) matches(f Finding) bool {
	if r.Kind != "*" && r.Kind != f.Kind {
		return false
	}
	if r.Domain != "" {
		d, want := classifier.NormalizeHost(f.Domain), classifier.NormalizeHost(r.Domain)
		if d != want && !strings.HasSuffix(d, "."+want) {
			return false
		}
	}
	if r.Cookie == "" {
		// An entry without a cookie is for the banner's design.
		return AboutBanner(f)
	}
	if r.name.Text != r.Cookie { // an entry built in Go rather than parsed
		p, err := policy.ParsePattern(r.Cookie)
		if err != nil {
			return false
		}
		r.name = p
	}
	return r.name.Match(f.Cookie)
}

// expired reports whether the entry no longer applies at now.
func (r *IgnoreRule) expired(now time.Time) bool {
	if r.expires.IsZero() && r.Expires != "" {
		if d, err := time.Parse(time.DateOnly, r.Expires); err == nil {
			r.expires = d.AddDate(0, 0, 1)
		}
	}
	return !r.expires.IsZero() && !now.Before(r.expires)
}

func knownKind(kind string) bool {
	for _, k := range Kinds {
		if k.Kind == kind {
			return true
		}
	}
	return false
}

// bannerKindNames are the banner design kinds, in the order of Kinds.
func bannerKindNames() []string {
	var names []string
	for _, k := range Kinds {
		if AboutBanner(Finding{Kind: k.Kind}) {
			names = append(names, k.Kind)
		}
	}
	return names
}

func kindNames() []string {
	var names []string
	for _, k := range Kinds {
		names = append(names, k.Kind)
	}
	return names
}

// yamlError turns an error of goccy/go-yaml into an *IgnoreFileError at
// its token.
func yamlError(file string, err error) error {
	line, col, msg := yamlpos.OfError(err)
	return &IgnoreFileError{file, line, col, msg}
}
