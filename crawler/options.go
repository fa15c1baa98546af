package crawler

import (
	"io"
	"log/slog"
	"regexp"
	"time"
)

// Scope says which links a crawl follows.
type Scope string

// The scopes of a crawl.
const (
	// ScopeDomain follows links to any host under the target's registrable
	// domain (www.example.org → shop.example.org). The default.
	ScopeDomain Scope = "domain"
	// ScopeHost follows links to the target's exact host only.
	ScopeHost Scope = "host"
)

// Defaults of the crawl options, used where an Options field is zero.
const (
	DefaultMaxPages    = 50
	DefaultMaxDepth    = 3
	DefaultConcurrency = 4
	DefaultWait        = 3 * time.Second
	DefaultPageTimeout = 30 * time.Second
)

// Options configure a crawl. The zero value works: every zero field takes
// its default.
type Options struct {
	// BrowserPath is the Chromium executable. Empty: CHROME_PATH, then
	// chromium-headless-shell, chrome-headless-shell, chromium,
	// chromium-browser, google-chrome on PATH (see FindBrowser).
	BrowserPath string
	// MaxPages bounds the number of pages visited (default 50).
	MaxPages int
	// MaxDepth bounds the link hops from the target (default 3). Use
	// NoDepth for "only the target".
	MaxDepth int
	// Scope chooses which hosts are crawled (default ScopeDomain).
	Scope Scope
	// Include, when not empty, keeps only URLs matching one of the patterns
	// (the target itself is always visited). Exclude drops matching URLs.
	Include []*regexp.Regexp
	Exclude []*regexp.Regexp
	// Concurrency is the number of tabs visiting pages at once (default 4).
	Concurrency int
	// Wait is how long a page keeps being observed after its load event,
	// for cookies set late by tag managers (default 3s). Use NoWait for none.
	// A new top document the page loads meanwhile (a reload after a
	// consent choice) is waited for and observed as long after its own
	// load (see waitPage).
	Wait time.Duration
	// AutoWait leaves a page before Wait has passed as soon as nothing on it
	// can still set a cookie: no request in flight, no timer due within
	// Wait, and no activity for half a second (see quiet.go).
	AutoWait bool
	// PageTimeout bounds the load of one page (default 30s).
	PageTimeout time.Duration
	// HostResolverRules is passed to Chromium's --host-resolver-rules, e.g.
	// "MAP *.example.org 127.0.0.1:8443" to reach staging under production
	// names.
	HostResolverRules string
	// Insecure accepts invalid TLS certificates.
	Insecure bool
	// BlockThirdPartyCookies makes the browser refuse third-party cookies,
	// as a strict browser does. By default they are allowed, as in a
	// default desktop browser.
	BlockThirdPartyCookies bool
	// UserAgent overrides the browser's user agent when not empty.
	UserAgent string
	// Consent chooses the consent phases: ConsentAuto (the default: all
	// three when a banner is found on the first page, else none),
	// ConsentNone, ConsentAccept, ConsentReject or ConsentAll. The
	// before-consent phase always runs: it discovers the pages.
	Consent ConsentMode
	// AcceptSelector and RejectSelector are CSS selectors of the banner's
	// buttons, for banners the built-in rules do not know. They win over
	// the rules.
	AcceptSelector string
	RejectSelector string
	// Pages are pages to visit after the target, in this order, as if the
	// target linked to them first (depth 1; --urls, a sitemap). Each must
	// be an absolute http(s) URL within the scope: see CheckPages.
	Pages []string
	// NoLinks follows no link: the crawl visits the target and Pages only.
	NoLinks bool
	// Sitemap adds the pages of the site's sitemaps after Pages, as if the
	// target linked to them: those robots.txt names, else /sitemap.xml,
	// read once the target has loaded (see sitemap.go).
	Sitemap bool
	// Headers are added to every request to the site's hosts (the scope's:
	// the registrable domain, or the host), never to another host's.
	Headers []Header
	// Cookies are put in each phase's cookie jar before anything is
	// loaded, on the target's host (see PresetCookie). The report leaves
	// them out, unless the site writes them again.
	Cookies []PresetCookie
	// Login are steps run in each phase's browser context before its
	// crawl (go to the login page, fill the form, submit, wait): every
	// phase crawls logged in. A step that fails stops the scan with a
	// *LoginError.
	Login []LoginStep
	// Browser, when set, is a running browser to crawl in (see
	// StartBrowser); it stays running after the crawl. BrowserPath,
	// HostResolverRules, Insecure, BlockThirdPartyCookies and UserAgent are
	// then the browser's: a crawl that sets one differently is refused.
	// When nil, the crawl starts a browser of its own and ends it.
	Browser *Browser
	// Proxy, when set, is the proxy server of every browser context of the
	// crawl ("http://127.0.0.1:3128", "socks5://127.0.0.1:1080"): the
	// browser reaches the site through it.
	Proxy string
	// Logger receives progress and diagnostics; nil discards them.
	Logger *slog.Logger
	// Progress, when set, is called after each page with the phase, the
	// pages done, the pages planned so far and the cookies seen so far in
	// that phase. Phases may run at the same time: it must be safe for
	// concurrent use.
	Progress func(phase Phase, done, planned, cookies int)
}

// ConsentMode says which consent phases a scan runs.
type ConsentMode string

// The consent modes.
const (
	ConsentAuto   ConsentMode = "auto"
	ConsentNone   ConsentMode = "none"
	ConsentAccept ConsentMode = "accept"
	ConsentReject ConsentMode = "reject"
	ConsentAll    ConsentMode = "all"
)

// NoDepth and NoWait are explicit "zero" values for MaxDepth and Wait, whose
// zero value means "default".
const (
	NoDepth = -1
	NoWait  = time.Duration(-1)
)

func withDefaults(o Options) Options {
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	switch {
	case o.MaxDepth == 0:
		o.MaxDepth = DefaultMaxDepth
	case o.MaxDepth < 0:
		o.MaxDepth = 0
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	switch {
	case o.Wait == 0:
		o.Wait = DefaultWait
	case o.Wait < 0:
		o.Wait = 0
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = DefaultPageTimeout
	}
	if o.Scope == "" {
		o.Scope = ScopeDomain
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}
