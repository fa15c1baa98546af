package policy

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Policy is what a site declares about its cookies.
type Policy struct {
	// Site is the site the policy is for: the policy file's "site", or the
	// host of the page it was extracted from.
	Site string
	// Source is the file name or URL the policy was read from.
	Source string
	// Cookies are the declarations of cookie names, in the order of the
	// source. Entries the source types as another kind of storage (local
	// storage, pixels) are among them, with their Type.
	Cookies []Declaration
	// Services are the declarations of services that name no cookie
	// ("Google Analytics — statistics"): each covers the cookies the
	// knowledge base attributes to the service. Their Name is empty.
	Services []Declaration
	// Warnings are what an extraction from a page could not understand:
	// durations kept as text, names that are not cookie names, entries
	// that are not cookies. Policy files have none: what a page may get
	// wrong, a file may not.
	Warnings []string
}

// Declaration is one declared cookie, one pattern of cookie names, or one
// service whose cookies are declared together.
type Declaration struct {
	// Name is the declared cookie name or name pattern; empty in a service
	// declaration.
	Name Pattern
	// Service is the declared service of a service declaration ("Google
	// Analytics"); empty in a declaration of a cookie name.
	Service string
	// Type is the kind of storage the source says the entry is: empty for
	// an HTTP cookie (the usual case), else local storage, a pixel…
	Type StorageType
	// Provider is who sets the cookie, as the policy names it.
	Provider string
	// Purpose is what the policy says the cookie is for.
	Purpose string
	// Category is the canonical category.
	Category Category
	// CategoryText is the source's own wording for the category: the
	// heading ("Strictly Necessary Cookies"), the category cell, or the
	// policy file's value. Item counts such as "(4)" are dropped.
	CategoryText string
	// Duration is the declared lifetime; Duration.Text keeps the source's
	// wording ("13 mois").
	Duration Duration
	// Domain is the domain the cookie is declared for, if the policy says.
	Domain string
	// Source says where the declaration was found.
	Source Source
}

// Source locates a declaration in what it was read from.
type Source struct {
	// File, Line and Column locate the declaration in a policy file.
	File   string
	Line   int
	Column int
	// Page is the page (URL or file name) the declaration was extracted
	// from.
	Page string
	// Heading is the page heading the declaration was found under: the one
	// that gave its category when a heading did.
	Heading string
	// Table is the 1-based position of the HTML table among the page's
	// tables, 0 when the declaration did not come from a table.
	Table int
	// Layout names the layout the declaration was read from, one of the
	// Layout constants.
	Layout string
}

// The layouts an extraction recognises, for [Source.Layout].
const (
	// LayoutTable is a hand-written table (the Opendatasoft portals' layout
	// among them).
	LayoutTable = "table"
	// LayoutList is a list of label and value pairs (dl, CookieYes's lists).
	LayoutList = "list"
	// LayoutOneTrust is OneTrust's cookie list (#ot-sdk-cookie-policy).
	LayoutOneTrust = "onetrust"
	// LayoutCookiebot is Cookiebot's declaration (#CookieDeclaration).
	LayoutCookiebot = "cookiebot"
	// LayoutCookieYes is CookieYes's audit table (.cky-audit-table).
	LayoutCookieYes = "cookieyes"
	// LayoutCookiebotScript is Cookiebot's cookieTable arrays in a script.
	LayoutCookiebotScript = "cookiebot-script"
	// LayoutOneTrustJSON is OneTrust's domain JSON (groups of cookies).
	LayoutOneTrustJSON = "onetrust-json"
	// LayoutCookieYesScript is CookieYes's configuration in a script
	// (_ckyConfig, its categories and their cookies).
	LayoutCookieYesScript = "cookieyes-script"
	// LayoutComplianz is Complianz's cookie overview (#cmplz-cookies-overview).
	LayoutComplianz = "complianz"
	// LayoutBorlabs is Borlabs Cookie's cookie list.
	LayoutBorlabs = "borlabs"
	// LayoutIubenda is Iubenda's cookie policy.
	LayoutIubenda = "iubenda"
	// LayoutRecord is a record of label and value pairs written as
	// sibling elements or lines of text ("Name: _ga").
	LayoutRecord = "record"
	// LayoutProse is a name in a sentence or a list item about cookies.
	LayoutProse = "prose"
)

// StorageType is the kind of storage of a declared entry, when the source
// says it is not an HTTP cookie.
type StorageType string

// The storage types. A cookie's type is empty.
const (
	// Cookie is an HTTP cookie, the default.
	Cookie StorageType = ""
	// LocalStorage is an entry of the page's localStorage.
	LocalStorage StorageType = "localStorage"
	// SessionStorage is an entry of the page's sessionStorage.
	SessionStorage StorageType = "sessionStorage"
	// IndexedDB is an IndexedDB database.
	IndexedDB StorageType = "indexedDB"
	// Pixel is a tracking pixel or web beacon: a request, not storage.
	Pixel StorageType = "pixel"
	// OtherStorage is any other kind of browser storage (cache storage,
	// service workers, "web storage" without more).
	OtherStorage StorageType = "otherStorage"
)

// StorageTypes returns the storage types a policy file may give, the
// cookie's empty type aside.
func StorageTypes() []StorageType {
	return []StorageType{LocalStorage, SessionStorage, IndexedDB, Pixel, OtherStorage}
}

// ParseStorageType reads the type of a declared entry: "cookie" (or
// nothing) for an HTTP cookie, or one of the storage types, in any case.
func ParseStorageType(s string) (StorageType, error) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "", "cookie", "http cookie", "http":
		return Cookie, nil
	}
	for _, st := range StorageTypes() {
		if strings.EqualFold(t, string(st)) {
			return st, nil
		}
	}
	var names []string
	for _, st := range StorageTypes() {
		names = append(names, string(st))
	}
	return Cookie, fmt.Errorf("unknown type %q (want cookie, %s)", t, strings.Join(names, ", "))
}

// IsCookie reports whether the declaration declares HTTP cookies: a name
// of type cookie, or a service.
func (d *Declaration) IsCookie() bool { return d.Type == Cookie }

// ErrNoDeclarations is wrapped by the errors of [ExtractHTML] and
// [ExtractJSON] when a document holds no cookie declaration: auditing
// against an empty policy would call every cookie undeclared.
var ErrNoDeclarations = errors.New("no cookie declarations found")

// siteOf returns the host of a URL, or "" when name is not one.
func siteOf(name string) string {
	if !strings.Contains(name, "://") {
		return ""
	}
	u, err := url.Parse(name)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
