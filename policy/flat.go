package policy

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lineRecords reads lines of "Label – value" pairs ("NOM TÈCNIC – __utma,
// __utmb<br>FINALITAT – Anàlisi") as records; and lines of such pairs
// led by a name alone in bold ("<strong>site-session</strong><br>Zweck:
// …<br>Speicherdauer: 30 Tage"), when a pair holds a lifetime or a type
// and none a name (see leadLine).
func (x *extractor) lineRecords(parent *html.Node, text string) bool {
	if !strings.Contains(text, "\n") && strings.Count(text, ";") < 1 || codeLike(text) {
		return false
	}
	var pairs []pair
	lines := strings.Split(text, "\n")
	lead, rest := leadLine(parent, lines)
	goesOn := false // the last pair's value may go on on the next line
	for _, line := range rest {
		line = collapse(line)
		ps := labelledAll(line)
		switch {
		case len(ps) > 0:
			goesOn = true
		case lead == "" || line == "":
		case otherLabel.MatchString(line):
			// A field the record's reader has no role for
			// ("Rechtsgrundlage: …"): its value is not the last pair's.
			goesOn = false
		case goesOn && len(pairs) > 0:
			// A value broken over lines.
			last := &pairs[len(pairs)-1]
			last.value += " " + line
			last.lines += "\n" + line
		}
		pairs = append(pairs, ps...)
	}
	if lead != "" {
		if !lifeOrTypeOnly(pairs) {
			return false
		}
		pairs = append([]pair{{label: "Name", value: lead, lines: lead}}, pairs...)
	}
	recs := x.records(pairs)
	if len(recs) == 0 {
		return false
	}
	x.emit(parent, recs, 0, LayoutRecord)
	return true
}

// flatTables reads tables pasted as text with one cell per line: a header
// line of tab-separated column names ("Nom	Description	Persistance"),
// then the cells, one per line, a row ending at each lifetime when the
// last column is the lifetime (rows may hold an extra line, a link), else
// every as many lines as there are columns. The short line before a
// header titles its table. Browsers copy tables so when their cells hold
// line breaks.
func (x *extractor) flatTables(parent *html.Node, text string) bool {
	if !strings.Contains(text, "\t") {
		return false
	}
	lines := nonEmptyLines(text)
	type header struct {
		at    int
		roles []role
	}
	var headers []header
	for i, l := range lines {
		if !strings.Contains(l, "\t") {
			continue
		}
		var roles []role
		for _, c := range strings.Split(l, "\t") {
			if c = strings.TrimSpace(c); c != "" {
				roles = append(roles, columnRole(c))
			}
		}
		if len(roles) >= 2 && isHeader(uniqueRoles(roles)) {
			headers = append(headers, header{i, uniqueRoles(roles)})
		}
	}
	if len(headers) == 0 {
		return false
	}
	before := len(x.decls)
	for k, h := range headers {
		end := len(lines)
		if k+1 < len(headers) {
			end = headers[k+1].at
			if end-1 > h.at && titleLike(lines[end-1]) && !strings.Contains(lines[end-1], "\t") {
				end-- // the next table's title
			}
		}
		x.tables++
		ctx := &tableContext{index: x.tables, layout: LayoutTable}
		if h.at > 0 && titleLike(lines[h.at-1]) {
			ctx.caption = lines[h.at-1]
			ctx.titled = true
		}
		width := len(h.roles)
		byLifetime := h.roles[width-1] == roleDuration
		var row []string
		flush := func() {
			if len(row) == 0 {
				return
			}
			var f fields
			for i, r := range h.roles {
				v := ""
				switch {
				case byLifetime && i == width-1:
					v = row[len(row)-1]
				case i < len(row) && !(byLifetime && i == len(row)-1):
					v = row[i]
				}
				if v = collapse(v); v != "" {
					f.set(r, &cell{text: v, lines: v})
				}
			}
			x.row(f, ctx)
			row = nil
		}
		for _, l := range lines[h.at+1 : end] {
			row = append(row, l)
			if byLifetime {
				if d, err := ParseDuration(l); err == nil && d.Known() && len(row) >= width-1 {
					flush()
				}
			} else if len(row) == width {
				flush()
			}
		}
		flush()
	}
	return len(x.decls) > before
}

// otherLabel is a line that starts with a short label of words and a
// colon.
var otherLabel = regexp.MustCompile(`^[\p{L}][\p{L} .-]{0,40}:\s`)

// leadLine returns the name that leads a paragraph's lines alone, in bold
// (see boldName), and the lines after it; "" and all the lines when
// none does.
func leadLine(parent *html.Node, lines []string) (string, []string) {
	first := parent.FirstChild
	for first != nil && blank(first) {
		first = first.NextSibling
	}
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if first == nil || i == len(lines) || first.Type != html.ElementNode || first.DataAtom != atom.Strong && first.DataAtom != atom.B {
		return "", lines
	}
	name, ok := boldName(first)
	if !ok || name != collapse(lines[i]) || notAName(name) {
		return "", lines
	}
	return name, lines[i+1:]
}

// lifeOrTypeOnly reports whether labelled fields that follow a name hold
// a lifetime or a type, and no name of their own.
func lifeOrTypeOnly(pairs []pair) bool {
	lifeOrType := false
	for _, p := range pairs {
		switch columnRole(p.label) {
		case roleName:
			return false
		case roleDuration, roleType:
			lifeOrType = true
		}
	}
	return lifeOrType
}
