package report

import (
	"cmp"
	"time"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// Schema is the identifier of the JSON report contract written in every
// report's "schema" field. Fields are added to it, never renamed or removed.
const Schema = "cookieaudit/report/v1"

// CategoryUnclassified is the category of a cookie that no declaration or
// known-cookie entry explains, and of every cookie of a report built
// without a classification.
const CategoryUnclassified = "unclassified"

// Options configure the building of a report. The zero value works.
type Options struct {
	// ShowValues copies cookie values into the report. Off by default:
	// values can be session tokens.
	ShowValues bool
	// Version is the version of the tool that wrote the report.
	Version string
	// Classification is the classifier's result for the scan's cookies
	// (in the same order): it gives each cookie its category and declared
	// flag, and the report its findings. Nil: every cookie is
	// unclassified and there are no findings.
	Classification *classifier.Result
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
	// page it planned to, in any consent phase: a page is lost (Page.Lost).
	Partial bool `json:"partial"`
	// Pages are the pages of every consent phase, phase by phase (in the
	// order of Consent.Phases), each phase's in crawl order: those
	// visited, then those planned and lost.
	Pages []Page `json:"pages"`
	// Cookies are the distinct cookies seen, in the order of the page that
	// first saw each one.
	Cookies []Cookie `json:"cookies"`
	// Findings is always an array; it stays empty until cookies are
	// compared with a declared policy.
	Findings []Finding `json:"findings"`
	// Consent says which consent phases ran, the banner and the clicks.
	Consent *Consent `json:"consent,omitempty"`
	// Policy is the declared policy the cookies were compared with, as
	// given to --policy (a path or a URL); SARIF locates findings in it.
	Policy string `json:"policy,omitempty"`
	// KnowledgeBase says which knowledge base gave the categories of the
	// cookies the policy does not: the copy of the Open Cookie Database
	// (built in, or downloaded by "cookieaudit kb update") and any
	// --cookie-db file over it.
	KnowledgeBase string `json:"knowledgeBase,omitempty"`
	// Gate is the outcome of the CI gate (see ApplyGate); nil when no gate
	// ran.
	Gate *Gate `json:"gate,omitempty"`
	// Screenshots are PNG captures of the page with its consent banner.
	Screenshots []Screenshot `json:"screenshots,omitempty"`
}

// Consent is what the scan found and did about the consent banner.
type Consent struct {
	// Mode is what ran: none, accept, reject or all.
	Mode string `json:"mode"`
	// Phases are the phases that ran, in order.
	Phases []string `json:"phases"`
	// Banner is the banner found before any choice; nil when none was.
	Banner *Banner `json:"banner"`
	// Actions are the choices made or attempted, one per phase after the
	// first (see ConsentFailures for those not made).
	Actions []ConsentAction `json:"actions"`
}

// Banner is a consent banner. A nil Reject is a banner with no reject
// button in its first layer.
type Banner struct {
	Platform string `json:"platform"`
	// Title is the platform's product name as its vendor writes it
	// ("OneTrust"); empty for generic and custom banners, and in reports
	// of older versions.
	Title  string         `json:"title"`
	Frame  string         `json:"frame"`
	Accept *ConsentButton `json:"accept"`
	Reject *ConsentButton `json:"reject"`
	// Settings is the first layer's button that opens the second layer
	// ("Settings", "Customise"); null when there is none.
	Settings *ConsentButton `json:"settings"`
}

// ConsentButton is a button of a banner.
type ConsentButton struct {
	Selector string `json:"selector"`
	Label    string `json:"label"`
}

// ConsentAction is one choice made on a banner, and whether it worked.
type ConsentAction struct {
	Phase    string         `json:"phase"`
	Action   string         `json:"action"`
	Platform string         `json:"platform"`
	Button   *ConsentButton `json:"button"`
	Frame    string         `json:"frame"`
	// Clicked is true when the choice was made: every click it took was
	// made. Verified is true when the platform then recorded the choice;
	// a choice clicked but not verified is reported as such, not as an
	// error.
	Clicked  bool `json:"clicked"`
	Verified bool `json:"verified"`
	// VerifiedBy says how the choice was checked: "platform-api", "tcf",
	// "consent-record", or "none" when nothing said what was recorded;
	// empty in reports of older versions.
	VerifiedBy string `json:"verifiedBy"`
	// State is what the platform recorded: "accepted", "rejected",
	// "partial", "none", or "" when nothing could tell.
	State string `json:"state"`
	// Layer is where the choice was made: 1 in the banner's first layer, 2
	// behind its settings, 0 when it was not made.
	Layer int `json:"layer"`
	// Clicks is the number of clicks the choice took, toggles unticked in
	// the second layer included; Steps are the labels of what was clicked,
	// in order (never null).
	Clicks int      `json:"clicks"`
	Steps  []string `json:"steps"`
	// Preticked is the number of optional purposes already ticked when the
	// second layer opened (0 when it was not opened).
	Preticked int `json:"preticked"`
	// NoReject is true when a reject was asked for and the banner offers
	// none, in its first layer or behind its settings.
	NoReject bool `json:"noReject"`
	// Error says what went wrong, empty when nothing did.
	Error string `json:"error"`
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
	// Error says why the page did not load completely; empty when it did,
	// and for a lost page.
	Error string `json:"error"`
	// Phase is the consent phase the page was visited in: before-consent,
	// after-accept or after-reject. Empty in reports of older versions.
	Phase string `json:"phase,omitempty"`
	// Lost is true when the page was planned and never loaded because the
	// browser exited, or the scan was cancelled or timed out; LostReason
	// says which. A lost page is not a page error, and makes the report
	// partial.
	Lost       bool   `json:"lost,omitempty"`
	LostReason string `json:"lostReason,omitempty"`
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
	// FrameURL is the document the first write happened in: the page, or
	// an iframe of it.
	FrameURL string `json:"frameUrl,omitempty"`
	// Phases are the consent phases the cookie was seen in. Always an
	// array; empty while scans have no consent phases.
	Phases []string `json:"phases"`
	// Category is the declared category; for a cookie that is not
	// declared, the knowledge base's or a heuristic guess; else
	// CategoryUnclassified.
	Category string `json:"category"`
	// CategorySource says where Category came from: "policy",
	// "knowledge-base", "heuristic" or "none".
	CategorySource string `json:"categorySource"`
	// CategoryConfidence is how much Category can be trusted: "high",
	// "medium" or "low"; empty for an unclassified cookie.
	CategoryConfidence string `json:"categoryConfidence,omitempty"`
	// CategoryReason says why the cookie has its category: the declaration,
	// the knowledge-base entry (provider, name, origin) or what the
	// heuristic saw.
	CategoryReason string `json:"categoryReason,omitempty"`
	// Provider is who sets the cookie, when the policy or the knowledge
	// base says.
	Provider string `json:"provider,omitempty"`
	// Declared is true when a declaration of the site's policy matches the
	// cookie; false while no policy is read.
	Declared bool `json:"declared"`
}

// Finding is one discrepancy between the observed cookies and the declared
// policy, or a fault of the consent banner's design.
type Finding struct {
	Kind string `json:"kind"`
	// Cookie, Domain and Path name the cookie. A finding about the consent
	// banner (AboutBanner) has an empty Cookie and Path, and the site's
	// host as its Domain.
	Cookie   string `json:"cookie"`
	Domain   string `json:"domain"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Evidence string `json:"evidence"`
	// RuleID is the finding's stable rule id, in kebab case.
	RuleID string `json:"ruleId,omitempty"`
	// Fingerprint identifies the finding across scans (see
	// FindingFingerprint).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Path is the path of the cookie.
	Path string `json:"path,omitempty"`
	// SuggestedCategory is the category the evidence points to.
	SuggestedCategory string `json:"suggestedCategory,omitempty"`
	// PolicyLine is the line of the declaration the finding is about in
	// the policy file, 0 when there is none (an undeclared cookie).
	PolicyLine int `json:"policyLine,omitempty"`
	// Baseline is "new" or "unchanged" when the gate compared the scan
	// with a baseline report (see ApplyGate), "resolved" in Gate.Resolved.
	Baseline string `json:"baseline,omitempty"`
	// Ignored is the ignore-file entry that keeps the finding from failing
	// the gate.
	Ignored *IgnoreRule `json:"ignored,omitempty"`
	// Fails is true when the finding fails the gate.
	Fails bool `json:"fails,omitempty"`
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
	rep.Consent = consentOf(res)
	if len(res.Consent.Screenshot) > 0 && len(res.Pages) > 0 {
		rep.Screenshots = append(rep.Screenshots, Screenshot{Phase: string(crawler.BeforeConsent), URL: res.Pages[0].URL, PNG: res.Consent.Screenshot})
	}
	addPages := func(phase crawler.Phase, pages []crawler.Page) {
		for _, p := range pages {
			rp := Page{
				URL:    p.URL,
				Depth:  p.Depth,
				Status: p.Status,
				Title:  p.Title,
				Error:  p.Error,
				Phase:  string(cmp.Or(p.Phase, phase)),
			}
			if p.FinalURL != p.URL {
				rp.FinalURL = p.FinalURL
			}
			if p.Lost {
				rp.Lost, rp.LostReason, rp.Error = true, p.Error, ""
				rep.Partial = true
			}
			rep.Pages = append(rep.Pages, rp)
		}
	}
	addPages(crawler.BeforeConsent, res.Pages)
	for _, ph := range res.Consent.Phases {
		if ph != crawler.BeforeConsent {
			addPages(ph, res.PhasePages[ph])
		}
	}
	for i, c := range res.Cookies {
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
			FrameURL:         c.FrameURL,
			Phases:           phaseNames(c.Phases),
			Category:         CategoryUnclassified,
			CategorySource:   string(classifier.SourceNone),
		}
		if cl := opts.Classification; cl != nil && i < len(cl.Cookies) {
			rc.Category = string(cl.Cookies[i].Category)
			rc.CategorySource = string(cl.Cookies[i].CategorySource)
			rc.CategoryConfidence = string(cl.Cookies[i].Confidence)
			rc.CategoryReason = cl.Cookies[i].Reason
			rc.Provider = cl.Cookies[i].Provider
			rc.Declared = cl.Cookies[i].Declared
		}
		if opts.ShowValues {
			v := c.Value
			rc.Value = &v
		}
		rep.Cookies = append(rep.Cookies, rc)
	}
	if cl := opts.Classification; cl != nil {
		if cl.Policy != nil && rep.Policy == "" {
			rep.Policy = cl.Policy.Source
		}
		rep.KnowledgeBase = cl.KnowledgeBase
		for _, f := range cl.Findings {
			rep.Findings = append(rep.Findings, finding(f))
		}
	}
	// The browser used the target's credentials; no report writes them.
	Redact(rep)
	return rep
}

// finding is the report's view of a classifier finding.
func finding(f classifier.Finding) Finding {
	rf := Finding{
		Kind:              string(f.Kind),
		Cookie:            f.Cookie,
		Domain:            f.Domain,
		Severity:          string(f.Severity),
		Message:           f.Message,
		Evidence:          f.Evidence,
		RuleID:            f.RuleID,
		Fingerprint:       f.Fingerprint,
		Path:              f.Path,
		SuggestedCategory: string(f.SuggestedCategory),
	}
	if f.Declaration != nil {
		rf.PolicyLine = f.Declaration.Source.Line
	}
	return rf
}

// nonZero is a pointer to t, nil for the zero time.
func nonZero(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func phaseNames(ps []crawler.Phase) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
}

func button(b *crawler.ConsentButton) *ConsentButton {
	if b == nil {
		return nil
	}
	return &ConsentButton{Selector: b.Selector, Label: b.Label}
}

// consentOf is the report's view of the scan's consent phases.
func consentOf(res *crawler.Result) *Consent {
	c := res.Consent
	if c.Mode == "" {
		return nil
	}
	rc := &Consent{Mode: c.Mode, Phases: phaseNames(c.Phases), Actions: []ConsentAction{}}
	if b := c.Banner; b != nil {
		rc.Banner = &Banner{Platform: b.Platform, Title: b.Title, Frame: b.Frame,
			Accept: button(b.Accept), Reject: button(b.Reject), Settings: button(b.Settings)}
	}
	for _, a := range c.Actions {
		rc.Actions = append(rc.Actions, ConsentAction{
			Phase: string(a.Phase), Action: a.Action, Platform: a.Platform, Button: button(a.Button),
			Frame: a.Frame, Clicked: a.Clicked, Verified: a.Verified,
			VerifiedBy: a.VerifiedBy, State: a.State, Layer: a.Layer, Clicks: a.Clicks,
			Steps: append([]string{}, a.Steps...), Preticked: a.Preticked, NoReject: a.NoReject,
			Error: a.Error,
		})
	}
	return rc
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
