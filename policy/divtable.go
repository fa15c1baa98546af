package policy

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A table drawn with divisions: a header row of column titles ("Cookie",
// "Proveïdor", "Finalitat", "Durada"), then rows of as many cells, in the
// same container or in the one after the header's. divTables rewrites
// each such grid into a table element where it stands, so that it is
// read as a table is.

// largeHidden is a class that hides an element on large screens: the
// copy of a row's fields a grid shows on phones (Bootstrap's d-md-none,
// Tailwind's md:hidden, a theme's "m-hidden l-hidden").
var largeHidden = regexp.MustCompile(`(?i)(^|\s)(d-(md|lg)-none|(md|lg):hidden|hidden-(md|lg)|visible-xs|(m|l|md|lg)-hidden|mobile-only|show-for-small-only)(\s|$)`)

// divTables rewrites the grids of divisions in doc into tables.
func divTables(doc *html.Node) {
	type header struct {
		n      *html.Node
		titles []string
	}
	var headers []header
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Table, atom.Script, atom.Style, atom.Template:
			return false
		}
		if n.Type != html.ElementNode {
			return true
		}
		if titles := gridHeader(n); titles != nil {
			headers = append(headers, header{n, titles})
			return false
		}
		return true
	})
	for _, hd := range headers {
		h, titles := hd.n, hd.titles
		rows := gridRows(h, len(titles))
		if len(rows) == 0 {
			continue
		}
		t := &html.Node{Type: html.ElementNode, Data: "table", DataAtom: atom.Table}
		tr := &html.Node{Type: html.ElementNode, Data: "tr", DataAtom: atom.Tr}
		for _, c := range titles {
			th := &html.Node{Type: html.ElementNode, Data: "th", DataAtom: atom.Th}
			th.AppendChild(&html.Node{Type: html.TextNode, Data: c})
			tr.AppendChild(th)
		}
		t.AppendChild(tr)
		for _, r := range rows {
			tr := &html.Node{Type: html.ElementNode, Data: "tr", DataAtom: atom.Tr}
			for _, c := range elementChildren(r) {
				td := &html.Node{Type: html.ElementNode, Data: "td", DataAtom: atom.Td}
				td.AppendChild(&html.Node{Type: html.TextNode, Data: desktopText(c)})
				tr.AppendChild(td)
			}
			t.AppendChild(tr)
			r.Parent.RemoveChild(r)
		}
		h.Parent.InsertBefore(t, h)
		h.Parent.RemoveChild(h)
	}
}

// gridHeader returns the column titles of a division that is a grid's
// header row: three cells or more, each a short text naming a column's
// role, together a cookie table's header (see isHeader); nil otherwise.
func gridHeader(n *html.Node) []string {
	if n.DataAtom != atom.Div {
		return nil
	}
	cells := elementChildren(n)
	if len(cells) < 3 || len(cells) > 8 {
		return nil
	}
	titles := make([]string, len(cells))
	roles := make([]role, len(cells))
	for i, c := range cells {
		// A title is a few words: reading past them is no use, and a
		// division holding a page's content would be read whole.
		t := collapse(textUpTo(c, 120))
		if t == "" || len(strings.Fields(t)) > 4 || hasBlockContent(c) && c.FirstChild != nil && c.FirstChild.NextSibling != nil {
			return nil
		}
		titles[i], roles[i] = t, columnRole(t)
		if roles[i] == roleNone {
			return nil
		}
	}
	if !isHeader(roles) {
		return nil
	}
	return titles
}

// gridRows returns the rows of a grid whose header is h: the divisions of
// as many cells that follow it, or, when h ends its container, the
// divisions of as many cells in the container after that one.
func gridRows(h *html.Node, n int) []*html.Node {
	rowsOf := func(first *html.Node) []*html.Node {
		var rows []*html.Node
		for r := first; r != nil; r = r.NextSibling {
			if r.Type != html.ElementNode {
				continue
			}
			if r.DataAtom != atom.Div || len(elementChildren(r)) != n {
				break
			}
			rows = append(rows, r)
		}
		return rows
	}
	if rows := rowsOf(h.NextSibling); len(rows) > 0 {
		return rows
	}
	if h.Parent == nil || nextElement(h) != nil {
		return nil
	}
	next := nextElement(h.Parent)
	if next == nil || next.DataAtom != atom.Div {
		return nil
	}
	return rowsOf(next.FirstChild)
}

// elementChildren returns the element children of n.
func elementChildren(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			out = append(out, c)
		}
	}
	return out
}

// desktopText is the text of a grid's cell as a large screen shows it:
// without the copy of the row's fields kept for phones.
func desktopText(c *html.Node) string {
	var b strings.Builder
	var scan func(n *html.Node)
	scan = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.TextNode:
				b.WriteString(k.Data)
			case k.Type == html.ElementNode && largeHidden.MatchString(attr(k, "class")):
			case k.Type == html.ElementNode:
				b.WriteByte(' ')
				scan(k)
				b.WriteByte(' ')
			}
		}
	}
	scan(c)
	return collapse(b.String())
}
