package policy

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlElements are the elements of HTML. In a name cell, an element that is
// not one of them is a placeholder written without escaping, which the
// browser took for a tag: "_ga_<container-id>" reaches us as the text
// "_ga_" and an element named container-id.
var htmlElements = elementSet(`a abbr address area article aside audio b base bdi bdo blockquote body br
	button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em
	embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
	img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup
	option output p param picture pre progress q rp rt ruby s samp script search section select slot
	small source span strong style sub summary sup table tbody td template textarea tfoot th thead time
	title tr track u ul var video wbr font center tt big strike nobr marquee acronym`)

// elementSet returns the set of the elements named in s, by their atom,
// for the lookups by an element's DataAtom. Every name must be an atom of
// golang.org/x/net/html/atom (TestElementSets checks it): an element of no
// atom has atom 0, which the set must not hold.
func elementSet(s string) map[atom.Atom]bool {
	set := map[atom.Atom]bool{}
	for _, name := range strings.Fields(s) {
		set[atom.Lookup([]byte(name))] = true
	}
	return set
}

// glued reports whether text ends in a name character, so that an element
// following it is part of the name ("_ga_<container-id>") rather than a
// custom element wrapping one (<cookie-name>_ga</cookie-name>).
func glued(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return r == '_' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// blockElements end a line of text.
var blockElements = elementSet(`address article aside blockquote br dd details div dl dt fieldset
	figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary
	table tbody td tfoot th thead tr ul`)

// nodeText returns the text below n with a line break at each br and block
// boundary, so that names listed one per line stay apart. With
// placeholders, unknown elements are written back as "<name>".
func nodeText(n *html.Node, placeholders bool) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(&b, c, placeholders, false)
	}
	return b.String()
}

// spacedText returns the text of n with a space at each element's start
// and end, so that words in sibling elements stay apart.
func spacedText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(&b, c, false, true)
	}
	return b.String()
}

// nodeTextOf returns the text of n itself, as [nodeText] writes it.
func nodeTextOf(n *html.Node, placeholders bool) string {
	var b strings.Builder
	writeText(&b, n, placeholders, false)
	return b.String()
}

// writeText writes the text below c: blocks on lines of their own, and,
// when spaced, every element set apart by spaces.
func writeText(b *strings.Builder, c *html.Node, placeholders, spaced bool) {
	switch c.Type {
	case html.TextNode:
		b.WriteString(stripJSX(c.Data))
	case html.ElementNode:
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript:
			return
		}
		if placeholders && c.Namespace == "" && !htmlElements[c.DataAtom] && glued(b.String()) {
			b.WriteString("<" + c.Data + ">")
		}
		sep := byte(0)
		switch {
		case blockElements[c.DataAtom]:
			sep = '\n'
		case spaced:
			sep = ' '
		}
		if sep != 0 {
			b.WriteByte(sep)
		}
		for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
			writeText(b, cc, placeholders, spaced)
		}
		if sep != 0 {
			b.WriteByte(sep)
		}
	}
}

// textUpTo returns the text below n, stopping once it holds limit bytes:
// enough to tell a label from a value without building the text of a
// whole section.
func textUpTo(n *html.Node, limit int) string {
	var b strings.Builder
	var rec func(n *html.Node) bool
	rec = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Template, atom.Noscript:
					continue
				}
				if blockElements[c.DataAtom] {
					b.WriteByte(' ')
				}
				if !rec(c) {
					return false
				}
			}
			if b.Len() >= limit {
				return false
			}
		}
		return true
	}
	rec(n)
	return b.String()
}

// jsxSpaces are the explicit spaces of JSX ({' '}), which pages copied
// from React components keep in their text.
var jsxSpaces = strings.NewReplacer(`{' '}`, " ", `{" "}`, " ", "{`\u0020`}", " ")

// stripJSX removes JSX's explicit spaces from text.
func stripJSX(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return jsxSpaces.Replace(s)
}

// inListItem reports whether n is a list item's content, not that of a
// block inside one.
func inListItem(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch {
		case p.DataAtom == atom.Li:
			return true
		case p.Type == html.ElementNode && !isInline(p):
			return false
		}
	}
	return false
}

// inPre reports whether n is inside a preformatted block.
func inPre(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Pre {
			return true
		}
	}
	return false
}

// codeLike reports whether text reads as program source rather than
// prose: imports, or many of the characters of code, not all of them
// parentheses (a list of names, each with its lifetime in parentheses,
// is prose: "UULE (1 día), OTZ (2 semanas), SID (2 años)").
func codeLike(s string) bool {
	if sqlStatement.MatchString(s) {
		return true
	}
	if strings.Contains(s, "import ") && (strings.Contains(s, " from ") || strings.Contains(s, "require(")) {
		return true
	}
	code, parens := 0, 0
	for _, r := range s {
		if strings.ContainsRune("{}();=<>[]", r) {
			code++
			if r == '(' || r == ')' {
				parens++
			}
		}
	}
	return code*20 > len(s) && code > 4 && parens < code
}

// sqlStatement finds a statement of an SQL dump that writes rows or makes
// a table (a CMS's pages saved with their HTML): "INSERT INTO `pages`
// (`title`, `content`, …)", "ON DUPLICATE KEY UPDATE `title` = …".
var sqlStatement = regexp.MustCompile(`\b(?:INSERT|REPLACE)\s+INTO\s+\S+\s*\(|\bCREATE\s+TABLE\b|\bON\s+DUPLICATE\s+KEY\s+UPDATE\b`)

// onlyCode reports whether the text of an element is all inside code
// elements (**`design`**).
func onlyCode(n *html.Node) bool {
	code, plain := false, false
	var scan func(n *html.Node, in bool)
	scan = func(n *html.Node, in bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					if in {
						code = true
					} else {
						plain = true
					}
				}
			case html.ElementNode:
				scan(c, in || codeElements[c.DataAtom])
			}
		}
	}
	scan(n, false)
	return code && !plain
}
