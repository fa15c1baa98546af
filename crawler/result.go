package crawler

import "time"

// Party says whether a cookie belongs to the scanned site or to another one.
type Party string

// The parties of a cookie, judged by its domain against the registrable
// domain (eTLD+1) of the scan target.
const (
	FirstParty Party = "first"
	ThirdParty Party = "third"
)

// SetBy says how a cookie was written.
type SetBy string

// The ways a cookie can be written. SetByUnknown marks a cookie that was in
// the final jar but whose write no captured event explains (for example one
// set by a worker); a scan of the bundled fixtures never produces it.
const (
	SetByHeader  SetBy = "header"
	SetByScript  SetBy = "script"
	SetByUnknown SetBy = "unknown"
)

// Result is everything one scan observed. It is a plain value: the crawler
// fills it and never looks at it again.
type Result struct {
	// Target is the URL the scan started from, normalised.
	Target string
	// StartedAt and FinishedAt bound the scan in wall-clock time.
	StartedAt  time.Time
	FinishedAt time.Time
	// Browser is the product string of the browser that ran the scan.
	Browser string
	// Pages are the pages of the before-consent phase in crawl order
	// (breadth first, links of a page sorted), whatever order the parallel
	// tabs finished in: those visited, then those planned and lost (see
	// Page.Lost).
	Pages []Page
	// Cookies holds one record per distinct cookie (name, domain, host-only,
	// path, partition), in the order of the page that first saw it.
	Cookies []Cookie
	// Partial is true when the scan stopped early: a page of any phase was
	// lost (the browser exited, the scan was cancelled or timed out), or
	// the scan was cancelled before it could read what it saw.
	Partial bool
	// Consent says which consent phases ran, the banner found and what
	// was clicked.
	Consent Consent
	// PhasePages lists, for each consent phase after the first, its pages:
	// the same URLs as Pages in the same order, with that phase's status
	// and errors, lost pages included.
	PhasePages map[Phase][]Page
	// PhaseCookies holds, for every phase that ran, the cookies present in
	// it as that phase saw them: their values, attributes and first page
	// in that phase. Cookies combines them, one record per cookie.
	PhaseCookies map[Phase][]Cookie
	// Storage holds one record per distinct web storage entry (kind,
	// origin, key) the site wrote or left, in the order of the page that
	// first saw it, combined over the phases as Cookies is.
	Storage []StorageItem
	// PhaseStorage holds, for every phase that ran, the storage entries
	// that phase saw, with their first page in that phase.
	PhaseStorage map[Phase][]StorageItem
}

// Phase is one consent state a site is crawled in. Each phase runs in a
// browser context of its own: cookies never cross from one to another.
type Phase string

// The consent phases.
const (
	// BeforeConsent: the banner is never touched.
	BeforeConsent Phase = "before-consent"
	// AfterAccept: "accept all" is clicked on the first page, then the
	// same pages are visited.
	AfterAccept Phase = "after-accept"
	// AfterReject: "reject all" is clicked on the first page, then the
	// same pages are visited.
	AfterReject Phase = "after-reject"
)

// Consent is what a scan found and did about the consent banner.
type Consent struct {
	// Mode is what ran: "none" (only before-consent), "accept", "reject"
	// or "all".
	Mode string
	// Phases are the phases that ran, in order.
	Phases []Phase
	// Banner is the banner found on the first page before any choice, nil
	// when none was found.
	Banner *Banner
	// Screenshot is a PNG of the first page with its banner, before any
	// click; nil when no banner was found.
	Screenshot []byte
	// Actions are the clicks made, one per phase after the first.
	Actions []ConsentAction
}

// Banner describes a consent banner.
type Banner struct {
	// Platform is the consent platform recognised: the name of its rule
	// ("onetrust", "cookiebot", …; see crawler/cmps), "generic" for a
	// banner found by its button texts, or "custom" for one found with the
	// user's selectors.
	Platform string
	// Title is the platform's product name as its vendor writes it
	// ("OneTrust"); empty for generic and custom banners.
	Title string
	// Frame is the URL of the document that holds the banner (the page,
	// or an iframe).
	Frame string
	// Accept and Reject are the buttons found, nil when missing: a banner
	// without a reject button is itself worth reporting.
	Accept *ConsentButton
	Reject *ConsentButton
	// Settings is the first layer's button that opens the second layer
	// ("Settings", "Customise"), nil when there is none.
	Settings *ConsentButton
}

// ConsentButton is one button of a banner.
type ConsentButton struct {
	// Selector is the CSS selector that found it, or "text=<label>" for a
	// button found by its text.
	Selector string
	// Label is its visible text as the page writes it, blanks collapsed.
	Label string
}

// ConsentAction is one click on a banner.
type ConsentAction struct {
	Phase    Phase
	Action   string // "accept" or "reject"
	Platform string
	// Button is what was clicked; nil when no button was found.
	Button *ConsentButton
	Frame  string
	// Clicked is true when the choice was made: every click it took was
	// made. Verified is true when the platform itself then recorded the
	// choice (VerifiedBy says how); a banner that merely closed is not a
	// verified choice.
	Clicked  bool
	Verified bool
	// VerifiedBy says how the choice was checked: VerifiedByPlatformAPI,
	// VerifiedByTCF, VerifiedByConsentRecord, or VerifiedByNone when
	// nothing said what was recorded (Verified is then false).
	VerifiedBy string
	// State is what the platform recorded, as its API, the TCF API or its
	// consent record says: "accepted", "rejected", "partial", "none" (no
	// choice), or "" when nothing could tell.
	State string
	// Layer is where the choice was made: 1 in the banner's first layer, 2
	// behind its settings; 0 when it was not made.
	Layer int
	// Clicks is the number of clicks the choice took, toggles unticked in
	// the second layer included.
	Clicks int
	// Steps are the labels of what was clicked, in order.
	Steps []string
	// Preticked is the number of optional purposes already ticked when the
	// second layer opened (0 when it was not opened), or, when more, the
	// purposes a refusal made there left on legitimate interest in the
	// platform's TCF record (switches on before the visitor came, in a tab
	// the refusal did not open).
	Preticked int
	// NoReject is true when a reject was asked for and the banner offers
	// none: no reject button in the first layer, and none (or no way to
	// untick and save) behind its settings, or a refusal after which the
	// banner came back (BannerBack).
	NoReject bool
	// BannerBack is true when the banner's first layer came back, and
	// stayed, after a refusal made behind its settings: a consent-or-pay
	// wall lets nobody in who neither consents nor subscribes, whatever
	// its settings record.
	BannerBack bool
	// Records are the site's consent records that the click wrote, when
	// one of them verified the choice (VerifiedByConsentRecord): what the
	// site keeps of the visitor's choice, which it needs no consent for.
	Records []ConsentRecord
	// Error says what went wrong, empty when the choice was made.
	Error string
}

// ConsentRecord is a cookie or web storage entry in which a site keeps
// the visitor's consent choice.
type ConsentRecord struct {
	// Kind is "cookie", or the StorageKind of a storage entry.
	Kind string
	// Name is the cookie's name or the storage key.
	Name string
	// Frame is the URL of the document that read it.
	Frame string
}

// How a consent choice was verified (ConsentAction.VerifiedBy).
const (
	// VerifiedByPlatformAPI: the platform's own API or consent record, read
	// by its rule, reported the choice.
	VerifiedByPlatformAPI = "platform-api"
	// VerifiedByTCF: the IAB TCF API (__tcfapi getTCData) reported the
	// user's action and its purpose consents.
	VerifiedByTCF = "tcf"
	// VerifiedByConsentRecord: a cookie or storage entry written by the
	// click records the choice.
	VerifiedByConsentRecord = "consent-record"
	// VerifiedByNone: nothing said what was recorded.
	VerifiedByNone = "none"
)

// Page is one visited page.
type Page struct {
	// URL is the URL that was navigated to.
	URL string
	// FinalURL is where the navigation ended after redirects.
	FinalURL string
	// Depth is the number of link hops from the target.
	Depth int
	// Status is the HTTP status of the main document, 0 when none arrived.
	Status int
	// Title is the document title.
	Title string
	// Error says why the page did not load completely: a network error, a
	// timeout, a denied download. Empty when it loaded.
	Error string
	// Links is the number of in-scope links found on the page.
	Links int
	// Phase is the consent phase the page was visited in (or was to be).
	Phase Phase
	// Lost is true when the page was planned and never loaded because the
	// browser exited, or the scan was cancelled or timed out, before its
	// document loaded; Error then says which. A lost page is not a page
	// error: a page that loaded with an HTTP error status, or failed on
	// its own (a network error, its own load timeout), was visited. A
	// lost page in any phase makes the result partial.
	Lost bool
}

// AllPages returns the pages of every phase that ran, in phase order
// (Consent.Phases), each in crawl order.
func (r *Result) AllPages() []Page {
	out := append([]Page(nil), r.Pages...)
	for _, ph := range r.Consent.Phases {
		if ph != BeforeConsent {
			out = append(out, r.PhasePages[ph]...)
		}
	}
	return out
}

// Cookie is one distinct cookie seen during a scan.
type Cookie struct {
	Name  string
	Value string
	// Domain is written without a leading dot. HostOnly is true for a cookie
	// set without a Domain attribute (sent to that exact host only).
	Domain   string
	HostOnly bool
	Path     string
	Party    Party
	// Session is true for a cookie that ends with the browser session.
	Session bool
	// Expires is what the browser stored (Chromium caps lifetimes at 400
	// days); nil for a session cookie or a cookie that was not stored.
	Expires *time.Time
	// RequestedExpires is what the Set-Cookie header or the script asked
	// for: policies are compared with this one.
	RequestedExpires *time.Time
	// SetAt is when the first write was seen: RequestedExpires minus SetAt
	// is the lifetime the site asked for. Zero for a cookie no write was
	// seen for.
	SetAt time.Time
	// Stored is false when the browser refused the cookie;
	// BlockedReasons then says why (Chromium's reason names).
	Stored         bool
	BlockedReasons []string
	Secure         bool
	HTTPOnly       bool
	// SameSite is "Strict", "Lax", "None" or "" when the site gave none.
	SameSite    string
	Partitioned bool
	// PartitionKey is the top-level site of a partitioned (CHIPS) cookie.
	PartitionKey string
	SetBy        SetBy
	// Source is the URL of the response whose Set-Cookie header wrote the
	// cookie, or of the script that wrote it.
	Source string
	// FrameURL is the document the write happened in.
	FrameURL string
	// FirstSeenOn is the earliest page in crawl order that set the cookie
	// (for a cookie no page was seen setting: that sent it). Crawl order,
	// not time, so parallel tabs do not change it; only a cookie that
	// several pages set "if absent" may be attributed to either of two pages
	// visited at the same time (Options.Concurrency 1 removes that).
	FirstSeenOn string
	// Phases are the consent phases the cookie was present in (set during
	// the phase, or in the phase's jar at its end), in phase order.
	Phases []Phase
}

// StorageKind is the web storage an entry is kept in.
type StorageKind string

// The kinds of web storage recorded.
const (
	LocalStorage   StorageKind = "localStorage"
	SessionStorage StorageKind = "sessionStorage"
	IndexedDB      StorageKind = "indexedDB"
)

// StorageItem is one distinct web storage entry seen during a scan: a key
// of a frame's localStorage or sessionStorage, or the name of an IndexedDB
// database it opened.
type StorageItem struct {
	Kind StorageKind
	// Origin is the origin of the frame whose storage holds the entry
	// ("https://www.example.org"; "null" for an opaque origin).
	Origin string
	// Key is the storage key, or the IndexedDB database's name.
	Key string
	// Value is the value of the first write seen (of the entry as read at
	// the end of its first page when no write was seen), cut at 4,096
	// characters (keys at 1,024); empty for an IndexedDB database.
	// Reports leave it out unless values are asked for.
	Value string
	// SetBy is SetByScript when a write through the Storage API
	// (setItem) or indexedDB.open was seen, SetByUnknown for an entry only
	// found in the frame's storage at the end of a page (written by direct
	// assignment, by a worker, or before the scan's first look).
	SetBy SetBy
	// Source is the URL of the script that made the first write seen (the
	// document's URL for an inline script); empty when SetBy is unknown.
	Source string
	// FirstSeenOn is the earliest page in crawl order that wrote the entry
	// (for an entry no page was seen writing: that held it at its end).
	FirstSeenOn string
	// Phases are the consent phases the entry was seen in, in phase order.
	Phases []Phase
}
