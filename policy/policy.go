package policy

import (
	"errors"
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
	// Cookies are the declarations, in the order of the source.
	Cookies []Declaration
	// Warnings are what an extraction from a page could not understand:
	// durations kept as text, names that are not cookie names, entries
	// that are not cookies. Policy files have none: what a page may get
	// wrong, a file may not.
	Warnings []string
}

// Declaration is one declared cookie, or one pattern of cookie names.
type Declaration struct {
	// Name is the declared cookie name or name pattern.
	Name Pattern
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
)

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
