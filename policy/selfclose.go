package policy

import (
	"bytes"
)

// rawTextElements are the elements whose content an HTML parser reads as
// text up to their end tag: a "<style />" left open there swallows the
// rest of the page.
var rawTextElements = []string{"script", "style", "textarea", "title", "iframe", "noscript", "noembed", "noframes", "xmp"}

// closeRawText rewrites the self-closed raw-text elements of templates and
// JSX ("<style dangerouslySetInnerHTML={{...}} />", "<script src=x />"),
// and JSX's self-closed components ("<Nav />"; see componentAt), as empty
// elements ("<style ...></style>"). HTML has no self-closing
// tags, so a parser takes "<style />" as the start of a style sheet that
// runs to the end of the page, and every table after it is lost; the
// source meant an empty element. Line breaks are kept, so that the lines
// of declarations stay right. data is not modified; the result is data
// itself when nothing was rewritten.
func closeRawText(data []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(data); i++ {
		if data[i] != '<' {
			continue
		}
		name := rawTextAt(data[i+1:])
		if name == "" {
			name = componentAt(data[i+1:])
		}
		if name == "" {
			continue
		}
		end, selfClosed := tagEnd(data, i+1+len(name))
		if end < 0 {
			break
		}
		if selfClosed {
			// data[end-1] is '/', data[end] is '>'.
			out = append(out, data[last:end-1]...)
			out = append(out, '>', '<', '/')
			out = append(out, name...)
			out = append(out, '>')
			last = end + 1
		}
		i = end
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// rawTextAt returns the raw-text element name that b starts with, when
// a space, "/" or ">" follows it; "" otherwise.
func rawTextAt(b []byte) string {
	for _, name := range rawTextElements {
		if len(b) > len(name) && bytes.EqualFold(b[:len(name)], []byte(name)) {
			switch b[len(name)] {
			case ' ', '\t', '\n', '\r', '\f', '/', '>':
				return name
			}
		}
	}
	return ""
}

// componentAt returns the name of a JSX component that b starts with
// ("Nav", "Layout.Footer"): a capital, then letters, digits or dots, and a
// space, "/" or ">" after them; "" otherwise. A parser reads "<Nav />" as
// a nav element left open, which holds the rest of the page as the site's
// navigation.
func componentAt(b []byte) string {
	if len(b) == 0 || b[0] < 'A' || b[0] > 'Z' {
		return ""
	}
	for j := 1; j < len(b); j++ {
		switch c := b[j]; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.':
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>':
			return string(b[:j])
		default:
			return ""
		}
	}
	return ""
}

// tagEnd returns the index of the '>' that ends the tag whose attributes
// start at data[from], skipping quoted values and JSX expressions in
// braces, and whether a '/' right before it closes the tag; -1 when the
// tag does not end.
func tagEnd[T string | []byte](data T, from int) (int, bool) {
	var quote byte
	depth := 0
	for j := from; j < len(data); j++ {
		c := data[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || (c == '`' && depth > 0):
			quote = c
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == '>' && depth == 0:
			return j, j > from && data[j-1] == '/'
		}
	}
	return -1, false
}
