package policy

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pair is a label and its value in a list.
type pair struct {
	label string
	value string // collapsed
	lines string // with line breaks and placeholders
}

// list extracts the records of a list of label and value pairs (see
// [records]) and reports whether any was a cookie declaration. table is
// the position of a two-column table the pairs come from, or 0.
func (x *extractor) list(n *html.Node, pairs []pair, table int) bool {
	recs := x.records(pairs)
	if len(recs) == 0 {
		return false
	}
	before := len(x.decls) + len(x.services)
	x.emit(n, recs, table, LayoutList)
	return len(x.decls)+len(x.services) > before
}

func (x *extractor) emit(n *html.Node, recs []fields, table int, plain string) {
	ctx := &tableContext{index: table, layout: layoutOf(n, plain), intro: x.takeIntro()}
	if table > 0 && ctx.layout == LayoutList {
		ctx.layout = LayoutTable
	}
	for _, f := range recs {
		x.row(f, ctx)
	}
}

// records reads label and value pairs as records: a new record starts at
// each name label, and a record needs a name and one of purpose, category,
// duration, provider or function, or a type that names a category. Where the labels name a cookie and a
// plain name both ("Name: Borlabs Cookie … Cookie name: borlabs-cookie"),
// the cookie's label gives the names and the plain one the service.
func (x *extractor) records(pairs []pair) []fields {
	if len(pairs) < 2 {
		return nil
	}
	roles := make([]role, len(pairs))
	cookieName, plainName := false, false
	for i, p := range pairs {
		roles[i] = columnRole(p.label)
		if roles[i] == roleName && len(strings.Fields(p.value)) > 12 {
			// No name but a sentence: a bold line that speaks of cookies
			// and the paragraph after it ("Çerezlerin Devredışı
			// Bırakılması Halinde:"), which names no cookie and says
			// nothing of how the records label theirs.
			roles[i] = roleNone
		}
		if roles[i] == roleName {
			if namesCookie(p.label) {
				cookieName = true
			} else {
				plainName = true
			}
		}
	}
	if cookieName && plainName {
		// The page names services "Name" and cookies "Cookie name"
		// (Borlabs): a later record with a "Name" alone is a service
		// with no cookie, not a cookie.
		x.namesServices = true
	}
	if cookieName || x.namesServices {
		for i, p := range pairs {
			if roles[i] == roleName && !namesCookie(p.label) {
				roles[i] = roleProvider
			}
		}
	}
	var recs []fields
	var cur fields
	var have []role
	flush := func() {
		// A type that names a category ("Type: strictly necessary
		// cookie") is the record's category.
		_, typed := x.lex.heading(cur.typ)
		if cur.name != nil && (isHeader(have) || cur.typ != "" && typed) && len(strings.Fields(cur.name.text)) <= 12 {
			recs = append(recs, cur)
		}
		cur, have = fields{}, nil
	}
	for i, p := range pairs {
		r := roles[i]
		if r == roleNone {
			continue
		}
		if r == roleName && cur.name != nil {
			flush()
		}
		have = append(have, r)
		cur.set(r, &cell{text: p.value, lines: p.lines})
	}
	flush()
	return recs
}

// namesCookie reports whether a label names the cookie itself ("Cookie
// name", "Nom du cookie", "Cookies") rather than a plain name.
func namesCookie(label string) bool {
	return find(words(label), cookieWords) >= 0
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
			label := collapse(nodeText(elems[0], false))
			if _, ok := labelled(label); !ok && len(strings.Fields(label)) <= 4 {
				var value, lines strings.Builder
				for _, e := range elems[1:] {
					value.WriteString(nodeText(e, false) + " ")
					lines.WriteString(nodeText(e, true) + "\n")
				}
				pairs = append(pairs, pair{label: label, value: collapse(value.String()), lines: lines.String()})
				continue
			}
			// Paragraphs of "Label: value" each.
			for _, e := range elems {
				pairs = append(pairs, labelledAll(collapse(nodeText(e, false)))...)
			}
			continue
		}
		pairs = append(pairs, labelledAll(strings.TrimLeft(collapse(nodeText(li, false)), `-–•*\ `))...)
	}
	return pairs
}

// labelledAll splits text holding one pair or several separated by
// semicolons ("Name: _ga; Purpose: counts visits; Lifetime: 2 years");
// a segment with no label of its own continues the value before it.
func labelledAll(text string) []pair {
	first, ok := labelled(text)
	if !ok {
		return nil
	}
	if !strings.Contains(text, ";") {
		return []pair{first}
	}
	var pairs []pair
	for _, seg := range strings.Split(text, ";") {
		seg = strings.TrimSpace(seg)
		if p, ok := labelled(seg); ok {
			pairs = append(pairs, p)
		} else if len(pairs) > 0 && seg != "" {
			last := &pairs[len(pairs)-1]
			last.value += "; " + seg
			last.lines += "; " + seg
		}
	}
	if len(pairs) == 0 {
		return []pair{first}
	}
	return pairs
}

// labelled splits "Label: value" (or "LABEL – value") when the label is
// short and names a role. A label in a script's template string
// ("`${SITE_NAME} privacy policy: …`") is code, whatever words it holds.
func labelled(text string) (pair, bool) {
	best := -1
	sep := ""
	for _, s := range labelSeparators {
		if i := strings.Index(text, s); i > 0 && (best < 0 || i < best) {
			best, sep = i, s
		}
	}
	if best < 0 || best > 60 {
		return pair{}, false
	}
	label := strings.TrimSpace(text[:best])
	if len(strings.Fields(label)) > 5 || strings.Contains(label, "${") || strings.Contains(label, "`") || columnRole(label) == roleNone {
		return pair{}, false
	}
	value := strings.TrimSpace(text[best+len(sep):])
	if value == "" {
		return pair{}, false
	}
	return pair{label: label, value: collapse(value), lines: value}, true
}

// directText returns the text nodes directly under n: a script's or a
// style's source, or the words of an element beside its children.
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
