package policy

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// unlabelled finds the records a page lists without labels, one block of
// text per field: a cookie's name, its lifetime, then what it does
// ("_ga" / "2 years" / "Registers a unique ID…"), as consent platforms'
// declarations read when copied as text, each field its own paragraph.
// It returns the records by the element of their name, and the elements
// of their other fields; nil when the children of n hold fewer than three
// records, which are left to the other readers.
func (x *extractor) unlabelled(n *html.Node) (map[*html.Node]fields, map[*html.Node]bool) {
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !hiddenElement(c) {
			kids = append(kids, c)
		}
	}
	recs := map[*html.Node]fields{}
	used := map[*html.Node]bool{}
	count := 0
	for i := 0; i+1 < len(kids); i++ {
		name, ok := x.bareName(kids[i])
		if !ok {
			continue
		}
		life := collapse(nodeText(kids[i+1], false))
		if d, err := ParseDuration(life); err != nil || utf8.RuneCountInString(life) > 40 || (!d.Known() && d.Text == "") {
			continue
		}
		f := fields{}
		f.set(roleName, &cell{text: name, lines: name})
		f.set(roleDuration, &cell{text: life, lines: life})
		used[kids[i+1]] = true
		if i+2 < len(kids) {
			if _, next := x.bareName(kids[i+2]); !next && !headingLike(kids[i+2]) {
				purpose := collapse(nodeText(kids[i+2], false))
				f.set(rolePurpose, &cell{text: purpose, lines: purpose})
				used[kids[i+2]] = true
			}
		}
		recs[kids[i]] = f
		count++
	}
	if count < 3 {
		return nil, nil
	}
	return recs, used
}

// bareName returns the cookie name an element holds alone: one word,
// shaped as a name (an underscore, a digit, a wildcard, mixed case) or
// known, and no more.
func (x *extractor) bareName(e *html.Node) (string, bool) {
	if headingLike(e) || hasBlockContent(e) {
		return "", false
	}
	t := wordName(collapse(nodeText(e, false)))
	if t == "" || !(x.nameShaped(t) || strings.ContainsAny(t, ":.-")) {
		return "", false
	}
	return t, true
}

// headingLike reports whether an element is a heading.
func headingLike(e *html.Node) bool {
	_, ok := headingLevel(e)
	return ok
}
