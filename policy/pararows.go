package policy

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paraTable reads a table copied into paragraphs, one paragraph a row: a
// paragraph of column titles ("Nom Utilité Expire"), then paragraphs that
// each start with a cookie's name, its purpose after it and its lifetime
// at the end ("_utma Counts the unique visitors 2 ans"). It reports
// whether the run of inline content was such a paragraph (and is read).
//
// A header paragraph may instead give one title a line ("Název cookie",
// "Typ a funkce", "Zdroj", "Doba uložení"), and each row then one cell a
// line, the last line holding the cells a copy ran together ("Google 1
// den"): see [lineRow].
func (x *extractor) paraTable(nodes []*html.Node, text, flat string) bool {
	p := nodes[0].Parent
	if p == nil || p.DataAtom != atom.P {
		x.paraLast = nil
		return false
	}
	var lines []string // one title or cell a line; none in a one-line text
	if strings.Contains(text, "\n") {
		lines = nonEmptyLines(text)
	}
	if titleWords(flat) {
		x.paraLast, x.paraCols = p, nil
		return true
	}
	if roles, ok := titleLines(lines); ok {
		x.paraLast, x.paraCols = p, roles
		return true
	}
	if x.paraLast == nil || beside(p, true) != x.paraLast {
		x.paraLast = nil
		return false
	}
	f, ok := fields{}, false
	if x.paraCols != nil {
		f, ok = lineRow(lines, x.paraCols)
	} else {
		f, ok = x.paraRow(flat)
	}
	if !ok {
		x.paraLast = nil
		return false
	}
	x.paraLast = p
	x.row(f, &tableContext{layout: LayoutTable, intro: x.takeIntro()})
	return true
}

// titleWords reports whether every word of a paragraph titles a column,
// one of them the name: two to six words, nothing else.
func titleWords(flat string) bool {
	ws := strings.Fields(flat)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	roles := make([]role, len(ws))
	for i, w := range ws {
		if roles[i] = columnRole(w); roles[i] == roleNone {
			return false
		}
	}
	return isHeader(roles)
}

// titleLines reports the columns of a paragraph that gives one column
// title a line, one of them the name: two to six lines, nothing else.
func titleLines(lines []string) ([]role, bool) {
	if len(lines) < 2 || len(lines) > 6 {
		return nil, false
	}
	roles := make([]role, len(lines))
	for i, l := range lines {
		if len(strings.Fields(l)) > 4 {
			return nil, false
		}
		if _, ok := labelled(l); ok {
			return nil, false // "Name: _ga", a label and its value
		}
		if roles[i] = columnRole(l); roles[i] == roleNone {
			return nil, false
		}
	}
	roles = uniqueRoles(roles)
	return roles, isHeader(roles)
}

// lineRow reads a row of a table copied into paragraphs one cell a line,
// under a header of one title a line. A row of fewer lines than columns
// holds its last cells run together in its last line: a lifetime at its
// end is split off when the last column is the lifetime ("Solidpixels 1
// den", "Google1 den"). A type cell that opens with a short kind before a
// dash ("Analytická cookie - Registers…", under "Typ a funkce") gives the
// kind as the type and the whole cell as the purpose.
func lineRow(lines []string, roles []role) (fields, bool) {
	if len(lines) < 2 || len(lines) > len(roles) {
		return fields{}, false
	}
	var f fields
	for i, l := range lines {
		r := roles[i]
		if i == len(lines)-1 && i < len(roles)-1 && roles[len(roles)-1] == roleDuration {
			if d, rest := durationTail(l); d != "" {
				f.set(roleDuration, &cell{text: d, lines: d})
				if l = rest; l == "" {
					continue
				}
			}
		}
		switch {
		case r == roleName:
			t := trimName(l)
			if !validName(t) || len(strings.Fields(t)) > 1 {
				return fields{}, false
			}
			f.set(roleName, &cell{text: t, lines: t})
		case r == roleType && len(strings.Fields(l)) > 3:
			if lead := purposeLead(l); lead != l && len(strings.Fields(lead)) <= 3 {
				f.set(roleType, &cell{text: lead})
			}
			f.set(rolePurpose, &cell{text: l})
		default:
			f.set(r, &cell{text: l, lines: l})
		}
	}
	return f, f.name != nil
}

// durationTail splits the longest end of a line that reads as a lifetime
// off it; the lifetime may start inside a word the copy ran it into
// ("Google1 den", "GoogleSession").
func durationTail(l string) (string, string) {
	ws := strings.Fields(l)
	for k := range ws {
		tail := strings.Join(ws[k+1:], " ")
		for _, j := range append([]int{0}, wordJoins(ws[k])...) {
			t := strings.TrimSpace(ws[k][j:] + " " + tail)
			if d, err := ParseDuration(t); err == nil && d.Known() {
				return t, strings.TrimSpace(strings.Join(ws[:k], " ") + " " + ws[k][:j])
			}
		}
	}
	return "", l
}

// wordJoins returns where a word written into another starts: a digit
// after a letter, a capital after a small letter.
func wordJoins(w string) []int {
	var at []int
	var prev rune
	for i, r := range w {
		if i > 0 && (unicode.IsDigit(r) && unicode.IsLetter(prev) || unicode.IsUpper(r) && unicode.IsLower(prev)) {
			at = append(at, i)
		}
		prev = r
	}
	return at
}

// nonEmptyLines returns the lines of a text that hold more than space,
// trimmed.
func nonEmptyLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// paraRow reads a paragraph of a table copied into paragraphs: the names
// it starts with (joined by "and" or a comma), what follows as the
// purpose, and the longest end of it that reads as a lifetime.
func (x *extractor) paraRow(flat string) (fields, bool) {
	ws := strings.Fields(flat)
	var names []string
	i := 0
	for i < len(ws) {
		t := trimName(strings.TrimRight(ws[i], ",;"))
		if validName(t) && !notAName(t) && x.nameShaped(t) {
			names = append(names, t)
			i++
			continue
		}
		if len(names) > 0 && nameJoiners[strings.ToLower(ws[i])] && i+1 < len(ws) {
			i++
			continue
		}
		break
	}
	if len(names) == 0 || i == len(ws) || nameJoiners[strings.ToLower(ws[i-1])] {
		return fields{}, false
	}
	rest := ws[i:]
	duration := ""
	for k := max(1, len(rest)-5); k < len(rest); k++ {
		if d, err := ParseDuration(strings.Join(rest[k:], " ")); err == nil && d.Known() {
			duration, rest = strings.Join(rest[k:], " "), rest[:k]
			break
		}
	}
	var f fields
	list := strings.Join(names, "\n")
	f.set(roleName, &cell{text: strings.Join(names, ", "), lines: list})
	f.set(rolePurpose, &cell{text: strings.Join(rest, " ")})
	if duration != "" {
		f.set(roleDuration, &cell{text: duration, lines: duration})
	}
	return f, true
}
