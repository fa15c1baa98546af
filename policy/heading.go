package policy

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// heading is a heading of the page, or an element acting as one, with what
// it says about the category of the cookies under it.
type heading struct {
	level int
	// rank is the level the page gave the heading (h1 to h6, 7 for an
	// element acting as one); headings inside list items and disclosures
	// keep it while their level says they last as long as the item.
	rank int
	text string
	// scope is the element whose end closes a heading-like element (level
	// 7): a Cookiebot category header names the cookies of its own block
	// only.
	scope *html.Node
	// own is the category the heading's text names, if any.
	own   Category
	ownOK bool
	// para is the first block of text under the heading, read before any
	// declaration or sub-heading.
	para string
	// used is set once a declaration was read under the heading.
	used bool
	// decls are the declarations of a heading that names cookies itself
	// ("#### `form_key`"), whose purpose the text under it gives.
	decls []int
	names bool
	// described caches what describedCategory reads of the heading once
	// its text under it is known.
	described     Category
	describedDone bool
	// lead marks a bold lead-in read as a heading; glossary one of a run
	// of lead-ins defining categories (see pushLead).
	lead, glossary bool
}

func (x *extractor) push(level int, text string, n *html.Node) {
	x.lastText, x.lastTitled = "", false
	if level < pseudoLevel {
		x.lastLead = nil
		if item := itemContainer(n); item != nil {
			// A heading inside a list item or a disclosure titles that item
			// (iubenda's service headings, an h3 under the h3 naming their
			// purpose): it lasts as long as the item.
			h := &heading{level: pseudoLevel, rank: level, text: text, scope: item}
			x.popInside(item, level)
			x.pushHeading(h, n, text)
			return
		}
	}
	h := &heading{level: level, rank: level, text: text}
	if level == pseudoLevel {
		h.scope = x.scopeOf(n)
		x.popInside(h.scope, level)
		x.pushHeading(h, n, text)
		return
	}
	for len(x.headings) > 0 && x.headings[len(x.headings)-1].level >= level {
		x.headings = x.headings[:len(x.headings)-1]
	}
	x.pushHeading(h, n, text)
}

func (x *extractor) pushHeading(h *heading, n *html.Node, text string) {
	if names := x.headingNames(n, text); len(names) > 0 {
		// A heading naming a cookie declares it, in the section of the
		// headings above; the text under it says what it is for.
		h.names = true
		start := len(x.decls)
		x.declareProse(names, "", "", "", Duration{}, n)
		for i := start; i < len(x.decls); i++ {
			h.decls = append(h.decls, i)
		}
		x.headings = append(x.headings, h)
		return
	}
	h.own, h.ownOK = x.lex.heading(text)
	if !h.ownOK && n != nil {
		// "<strong>Complianz</strong><span>Functional</span>": words in
		// elements of their own, set apart by the page's style, not by
		// a space.
		if t := collapse(spacedText(n)); t != collapse(text) {
			h.own, h.ownOK = x.lex.heading(t)
		}
	}
	x.headings = append(x.headings, h)
}

// headingNames returns the cookie names a heading consists of: a heading
// set in code ("#### `form_key`"), a single word marked as a name
// ("### _ga"), or, under headings about cookies, nothing but names written
// as identifiers with a hyphen, an underscore, a dot or a colon
// ("### selvbetjening-idtoken sso-nav.no *", a star marking a prefix).
func (x *extractor) headingNames(n *html.Node, text string) []string {
	if utf8.RuneCountInString(text) > 80 {
		return nil
	}
	names := cellNames(nodeText(n, true))
	if len(names) == 0 || len(names) > 3 {
		return nil
	}
	code := onlyCode(n)
	var fields []string
	for _, f := range strings.Fields(withoutNameLabel(text)) {
		// "Cookie s_ecid", "dst Cookie": the word for a cookie beside
		// the name is no more than the name.
		if strings.Trim(f, "*") != "" && (slices.Contains(names, f) || find([]string{strings.ToLower(f)}, cookieWords) < 0) {
			fields = append(fields, f)
		}
	}
	single := len(names) == 1 && len(fields) == 1
	onlyNames := x.aboutCookies("")
	for _, f := range fields {
		// A name shaped as a host ("sso-nav.no") is not read as one, and
		// does not make the heading more than names.
		onlyNames = onlyNames && (slices.Contains(names, f) || hostShape.MatchString(strings.ToLower(f)))
	}
	for _, name := range names {
		if !validName(name) || notAName(name) || (!nameMarked(name) && !lowerCamel(name) && !x.known(name) && columnRole(name) != roleNone) {
			return nil
		}
		switch {
		case code:
		case single && x.proseName(name, inHeader, true) && (nameMarked(name) || x.known(name) || lowerCamel(name)):
		case single && n.DataAtom == atom.P && x.aboutCookies("") && identifierLike(name):
			// A bold paragraph holding one name ("<p><strong>XSRF-TOKEN</strong></p>")
			// heads the text about that cookie.
		case onlyNames && strings.ContainsAny(name, "-_.:") && identifierLike(name) && (!titledCompound(name) || x.known(name)):
			// Words written as a title ("Facebook-Pixel") are a
			// service's or a section's, not a cookie's.
		default:
			return nil
		}
	}
	return names
}

// withoutNameLabel is a heading's text without the label of a name
// before it ("Cookie name: s_ecid", "Nome cookie: s_ecid").
func withoutNameLabel(text string) string {
	if label, rest, ok := strings.Cut(text, ":"); ok && !strings.Contains(rest, ":") && columnRole(label) == roleName {
		return rest
	}
	return text
}

// identifierLike reports whether a word is written as identifiers are
// and words are not: with an underscore, a digit, a colon, a hyphen or a
// dot inside, or in capitals ("rc::a", "XSRF-TOKEN", "NID"). Mixed case
// is not enough: brands are written so ("HubSpot").
func identifierLike(t string) bool {
	if strings.Contains(t, "/") {
		return false
	}
	if _, ok := categoryOf(t); ok {
		return false // "non-essential", "Marketing/Tracking"
	}
	if proseCompound.MatchString(t) {
		return false // "SoundCloud-soittimet": a word made of words
	}
	if nameMarked(t) || strings.ContainsAny(t, ":-.") {
		return true
	}
	return allCaps(t) && utf8.RuneCountInString(t) >= 2
}

// proseCompound is a capitalised word joined by a hyphen to lower-case
// words, as prose writes compounds ("SoundCloud-soittimet",
// "Google-Dienste"); cookie names with hyphens are lower case or capitals
// ("sl-chat-history", "XSRF-TOKEN").
var proseCompound = regexp.MustCompile(`^\p{Lu}[\p{L}]*\p{Ll}(-\p{Ll}{3,})+$`)

// popInside ends the heading-like elements that a new one of rank rank
// scoped to scope replaces: those scoped to an element inside scope, and
// those scoped to scope of the same rank or below. Those of an enclosing
// element (a category label around a disclosure) stay.
func (x *extractor) popInside(scope *html.Node, rank int) {
	for len(x.headings) > 0 {
		top := x.headings[len(x.headings)-1]
		inner := top.scope != nil && top.scope != scope && contains(scope, top.scope)
		if top.level < pseudoLevel || !(inner || (top.scope == scope && top.rank >= rank)) {
			return
		}
		x.headings = x.headings[:len(x.headings)-1]
	}
}

// contains reports whether n is a descendant of a.
func contains(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// itemContainer returns the list item, disclosure, description or table
// cell that holds n, if any.
func itemContainer(n *html.Node) *html.Node {
	for a := n.Parent; a != nil; a = a.Parent {
		switch a.DataAtom {
		case atom.Li, atom.Details, atom.Dd, atom.Td:
			return a
		case atom.Body, atom.Section, atom.Article, atom.Main:
			return nil
		}
	}
	return nil
}

// scopeOf returns the element whose end closes a heading-like element: its
// parent, or, for an accordion or tab button, the element holding both
// the button and the panel it controls (aria-controls).
func (x *extractor) scopeOf(n *html.Node) *html.Node {
	if target := x.ids[attr(n, "aria-controls")]; target != nil {
		ancestors := map[*html.Node]bool{}
		for a := n.Parent; a != nil; a = a.Parent {
			ancestors[a] = true
		}
		for a := target.Parent; a != nil; a = a.Parent {
			if ancestors[a] {
				return a
			}
		}
	}
	if p := n.Parent; p != nil && p.DataAtom == atom.P && p.Parent != nil {
		// A bold lead-in heads what follows its paragraph.
		return p.Parent
	}
	return n.Parent
}

// close ends the heading-like elements scoped to n.
func (x *extractor) close(n *html.Node) {
	kept := x.headings[:0]
	for _, h := range x.headings {
		if h.scope != n {
			kept = append(kept, h)
		}
	}
	x.headings = kept
}

// paragraph records a block of text under the innermost heading.
func (x *extractor) paragraph(text string) {
	if len(x.headings) == 0 {
		return
	}
	h := x.headings[len(x.headings)-1]
	if len(h.decls) > 0 {
		for _, i := range h.decls {
			if x.decls[i].Purpose == "" {
				x.decls[i].Purpose = sentence(text)
			}
		}
		h.decls = nil
		return
	}
	if h.used || h.para != "" {
		return
	}
	if utf8.RuneCountInString(text) > 800 {
		text = string([]rune(text)[:800])
	}
	h.para = text
}

// declared marks the headings above a declaration: text after it no longer
// describes what they hold.
func (x *extractor) declared() {
	for _, h := range x.headings {
		h.used = true
	}
}
