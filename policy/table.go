package policy

import (
	"fmt"
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
	label  string // data-label attribute, used by responsive tables
}

// tableContext is what the rows of a table share.
type tableContext struct {
	index      int    // 1-based position among the page's tables; 0 for lists
	layout     string // one of the Layout constants
	caption    string
	unclassed  bool // a warning about missing categories was given
	sectionCat Category
	section    string // text of the last row spanning the table naming a category
}

// table extracts the declarations of a table and reports whether it was a
// cookie table (whose content then needs no further visit).
func (x *extractor) table(t *html.Node) bool {
	x.tables++
	ctx := &tableContext{index: x.tables, layout: layoutOf(t, LayoutTable), caption: captionText(t)}
	grid := buildGrid(tableRows(t))
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	if width == 0 {
		return false
	}

	start, roles := findHeader(grid)
	if roles == nil && x.prev != nil && x.prev.index == ctx.index-1 && x.prev.width == width {
		// A headerless table right after a cookie table of the same width
		// continues it (pages split long tables).
		start, roles = 0, x.prev.roles
	}
	if roles == nil {
		if width == 2 {
			return x.list(t, tablePairs(grid), ctx.index)
		}
		return false
	}
	x.prev = &tableShape{index: ctx.index, width: width, roles: roles}
	x.cookieTables++

	for r := start; r < len(grid); r++ {
		row := grid[r]
		if emptyRow(row) {
			continue
		}
		if c := spanningCell(row); c != nil {
			// A row spanning the table that names a category heads the
			// rows below it; any other is a note.
			if cat, ok := categoryOf(c.text); ok && len(c.text) <= 200 {
				ctx.sectionCat, ctx.section = cat, c.text
			}
			continue
		}
		if isHeader(rowRoles(row)) {
			continue // a repeated header
		}
		x.row(rowFields(row, roles), ctx)
	}
	return true
}

// findHeader finds the header of a table and returns the index of its first
// data row with the roles of its columns, or nil roles for a table with no
// header. It tries, in order, a row of th cells among the first rows, the
// data-label attributes of responsive tables (<td data-label="Cookie">),
// and a row of td cells among the first rows (hand-written pages bold their
// header cells instead); a td row with a cell that reads as a duration is
// data, not a header.
func findHeader(grid [][]*cell) (int, []role) {
	var first [][]*cell // the first non-empty rows, with their indexes
	var at []int
	for r := 0; r < len(grid) && len(first) < 3; r++ {
		if !emptyRow(grid[r]) {
			first, at = append(first, grid[r]), append(at, r)
		}
	}
	for i, row := range first {
		if allHeaderCells(row) {
			if rr := rowRoles(row); isHeader(rr) {
				return at[i] + 1, rr
			}
		}
	}
	if len(first) > 0 {
		if rr := labelRoles(first[0]); isHeader(rr) {
			return at[0], rr
		}
	}
	for i, row := range first {
		if rr := rowRoles(row); isHeader(rr) && !hasDurationCell(row) {
			return at[i] + 1, rr
		}
	}
	return -1, nil
}

func allHeaderCells(row []*cell) bool {
	for _, c := range row {
		if c != nil && !c.header {
			return false
		}
	}
	return true
}

func hasDurationCell(row []*cell) bool {
	for _, c := range row {
		if c == nil || c.text == "" {
			continue
		}
		if d, err := ParseDuration(c.text); err == nil && d.Known() {
			return true
		}
	}
	return false
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
			c := &cell{
				text:   collapse(nodeText(td, false)),
				lines:  nodeText(td, true),
				header: td.DataAtom == atom.Th,
				label:  collapse(attr(td, "data-label")),
			}
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

func rowRoles(row []*cell) []role {
	roles := make([]role, len(row))
	seen := map[*cell]bool{}
	for i, c := range row {
		if c == nil || seen[c] {
			continue
		}
		seen[c] = true
		roles[i] = columnRole(c.text)
	}
	return uniqueRoles(roles)
}

func labelRoles(row []*cell) []role {
	roles := make([]role, len(row))
	for i, c := range row {
		if c != nil && c.label != "" {
			roles[i] = columnRole(c.label)
		}
	}
	return uniqueRoles(roles)
}

// uniqueRoles keeps the first column of each role: a second "Description"
// or "Name" column is not read.
func uniqueRoles(roles []role) []role {
	seen := map[role]bool{}
	for i, r := range roles {
		if r == roleNone {
			continue
		}
		if seen[r] {
			roles[i] = roleNone
		}
		seen[r] = true
	}
	return roles
}

// fields are the values of one table row or list record.
type fields struct {
	name                                                 *cell
	provider, purpose, function, category, typ, duration string
	domain                                               string
}

func rowFields(row []*cell, roles []role) fields {
	var f fields
	for i, r := range roles {
		if i >= len(row) || row[i] == nil {
			continue
		}
		c := row[i]
		switch r {
		case roleName:
			f.name = c
		case roleProvider:
			f.provider = c.text
		case rolePurpose:
			f.purpose = c.text
		case roleFunction:
			f.function = c.text
		case roleCategory:
			f.category = c.text
		case roleType:
			f.typ = c.text
		case roleDuration:
			f.duration = c.lines
		case roleDomain:
			f.domain = c.text
		}
	}
	return f
}

// nonCookieTypes are the storage types consent platforms list beside
// cookies; they are not cookies and a cookie audit cannot see them.
var nonCookieTypes = parsePhrases(
	"local storage", "localstorage", "session storage", "sessionstorage", "indexeddb",
	"indexed db", "web storage", "html storage", "pixel*", "cache storage", "service worker",
)

// row turns the fields of a row into declarations, one per name.
func (x *extractor) row(f fields, ctx *tableContext) {
	if f.name == nil || f.name.text == "" {
		return
	}
	where := "list"
	if ctx.index > 0 {
		where = fmt.Sprintf("table %d", ctx.index)
	}
	for _, t := range []string{f.typ, f.category} {
		if t != "" && find(words(t), nonCookieTypes) >= 0 {
			x.warnf("%s: %q skipped: %s is not a cookie", where, f.name.text, t)
			return
		}
	}
	names := splitNames(f.name.lines)
	if len(names) == 0 {
		x.warnf("%s: no cookie name in %q", where, f.name.text)
		return
	}
	cat, catText, head := x.rowCategory(f, ctx)
	if cat == Unclassified && catText == "" && !ctx.unclassed {
		ctx.unclassed = true
		x.warnf("%s: no category found for %q (no category column, caption or heading naming one); declared unclassified", where, f.name.text)
	}
	purpose := f.purpose
	if f.function != "" {
		if purpose != "" {
			purpose = f.function + ": " + purpose
		} else {
			purpose = f.function
		}
	}
	durs := x.durations(names, f.duration, where)
	for i, name := range names {
		pat, err := ParsePattern(name)
		if err != nil {
			x.warnf("%s: %v", where, err)
			continue
		}
		x.add(Declaration{
			Name:         pat,
			Provider:     f.provider,
			Purpose:      purpose,
			Category:     cat,
			CategoryText: catText,
			Duration:     durs[i],
			Domain:       f.domain,
			Source: Source{
				Page:    x.page,
				Heading: head,
				Table:   ctx.index,
				Layout:  ctx.layout,
			},
		}, false)
	}
}

// rowCategory returns a row's category, the page's wording of it, and the
// heading to record: a category or type cell naming one wins, then a row
// spanning the table, the caption, and the nearest heading naming one.
func (x *extractor) rowCategory(f fields, ctx *tableContext) (Category, string, string) {
	for _, t := range []string{f.category, f.typ} {
		if t == "" {
			continue
		}
		if c, ok := categoryOf(t); ok {
			return c, stripCount(t), x.innermostHeading()
		}
	}
	if ctx.section != "" {
		return ctx.sectionCat, stripCount(ctx.section), ctx.section
	}
	if ctx.caption != "" {
		if c, ok := categoryOf(ctx.caption); ok {
			return c, stripCount(ctx.caption), ctx.caption
		}
	}
	if c, text, ok := x.headingCategory(); ok {
		return c, stripCount(text), text
	}
	return Unclassified, "", x.innermostHeading()
}

// durations parses a duration cell for the names of its row: one duration
// for all, "name: duration" pairs, or one duration per name in order. A
// cell that cannot be read is kept as text for every name, with a warning.
func (x *extractor) durations(names []string, text, where string) []Duration {
	out := make([]Duration, len(names))
	flat := collapse(text)
	if flat == "" {
		return out
	}
	// With several names, look for one duration per name first: "30
	// minutes<br>1 year" is two durations, not their sum.
	if len(names) > 1 {
		parts := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' || r == ',' })
		var clean []string
		for _, p := range parts {
			if p = collapse(p); p != "" {
				clean = append(clean, p)
			}
		}
		byName := map[string]Duration{}
		for _, p := range clean {
			if i := strings.Index(p, ":"); i > 0 {
				if d, err := ParseDuration(p[i+1:]); err == nil {
					byName[trimName(p[:i])] = d
				}
			}
		}
		ok := len(byName) > 0
		for i, n := range names {
			if d, found := byName[n]; found {
				out[i] = d
			} else {
				ok = false
			}
		}
		if ok {
			return out
		}
		if len(clean) == len(names) {
			ok = true
			for i, p := range clean {
				d, err := ParseDuration(p)
				if err != nil {
					ok = false
					break
				}
				out[i] = d
			}
			if ok {
				return out
			}
		}
	}
	if d, err := ParseDuration(flat); err == nil {
		for i := range out {
			out[i] = d
		}
		return out
	}
	x.warnf("%s: %s: duration %q not understood; kept as text", where, strings.Join(names, ", "), flat)
	for i := range out {
		out[i] = Duration{Text: flat}
	}
	return out
}

// add appends a declaration unless the same name was already declared
// with the same category and domain. Declarations from scripts, which
// repeat what the page shows, are also dropped when the page declared the
// name with the same category for any domain.
func (x *extractor) add(d Declaration, fromScript bool) {
	nameKey := d.Name.Text + "\x00" + string(d.Category)
	key := nameKey + "\x00" + strings.TrimPrefix(strings.ToLower(d.Domain), ".")
	if x.seen[key] || (fromScript && x.seenName[nameKey]) {
		return
	}
	x.seen[key], x.seenName[nameKey] = true, true
	x.decls = append(x.decls, d)
}

// pair is a label and its value in a list.
type pair struct {
	label string
	value string // collapsed
	lines string // with line breaks and placeholders
}

// list extracts the records of a list of label and value pairs: a new
// record starts at each name label. It reports whether any record was a
// cookie declaration. table is the position of a two-column table the pairs
// come from, or 0.
func (x *extractor) list(n *html.Node, pairs []pair, table int) bool {
	if len(pairs) < 2 {
		return false
	}
	ctx := &tableContext{index: table, layout: layoutOf(n, LayoutList)}
	if table > 0 && ctx.layout == LayoutList {
		ctx.layout = LayoutTable
	}
	var records []fields
	var cur fields
	var have []role
	flush := func() {
		if cur.name != nil && isHeader(have) {
			records = append(records, cur)
		}
		cur, have = fields{}, nil
	}
	for _, p := range pairs {
		r := columnRole(p.label)
		if r == roleNone {
			continue
		}
		if r == roleName && cur.name != nil {
			flush()
		}
		have = append(have, r)
		c := &cell{text: p.value, lines: p.lines}
		switch r {
		case roleName:
			cur.name = c
		case roleProvider:
			cur.provider = p.value
		case rolePurpose:
			cur.purpose = p.value
		case roleFunction:
			cur.function = p.value
		case roleCategory:
			cur.category = p.value
		case roleType:
			cur.typ = p.value
		case roleDuration:
			cur.duration = p.lines
		case roleDomain:
			cur.domain = p.value
		}
	}
	flush()
	for _, f := range records {
		x.row(f, ctx)
	}
	return len(records) > 0
}

// dlPairs returns the dt and dd pairs of a description list.
func dlPairs(dl *html.Node) []pair {
	var pairs []pair
	label := ""
	var scan func(n *html.Node)
	scan = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Dt:
				label = collapse(nodeText(c, false))
			case atom.Dd:
				pairs = append(pairs, pair{label: label, value: collapse(nodeText(c, false)), lines: nodeText(c, true)})
			case atom.Div:
				scan(c)
			}
		}
	}
	scan(dl)
	return pairs
}

// liPairs returns the label and value pairs of a list whose items are
// either two elements (<li><div>Cookie</div><div>_ga</div></li>, as
// CookieYes writes them) or "Label: value".
func liPairs(list *html.Node) []pair {
	var pairs []pair
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		var elems []*html.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				elems = append(elems, c)
			}
		}
		if len(elems) >= 2 && strings.TrimSpace(directText(li)) == "" {
			var value, lines strings.Builder
			for _, e := range elems[1:] {
				value.WriteString(nodeText(e, false) + " ")
				lines.WriteString(nodeText(e, true) + "\n")
			}
			pairs = append(pairs, pair{label: collapse(nodeText(elems[0], false)), value: collapse(value.String()), lines: lines.String()})
			continue
		}
		text := collapse(nodeText(li, false))
		if i := strings.Index(text, ":"); i > 0 && i <= 40 {
			value := strings.TrimSpace(text[i+1:])
			pairs = append(pairs, pair{label: text[:i], value: value, lines: value})
		}
	}
	return pairs
}

// directText returns the text nodes directly under n.
func directText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// tablePairs reads a two-column table without a header as label and value
// pairs.
func tablePairs(grid [][]*cell) []pair {
	var pairs []pair
	for _, row := range grid {
		if len(row) < 2 || row[0] == nil || row[1] == nil || row[0] == row[1] {
			continue
		}
		pairs = append(pairs, pair{label: row[0].text, value: row[1].text, lines: row[1].lines})
	}
	return pairs
}
