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
	for _, h := range gridsOf(doc, func(n *html.Node) bool { return gridHeader(n) != nil }) {
		titles := gridHeader(h)
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

// A table drawn by columns: a division of three to eight divisions, each
// one column whose first element is its title ("Nombre de la cookie",
// "Proveedor", "Caducidad") and whose other elements are its cells, one
// for each row, in the same order in every column. columnTables rewrites
// each such grid into a table element where it stands, so that it is read
// as a table is.
func columnTables(doc *html.Node) {
	grids := gridsOf(doc, func(n *html.Node) bool {
		titles, _ := columnGrid(n)
		return titles != nil
	})
	for _, g := range grids {
		titles, cols := columnGrid(g)
		t := &html.Node{Type: html.ElementNode, Data: "table", DataAtom: atom.Table}
		row := func(cell atom.Atom, texts []string) {
			tr := &html.Node{Type: html.ElementNode, Data: "tr", DataAtom: atom.Tr}
			for _, s := range texts {
				c := &html.Node{Type: html.ElementNode, Data: cell.String(), DataAtom: cell}
				c.AppendChild(&html.Node{Type: html.TextNode, Data: s})
				tr.AppendChild(c)
			}
			t.AppendChild(tr)
		}
		row(atom.Th, titles)
		for i := range cols[0] {
			texts := make([]string, len(cols))
			for j, col := range cols {
				texts[j] = desktopText(col[i])
			}
			row(atom.Td, texts)
		}
		g.Parent.InsertBefore(t, g)
		g.Parent.RemoveChild(g)
	}
}

// columnGrid returns the titles and the cells of a division that is a
// table drawn by columns (see columnTables): every column a division whose
// first element is a title of a few words naming a column's role, whose
// titles together are a cookie table's header (see isHeader), and whose
// cells are as many in every column, each a short element that holds no
// block of its own; nil otherwise.
func columnGrid(n *html.Node) ([]string, [][]*html.Node) {
	if n.DataAtom != atom.Div {
		return nil, nil
	}
	cols := elementChildren(n)
	if len(cols) < 3 || len(cols) > 8 {
		return nil, nil
	}
	titles := make([]string, len(cols))
	roles := make([]role, len(cols))
	cells := make([][]*html.Node, len(cols))
	for i, col := range cols {
		kids := elementChildren(col)
		if col.DataAtom != atom.Div || len(kids) < 2 || i > 0 && len(kids)-1 != len(cells[0]) {
			return nil, nil
		}
		t := collapse(textUpTo(kids[0], 120))
		if t == "" || len(strings.Fields(t)) > 4 {
			return nil, nil
		}
		if titles[i], roles[i] = t, columnRole(t); roles[i] == roleNone {
			return nil, nil
		}
		for _, c := range kids[1:] {
			if c.DataAtom == atom.Div || c.DataAtom == atom.Table {
				return nil, nil
			}
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				if k.Type == html.ElementNode && (k.DataAtom == atom.Div || hasBlockContent(k)) {
					return nil, nil
				}
			}
		}
		cells[i] = kids[1:]
	}
	if !isHeader(roles) {
		return nil, nil
	}
	return titles, cells
}

// gridsOf returns the elements of doc for which is reports true, outside
// tables, scripts and templates, and not inside another grid.
func gridsOf(doc *html.Node, is func(*html.Node) bool) []*html.Node {
	var grids []*html.Node
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Table, atom.Script, atom.Style, atom.Template:
			return false
		}
		if n.Type != html.ElementNode {
			return true
		}
		if is(n) {
			grids = append(grids, n)
			return false
		}
		return true
	})
	return grids
}
