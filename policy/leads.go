package policy

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadIn returns the bold words opening a paragraph and ending in a colon
// or a dash ("<strong>Analytics cookies:</strong> we use…"), or a short
// title ending in a full stop ("<strong>Analytics.</strong> We use…"), or
// "".
func leadIn(nodes []*html.Node) string {
	for i, n := range nodes {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
			continue
		}
		if n.Type != html.ElementNode || (n.DataAtom != atom.Strong && n.DataAtom != atom.B) {
			return ""
		}
		t := collapse(nodeText(n, false))
		if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "–") || strings.HasSuffix(t, "-") ||
			strings.HasSuffix(t, ".") && len(strings.Fields(t)) <= 4 {
			return t
		}
		if i+1 < len(nodes) && nodes[i+1].Type == html.TextNode {
			rest := strings.TrimSpace(nodes[i+1].Data)
			if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "—") {
				return t
			}
		}
		return ""
	}
	return ""
}

// boldRun returns the text of a run of inline content that is only bold
// text ("<div><strong>Marketing (14)</strong><br>…"), which heads what
// follows as a heading would; "" for any other run.
func boldRun(nodes []*html.Node) string {
	var parts []string
	for _, n := range nodes {
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
		case n.Type == html.ElementNode && (n.DataAtom == atom.Strong || n.DataAtom == atom.B):
			parts = append(parts, collapse(nodeText(n, false)))
		default:
			return ""
		}
	}
	return strings.Join(parts, " ")
}
