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
	name := collapse(nodeText(nodes[i], false))
	if name == "" || strings.ContainsFunc(name, unicode.IsSpace) || strings.HasSuffix(name, ":") || utf8.RuneCountInString(name) > 80 || !validName(name) {
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
