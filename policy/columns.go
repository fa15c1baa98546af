package policy

import (
	"regexp"
	"slices"
	"strings"
)

// columnStats is what the cells of one column look like.
type columnStats struct {
	cells, names, durations, hosts, long, categories, known, marked int
}

// statsOf reads the cells of column col from row start on.
func (x *extractor) statsOf(grid [][]*cell, start, col int) columnStats {
	var s columnStats
	seen := map[*cell]bool{}
	for r := max(start, 0); r < len(grid); r++ {
		if col >= len(grid[r]) {
			continue
		}
		c := grid[r][col]
		if c == nil || c.text == "" || seen[c] || spanningCell(grid[r]) != nil || storageLabel(c.text) {
			continue // a row's kind of storage ("Local storage") is no cell of names
		}
		seen[c] = true
		s.cells++
		if names := cellNames(c.lines); len(names) > 0 && !lawCitation.MatchString(c.text) {
			s.names++
			for _, n := range names {
				if x.known(n) {
					s.known++
					break
				}
			}
			for _, n := range names {
				if nameMarked(n) {
					s.marked++
					break
				}
			}
		}
		s.count(c.text)
		if n := len(strings.Fields(c.text)); c.header && n > 4 && n <= 10 {
			// A row's own header, a phrase that names its kind ("Cookie
			// de session tiers de statistique et de suivi"): a category
			// though longer than a category cell's words.
			if _, ok := categoryOf(c.text); ok {
				s.categories++
			}
		}
	}
	return s
}

// count adds a cell's text to a column's counts of lifetimes, hosts, long
// texts (purposes) and categories.
func (s *columnStats) count(text string) {
	if d, err := ParseDuration(text); err == nil && d.Known() {
		s.durations++
	}
	if hostList(text) {
		s.hosts++
	}
	if len(strings.Fields(text)) >= 5 {
		s.long++
	}
	if _, ok := categoryOf(text); ok && len(strings.Fields(text)) <= 4 {
		s.categories++
	}
}

// lawCitation is a text that cites a law's article ("art. 7º, II e IX,
// LGPD", "Art. 6 Abs. 1 lit. a DSGVO", "§ 25 TTDSG"): a column of legal
// bases, whose numbers and abbreviations are no cookies' names.
var lawCitation = regexp.MustCompile(`(?i)\b(?:art|arts|artigo|artículo|articolo|artikel|article)\b\.?\s*\d|§\s*\d`)

// nameColumn reports whether a column's cells read as cookie names: most
// cells are lists of names, and some are marked as names by their shape or
// known to the knowledge base.
func (s columnStats) nameColumn() bool {
	return s.cells > 0 && s.names*10 >= s.cells*7 && s.hosts*2 < s.cells && s.durations*2 < s.cells &&
		(s.marked+s.known)*3 >= s.names
}

// inferColumns reads the roles of a table without a header it understands
// from its cells: a column of cookie names beside a column of durations,
// hosts, categories or long texts (purposes). Such a table counts only
// where the page talks about cookies (its caption or headings name them or
// a category) or the knowledge base knows some of its names.
func (x *extractor) inferColumns(grid [][]*cell, ctx *tableContext) (int, []role) {
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	if width < 2 || width > 12 {
		return -1, nil
	}
	start := 0
	for start < len(grid) && (emptyRow(grid[start]) || titleRow(grid[start]) || templateRow(grid[start])) {
		start++
	}
	stats := make([]columnStats, width)
	nameCol := -1
	hostCol, durationCol := -1, -1
	for col := range width {
		s := x.statsOf(grid, start, col)
		stats[col] = s
		if nameCol < 0 && s.nameColumn() {
			nameCol = col
		}
		if hostCol < 0 && s.cells > 0 && s.hosts*2 >= s.cells {
			hostCol = col
		}
		if durationCol < 0 && s.cells > 0 && s.durations*2 >= s.cells {
			durationCol = col
		}
	}
	// Rows that give a host and a lifetime are a cookie's whatever its
	// name looks like ("fr | .facebook.com | / | 90 dias"): a column of
	// single names before both names it.
	cookieRows := hostCol >= 0 && durationCol >= 0
	for col := 0; nameCol < 0 && cookieRows && col < min(hostCol, durationCol); col++ {
		if s := stats[col]; s.cells > 0 && s.names*10 >= s.cells*7 && s.hosts*2 < s.cells && s.durations*2 < s.cells {
			nameCol = col
		}
	}
	if nameCol < 0 || stats[nameCol].cells < 1 {
		return -1, nil
	}
	roles := make([]role, width)
	roles[nameCol] = roleName
	other := false
	for col := range width {
		s := stats[col]
		if col == nameCol || s.cells == 0 {
			continue
		}
		switch {
		case s.durations*2 >= s.cells:
			roles[col] = roleDuration
		case s.hosts*2 >= s.cells:
			roles[col] = roleDomain
		case s.categories*2 >= s.cells:
			roles[col] = roleCategory
		case s.long*2 >= s.cells:
			roles[col] = rolePurpose
		default:
			continue
		}
		other = true
	}
	roles = uniqueRoles(roles)
	if s := stats[nameCol]; !other && !(s.known >= 3 && s.names == s.cells && s.known*2 >= s.cells) {
		// A column of names alone says what it is only when every cell
		// is names and the knowledge base knows half of them or more (a
		// template whose other cells are messages it fills in:
		// "<g:message code=…/>").
		return -1, nil
	}
	if stats[nameCol].known == 0 && !cookieRows && !x.aboutCookies(ctx.caption) && ctx.layout == LayoutTable {
		return -1, nil
	}
	return start, roles
}

// checkNameColumn moves the name role of a header to another column when
// the cells say so: a "Cookie" column holding service names beside a
// "Name" column holding the cookie names. The column that loses the role
// names the service.
func (x *extractor) checkNameColumn(grid [][]*cell, start int, roles []role) []role {
	nameCol := -1
	for i, r := range roles {
		if r == roleName {
			nameCol = i
		}
	}
	if nameCol < 0 || x.statsOf(grid, start, nameCol).nameColumn() {
		return roles
	}
	for col, r := range roles {
		if col == nameCol || (r != roleNone && r != roleProvider) || col >= maxColumns {
			continue
		}
		if s := x.statsOf(grid, start, col); s.nameColumn() && s.names*10 >= s.cells*9 {
			out := append([]role(nil), roles...)
			out[col], out[nameCol] = roleName, roleProvider
			return uniqueRoles(out)
		}
	}
	return roles
}

// untitledCategory gives the category role to a column the header leaves
// untitled when its cells are category words ("| Type | Name | Purpose |
// Duration | |" with Essential, Analytics, Marketing in the last column),
// or titles as a purpose while every cell is a category word (Italian
// "Scopo" over Tecnico, Analitico, beside the column that describes each
// cookie), when no other column holds the category.
func (x *extractor) untitledCategory(grid [][]*cell, start int, roles []role) []role {
	if start < 1 || start > len(grid) || slices.Contains(roles, roleCategory) {
		return roles
	}
	header := grid[start-1]
	for col, r := range roles {
		untitled := r == roleNone && col < len(header) && (header[col] == nil || header[col].text == "")
		if !untitled && r != rolePurpose {
			continue
		}
		s := x.statsOf(grid, start, col)
		if s.cells >= 2 && (untitled && s.categories*10 >= s.cells*8 || s.categories == s.cells) {
			out := append([]role(nil), roles...)
			out[col] = roleCategory
			return out
		}
	}
	return roles
}

// aboutCookies reports whether the page talks about cookies where a table
// stands: in its caption, or in the headings above it.
func (x *extractor) aboutCookies(caption string) bool {
	texts := []string{caption}
	for _, h := range x.headings {
		texts = append(texts, h.text, h.para)
	}
	for _, t := range texts {
		ws := words(t)
		if find(ws, cookieWords) >= 0 {
			return true
		}
		if _, ok := x.lex.heading(t); ok && t != "" && len(ws) <= 12 {
			return true
		}
	}
	return false
}

// fields are the values of one table row or list record.
type fields struct {
	name                                                 *cell
	provider, purpose, function, category, typ, duration string
	domain                                               string
	// consent is the answer of a column saying whether the cookie needs
	// consent.
	consent string
}

func rowFields(row []*cell, roles []role) fields {
	var f fields
	for i, r := range roles {
		if i >= len(row) || row[i] == nil {
			continue
		}
		f.set(r, row[i])
	}
	return f
}

func (f *fields) set(r role, c *cell) {
	switch r {
	case roleName:
		f.name = c
	case roleProvider:
		f.provider = c.text
	case rolePurpose:
		// A record's first purpose is its own; a later field read as one
		// describes a link or a note ("Link description: …"), or names
		// the category in a word or two ("Descripció: … Finalitat:
		// Necessària").
		switch {
		case f.purpose == "":
			f.purpose = c.text
		case f.category == "" && len(strings.Fields(c.text)) <= 3:
			if _, ok := categoryOf(c.text); ok {
				f.category = c.text
			}
		}
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
	case roleConsent:
		f.consent = c.text
	}
}

// storageLabel reports whether a cell names only a kind of browser
// storage ("Local storage", "Indexed DB"), as a row of storage keys puts
// in a name column: the row's kind, no cookie's name.
func storageLabel(text string) bool {
	ws := words(text)
	return len(ws) > 0 && len(ws) <= 3 && storageTypeOf(text) != Cookie
}

// jsxExpr is a cell whose text is one JSX expression
// ("{Strings['table.title1']}"), which the component fills in when it
// runs.
var jsxExpr = regexp.MustCompile(`^\{[^{}]*\}$`)

// templateRow reports whether every cell of a row that has text is a
// template's expression the page fills in when it runs: a server
// template's tags ("{{ t('name') }}", "<%= t(:name) %>"; see
// templateTags) or a JSX expression: a header the source does not spell.
func templateRow(row []*cell) bool {
	filled := false
	for _, c := range row {
		if c == nil || c.text == "" {
			continue
		}
		if !jsxExpr.MatchString(c.text) && strings.TrimSpace(templateTags.ReplaceAllString(c.text, "")) != "" {
			return false
		}
		filled = true
	}
	return filled
}
