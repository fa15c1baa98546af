package classifier_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// start is the fixed clock of the tests: the scan started then, and every
// cookie was written two seconds later.
var start = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

const site = "https://www.example.org/"

// observed builds a crawler cookie from a raw Set-Cookie line, as the
// response of source wrote it, or the script at source (a path ending in
// ".js" or "/js") on https://www.example.org/. The party is
// judged against example.org, the site of every test.
func observed(t testing.TB, line, source string) crawler.Cookie {
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
		Name:        hc.Name,
		Value:       hc.Value,
		Domain:      strings.TrimPrefix(strings.ToLower(hc.Domain), "."),
		Path:        hc.Path,
		Stored:      true,
		Secure:      hc.Secure,
		HTTPOnly:    hc.HttpOnly,
		Partitioned: hc.Partitioned,
		SetBy:       crawler.SetByHeader,
		Source:      source,
		FirstSeenOn: site,
	}
	host := src.Hostname()
	if strings.HasSuffix(src.Path, ".js") || strings.HasSuffix(src.Path, "/js") {
		// A script writes its cookies on the page's host.
		c.SetBy = crawler.SetByScript
		host = "www.example.org"
	}
	if c.Domain == "" {
		c.Domain, c.HostOnly = host, true
	}
	if c.Path == "" {
		c.Path = "/"
	}
	c.Party = crawler.ThirdParty
	if c.Domain == "example.org" || strings.HasSuffix(c.Domain, ".example.org") {
		c.Party = crawler.FirstParty
	}
	c.SetAt = start.Add(2 * time.Second)
	var requested time.Time
	switch {
	case hc.MaxAge > 0:
		requested = c.SetAt.Add(time.Duration(hc.MaxAge) * time.Second)
	case !hc.Expires.IsZero():
		requested = hc.Expires
	default:
		c.Session = true
		return c
	}
	stored := requested
	if limit := c.SetAt.Add(400 * 24 * time.Hour); stored.After(limit) {
		stored = limit // Chromium's cap
	}
	c.RequestedExpires, c.Expires = &requested, &stored
	return c
}

// parsePolicy reads a policy file written inline.
func parsePolicy(t testing.TB, yaml string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse("policy.yaml", []byte(strings.TrimLeft(yaml, "\n")))
	if err != nil {
		t.Fatalf("policy: %v", err)
	}
	return p
}

func builtin(t testing.TB) *classifier.KB {
	t.Helper()
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return kb
}

// finding keeps what a test states about a finding: the message and
// evidence are prose, checked separately where it matters.
type finding struct {
	Kind      classifier.Kind
	RuleID    string
	Severity  classifier.Severity
	Cookie    string
	Domain    string
	Path      string
	Suggested policy.Category
	// Line is the policy-file line of the declaration, 0 for none.
	Line int
}

func project(fs []classifier.Finding) []finding {
	var out []finding
	for _, f := range fs {
		p := finding{f.Kind, f.RuleID, f.Severity, f.Cookie, f.Domain, f.Path, f.SuggestedCategory, 0}
		if f.Declaration != nil {
			p.Line = f.Declaration.Source.Line
		}
		out = append(out, p)
	}
	return out
}

// class keeps what a test states about a cookie's classification.
type class struct {
	Declared   bool
	Category   policy.Category
	Source     classifier.Source
	Confidence classifier.Confidence
	Effective  policy.Category
}

func projectClasses(cs []classifier.Classification) []class {
	var out []class
	for _, c := range cs {
		out = append(out, class{c.Declared, c.Category, c.CategorySource, c.Confidence, c.Effective})
	}
	return out
}
