package policy

// Records written as sibling elements: a label element, then its value.

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
		if _, ok := labelled(t); ok {
			return false // a label and its value ("Name: _gid", "Süresi- 2 yıl"), no bare label
		}
		if _, v, ok := strings.Cut(t, ":"); ok && strings.TrimSpace(v) != "" {
			return false // any other "Label: value"
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
		if label(i) && counts[texts[i]] >= 2 && labelElement(k) && (i+1 == len(kids) || label(i+1) && labelElement(kids[i+1])) {
			// A label repeated from record to record and set apart as one,
			// with no value after it but the next label: Complianz leaves
			// out the value of an unknown expiry or function and keeps its
			// label. (A value repeated from record to record, "Store
			// cookie consent preferences", is no label of this kind.)
			pairs, pairAt = append(pairs, pair{label: texts[i]}), append(pairAt, i)
			paired[k] = true
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
	// Headings are the records' sections, not prose among them: a page
	// of many short sections ("Login cookies", "Video cookies") keeps a
	// heading beside every record.
	unpaired := 0
	for _, k := range kids {
		if _, h := headingLevels[k.DataAtom]; !paired[k] && !emptyElement(k) && !h {
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
		// A heading, or a block of records of its own (Complianz's
		// purposes of one service, nested when their markup is not
		// closed), ends the records before it: they are read under the
		// headings before them.
		// A heading, or a block of records of its own (Complianz's
		// purposes of one service, nested when their markup is not
		// closed), ends the records before it: they are read under the
		// headings before them.
		if _, ok := headingLevel(k); ok || hasBlockContent(k) {
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
// a record: a paragraph, block or list item of its own, or a minor heading
// that holds a record's first line.
func isLabelBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Span, atom.Dd, atom.Section:
		return !hasBlockContent(n)
	case atom.H4, atom.H5, atom.H6:
		// A minor heading that is a record's first pair ("<h5>Name:
		// _gid</h5>"), its label naming a role.
		label, _, ok := strings.Cut(collapse(nodeText(n, false)), ":")
		return ok && !hasBlockContent(n) && columnRole(label) != roleNone
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
