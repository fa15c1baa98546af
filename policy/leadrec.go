package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadRecord reads a run of inline content that is one cookie's record
// with its name unlabelled: the name in bold, what it does, then labelled
// fields ("<strong>m</strong> Tells the device apart.<br><small><strong>
// Storage duration:</strong> 1 year</small> <small><strong>Type:</strong>
// HTTP cookie</small>"), as copies of consent platforms' declarations
// read. The fields must hold a lifetime or a type and name no cookie
// themselves; the name may then be any single word ("m", "id"), though no
// bare number.
func (x *extractor) leadRecord(nodes []*html.Node) bool {
	i := 0
	for i < len(nodes) && blank(nodes[i]) {
		i++
	}
	if i == len(nodes) || nodes[i].Type != html.ElementNode || (nodes[i].DataAtom != atom.Strong && nodes[i].DataAtom != atom.B) {
		return false
	}
	name, ok := boldName(nodes[i])
	if !ok {
		return false
	}
	var purpose strings.Builder
	var labels []pair
	for _, n := range nodes[i+1:] {
		label, value, ok := boldLabel(n)
		switch {
		case ok:
			labels = append(labels, pair{label: label, value: value, lines: value})
		case len(labels) > 0 && n.Type == html.TextNode:
			// the value after a bare bold label
			last := &labels[len(labels)-1]
			last.value = collapse(last.value + " " + n.Data)
			last.lines = last.value
		case len(labels) == 0:
			purpose.WriteString(" " + nodeTextOf(n, false))
		}
	}
	f := fields{}
	f.set(roleName, &cell{text: name, lines: name})
	lifeOrType := false
	for _, p := range labels {
		r := columnRole(p.label)
		switch r {
		case roleName, roleNone:
			return false
		case roleDuration, roleType:
			lifeOrType = true
		}
		f.set(r, &cell{text: p.value, lines: p.lines})
	}
	if !lifeOrType {
		return false
	}
	if p := collapse(purpose.String()); p != "" {
		f.set(rolePurpose, &cell{text: p, lines: p})
	}
	x.emit(nodes[i].Parent, []fields{f}, 0, LayoutRecord)
	return true
}

// boldLabel reads a labelled field set apart by a bold label: the label
// alone ("<strong>Type:</strong>", its value the text after it) or with
// its value in one inline element ("<small><strong>Type:</strong> HTTP
// cookie</small>").
func boldLabel(n *html.Node) (label, value string, ok bool) {
	if n.Type != html.ElementNode || !isInline(n) {
		return "", "", false
	}
	if n.DataAtom == atom.Strong || n.DataAtom == atom.B {
		t := collapse(nodeText(n, false))
		if !strings.HasSuffix(t, ":") {
			return "", "", false
		}
		return strings.TrimSpace(strings.TrimSuffix(t, ":")), "", true
	}
	var first *html.Node
	for c := n.FirstChild; c != nil && first == nil; c = c.NextSibling {
		if !blank(c) {
			first = c
		}
	}
	if first == nil {
		return "", "", false
	}
	label, _, ok = boldLabel(first)
	if !ok || first.DataAtom != atom.Strong && first.DataAtom != atom.B {
		return "", "", false
	}
	var rest strings.Builder
	for c := first.NextSibling; c != nil; c = c.NextSibling {
		rest.WriteString(" " + nodeTextOf(c, false))
	}
	return label, collapse(rest.String()), true
}

// listName returns the name a labelled list of one cookie's fields
// follows when the list has no name of its own: the name alone in bold,
// or alone in a paragraph or a minor heading, right before the list
// ("<strong>ANID</strong><ul><li>Provider: .google.com</li><li>Purpose:
// analytics cookie</li>…</ul>"). The list must hold two fields or more,
// none of them a name.
func listName(list *html.Node, pairs []pair) string {
	name := leadName(beside(list, true), true)
	if name == "" {
		return ""
	}
	n := 0
	for _, p := range pairs {
		switch columnRole(p.label) {
		case roleName:
			return ""
		case roleNone:
		default:
			n++
		}
	}
	if n < 2 {
		return ""
	}
	return name
}

// leadName returns the name that the element before a block holds alone:
// a name in bold, or a paragraph or minor heading of the name alone
// ("<p><span>bcookie</span></p>"), as a word processor's export writes
// it. A category's word ("Analytics") is no name in a paragraph, and in
// bold only when boldCategories says so.
func leadName(prev *html.Node, boldCategories bool) string {
	if prev == nil || prev.Type != html.ElementNode {
		return ""
	}
	bold := false
	switch prev.DataAtom {
	case atom.Strong, atom.B:
		bold = true
	case atom.P, atom.Div, atom.H4, atom.H5, atom.H6:
	default:
		return ""
	}
	name, ok := boldName(prev)
	if _, cat := categoryOf(name); cat && !(bold && boldCategories) {
		return ""
	}
	if !ok || notAName(name) {
		return ""
	}
	return name
}

// namedList reads a labelled list that follows a name in bold (see
// listName) as that cookie's record.
func (x *extractor) namedList(list *html.Node, pairs []pair) bool {
	name := listName(list, pairs)
	if name == "" {
		return false
	}
	return x.list(list, append([]pair{{label: "Name", value: name, lines: name}}, pairs...), 0)
}

// listPairs returns the label and value pairs of a list element.
func listPairs(n *html.Node) []pair {
	if n.DataAtom == atom.Dl {
		return dlPairs(n)
	}
	return liPairs(n)
}

// beforeList reports whether a run of inline content is the bold name of
// the labelled list after it, which reads it (see namedList).
func beforeList(nodes []*html.Node) bool {
	next := beside(nodes[len(nodes)-1], false)
	if next == nil || (next.DataAtom != atom.Ul && next.DataAtom != atom.Ol && next.DataAtom != atom.Dl) {
		return false
	}
	return listName(next, listPairs(next)) != ""
}

// boldName returns the text of a bold element when it can be one
// cookie's name: one word of a name's characters, no label (no colon),
// after a list's marker ("<b>- acceptCookies</b>").
func boldName(b *html.Node) (string, bool) {
	name := collapse(nodeText(b, false))
	for _, m := range []string{"- ", "– ", "— ", "• ", "* ", "· "} {
		name = strings.TrimPrefix(name, m)
	}
	if name == "" || strings.ContainsFunc(name, unicode.IsSpace) || strings.HasSuffix(name, ":") || utf8.RuneCountInString(name) > 80 || !validName(name) {
		return "", false
	}
	return name, true
}

// beside returns the sibling before n (back) or after it, past blank
// nodes, or nil.
func beside(n *html.Node, back bool) *html.Node {
	step := func(c *html.Node) *html.Node {
		if back {
			return c.PrevSibling
		}
		return c.NextSibling
	}
	s := step(n)
	for s != nil && blank(s) {
		s = step(s)
	}
	return s
}

// boldLead returns the name alone in bold, or alone in a paragraph or a
// minor heading, right before block, as listName reads one; no
// category's word, and no company's.
func boldLead(block *html.Node) string {
	if block == nil || block.Type != html.ElementNode {
		return ""
	}
	name := leadName(beside(block, true), false)
	if name == "" {
		return ""
	}
	// A capitalised word with no name's marks is a company's or a
	// service's ("<p><b>DoubleClick</b></p><p>The DoubleClick cookie…"):
	// the cookies it names are that company's.
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) && !nameMarked(name) && !allCaps(name) {
		return ""
	}
	return name
}

// namedCookie reports whether text names name as a cookie: the word right
// before or after it is the word for cookies ("the privacywarning
// cookie", "le cookie privacywarning").
func namedCookie(text, name string) bool {
	ws := strings.Fields(text)
	for i, w := range ws {
		if strings.Trim(w, `"'“”‘’«»()[],.;:`) != name {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(ws) && find(words(ws[j]), cookieWords) == 0 {
				return true
			}
		}
	}
	return false
}
