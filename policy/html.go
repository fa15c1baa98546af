package policy

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/english"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Knowledge is what an extraction may ask about cookie names and services:
// the knowledge base of well-known cookies, given by the caller (this
// package has none of its own). It is evidence, never a source of
// declarations: a name the page does not write is never declared.
type Knowledge interface {
	// KnownCookie reports whether name is a cookie name the knowledge base
	// knows ("_ga", "NID", "CookieConsent").
	KnownCookie(name string) bool
	// Service returns the name the knowledge base gives a service that
	// text names ("Google Analytics" for "Google Analytics 4"), and
	// whether it knows cookies of that service.
	Service(text string) (string, bool)
}

// ExtractOptions are the options of an extraction. The zero value works.
type ExtractOptions struct {
	// Knowledge, when set, tells cookie names from prose and service
	// names from cookie names.
	Knowledge Knowledge
}

// ExtractHTML extracts the cookie declarations of a cookie-policy page.
// name is the page's URL or file name; it names the page in errors,
// warnings and each declaration's Source, and a URL gives the policy its
// Site.
//
// The extraction reads structure and evidence, not known templates. In
// document order it reads:
//
//   - tables whose header names the cookie and its purpose, category,
//     duration, provider or function in one of the supported languages, or
//     whose classes or data-label attributes say so (OneTrust's
//     ot-cookies-td…), or, without any header, whose columns read as cookie
//     names beside durations or purposes; several names in a cell give one
//     declaration each, and a headerless table right after a cookie table,
//     with as many columns, continues it;
//   - records of label and value pairs: description lists, list items
//     ("Cookie: _ga"), vertical tables, sibling elements ("<h5>Nom</h5>"
//     then "<div>_ga</div>", as Complianz writes them) and lines of text
//     ("NOM TÈCNIC – __utma, __utmb");
//   - lists and prose naming cookies: list items led by a name ("_ga –
//     distinguishes users"), and names in code, bold or italics inside
//     sentences about cookies, when the name's shape or the knowledge base
//     says it is one;
//   - Cookiebot's cookieTable arrays and OneTrust's domain JSON embedded in
//     scripts, and markup held in template elements and scripts of a
//     template type.
//
// A declaration's category comes from its own category (or type) cell or
// label, else a table row spanning the table, the table's caption, the
// nearest heading naming a category (h1–h6, and heading-like elements:
// summaries, tab and accordion labels, bold or title-classed paragraphs),
// the text under the nearest descriptive heading ("Measuring website usage")
// and, last, a purpose short enough to be a category ("Analyse"). A page
// that defines its functional cookies as necessary ones ("Technical or
// functional cookies") means necessary by "functional" everywhere on it. A
// declaration with no category anywhere is [Unclassified], with a warning.
//
// A row naming a service and no cookie ("Google Analytics") is a service
// declaration in Policy.Services when the knowledge base knows the
// service. Rows that the page types as another kind of storage (local
// storage, pixels) are kept with their Type. Durations that cannot be
// understood are kept as text, with a warning. The same cookie declared
// twice with the same category and domain is kept once.
//
// A page with no declaration at all is an error wrapping
// [ErrNoDeclarations] that says what was looked for.
func ExtractHTML(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	if fm, body := splitFrontMatter(data); len(body) < len(data) {
		// A template's front matter (Jekyll, Eleventy, Nunjucks): data,
		// read as a Markdown page's is, not text ("og_locale: nl_NL").
		data = append([]byte(frontMatterHTML(fm, escapedParagraph)), body...)
	}
	return withPHPArrays(phpEchoes(phpRowCalls(dropTemplateComments(data))), func(data []byte) (*Policy, error) {
		data = proseInPre(jsxTableTags(jsxComponentRows(jsxPropTables(jsxRowTables(jsxDataTables(templateTables(scriptMarkup(inlineTranslations(phpCodeNames(data))))))))))
		return extractMarkup(name, data, string(data), opts)
	})
}

// extractMarkup extracts the declarations of markup, reading the records
// kept as data in code from source: the markup itself, or the text a
// plain-text page was before it was escaped into markup.
func extractMarkup(name string, data []byte, source string, opts ExtractOptions) (*Policy, error) {
	doc, err := html.Parse(bytes.NewReader(closeRawText(data)))
	if err != nil {
		return nil, fmt.Errorf("reading %s as HTML: %w", name, err)
	}
	columnTables(doc)
	divTables(doc)
	x := newExtractor(name, opts)
	x.learn(doc)
	x.dataArrays(source)
	x.visit(doc)
	for _, s := range x.scripts {
		x.script(s)
	}
	if len(x.decls) == 0 && len(x.services) == 0 {
		x.callRecords(source)
	}
	if len(x.decls) == 0 && len(x.services) == 0 {
		return nil, x.nothingFound()
	}
	return x.policy(), nil
}

func (x *extractor) nothingFound() error {
	tables := "no table"
	switch {
	case x.tables > 0 && x.cookieTables > 0:
		tables = fmt.Sprintf("%s, %d with such a header but no cookie in it", english.Count(x.tables, "table"), x.cookieTables)
	case x.tables > 0:
		tables = fmt.Sprintf("%s, none with such a header", english.Count(x.tables, "table"))
	}
	return fmt.Errorf("%w in %s: looked for tables whose header or columns name the cookie and its purpose, category, duration or provider (the page has %s), "+
		"records of cookie labels and values, lists and sentences naming cookies, and Cookiebot cookieTable arrays or OneTrust Groups data in scripts",
		ErrNoDeclarations, x.page, tables)
}

// extractor holds the state of one extraction.
type extractor struct {
	page     string
	know     Knowledge
	lex      lexicon
	headings []*heading
	// lastLead is the last bold lead-in read as a heading since the last
	// real heading (see pushLead).
	lastLead *heading
	tables   int // tables seen
	// cookieTables counts the tables recognised as cookie tables.
	cookieTables int
	decls        []Declaration
	services     []Declaration
	seen         map[string]bool // name, category and domain
	seenName     map[string]bool // name and category
	warnings     []string
	scripts      []string
	prev         *tableShape
	depth        int
	// lastText is the last block of text read, which may introduce the
	// table or list after it.
	lastText string
	// lastTitled says that lastText is the line of its own that closed a
	// long paragraph, which titles what follows (see closingLine).
	lastTitled bool
	// unclassed holds the sections, by heading, whose names in prose were
	// said to have no category.
	unclassed map[string]bool
	// namesServices is set once a record has both a "Name" and a "Cookie
	// name": on such a page, "Name" names a service.
	namesServices bool
	// ids are the page's elements by id, for aria-controls.
	ids map[string]*html.Node
	// paraLast is the last paragraph of a table copied into paragraphs,
	// while its rows are read (see paraTable).
	paraLast *html.Node
	// paraCols are the columns of a table copied into paragraphs whose
	// header paragraph gives one title a line; nil when its titles are
	// words of one line.
	paraCols []role
	// dataNames are the names read from records kept as data in the
	// page's code, which the code's text, read as prose, must not declare
	// again.
	dataNames map[string]bool
	// cookiePage is set once a paragraph of the page has named cookies.
	cookiePage bool
	// onlyNecessary is the page's statement that it uses necessary
	// cookies only, the category of those it gives none (see
	// onlyNecessaryStatement).
	onlyNecessary string
}

// tableShape is what a recognised table leaves for a headerless table that
// continues it.
type tableShape struct {
	index int
	width int
	roles []role
}

func newExtractor(page string, opts ExtractOptions) *extractor {
	return &extractor{page: page, know: opts.Knowledge, seen: map[string]bool{}, seenName: map[string]bool{},
		unclassed: map[string]bool{}, ids: map[string]*html.Node{}, dataNames: map[string]bool{}}
}

func (x *extractor) policy() *Policy {
	x.applyOnlyNecessary()
	return &Policy{Site: siteOf(x.page), Source: x.page, Cookies: withoutPlaceholders(x.decls), Services: x.services, Warnings: x.warnings}
}

func (x *extractor) warnf(format string, args ...any) {
	if len(x.warnings) < 1000 {
		x.warnings = append(x.warnings, fmt.Sprintf(format, args...))
	}
}

// maxVisitDepth bounds the recursion over hostile, deeply nested pages
// (templates are parsed again, inside the page).
const maxVisitDepth = 512

// visit reads an element and what it holds, in document order.
func (x *extractor) visit(n *html.Node) {
	if x.depth > maxVisitDepth {
		return
	}
	x.depth++
	defer func() { x.depth-- }()
	switch n.Type {
	case html.DocumentNode:
		x.visitChildren(n)
		return
	case html.ElementNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Script:
		if templateScript(n) {
			x.visitFragment(directText(n), n)
			return
		}
		x.scripts = append(x.scripts, directText(n))
		return
	case atom.Style, atom.Noscript, atom.Title, atom.Head, atom.Meta, atom.Link, atom.Svg, atom.Math,
		atom.Select, atom.Option, atom.Textarea, atom.Nav:
		if n.DataAtom != atom.Head {
			return
		}
		// The head holds nothing to declare, but scripts with declaration
		// data and templates can be put there.
		walk(n, func(c *html.Node) bool {
			if c.DataAtom == atom.Template || c.DataAtom == atom.Script {
				x.visit(c)
				return false
			}
			return true
		})
		return
	case atom.Table:
		if x.table(n) {
			return
		}
	case atom.Template:
		// A component framework's table (Vuetify's <v-simple-table>)
		// puts its rows in a slot: <template><thead>…</thead><tbody>…
		if tableParts(n) && x.table(n) {
			return
		}
	case atom.Dl, atom.Ul, atom.Ol:
		if pairs := listPairs(n); x.list(n, pairs, 0) || x.namedList(n, pairs) || x.keyedList(n, pairs) {
			return
		}
	}
	if level, ok := headingLevel(n); ok {
		if text := stripJSX(collapse(nodeText(n, false))); text != "" && len([]rune(text)) <= 200 {
			x.push(level, text, n)
			return
		}
	}
	if x.siblingRecords(n) {
		return
	}
	x.visitChildren(n)
	x.close(n)
}

// tableParts reports whether n holds a table's rows or row groups itself.
func tableParts(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr:
			return true
		}
	}
	return false
}

// visitChildren visits the children of n, reading each run of inline
// content between block elements as one block of text.
func (x *extractor) visitChildren(n *html.Node) {
	var run []*html.Node
	flush := func() {
		if len(run) > 0 {
			x.textRun(run)
			run = run[:0]
		}
	}
	recs, used := x.unlabelled(n)
	var ctx *tableContext
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case recs != nil && used[c]:
			// a field of a record read with its name
		case recs != nil && recs[c].name != nil:
			flush()
			if ctx == nil {
				x.tables++
				ctx = &tableContext{index: x.tables, layout: LayoutRecord}
			}
			x.row(recs[c], ctx)
		case c.Type == html.TextNode, c.Type == html.ElementNode && isInline(c):
			run = append(run, c)
		case c.Type == html.ElementNode:
			flush()
			x.visit(c)
		}
	}
	flush()
}

// visitFragment parses markup held as text (a template script) and visits
// it in place of the element that holds it.
func (x *extractor) visitFragment(markup string, context *html.Node) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(closeRawText([]byte(markup))), body)
	if err != nil {
		return
	}
	holder := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, c := range nodes {
		holder.AppendChild(c)
	}
	x.visit(holder)
}

// templateScript reports whether a script element holds markup rather than
// code: text/template, text/html, text/x-template and the like.
func templateScript(n *html.Node) bool {
	t := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	return strings.HasPrefix(t, "text/") && (strings.Contains(t, "template") || strings.Contains(t, "html") ||
		strings.Contains(t, "handlebars") || strings.Contains(t, "mustache") || strings.Contains(t, "x-tmpl"))
}

// learn reads the page's own definitions before the extraction: a heading
// or bold lead-in defining "technical or functional" cookies (see
// [lexicon]).
func (x *extractor) learn(doc *html.Node) {
	walk(doc, func(n *html.Node) bool {
		if id := attr(n, "id"); id != "" && x.ids[id] == nil {
			x.ids[id] = n
		}
		switch n.DataAtom {
		case atom.Script, atom.Style:
			return false
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Strong, atom.B, atom.Summary, atom.Dt, atom.P:
			head := collapse(textUpTo(n, 300))
			x.lex.defines(head)
			x.noteOnlyNecessary(n, head)
			if next := nextElement(n); next != nil && next.DataAtom == atom.P && n.DataAtom != atom.P {
				x.lex.definesUnder(head, collapse(textUpTo(next, 300)))
			}
			return n.DataAtom == atom.P
		case 0:
			x.noteOnlyNecessary(n, "")
		}
		return true
	})
}

// nextElement is the element after n among its siblings, past blank text
// and comments; nil when text or nothing comes first.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			return c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		}
	}
	return nil
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

// attr returns an attribute's value. JSX spellings count: pages copied
// from React components write className and htmlFor.
func attr(n *html.Node, key string) string {
	alt := ""
	switch key {
	case "class":
		alt = "classname"
	case "for":
		alt = "htmlfor"
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && (strings.EqualFold(a.Key, key) || (alt != "" && strings.EqualFold(a.Key, alt))) {
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
		case strings.HasPrefix(id, "ot-sdk-cookie-policy") || hasClassPrefix(a, "ot-sdk-cookie-policy") ||
			strings.HasPrefix(id, "optanon-cookie-policy") || hasClassPrefix(a, "optanon-cookie-policy"):
			return LayoutOneTrust
		case id == "CookieDeclaration" || hasClassPrefix(a, "CookieDeclaration"):
			return LayoutCookiebot
		case hasClassPrefix(a, "cky-audit", "cky-cookie-audit", "cookielawinfo", "cookie-audit"):
			return LayoutCookieYes
		case strings.HasPrefix(id, "cmplz-") || hasClassPrefix(a, "cmplz-", "cookies-per-purpose"):
			return LayoutComplianz
		case hasClassPrefix(a, "BorlabsCookie", "_brlbs", "brlbs-", "borlabs"):
			return LayoutBorlabs
		case hasClassPrefix(a, "iubenda", "iub-"):
			return LayoutIubenda
		}
	}
	return plain
}
