package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// FormatHTML is one self-contained HTML page, for people.
const FormatHTML = "html"

//go:embed html/report.html.tmpl html/report.css html/report.js
var htmlAssets embed.FS

var (
	htmlTemplate = template.Must(template.ParseFS(htmlAssets, "html/report.html.tmpl"))
	htmlStyle    = mustAsset("html/report.css")
	htmlScript   = mustAsset("html/report.js")
	// htmlCSP allows the page's own style and script, by hash, and images
	// from data: URLs (the screenshots); nothing else, and nothing from
	// the network. Hashes rather than a nonce keep the output the same for
	// the same report. "require-trusted-types-for" forbids the script any
	// HTML sink, should a later change reach for one.
	htmlCSP = "default-src 'none'; script-src '" + cspHash(htmlScript) + "'; style-src '" + cspHash(htmlStyle) +
		"'; img-src data:; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'"
)

func mustAsset(name string) string {
	b, err := htmlAssets.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return string(b)
}

// cspHash is the CSP source of an inline element's exact text.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// htmlCategories are the category filter's options.
var htmlCategories = []string{"necessary", "preferences", "statistics", "marketing", CategoryUnclassified}

// htmlView is what the template shows. Every string that comes from the
// site or from the report file is a plain string, escaped by html/template
// for its context; only the page's own style, script, CSP and the data:
// URLs of validated PNG screenshots are trusted.
type htmlView struct {
	Target, Started, Took, Browser, Tool, Policy string
	CSP                                          string
	Style                                        template.CSS
	Script                                       template.JS

	Outcome, FailingText, FailOn, MinSeverity string
	Partial                                   bool
	// IncompleteText says why the scan cannot vouch for the site;
	// ConsentFailures names the consent choices that could not be made.
	IncompleteText, ConsentFailures          string
	Pages, PageErrors, Cookies, First, Third int
	Findings, Failing, Ignored               int
	KindSummary                              string
	Baseline                                 bool
	New, Unchanged, Resolved                 int

	Consent      *htmlConsent
	Changes      *htmlChanges // since the previous run (scan --history)
	Screenshots  []htmlScreenshot
	FindingRows  []htmlFinding
	ResolvedRows []htmlFinding
	Warnings     []string
	Categories   []string
	CookieRows   []htmlCookie
	StorageRows  []htmlStorage
	PageRows     []htmlPage
}

type htmlConsent struct {
	Mode, Phases                              string
	Banner                                    bool
	Platform, Frame, Accept, Reject, Settings string
	Actions                                   []htmlAction
}

type htmlAction struct {
	Phase, Action, Button, Result, Details string
	OK                                     bool
}

type htmlScreenshot struct {
	Phase, URL string
	Src        template.URL
}

type htmlFinding struct {
	Severity, SeverityClass, Kind, Cookie, Domain, Path string
	Message, Evidence, Status                           string
	Fails                                               bool
	// Banner is true for a finding about the consent banner: it has no
	// cookie.
	Banner bool
	// Storage is the kind of web storage of a finding about a storage
	// entry, shown beside its key.
	Storage string
}

type htmlCookie struct {
	Name, Domain, Path, Party, PartyKey, Category, CategoryKey string
	Declared                                                   bool
	Lifetime                                                   string
	LifetimeKey                                                int64
	SetBy, Phases                                              string
	Findings                                                   int
	Failing                                                    bool
	Source, FirstSeenOn, Frame, Expires, Attributes, Blocked   string
	CategoryReason                                             string
	HasValue                                                   bool
	Value                                                      string
}

// htmlStorage is one web storage entry.
type htmlStorage struct {
	Kind, Origin, Key, SetBy, Source, FirstSeenOn, Phases string
	Category, CategoryReason                              string
	Declared                                              bool
}

type htmlPage struct {
	URL, FinalURL string
	Phase         string
	Depth, Status int
	Title, Error  string
}

// WriteHTML writes rep as one self-contained HTML page: the gate's outcome,
// summary counts, the changes since the previous run (scan --history),
// the consent-banner screenshots, the findings, the
// findings resolved since the baseline, ignore-file warnings, a cookie
// table that a small inline script sorts and filters, with each cookie's
// evidence (the response or script that set it, the first page and the
// frame), the web storage entries, and the pages visited. It loads nothing: the style and script
// are inline, allowed by hash in a Content-Security-Policy that forbids
// everything else, including any script a site string might smuggle in.
// Site strings are escaped by html/template and have their control
// characters written as escapes; none of them is ever put in an attribute
// or a URL.
func WriteHTML(w io.Writer, rep *Report) error {
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, newHTMLView(rep)); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func newHTMLView(rep *Report) htmlView {
	s := statsOf(rep)
	v := htmlView{
		Target:         htmlString(rep.Target),
		Browser:        htmlString(rep.Browser),
		Tool:           htmlString(rep.Tool.Name + " " + rep.Tool.Version),
		Policy:         htmlString(rep.Policy),
		CSP:            htmlCSP,
		Style:          template.CSS(htmlStyle),
		Script:         template.JS(htmlScript),
		Outcome:        outcome(rep, s),
		FailingText:    failText(s.failing),
		Partial:        rep.Partial,
		Pages:          s.pages,
		PageErrors:     s.pageErrors,
		Cookies:        s.cookies,
		First:          s.first,
		Third:          s.third,
		Findings:       s.findings,
		Failing:        s.failing,
		Ignored:        s.ignored,
		KindSummary:    s.kindSummary(),
		IncompleteText: htmlString(incompleteText(rep)),
		New:            s.newSince,
		Unchanged:      s.unchanged,
		Resolved:       s.resolved,
		Warnings:       rep.Gate.Warnings(),
		Categories:     htmlCategories,
	}
	if !rep.StartedAt.IsZero() {
		v.Started = rep.StartedAt.UTC().Format(time.RFC3339)
	}
	if !rep.FinishedAt.IsZero() && rep.FinishedAt.After(rep.StartedAt) {
		v.Took = rep.FinishedAt.Sub(rep.StartedAt).Round(time.Second).String()
	}
	if g := rep.Gate; g != nil {
		v.FailOn = failOnText(g.FailOn)
		v.MinSeverity = g.MinSeverity
		v.Baseline = g.Baseline != ""
		for _, f := range g.Resolved {
			v.ResolvedRows = append(v.ResolvedRows, newHTMLFinding(rep, f))
		}
	}
	for i := range v.Warnings {
		v.Warnings[i] = htmlString(v.Warnings[i])
	}
	var failed []string
	for _, f := range ConsentFailures(rep) {
		failed = append(failed, f.String())
	}
	v.ConsentFailures = htmlString(strings.Join(failed, "; "))
	v.Consent = newHTMLConsent(rep.Consent)
	v.Changes = newHTMLChanges(rep)
	for _, sc := range rep.Screenshots {
		if !isPNG(sc.PNG) {
			continue // never label other bytes image/png
		}
		v.Screenshots = append(v.Screenshots, htmlScreenshot{
			Phase: htmlString(sc.Phase),
			URL:   htmlString(sc.URL),
			Src:   template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(sc.PNG)),
		})
	}
	for _, f := range sortedFindings(rep) {
		v.FindingRows = append(v.FindingRows, newHTMLFinding(rep, f))
	}
	for _, c := range rep.Cookies {
		v.CookieRows = append(v.CookieRows, newHTMLCookie(rep, c))
	}
	for _, it := range rep.Storage {
		v.StorageRows = append(v.StorageRows, htmlStorage{
			Kind: htmlString(it.Kind), Origin: htmlString(it.Origin), Key: htmlString(it.Key),
			SetBy: htmlString(it.SetBy), Source: htmlString(it.Source), FirstSeenOn: htmlString(it.FirstSeenOn),
			Phases:   htmlString(strings.Join(it.Phases, ", ")),
			Category: htmlString(cmp.Or(it.Category, CategoryUnclassified)), CategoryReason: htmlString(it.CategoryReason),
			Declared: it.Declared,
		})
	}
	for _, p := range rep.Pages {
		errText := p.Error
		if p.Lost {
			errText = cmp.Or(p.LostReason, "not visited")
		}
		v.PageRows = append(v.PageRows, htmlPage{
			URL: htmlString(p.URL), FinalURL: htmlString(p.FinalURL),
			Phase: htmlString(p.Phase), Depth: p.Depth, Status: p.Status,
			Title: htmlString(p.Title), Error: htmlString(errText),
		})
	}
	return v
}

func newHTMLConsent(c *Consent) *htmlConsent {
	if c == nil {
		return nil
	}
	hc := &htmlConsent{Mode: htmlString(c.Mode), Phases: htmlString(strings.Join(c.Phases, ", "))}
	if hc.Phases == "" {
		hc.Phases = "none"
	}
	if b := c.Banner; b != nil {
		hc.Banner = true
		hc.Platform, hc.Frame = bannerName(b), htmlString(b.Frame)
		hc.Accept, hc.Reject = buttonText(b.Accept), buttonText(b.Reject)
		if b.Reject == nil {
			hc.Reject = ""
		}
		if b.Settings != nil {
			hc.Settings = buttonText(b.Settings)
		}
	}
	for _, a := range c.Actions {
		ha := htmlAction{Phase: htmlString(a.Phase), Action: htmlString(a.Action), Button: buttonText(a.Button),
			Result: actionOutcome(a), OK: a.Clicked && a.Verified, Details: actionDetails(a)}
		if a.Error != "" {
			ha.Result += ": " + htmlString(a.Error)
		}
		hc.Actions = append(hc.Actions, ha)
	}
	return hc
}

// buttonText describes a consent button: its label and selector.
func buttonText(b *ConsentButton) string {
	if b == nil {
		return "none found"
	}
	if b.Label == "" {
		return htmlString(b.Selector)
	}
	return fmt.Sprintf("\"%s\" (%s)", htmlString(b.Label), htmlString(b.Selector))
}

func newHTMLFinding(rep *Report, f Finding) htmlFinding {
	sev := f.Severity
	if SeverityRank(sev) < 0 {
		sev = "unknown"
	}
	hf := htmlFinding{
		Severity:      htmlString(f.Severity),
		SeverityClass: sev,
		Kind:          htmlString(f.Kind),
		Cookie:        htmlString(f.Cookie),
		Domain:        htmlString(f.Domain),
		Path:          htmlString(f.Path),
		Message:       htmlString(findingMessage(f)),
		Evidence:      htmlString(f.Evidence),
		Status:        htmlString(findingStatus(f)),
		Fails:         failing(rep, f),
		Banner:        AboutBanner(f),
	}
	if AboutStorage(f) {
		hf.Storage = htmlString(cmp.Or(f.Storage, "web storage"))
	}
	return hf
}

func newHTMLCookie(rep *Report, c Cookie) htmlCookie {
	hc := htmlCookie{
		Name:           htmlString(c.Name),
		Domain:         htmlString(c.Domain),
		Path:           htmlString(c.Path),
		Party:          htmlString(c.Party),
		PartyKey:       oneOf(c.Party, "first", "third"),
		Category:       htmlString(categoryLabel(c)),
		CategoryKey:    oneOf(c.Category, htmlCategories...),
		Declared:       c.Declared,
		Lifetime:       lifetime(c, rep.StartedAt),
		SetBy:          htmlString(c.SetBy),
		Phases:         htmlString(strings.Join(c.Phases, ", ")),
		Source:         htmlString(c.Source),
		FirstSeenOn:    htmlString(c.FirstSeenOn),
		Expires:        "session",
		Blocked:        htmlString(strings.Join(c.BlockedReasons, ", ")),
		CategoryReason: htmlString(c.CategoryReason),
	}
	if c.FrameURL != "" && c.FrameURL != c.FirstSeenOn {
		hc.Frame = htmlString(c.FrameURL)
	}
	// Sort key of the lifetime column: the requested lifetime in seconds,
	// session cookies first.
	if !c.Session && c.RequestedExpires != nil {
		from := rep.StartedAt
		if c.SetAt != nil {
			from = *c.SetAt
		}
		hc.LifetimeKey = max(1, int64(c.RequestedExpires.Sub(from)/time.Second))
		hc.Expires = "requested " + c.RequestedExpires.UTC().Format(time.RFC3339)
		if c.Expires != nil {
			hc.Expires += ", stored " + c.Expires.UTC().Format(time.RFC3339)
		}
	}
	var attrs []string
	if c.Secure {
		attrs = append(attrs, "Secure")
	}
	if c.HTTPOnly {
		attrs = append(attrs, "HttpOnly")
	}
	if c.SameSite != "" {
		attrs = append(attrs, "SameSite="+htmlString(c.SameSite))
	}
	if c.Partitioned {
		attrs = append(attrs, "Partitioned ("+htmlString(c.PartitionKey)+")")
	}
	if c.HostOnly {
		attrs = append(attrs, "host-only")
	}
	hc.Attributes = strings.Join(attrs, ", ")
	if hc.Attributes == "" {
		hc.Attributes = "none"
	}
	if c.Value != nil {
		hc.HasValue, hc.Value = true, htmlString(*c.Value)
	}
	for _, f := range rep.Findings {
		if aboutCookie(f, c) {
			hc.Findings++
			if failing(rep, f) {
				hc.Failing = true
			}
		}
	}
	return hc
}

// htmlString prepares a site string for the page: control and invisible
// format characters become visible escapes (as in the table), so that a
// bidirectional override cannot disguise a name; html/template escapes
// the rest.
func htmlString(s string) string {
	return sanitize(s)
}

// oneOf is s when it is one of the values, else "other": attribute values
// the script filters on are always the page's own words.
func oneOf(s string, values ...string) string {
	for _, v := range values {
		if s == v {
			return s
		}
	}
	return "other"
}

// isPNG reports whether b starts with the PNG signature.
func isPNG(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n"))
}
