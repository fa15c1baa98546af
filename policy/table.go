package policy

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// tableContext is what the rows of a table (or the records of a list)
// share.
type tableContext struct {
	index   int    // 1-based position among the page's tables; 0 for lists
	layout  string // one of the Layout constants
	caption string
	intro   string // the text just before the table or list
	// titled says the caption titles the table (a pasted table's title
	// line): when it names no category, the table has none of its own,
	// and the text around it is not read for one.
	titled     bool
	unclassed  bool // a warning about missing categories was given
	sectionCat Category
	section    string // text of the last row spanning the table naming a category
	// typ is the storage type the table's header gives its names ("Local
	// Storage Name"), Cookie when it gives none.
	typ StorageType
}

func (c *tableContext) where() string {
	if c.index > 0 {
		return "table " + itoa(c.index)
	}
	return c.layout
}

// table extracts the declarations of a table and reports whether it was a
// cookie table (whose content then needs no further visit).
func (x *extractor) table(t *html.Node) bool {
	x.tables++
	titled := x.lastTitled
	ctx := &tableContext{index: x.tables, layout: layoutOf(t, LayoutTable), caption: captionText(t), intro: x.takeIntro()}
	if ctx.caption == "" && titled {
		if _, ok := x.lex.heading(ctx.intro); ok {
			ctx.caption = ctx.intro
		}
	}
	grid := buildGrid(tableRows(t))
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	if width == 0 {
		return false
	}

	start, roles := findHeader(grid)
	if roles == nil && x.prev != nil && x.prev.index == ctx.index-1 && x.prev.width == width && !ownLabels(grid) {
		// A headerless table right after a cookie table of the same width
		// continues it (pages split long tables), from its first row of
		// data cells.
		start, roles = 0, x.prev.roles
		for start < len(grid) && (emptyRow(grid[start]) || titleRow(grid[start])) {
			start++
		}
	}
	if roles == nil && width == 2 {
		if x.list(t, tablePairs(grid), ctx.index) {
			return true
		}
	}
	if roles == nil {
		start, roles = x.inferColumns(grid, ctx)
	} else {
		roles = x.untitledCategory(grid, start, x.checkNameColumn(grid, start, roles))
	}
	if roles == nil {
		return false
	}
	x.prev = &tableShape{index: ctx.index, width: width, roles: roles}
	x.cookieTables++
	// A name column headed "Local Storage Name" lists storage keys.
	if i := slices.Index(roles, roleName); start > 0 && i >= 0 && i < len(grid[start-1]) && grid[start-1][i] != nil {
		ctx.typ = storageTypeOf(grid[start-1][i].text)
	}
	if ctx.typ == Cookie {
		// A table under a heading or after a sentence about local
		// storage, and not about cookies, lists storage keys
		// ("Paikallisen tallennustilan tiedot").
		ctx.typ = contextType(ctx.caption, x.innermostHeading(), ctx.intro)
	}
	// A row spanning the table above its header titles it ("Analytics
	// cookies, set with your consent"): when it names a category, the
	// table's rows have it.
	for r := 0; r < start && r < len(grid); r++ {
		if c := sectionCell(grid[r], len(roles)); c != nil {
			if cat, ok := x.lex.heading(c.text); ok && len(c.text) <= 200 {
				ctx.sectionCat, ctx.section = cat, c.text
			}
		}
	}

	// A header row in the middle of the table gives the rows below it
	// columns of their own ("| | Name | Description | Lifespan |" under a
	// "Name | Purpose | Expiration" header).
	reheads := map[int][]role{}
	end := len(grid)
	for r := len(grid) - 1; r >= start; r-- {
		if rr := rowRoles(grid[r]); r > start && isHeader(rr) && onlyRoles(grid[r]) && shortCells(grid[r]) && !repeatedHeader(grid[r], grid, start) {
			reheads[r] = rr
			x.fillSpanned(grid[:end], r+1, rr)
			end = r
		}
	}
	x.fillSpanned(grid[:end], start, roles)
	for r := start; r < len(grid); r++ {
		row := grid[r]
		if emptyRow(row) {
			continue
		}
		if rr, ok := reheads[r]; ok {
			roles = rr
			continue
		}
		if c := sectionCell(row, len(roles)); c != nil {
			// A row spanning the table that names a category heads the
			// rows below it; a short title of cookies that names none
			// ("Nicht notwendige Cookies") ends the section above it;
			// any other is a note.
			if cat, ok := x.lex.heading(c.text); ok && len(c.text) <= 200 {
				ctx.sectionCat, ctx.section = cat, c.text
			} else if cookieTitle(c.text) {
				ctx.sectionCat, ctx.section = "", ""
			}
			continue
		}
		if repeatedHeader(row, grid, start) {
			continue
		}
		x.row(rowFields(row, roles), ctx)
	}
	return true
}

// sectionCell returns the cell that heads a section of a table of width
// columns: a cell spanning the table, or the only cell of its row with
// text, also when the row holds that cell alone (a rich-text editor's
// table writes "Notwendige Cookies" in a row of one cell).
func sectionCell(row []*cell, width int) *cell {
	if c := spanningCell(row); c != nil {
		return c
	}
	var only *cell
	for _, c := range row {
		if c == nil || c.text == "" {
			continue
		}
		if only != nil {
			return nil
		}
		only = c
	}
	if only != nil && row[0] == only && max(len(row), width) > 1 {
		if t := strings.TrimSpace(only.text); !strings.ContainsFunc(t, unicode.IsSpace) && nameMarked(t) {
			// A cookie's row with its other cells empty
			// ("WP_PREFERENCES_USER_1"), not a category's.
			return nil
		}
		if _, ok := categoryOf(only.text); ok && len(strings.Fields(only.text)) <= 6 {
			return only
		}
		// "Strictly necessary cookies<br><br>These cookies…": the title
		// on the cell's first line (or in bold, taken as the cell's own
		// label), a description under it.
		title, _, _ := strings.Cut(strings.TrimSpace(only.lines), "\n")
		for _, t := range []string{only.label, collapse(title)} {
			if t != "" && len(strings.Fields(t)) <= 6 {
				if _, ok := categoryOf(t); ok {
					return &cell{text: t, lines: t}
				}
			}
		}
		if cookieTitle(only.text) {
			return only
		}
	}
	return nil
}

// cookieTitle reports whether a table's row of one cell is a title of
// cookies that names no category ("Nicht notwendige Cookies", "Non-essential
// cookies"): a few words, one of them a word for cookies.
func cookieTitle(t string) bool {
	for _, f := range strings.Fields(t) {
		if nameMarked(f) {
			return false // a cookie's name ("cookie_notice cookie")
		}
	}
	ws := words(t)
	return len(ws) >= 2 && len(ws) <= 6 && find(ws, cookieWords) >= 0
}

// repeatedHeader reports whether a row repeats the table's header, as
// long tables do: a row of short header cells that reads as a header (a
// row of th cells that holds a sentence is data), or a row with the
// header's texts.
func repeatedHeader(row []*cell, grid [][]*cell, start int) bool {
	if allHeaderCells(row) && isHeader(rowRoles(row)) && shortCells(row) {
		return true
	}
	if start < 1 || start > len(grid) {
		return false
	}
	header := grid[start-1]
	if len(header) != len(row) || emptyRow(header) {
		return false
	}
	for i := range row {
		if (row[i] == nil) != (header[i] == nil) || (row[i] != nil && row[i].text != header[i].text) {
			return false
		}
	}
	return &row[0] != &header[0]
}

// findHeader finds the header of a table and returns the index of its first
// data row with the roles of its columns, or nil roles for a table with no
// header. It tries, in order, a row of th cells among the first rows (by
// their text, or by their classes when the text is in a language not
// known), the data-label attributes of responsive tables (<td
// data-label="Cookie">), a row of td cells among the first rows
// (hand-written pages bold their header cells instead; a td row with a
// cell that reads as a duration is data, not a header), and the classes
// of the first data cells (<td class="ot-cookies-td">).
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
			if rr := rowRoles(row); isCookieHeader(row, rr) {
				return at[i] + 1, rr
			}
			if rr := classRoles(row); isHeader(rr) || namedBeside(rr) {
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
		if rr := rowRoles(row); (isHeader(rr) || boldRow(row) && isCookieHeader(row, rr)) && !hasDurationCell(row) && shortCells(row) {
			return at[i] + 1, rr
		}
	}
	for i, row := range first {
		if allHeaderCells(row) {
			continue
		}
		if rr := classRoles(row); isHeader(rr) || namedBeside(rr) {
			return at[i], rr
		}
		break
	}
	return -1, nil
}

// shortCells reports whether every cell of a row is short enough to be a
// column's header: a sentence is data.
func shortCells(row []*cell) bool {
	for _, c := range row {
		if c != nil && (len(strings.Fields(c.text)) > 5 || strings.HasSuffix(c.text, ".")) {
			return false
		}
	}
	return true
}

// ownLabels reports whether a table's first row is labels of its own
// columns, two or more of them known ("Category | Consent required |
// Blocked until consent"), though not a cookie table's header: a table
// of something else, which continues no table before it.
func ownLabels(grid [][]*cell) bool {
	if len(grid) == 0 {
		return false
	}
	known, _ := countRoles(rowTexts(grid[0]))
	return known >= 2
}

// onlyRoles reports whether every cell of a row with text names a column:
// a header's row, not a row of data that happens to name some.
func onlyRoles(row []*cell) bool {
	texts := rowTexts(row)
	known, _ := countRoles(texts)
	return known == len(texts)
}

// rowTexts lists the texts of a row's cells that have one.
func rowTexts(row []*cell) []string {
	var texts []string
	for _, c := range row {
		if c != nil && c.text != "" {
			texts = append(texts, c.text)
		}
	}
	return texts
}

// countRoles counts the texts that name a column (as a header's labels
// do), and tells whether one of them names the cookies.
func countRoles(texts []string) (known int, name bool) {
	for _, t := range texts {
		switch columnRole(t) {
		case roleNone:
		case roleName:
			known++
			name = true
		default:
			known++
		}
	}
	return known, name
}

// boldRow reports whether every cell of a row with text is set apart as a
// label (bold), as the header row of a table copied into Markdown is.
func boldRow(row []*cell) bool {
	n := 0
	for _, c := range row {
		if c != nil && c.text != "" {
			if !c.bold && !c.header {
				return false
			}
			n++
		}
	}
	return n > 0
}

// titleRow reports whether a row of a table with no header found titles
// it: header cells, none of which holds a lifetime. Pages that set each
// cookie in a table of its own mark its one row as header cells
// ("NID | .google.com | / | 183 dias"); that row is the cookie.
func titleRow(row []*cell) bool {
	return allHeaderCells(row) && !hasDurationCell(row)
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

// fillSpanned gives back the cells that a rowspan lost when a table was
// copied into Markdown or text: the rows under a category or provider cell
// that spanned them come with their cells shifted left ("| _gid | Counts
// visits |" under "| Analytics | _ga | Counts visits |"). A row whose
// last cells are empty takes its first cells from the row above: as many
// as bring a cell that reads as a cookie name to the name column, or,
// when the first column is the category and the row's first cell names
// none, as many as are missing at its end.
func (x *extractor) fillSpanned(grid [][]*cell, start int, roles []role) {
	width := len(roles)
	nameCol := slices.Index(roles, roleName)
	if width < 2 || nameCol <= 0 || (roles[0] != roleCategory && roles[0] != roleProvider) {
		return
	}
	var prev []*cell
	for r := max(start, 0); r < len(grid); r++ {
		row := grid[r]
		if emptyRow(row) {
			continue
		}
		k := 0 // empty cells at the end
		for i := width - 1; i >= 0 && (i >= len(row) || row[i] == nil || row[i].text == ""); i-- {
			k++
		}
		// The cells lost: as many as put a name in the name column, else,
		// under a category column, as many as are missing at the end.
		shift := 0
		for s := 1; s <= min(k, nameCol) && prev != nil; s++ {
			if i := nameCol - s; i < len(row) && row[i] != nil && x.nameCell(row[i]) && !(k == width-1 && companyWord(row[i])) {
				shift = s
				break
			}
		}
		if shift == 0 && prev != nil && roles[0] == roleCategory && k > 0 && k < width && len(row) > 0 && row[0] != nil && !x.namesCategory(row[0].text) {
			shift = k
		}
		if shift > 0 {
			cells := make([]*cell, width)
			copy(cells, prev[:shift])
			copy(cells[shift:], row[:min(len(row), width-shift)])
			grid[r], row = cells, cells
		}
		if len(row) >= width {
			prev = row
		}
	}
}

// companyWord reports whether a cell holds one capitalised word in bold
// ("**Clearbit**"): alone in its row, that is the company whose cookies
// the rows below list, not a cookie of the row above's.
func companyWord(c *cell) bool {
	t := collapse(c.text)
	if !c.bold || strings.ContainsAny(t, " _-.:0123456789") || t == "" {
		return false
	}
	r := []rune(t)
	return unicode.IsUpper(r[0]) && len(r) > 2 && strings.ToLower(string(r[1:])) == string(r[1:])
}

// nameCell reports whether a cell reads as one cookie name: a single word
// set in bold, or shaped as a name, or known.
func (x *extractor) nameCell(c *cell) bool {
	t := wordName(c.text)
	return t != "" && (c.bold || x.nameShaped(t))
}

// namesCategory reports whether a cell's text names a category.
func (x *extractor) namesCategory(text string) bool {
	_, ok := x.lex.heading(text)
	return ok
}
