package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Elements that act as headings: the heading elements, and elements that
// title what follows them by their role, their style or their words.

// pseudoLevel is the level of elements acting as headings, below h6.
const pseudoLevel = 7

// headingLevels are the levels of the heading elements.
var headingLevels = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// headingLevel reports whether n acts as a heading, and its level: h1 to
// h6 and role="heading", and at level 7 (below any real heading) elements
// that title what follows them: summary, legend, tab and accordion
// buttons, short paragraphs and blocks that are all bold or whose class
// names a title, header, heading or label ("CookieDeclarationTypeHeader",
// "cmplz-subtitle", "ot-sdk-cookie-policy-group"). Blocks holding tables,
// lists or paragraphs are sections, not headings.
func headingLevel(n *html.Node) (int, bool) {
	if level, ok := headingLevels[n.DataAtom]; ok {
		return level, true
	}
	if hasBlockContent(n) {
		return 0, false
	}
	if level, ok := componentLevel(n); ok {
		return level, true
	}
	role := strings.ToLower(attr(n, "role"))
	if role == "heading" {
		if l, err := strconv.Atoi(attr(n, "aria-level")); err == nil && l >= 1 && l <= 6 {
			return l, true
		}
		return 2, true
	}
	switch n.DataAtom {
	case atom.Summary, atom.Legend:
		return pseudoLevel, true
	case atom.Button:
		if role == "tab" || attr(n, "aria-expanded") != "" || attr(n, "aria-controls") != "" {
			return pseudoLevel, true
		}
	}
	if role == "tab" {
		return pseudoLevel, true
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Strong, atom.B, atom.Label, atom.A, atom.Button:
	default:
		if n.Namespace != "" || htmlElements[n.DataAtom] {
			return 0, false
		}
	}
	text := collapse(nodeText(n, false))
	if text == "" || !titleLike(text) || holdsTitle(n) {
		return 0, false // no title, or the title is an element inside: visit it
	}
	if n.DataAtom == atom.P && boldOnly(n) {
		return pseudoLevel, true
	}
	if categoryLabel(text) {
		// "Necessary (6)" in a component of its own
		// (<Typography>Necessary (6)</Typography>), a tab label.
		return pseudoLevel, true
	}
	if n.DataAtom == atom.A {
		return 0, false
	}
	for _, c := range strings.Fields(attr(n, "class") + " " + attr(n, "id")) {
		lc := strings.ToLower(c)
		if lc == "ot-sdk-cookie-policy-group" {
			return pseudoLevel, true
		}
		if containsAny(lc, "categor", "group", "purpose") && containsAny(lc, "name", "title") {
			// CookieYes's cky-audit-table-category-name, OneTrust's
			// optanon-cookie-policy-group-name.
			return pseudoLevel, true
		}
		if containsAny(lc, "title", "header", "heading", "headline", "caption", "label", "accordion", "toggle", "tab-") &&
			!containsAny(lc, "description", "desc", "text", "content", "body") {
			return pseudoLevel, true
		}
	}
	return 0, false
}

// componentLevel reports the level of a design system's heading
// component, an element no HTML defines: one rendered as a heading element
// (as="h3", variant="h3", component="h3"), or one named for a heading or a
// title and given its level (<Heading level="3">, <SectionTitle
// order={3}>). A component named Title alone is HTML's title element to
// the parser, whose text is raw: it never comes here.
func componentLevel(n *html.Node) (int, bool) {
	if n.Type != html.ElementNode || n.DataAtom != 0 || n.Namespace != "" {
		return 0, false
	}
	headingNamed := strings.Contains(n.Data, "heading") || strings.Contains(n.Data, "title")
	for _, a := range n.Attr {
		v := strings.ToLower(strings.Trim(a.Val, "{}'\" \t"))
		switch a.Key {
		case "as", "variant", "component", "tag":
			if len(v) == 2 && v[0] == 'h' && v[1] >= '1' && v[1] <= '6' {
				return int(v[1] - '0'), true
			}
		case "level", "order", "aria-level":
			if l, err := strconv.Atoi(v); err == nil && headingNamed && l >= 1 && l <= 6 {
				return l, true
			}
		}
	}
	return 0, false
}

// categoryLabel reports whether text is only a category's name, with
// perhaps the word cookies and an item count: "Necessary (6)", "Marketing
// cookies", "Cookies analytiques".
func categoryLabel(text string) bool {
	if _, ok := categoryOf(text); !ok {
		return false
	}
	rest := 0
	for _, w := range words(text) {
		if find([]string{w}, cookieWords) >= 0 || pureNumber(w) || labelFiller[w] {
			continue
		}
		rest++
	}
	return rest >= 1 && rest <= 2
}

// runInHeading returns the lead in bold of a paragraph's run of text
// when it names a category and the paragraph's text goes on after it
// ("<p><strong>Analítica (solo si las aceptas).</strong> Si aceptas…</p>")
// and a table or a list follows the paragraph: a heading run into its
// paragraph, which titles what follows as a heading of its own does; nil
// otherwise.
func runInHeading(nodes []*html.Node) *html.Node {
	i := 0
	for i < len(nodes) && blank(nodes[i]) {
		i++
	}
	if i+1 >= len(nodes) {
		return nil
	}
	n := nodes[i]
	if n.Type != html.ElementNode || n.DataAtom != atom.Strong && n.DataAtom != atom.B || n.Parent == nil || n.Parent.DataAtom != atom.P {
		return nil
	}
	next := beside(n.Parent, false)
	if next == nil || next.DataAtom != atom.Table && next.DataAtom != atom.Ul && next.DataAtom != atom.Ol && next.DataAtom != atom.Dl {
		return nil
	}
	text := collapse(nodeText(n, false))
	if utf8.RuneCountInString(text) > 80 {
		return nil
	}
	if _, ok := categoryOf(strings.TrimRight(text, ".:")); !ok {
		return nil
	}
	return n
}

// labelFiller are the small words of category labels ("Cookies de
// mesure", "Cookies for marketing").
var labelFiller = setOf(`de des du d la le les for of the and et und y e i o or ou di del della dei der die das
	and van voor af av og och dla per`)

// holdsTitle reports whether an element holds a heading, a summary or an
// accordion or tab button: that element, not its holder, titles what
// follows.
func holdsTitle(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		switch {
		case c.DataAtom == atom.H1, c.DataAtom == atom.H2, c.DataAtom == atom.H3, c.DataAtom == atom.H4,
			c.DataAtom == atom.H5, c.DataAtom == atom.H6, c.DataAtom == atom.Summary:
			found = true
		case c.DataAtom == atom.Button && (attr(c, "aria-controls") != "" || attr(c, "aria-expanded") != ""):
			found = true
		case strings.EqualFold(attr(c, "role"), "heading"), strings.EqualFold(attr(c, "role"), "tab"):
			found = true
		}
		return !found
	})
	return found
}

// titleLike reports whether text is short enough to title a section and
// is not a sentence.
func titleLike(text string) bool {
	if utf8.RuneCountInString(text) > 120 {
		return false
	}
	n := len(strings.Fields(text))
	if n > 12 {
		return false
	}
	return !(n > 6 && strings.HasSuffix(text, "."))
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hasBlockContent reports whether n holds a table, a list, a paragraph or
// a heading: such an element is a section, not a heading.
func hasBlockContent(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.Table, atom.Ul, atom.Ol, atom.Dl, atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Details:
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
