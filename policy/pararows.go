package policy

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paraTable reads a table copied into paragraphs, one paragraph a row: a
// paragraph of column titles ("Nom Utilité Expire"), then paragraphs that
// each start with a cookie's name, its purpose after it and its lifetime
// at the end ("_utma Counts the unique visitors 2 ans"). It reports
// whether the run of inline content was such a paragraph (and is read).
func (x *extractor) paraTable(nodes []*html.Node, flat string) bool {
	p := nodes[0].Parent
	if p == nil || p.DataAtom != atom.P {
		x.paraLast = nil
		return false
	}
	if titleWords(flat) {
		x.paraLast = p
		return true
	}
	if x.paraLast == nil || beside(p, true) != x.paraLast {
		x.paraLast = nil
		return false
	}
	f, ok := x.paraRow(flat)
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
