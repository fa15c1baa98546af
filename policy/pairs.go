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
// duration, provider or function. Where the labels name a cookie and a
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
		if cur.name != nil && isHeader(have) && len(strings.Fields(cur.name.text)) <= 12 {
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
// short and names a role.
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
	if len(strings.Fields(label)) > 5 || columnRole(label) == roleNone {
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

// siblingRecords reads the children of n as label and value pairs when
// they are: a short element naming a role followed by the element holding
// its value (Complianz's "<div><h5>Nom</h5></div><div>_ga</div>"), or
// elements holding "Label: value" each. Children that are neither are
// visited in order among the records, so that a heading among them names
// the category of the records after it (a page flattened to text keeps
// every category's heading and its records side by side). It reports
// whether n held a cookie record.
func (x *extractor) siblingRecords(n *html.Node) bool {
	// Empty elements stay as slots: Complianz writes an empty value
	// element for an unknown expiry.
	var kids []*html.Node
	shown := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && !hiddenElement(c):
			kids = append(kids, c)
			if !emptyElement(c) {
				shown++
			}
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false // text between the elements: prose, not a record
		}
	}
	if shown < 2 {
		return false
	}
	texts := make([]string, len(kids))
	counts := map[string]int{}
	for i, k := range kids {
		texts[i] = collapse(textUpTo(k, 400))
		counts[texts[i]]++
	}
	// A label is short, names a role, and is set apart as one: a heading,
	// bold or classed element, or a text repeated from record to record.
	// A section heading ("Essential cookies", "Further information") is
	// no label: it names a category, or heads a table or a list.
	var isLabel func(i int) bool
	memo := make([]int8, len(kids)) // 0 unknown, 1 label, 2 not
	label := func(i int) bool {
		if memo[i] == 0 {
			memo[i] = 2
			if isLabel(i) {
				memo[i] = 1
			}
		}
		return memo[i] == 1
	}
	isLabel = func(i int) bool {
		t := texts[i]
		if t == "" || len(t) > 60 || len(strings.Fields(t)) > 4 || strings.ContainsAny(t, "?？") || columnRole(t) == roleNone {
			return false
		}
		switch kids[i].DataAtom {
		case atom.H1, atom.H2, atom.H3:
			return false
		}
		if _, ok := x.lex.heading(t); ok {
			return false
		}
		return counts[t] >= 2 || labelElement(kids[i])
	}
	var pairs []pair
	var pairAt []int // the index in kids of each pair's first element
	paired := map[*html.Node]bool{}
	for i := 0; i < len(kids); i++ {
		k := kids[i]
		if label(i) && i+1 < len(kids) && !label(i+1) && valueElement(kids[i+1]) {
			v := kids[i+1]
			pairs, pairAt = append(pairs, pair{label: texts[i], value: collapse(nodeText(v, false)), lines: nodeText(v, true)}), append(pairAt, i)
			paired[k], paired[v] = true, true
			i++
			continue
		}
		if p, ok := innerPair(k); ok {
			// "<div><strong>Name</strong><span>_ga</span></div>"
			pairs, pairAt, paired[k] = append(pairs, p), append(pairAt, i), true
			continue
		}
		if texts[i] != "" && isLabelBlock(k) {
			// Each line of the block may be a pair ("NAME – x<br>PURPOSE – y").
			var ps []pair
			for _, line := range strings.Split(nodeText(k, false), "\n") {
				ps = append(ps, labelledAll(collapse(line))...)
			}
			if len(ps) > 0 {
				pairs, paired[k] = append(pairs, ps...), true
				for range ps {
					pairAt = append(pairAt, i)
				}
			}
		}
	}
	unpaired := 0
	for _, k := range kids {
		if !paired[k] && !emptyElement(k) {
			unpaired++
		}
	}
	if len(pairs) < 2 || unpaired*2 > shown {
		return false
	}
	if len(x.records(pairs)) == 0 {
		return false
	}
	// The records before a heading are read under the headings before
	// them; a heading ends a record.
	done := 0
	emitBefore := func(kid int) {
		end := done
		for end < len(pairs) && pairAt[end] < kid {
			end++
		}
		if end > done {
			if recs := x.records(pairs[done:end]); len(recs) > 0 {
				x.emit(n, recs, 0, LayoutRecord)
			}
			done = end
		}
	}
	for i, k := range kids {
		if paired[k] {
			continue
		}
		if _, ok := headingLevel(k); ok {
			emitBefore(i)
		}
		x.visit(k)
	}
	emitBefore(len(kids))
	x.close(n)
	return true
}

// innerPair reads an element holding a label element and then its value
// in one inline element, with no separator between them
// ("<div><strong>Name</strong><span>_ga</span></div>").
func innerPair(k *html.Node) (pair, bool) {
	first := k.FirstChild
	for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
		first = first.NextSibling
	}
	if first == nil || first.Type != html.ElementNode || first.NextSibling == nil || !labelElement(first) {
		return pair{}, false
	}
	label := collapse(nodeText(first, false))
	if label == "" || len(strings.Fields(label)) > 4 || strings.ContainsAny(label, ":：") || columnRole(label) == roleNone {
		return pair{}, false
	}
	// The value is one element, the last: no text beside the two.
	var value *html.Node
	for n := first.NextSibling; n != nil; n = n.NextSibling {
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
		case n.Type == html.ElementNode && value == nil && !blockElements[n.DataAtom]:
			value = n
		default:
			return pair{}, false
		}
	}
	if value == nil {
		return pair{}, false
	}
	lines := strings.TrimSpace(nodeText(value, true))
	if lines == "" {
		return pair{}, false
	}
	return pair{label: label, value: collapse(lines), lines: lines}, true
}

// labelElement reports whether an element is set apart as a label: a
// heading, a term, a header cell, bold text, or an element whose class
// says so ("name-header", "cookie-label").
func labelElement(n *html.Node) bool {
	for e := n; e != nil; {
		switch e.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dt, atom.Th, atom.Strong, atom.B, atom.Label:
			return true
		}
		if containsAny(strings.ToLower(attr(e, "class")), "header", "label", "title", "key", "head") {
			return true
		}
		// Down through wrappers holding one element and no text.
		var only *html.Node
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if only != nil {
					return false
				}
				only = c
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return false
			}
		}
		e = only
	}
	return false
}

// valueElement reports whether an element can hold a record's value: an
// inline element, or a division or paragraph holding no table, list or
// heading.
func valueElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Dd, atom.Span, atom.Section, atom.Td:
		return !hasBlockContent(n)
	}
	return !blockElements[n.DataAtom] && !hasBlockContent(n)
}

// isLabelBlock reports whether an element can hold a "Label: value" line of
// a record: a paragraph, block or list item of its own.
func isLabelBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Span, atom.Dd, atom.Section:
		return !hasBlockContent(n)
	}
	return false
}

// emptyElement reports whether an element holds no text.
func emptyElement(n *html.Node) bool {
	return strings.TrimSpace(textUpTo(n, 16)) == ""
}

// hiddenElement reports whether an element is no part of the text of a
// page: inputs, rules, images, scripts.
func hiddenElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Input, atom.Br, atom.Hr, atom.Img, atom.Svg, atom.Script, atom.Style, atom.Template:
		return true
	}
	return false
}
