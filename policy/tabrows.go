package policy

import (
	"strings"

	"golang.org/x/net/html"
)

// tabTables reads tables pasted as text whose rows are lines of
// tab-separated cells, as a consent platform's declaration is copied from
// a browser ("Name Provider Purpose Expiry Type", then "_ga	Google	…
// 2 years	HTTP Cookie"). The header line may be tab-separated or not: its
// columns are then found by their names ("Data ważności" is one column).
// A cell holding a line break continues its row on the next line. The
// line before a header introduces its table: a short one titles it, a
// sentence may say what its cookies are for.
func (x *extractor) tabTables(parent *html.Node, text string) bool {
	if !strings.Contains(text, "\t") {
		return false
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	before := len(x.decls)
	for i := 0; i+1 < len(lines); i++ {
		if !tabRow(lines[i+1]) {
			continue
		}
		width := 0
		for j := i + 1; j < len(lines) && j <= i+10 && tabRow(lines[j]); j++ {
			width = max(width, len(tabCells(lines[j])))
		}
		roles := headerRoles(lines[i], width)
		if roles == nil {
			continue
		}
		x.tables++
		ctx := &tableContext{index: x.tables, layout: LayoutTable}
		if i > 0 && !tabRow(lines[i-1]) {
			if prev := strings.TrimSpace(lines[i-1]); titleLike(prev) {
				ctx.caption, ctx.titled = prev, true
			} else {
				ctx.intro = prev
			}
		}
		var row []string
		flush := func() {
			var f fields
			for c, r := range roles {
				if c < len(row) {
					if v := strings.TrimSpace(row[c]); v != "" {
						f.set(r, &cell{text: collapse(v), lines: v})
					}
				}
			}
			x.row(f, ctx)
			row = nil
		}
		j := i + 1
		for ; j < len(lines); j++ {
			l := lines[j]
			if !tabRow(l) {
				if len(row) == 0 {
					break // the rows ended
				}
				row[len(row)-1] += "\n" + strings.TrimSpace(l) // a cell's next line
				continue
			}
			cells := strings.Split(strings.TrimRight(l, " \t"), "\t")
			if len(row) > 0 {
				row[len(row)-1] += "\n" + cells[0]
				cells = cells[1:]
			}
			row = append(row, cells...)
			if len(row) >= width {
				flush()
			}
		}
		if len(row) >= 2 {
			flush()
		}
		i = j - 1
	}
	return len(x.decls) > before
}

// tabRow reports whether a line holds tab-separated cells, the first not
// empty: a line indented with tabs (markup's source) holds none.
func tabRow(line string) bool {
	t := strings.TrimRight(line, " \t")
	return strings.Contains(t, "\t") && strings.TrimSpace(t[:strings.IndexByte(t, '\t')]) != ""
}

// tabCells returns the cells of a tab-separated line, without the empty
// ones at its end.
func tabCells(line string) []string {
	return strings.Split(strings.TrimRight(line, " \t"), "\t")
}

// headerRoles reads a table's header line into the roles of width
// columns: its tab-separated cells, or, for a header whose cells were
// joined by spaces, the split of its words into width groups that each
// name a column. It returns nil for a line that is no cookie table's
// header.
func headerRoles(line string, width int) []role {
	line = strings.TrimSpace(line)
	if width < 2 || width > 8 || !titleLike(line) {
		return nil
	}
	if strings.Contains(line, "\t") {
		var roles []role
		for _, c := range tabCells(line) {
			roles = append(roles, columnRole(strings.TrimSpace(c)))
		}
		if len(roles) != width || !isHeader(uniqueRoles(roles)) {
			return nil
		}
		return roles
	}
	ws := strings.Fields(line)
	if len(ws) < width || len(ws) > 12 {
		return nil
	}
	// The splits of the words into width groups, in order: the first
	// whose groups all name a different column wins.
	var try func(from, groups int, acc []role) []role
	try = func(from, groups int, acc []role) []role {
		if groups == 0 {
			if from == len(ws) && isHeader(acc) {
				return acc
			}
			return nil
		}
		for end := from + 1; end <= len(ws)-(groups-1); end++ {
			r := columnRole(strings.Join(ws[from:end], " "))
			if r == roleNone || containsRole(acc, r) {
				continue
			}
			if out := try(end, groups-1, append(acc[:len(acc):len(acc)], r)); out != nil {
				return out
			}
		}
		return nil
	}
	return try(0, width, nil)
}

func containsRole(roles []role, r role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
