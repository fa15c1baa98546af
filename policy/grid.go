package policy

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds that keep hostile tables (huge rowspan and colspan values) cheap:
// cookie tables have a handful of columns.
const (
	maxColumns   = 64
	maxGridSlots = 1 << 20
)

// cell is one table cell. A cell spanning several rows or columns appears
// in each slot of the grid it covers, as the same pointer.
type cell struct {
	text   string // collapsed text
	lines  string // text with line breaks and placeholders, for names
	header bool   // a th element
	bold   bool   // a cell set apart as a label: all its text bold (a header row of Markdown copied from a page)
	label  string // data-label attribute, used by responsive tables
	class  string // class attribute, which consent platforms name by role
}

// newCell reads a table cell. A cell that starts with its own label, as
// responsive tables write them for small screens (<td><span
// class="hidden-on-desktop">Name</span>_ga</td>), has that label taken
// out of its text and kept as its data-label.
func newCell(td *html.Node) *cell {
	c := &cell{
		text:   collapse(nodeText(td, false)),
		lines:  nodeText(td, true),
		header: td.DataAtom == atom.Th,
		label:  collapse(attr(td, "data-label")),
		class:  attr(td, "class"),
	}
	if td.DataAtom != atom.Td {
		return c
	}
	c.bold = c.text != "" && labelElement(td)
	first := td.FirstChild
	for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
		first = first.NextSibling
	}
	if first == nil || first.Type != html.ElementNode || first.NextSibling == nil {
		return c
	}
	switch first.DataAtom {
	case atom.Span, atom.Strong, atom.B, atom.Label, atom.Div, atom.Small, atom.Em:
	default:
		return c
	}
	label := collapse(nodeText(first, false))
	if label == "" || len(strings.Fields(label)) > 4 || columnRole(label) == roleNone {
		return c
	}
	var text, lines strings.Builder
	for n := first.NextSibling; n != nil; n = n.NextSibling {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			lines.WriteString(n.Data)
		case html.ElementNode:
			text.WriteString(nodeTextOf(n, false))
			lines.WriteString(nodeTextOf(n, true))
		}
	}
	if collapse(text.String()) == "" {
		return c
	}
	c.text, c.lines = collapse(text.String()), lines.String()
	if c.label == "" {
		c.label = label
	}
	return c
}

func captionText(t *html.Node) string {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Caption {
			return collapse(nodeText(c, false))
		}
	}
	return ""
}

// tableRows returns the rows of t, not those of nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// buildGrid lays the cells of the rows out on a grid, following rowspan and
// colspan as browsers do, within the bounds above.
func buildGrid(trs []*html.Node) [][]*cell {
	grid := make([][]*cell, len(trs))
	budget := maxGridSlots
	for r, tr := range trs {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for col < len(grid[r]) && grid[r][col] != nil {
				col++
			}
			if col >= maxColumns {
				break
			}
			c := newCell(td)
			colspan := spanAttr(td, "colspan", 1, maxColumns-col)
			rowspan := spanAttr(td, "rowspan", 1, len(trs)-r)
			for dr := 0; dr < rowspan && budget > 0; dr++ {
				row := grid[r+dr]
				for dc := 0; dc < colspan && budget > 0; dc++ {
					budget--
					for len(row) <= col+dc {
						row = append(row, nil)
					}
					if row[col+dc] == nil {
						row[col+dc] = c
					}
				}
				grid[r+dr] = row
			}
			col += colspan
		}
	}
	return grid
}

// spanAttr reads a rowspan or colspan, clamped to [1, limit]; rowspan="0"
// spans the rest of the table.
func spanAttr(n *html.Node, key string, def, limit int) int {
	v := strings.TrimSpace(attr(n, key))
	if v == "" {
		return min(def, max(limit, 1))
	}
	i, err := strconv.Atoi(v)
	switch {
	case err != nil && len(v) > 0 && v[0] >= '0' && v[0] <= '9':
		i = limit // too many digits
	case err != nil || i < 0:
		i = def
	case i == 0:
		i = limit
	}
	return max(1, min(i, limit))
}

func emptyRow(row []*cell) bool {
	for _, c := range row {
		if c != nil && c.text != "" {
			return false
		}
	}
	return true
}

// spanningCell returns the cell that fills a row of several columns alone
// (colspan), or nil. A short row, with missing cells, is not one.
func spanningCell(row []*cell) *cell {
	if len(row) < 2 {
		return nil
	}
	for _, c := range row {
		if c == nil || c != row[0] {
			return nil
		}
	}
	return row[0]
}
