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
	// Classification is the classifier's result for the scan's cookies: it
	// gives each cookie its category and declared flag (paired by the
	// cookie's identity, classifier.CookieID, whatever the order of the
	// classifications), and the report its findings. Nil: every cookie is
	// unclassified and there are no findings.
	Classification *classifier.Result
}

// Report is one scan's report: the pages of every consent phase, the
// cookies with their categories, the classifier's findings, and, once a
// gate ran, its outcome. Its JSON encoding is the public contract
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
	// Storage are the distinct web storage entries seen (localStorage and
	// sessionStorage keys, IndexedDB database names), in the order of the
	// page that first saw each one. Always an array.
	Storage []StorageItem `json:"storage"`
	// Findings are the classifier's findings, in its order: about the
	// policy (when one was read), consent and the consent banner's design.
	// Always an array; empty for a report built without a classification.
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
	// Changes is what changed since the previous run kept by scan
	// --history; nil without --history or a previous run.
	Changes *ChangesSincePrevious `json:"changes,omitempty"`
	// Screenshots are PNG captures of the page with its consent banner.
	Screenshots []Screenshot `json:"screenshots,omitempty"`
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
	// array; empty in reports of scans that ran no consent phases.
	Phases []string `json:"phases"`
	// Verdict is the cookie's category and declared flag.
	Verdict
}

// Verdict is what the classifier concluded about a cookie or a web storage
// entry, as a report writes it: its fields come last in the entry's JSON.
type Verdict struct {
	// Category is the declared category; for a cookie or entry that is
	// not declared, the knowledge base's or (for a cookie) a heuristic
	// guess; else CategoryUnclassified.
	Category string `json:"category"`
	// CategorySource says where Category came from: "policy",
	// "knowledge-base", "heuristic" or "none".
	CategorySource string `json:"categorySource"`
	// CategoryConfidence is how much Category can be trusted: "high",
	// "medium" or "low"; empty for an unclassified cookie or entry.
	CategoryConfidence string `json:"categoryConfidence,omitempty"`
	// CategoryReason says why it has its category: the declaration, the
	// knowledge-base entry (provider, name, origin) or what the heuristic
	// saw.
	CategoryReason string `json:"categoryReason,omitempty"`
	// Provider is who sets the cookie or writes the entry, when the policy
	// or the knowledge base says.
	Provider string `json:"provider,omitempty"`
	// Declared is true when a declaration of the site's policy matches the
	// cookie or entry; false while no policy is read.
	Declared bool `json:"declared"`
}

// verdict is the report's view of a classifier verdict; nil (nothing was
// classified) is unclassified.
func verdict(v *classifier.Verdict) Verdict {
	if v == nil {
		return Verdict{Category: CategoryUnclassified, CategorySource: string(classifier.SourceNone)}
	}
	return Verdict{
		Category:           string(v.Category),
		CategorySource:     string(v.CategorySource),
		CategoryConfidence: string(v.Confidence),
		CategoryReason:     v.Reason,
		Provider:           v.Provider,
		Declared:           v.Declared,
	}
}

// Finding is one thing the classifier found wrong: a discrepancy between
// the observed cookies (or web storage entries) and the declared policy, a
// cookie or storage entry set without the consent it needs, or a fault of
// the consent banner's design.
type Finding struct {
	Kind string `json:"kind"`
	// Cookie, Domain and Path name the cookie. A finding about the consent
	// banner (AboutBanner) has an empty Cookie and Path, and the site's
	// host as its Domain. A finding about a web storage entry (Storage
	// set) has its key in Cookie, its origin's host in Domain, and no
	// Path.
	Cookie   string `json:"cookie"`
	Domain   string `json:"domain"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Evidence string `json:"evidence"`
	// RuleID is the finding's stable rule id, in kebab case
	// (classifier.Kind.RuleID); empty in reports of older versions, which
	// the writers read as their kind's (ruleID).
	RuleID string `json:"ruleId,omitempty"`
	// Fingerprint identifies the finding across scans (see
	// FindingFingerprint).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Path is the path of the cookie.
	Path string `json:"path,omitempty"`
	// Storage is, for a finding about a web storage entry (whose key is
	// in Cookie and whose origin's host is in Domain), its kind of
	// storage: "localStorage", "sessionStorage" or "indexedDB"; for a
	// not-observed finding about a declaration of storage, the declared
	// type. Empty for a finding about a cookie. Origin is the storage
	// entry's origin.
	Storage string `json:"storage,omitempty"`
	Origin  string `json:"origin,omitempty"`
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

// New builds the report of a scan result and, with opts.Classification,
// of its classification: each cookie's category and declared flag, and the
// findings. It keeps the crawler's order of pages, cookies and web storage
// entries, writes times in UTC to the second, and leaves cookie and
// storage values out unless opts.ShowValues is set. A nil res gives an empty report.
func New(res *crawler.Result, opts Options) *Report {
	rep := &Report{
		Schema:   Schema,
		Tool:     Tool{Name: "cookieaudit", Version: opts.Version},
		Pages:    []Page{},
		Cookies:  []Cookie{},
		Storage:  []StorageItem{},
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
	// Cookies and their classifications are paired by identity, not by
	// position: nothing then depends on both lists keeping one order.
	var classes map[classifier.CookieID]*classifier.Verdict
	if cl := opts.Classification; cl != nil {
		classes = make(map[classifier.CookieID]*classifier.Verdict, len(cl.Cookies))
		for i := range cl.Cookies {
			classes[cl.Cookies[i].Cookie] = &cl.Cookies[i].Verdict
		}
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
			FrameURL:         c.FrameURL,
			Phases:           phaseNames(c.Phases),
			Verdict:          verdict(classes[classifier.IDOf(c)]),
		}
		if opts.ShowValues {
			v := c.Value
			rc.Value = &v
		}
		rep.Cookies = append(rep.Cookies, rc)
	}
	rep.Storage = storageItems(res.Storage, opts)
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
		Storage:           f.Storage,
		Origin:            f.Origin,
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
