package policy

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML extracts the cookie declarations of a cookie-policy page.
// name is the page's URL or file name; it names the page in errors,
// warnings and each declaration's Source, and a URL gives the policy its
// Site.
//
// It reads, in document order:
//
//   - every table whose header names the cookie and its purpose, category,
//     duration, provider or function, in English, French, German, Spanish
//     or Italian ("Cookie name(s) | Purposes", "Nom du cookie | Finalité |
//     Durée", "Name | Provider | Purpose | Expiry | Type", "Cookie
//     Subgroup | Cookies | Cookies used | Lifespan"); a headerless table
//     right after such a table, with as many columns, continues it;
//   - lists of label and value pairs naming the same things (dl, and
//     CookieYes's per-cookie lists);
//   - Cookiebot's cookieTable arrays and OneTrust's domain JSON embedded in
//     scripts.
//
// This covers the OneTrust (#ot-sdk-cookie-policy), Cookiebot
// (#CookieDeclaration) and CookieYes (.cky-audit-table) cookie lists.
//
// A row's category comes from its category (or type) cell when that names
// one, else from a table row spanning the table, the table's caption, or
// the nearest enclosing heading that names one; a cookie with none is
// [Unclassified], with a warning. A cell naming several cookies gives one
// declaration per name. A duration that cannot be understood is kept as
// text (Duration.Text) with a warning, as are names that cannot be cookie
// names; rows whose type says they are not cookies (local storage, pixels)
// are skipped with a warning. The same cookie declared twice with the same
// category and domain is kept once.
//
// A page with no declaration at all is an error wrapping
// [ErrNoDeclarations].
func ExtractHTML(name string, data []byte) (*Policy, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading %s as HTML: %w", name, err)
	}
	x := newExtractor(name)
	x.visitChildren(doc)
	for _, s := range x.scripts {
		x.script(s)
	}
	if len(x.decls) == 0 {
		tables := "no table"
		switch {
		case x.tables > 0 && x.cookieTables > 0:
			tables = fmt.Sprintf("%s, %d with such a header but no cookie in it", plural(x.tables, "table"), x.cookieTables)
		case x.tables > 0:
			tables = fmt.Sprintf("%s, none with such a header", plural(x.tables, "table"))
		}
		return nil, fmt.Errorf("%w in %s: looked for tables whose header names the cookie and its purpose, category, duration or provider (the page has %s), lists of cookie labels and values, and Cookiebot cookieTable arrays or OneTrust Groups data in scripts", ErrNoDeclarations, name, tables)
	}
	return x.policy(), nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// extractor holds the state of one extraction.
type extractor struct {
	page     string
	headings []heading
	tables   int // tables seen
	// cookieTables counts the tables recognised as cookie tables.
	cookieTables int
	decls        []Declaration
	seen         map[string]bool // name, category and domain
	seenName     map[string]bool // name and category
	warnings     []string
	scripts      []string
	prev         *tableShape
}

type heading struct {
	level int
	text  string
}

// tableShape is what a recognised table leaves for a headerless table that
// continues it.
type tableShape struct {
	index int
	width int
	roles []role
}

func newExtractor(page string) *extractor {
	return &extractor{page: page, seen: map[string]bool{}, seenName: map[string]bool{}}
}

func (x *extractor) policy() *Policy {
	return &Policy{Site: siteOf(x.page), Source: x.page, Cookies: x.decls, Warnings: x.warnings}
}

func (x *extractor) warnf(format string, args ...any) {
	if len(x.warnings) < 1000 {
		x.warnings = append(x.warnings, fmt.Sprintf(format, args...))
	}
}

func (x *extractor) visitChildren(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.visit(c)
	}
}

func (x *extractor) visit(n *html.Node) {
	if n.Type != html.ElementNode {
		if n.Type == html.DocumentNode {
			x.visitChildren(n)
		}
		return
	}
	switch n.DataAtom {
	case atom.Script:
		x.scripts = append(x.scripts, rawText(n))
		return
	case atom.Style, atom.Noscript, atom.Title:
		return
	case atom.Table:
		if x.table(n) {
			return
		}
	case atom.Dl:
		if x.list(n, dlPairs(n), 0) {
			return
		}
	case atom.Ul, atom.Ol:
		if x.list(n, liPairs(n), 0) {
			return
		}
	}
	if level, ok := headingLevel(n); ok {
		text := collapse(nodeText(n, false))
		if text != "" && utf8.RuneCountInString(text) <= 200 {
			x.push(level, text)
			return
		}
	}
	x.visitChildren(n)
}

func (x *extractor) push(level int, text string) {
	for len(x.headings) > 0 && x.headings[len(x.headings)-1].level >= level {
		x.headings = x.headings[:len(x.headings)-1]
	}
	x.headings = append(x.headings, heading{level: level, text: text})
}

// headingCategory returns the category named by the nearest enclosing
// heading that names one, with that heading's text.
func (x *extractor) headingCategory() (Category, string, bool) {
	for i := len(x.headings) - 1; i >= 0; i-- {
		if c, ok := categoryOf(x.headings[i].text); ok {
			return c, x.headings[i].text, true
		}
	}
	return "", "", false
}

// innermostHeading returns the text of the nearest enclosing heading.
func (x *extractor) innermostHeading() string {
	if len(x.headings) == 0 {
		return ""
	}
	return x.headings[len(x.headings)-1].text
}

// headingLevel reports whether n acts as a heading, and its level: h1 to
// h6, role="heading", and at level 7 (below any real heading) summary and
// legend elements, the category headers of the consent platforms, elements
// whose class names a category title, and paragraphs that are all bold.
func headingLevel(n *html.Node) (int, bool) {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return int(n.Data[1] - '0'), true
	}
	if attr(n, "role") == "heading" && !hasBlockContent(n) {
		if l, err := strconv.Atoi(attr(n, "aria-level")); err == nil && l >= 1 && l <= 6 {
			return l, true
		}
		return 2, true
	}
	switch n.DataAtom {
	case atom.Summary, atom.Legend:
		return 7, !hasBlockContent(n)
	case atom.P:
		if boldOnly(n) {
			return 7, true
		}
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		lc := strings.ToLower(c)
		if lc == "cookiedeclarationtypeheader" || lc == "ot-sdk-cookie-policy-group" {
			return 7, !hasBlockContent(n)
		}
		if (strings.Contains(lc, "categor") || strings.Contains(lc, "cat-")) &&
			containsAny(lc, "title", "name", "header", "heading", "label") {
			return 7, !hasBlockContent(n)
		}
	}
	return 0, false
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hasBlockContent reports whether n holds a table or a list: such an
// element is a section, not a heading.
func hasBlockContent(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.Table, atom.Ul, atom.Ol, atom.Dl:
			found = true
		}
		return !found
	})
	return found
}

// boldOnly reports whether every bit of text in the paragraph is inside
// strong or b elements, as in hand-written pages that use
// <p><strong>Analytics cookies</strong></p> as headings.
func boldOnly(p *html.Node) bool {
	bold, plain := false, false
	var scan func(n *html.Node, inBold bool)
	scan = func(n *html.Node, inBold bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					if inBold {
						bold = true
					} else {
						plain = true
					}
				}
			case html.ElementNode:
				scan(c, inBold || c.DataAtom == atom.Strong || c.DataAtom == atom.B)
			}
		}
	}
	scan(p, false)
	return bold && !plain
}

// walk calls f on every element below n in document order, descending into
// an element only when f returns true.
func walk(n *html.Node, f func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && f(c) {
			walk(c, f)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasClassPrefix(n *html.Node, prefixes ...string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		for _, p := range prefixes {
			if strings.HasPrefix(strings.ToLower(c), strings.ToLower(p)) {
				return true
			}
		}
	}
	return false
}

// layoutOf names the consent platform whose cookie list holds n, from the
// ids and classes of its ancestors.
func layoutOf(n *html.Node, plain string) string {
	for a := n; a != nil; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		id := attr(a, "id")
		switch {
		case id == "ot-sdk-cookie-policy" || strings.HasPrefix(id, "ot-sdk-cookie-policy") || hasClassPrefix(a, "ot-sdk-cookie-policy"):
			return LayoutOneTrust
		case id == "CookieDeclaration" || hasClassPrefix(a, "CookieDeclaration"):
			return LayoutCookiebot
		case hasClassPrefix(a, "cky-audit", "cky-cookie-audit", "cookielawinfo"):
			return LayoutCookieYes
		}
	}
	return plain
}

// rawText returns the text children of a script or style element.
func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// htmlElements are the elements of HTML. In a name cell, an element that is
// not one of them is a placeholder written without escaping, which the
// browser took for a tag: "_ga_<container-id>" reaches us as the text
// "_ga_" and an element named container-id.
var htmlElements = setOf(`a abbr address area article aside audio b base bdi bdo blockquote body br
	button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em
	embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
	img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup
	option output p param picture pre progress q rp rt ruby s samp script search section select slot
	small source span strong style sub summary sup table tbody td template textarea tfoot th thead time
	title tr track u ul var video wbr font center tt big strike nobr marquee acronym`)

// glued reports whether text ends in a name character, so that an element
// following it is part of the name ("_ga_<container-id>") rather than a
// custom element wrapping one (<cookie-name>_ga</cookie-name>).
func glued(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return r == '_' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// blockElements end a line of text.
var blockElements = setOf(`address article aside blockquote br dd details div dl dt fieldset
	figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary
	table tbody td tfoot th thead tr ul`)

// nodeText returns the text below n with a line break at each br and block
// boundary, so that names listed one per line stay apart. With
// placeholders, unknown elements are written back as "<name>".
func nodeText(n *html.Node, placeholders bool) string {
	var b strings.Builder
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Template, atom.Noscript:
					continue
				}
				if placeholders && c.Namespace == "" && !htmlElements[c.Data] && glued(b.String()) {
					b.WriteString("<" + c.Data + ">")
				}
				block := blockElements[c.Data]
				if block {
					b.WriteByte('\n')
				}
				rec(c)
				if block {
					b.WriteByte('\n')
				}
			}
		}
	}
	rec(n)
	return b.String()
}
