package report

import (
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// Schema is the identifier of the JSON report contract written in every
// report's "schema" field. Fields are added to it, never renamed or removed.
const Schema = "cookieaudit/report/v1"

// CategoryUnclassified is the category of a cookie that no declaration or
// known-cookie entry explains. Every cookie has it until a classifier exists.
const CategoryUnclassified = "unclassified"

// Options configure the building of a report. The zero value works.
type Options struct {
	// ShowValues copies cookie values into the report. Off by default:
	// values can be session tokens.
	ShowValues bool
	// Version is the version of the tool that wrote the report.
	Version string
}

// Report is one scan's report. Its JSON encoding is the public contract
// identified by Schema.
type Report struct {
	Schema string `json:"schema"`
	Tool   Tool   `json:"tool"`
	// Target is the URL the scan started from.
	Target string `json:"target"`
	// StartedAt and FinishedAt bound the scan, in UTC to the second.
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	// Browser is the product string of the browser that ran the scan.
	Browser string `json:"browser,omitempty"`
	// Partial is true when the scan stopped before it had visited every
	// page it planned to.
	Partial bool `json:"partial"`
	// Pages are the visited pages in crawl order.
	Pages []Page `json:"pages"`
	// Cookies are the distinct cookies seen, in the order of the page that
	// first saw each one.
	Cookies []Cookie `json:"cookies"`
	// Findings is always an array; it stays empty until cookies are
	// compared with a declared policy.
	Findings []Finding `json:"findings"`
}

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Page is one visited page.
type Page struct {
	URL string `json:"url"`
	// FinalURL is where the navigation ended after redirects, when it
	// differs from URL.
	FinalURL string `json:"finalUrl,omitempty"`
	Depth    int    `json:"depth"`
	// Status is the HTTP status of the main document, 0 when none arrived.
	Status int    `json:"status"`
	Title  string `json:"title,omitempty"`
	// Error says why the page did not load completely; empty when it did.
	Error string `json:"error"`
}

// Cookie is one distinct cookie seen during the scan.
type Cookie struct {
	Name string `json:"name"`
	// Value is set only when Options.ShowValues is; a pointer so that an
	// empty value is still written then.
	Value *string `json:"value,omitempty"`
	// Domain has no leading dot. HostOnly is true for a cookie set without
	// a Domain attribute.
	Domain   string `json:"domain"`
	HostOnly bool   `json:"hostOnly"`
	Path     string `json:"path"`
	// Party is "first" or "third".
	Party   string `json:"party"`
	Session bool   `json:"session"`
	// Expires is what the browser stored (Chromium caps lifetimes at 400
	// days); null for a session cookie or one that was not stored.
	Expires *time.Time `json:"expires"`
	// RequestedExpires is what the Set-Cookie header or the script asked
	// for; null for a session cookie. Policies are compared with it.
	RequestedExpires *time.Time `json:"requestedExpires"`
	// SetAt is when the first write of the cookie was seen: the requested
	// lifetime is RequestedExpires minus SetAt. Null when no write was seen.
	SetAt *time.Time `json:"setAt"`
	// Stored is false when the browser refused the cookie, and
	// BlockedReasons (never null) then says why.
	Stored         bool     `json:"stored"`
	BlockedReasons []string `json:"blockedReasons"`
	Secure         bool     `json:"secure"`
	HTTPOnly       bool     `json:"httpOnly"`
	// SameSite is "Strict", "Lax", "None" or "" when the site gave none.
	SameSite    string `json:"sameSite"`
	Partitioned bool   `json:"partitioned"`
	// PartitionKey is the top-level site of a partitioned cookie.
	PartitionKey string `json:"partitionKey,omitempty"`
	// SetBy is "header", "script" or "unknown".
	SetBy string `json:"setBy"`
	// Source is the URL of the response or the script that wrote the cookie.
	Source string `json:"source"`
	// FirstSeenOn is the first page, in crawl order, that saw the cookie.
	FirstSeenOn string `json:"firstSeenOn"`
	// Phases are the consent phases the cookie was seen in. Always an
	// array; empty while scans have no consent phases.
	Phases []string `json:"phases"`
	// Category is CategoryUnclassified until cookies are classified.
	Category string `json:"category"`
	// Declared is true when a declaration of the site's policy matches the
	// cookie; false while no policy is read.
	Declared bool `json:"declared"`
}

// Finding is one discrepancy between the observed cookies and the declared
// policy. Reports have none yet; the type fixes the contract's shape.
type Finding struct {
	Kind     string `json:"kind"`
	Cookie   string `json:"cookie"`
	Domain   string `json:"domain"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Evidence string `json:"evidence"`
}

// New builds the report of a scan result. It keeps the crawler's order of
// pages and cookies, writes times in UTC to the second, and leaves cookie
// values out unless opts.ShowValues is set. A nil res gives an empty report.
func New(res *crawler.Result, opts Options) *Report {
	rep := &Report{
		Schema:   Schema,
		Tool:     Tool{Name: "cookieaudit", Version: opts.Version},
		Pages:    []Page{},
		Cookies:  []Cookie{},
		Findings: []Finding{},
	}
	if rep.Tool.Version == "" {
		rep.Tool.Version = "dev"
	}
	if res == nil {
		return rep
	}
	rep.Target = res.Target
	rep.StartedAt = reportTime(res.StartedAt)
	rep.FinishedAt = reportTime(res.FinishedAt)
	rep.Browser = res.Browser
	rep.Partial = res.Partial
	for _, p := range res.Pages {
		rp := Page{
			URL:    p.URL,
			Depth:  p.Depth,
			Status: p.Status,
			Title:  p.Title,
			Error:  p.Error,
		}
		if p.FinalURL != p.URL {
			rp.FinalURL = p.FinalURL
		}
		rep.Pages = append(rep.Pages, rp)
	}
	for _, c := range res.Cookies {
		rc := Cookie{
			Name:             c.Name,
			Domain:           c.Domain,
			HostOnly:         c.HostOnly,
			Path:             c.Path,
			Party:            string(c.Party),
			Session:          c.Session,
			Expires:          reportTimePtr(c.Expires),
			RequestedExpires: reportTimePtr(c.RequestedExpires),
			SetAt:            reportTimePtr(nonZero(c.SetAt)),
			Stored:           c.Stored,
			BlockedReasons:   append([]string{}, c.BlockedReasons...),
			Secure:           c.Secure,
			HTTPOnly:         c.HTTPOnly,
			SameSite:         c.SameSite,
			Partitioned:      c.Partitioned,
			PartitionKey:     c.PartitionKey,
			SetBy:            string(c.SetBy),
			Source:           c.Source,
			FirstSeenOn:      c.FirstSeenOn,
			Phases:           []string{},
			Category:         CategoryUnclassified,
		}
		if opts.ShowValues {
			v := c.Value
			rc.Value = &v
		}
		rep.Cookies = append(rep.Cookies, rc)
	}
	return rep
}

// nonZero is a pointer to t, nil for the zero time.
func nonZero(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// reportTime is t in UTC to the second: RFC 3339 without fractions is what
// the contract promises, and sub-second precision means nothing for cookie
// lifetimes.
func reportTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

func reportTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	r := reportTime(*t)
	return &r
}
