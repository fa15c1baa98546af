package policy

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

// tailLead returns the bold words ending a run of inline content on a line
// of their own ("…described in the table below:<br><br><strong>Essential
// cookies:</strong>"), or making the whole run though wrapped in other
// inline elements, which head what follows as a heading would; "" when the
// run ends otherwise.
func tailLead(nodes []*html.Node) string {
	last := len(nodes) - 1
	for last >= 0 && blank(nodes[last]) {
		last--
	}
	if last < 0 || !onlyBold(nodes[last]) {
		return ""
	}
	// On a line of its own: after a line break, or alone in the run.
	alone := startsWithBreak(nodes[last])
	for i := last - 1; i >= 0 && !alone; i-- {
		if nodes[i].Type == html.ElementNode && nodes[i].DataAtom == atom.Br {
			alone = true
		} else if !blank(nodes[i]) {
			return ""
		}
	}
	return collapse(nodeText(nodes[last], false))
}

// closingLine returns the last line of a paragraph's text when it stands
// apart as a title: it starts with a capital, is short enough to title
// (see titleLike), and the line before it ends a sentence. "" otherwise.
func closingLine(text string) string {
	text = strings.TrimSpace(text)
	i := strings.LastIndexByte(text, '\n')
	if i < 0 {
		return ""
	}
	before, line := strings.TrimSpace(text[:i]), collapse(text[i+1:])
	r, _ := utf8.DecodeRuneInString(line)
	if line == "" || !unicode.IsUpper(r) || !titleLike(line) || strings.HasSuffix(line, ".") {
		return ""
	}
	if before == "" || !strings.ContainsAny(before[len(before)-1:], ".:!?") {
		return ""
	}
	return line
}

// blank reports whether a node shows nothing: white space, or an element
// with no text and no line break.
func blank(n *html.Node) bool {
	if n.Type == html.TextNode {
		return strings.TrimSpace(n.Data) == ""
	}
	return n.Type == html.ElementNode && n.DataAtom != atom.Br && strings.TrimSpace(nodeText(n, false)) == "" && !startsWithBreak(n)
}

// onlyBold reports whether all an element's text is bold: a strong or b
// element, perhaps wrapped in inline elements holding nothing else.
func onlyBold(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Strong || n.DataAtom == atom.B {
		return strings.TrimSpace(nodeText(n, false)) != ""
	}
	var inner *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if blank(c) {
			continue
		}
		if inner != nil {
			return false
		}
		inner = c
	}
	return inner != nil && isInline(inner) && onlyBold(inner)
}

// startsWithBreak reports whether an element's first content is a line
// break.
func startsWithBreak(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			return true
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode:
			if startsWithBreak(c) {
				return true
			}
			if strings.TrimSpace(nodeText(c, false)) != "" {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// pushLead pushes a paragraph's bold lead-in ("<p><strong>Analytics
// cookies:</strong> …") as a heading of what follows. A lead-in after
// another of its scope naming another category, under which nothing was
// declared, with no real heading between them (short paragraphs may be),
// is one of a run defining the categories ("Technical cookies:
// …", "Analytics cookies: …", "Social media cookies: …"): the table after
// such a run lists the cookies of them all, and the last lead-in names no
// category of it. It reports whether the lead-in is one of such a run.
func (x *extractor) pushLead(text string, n *html.Node) bool {
	prev := x.lastLead
	x.push(pseudoLevel, text, n)
	h := x.headings[len(x.headings)-1]
	h.lead = true
	x.lastLead = h
	if prev != nil && prev != h && prev.scope == h.scope && !prev.used && prev.ownOK && h.ownOK && (prev.glossary || prev.own != h.own) {
		h.glossary = true
	}
	return h.glossary
}

// lineLeadNames declares, through consider, the names leading a paragraph
// or one of its lines before a colon. On the paragraph, the names the
// knowledge base knows: "PREF, VISITOR_INFO1_LIVE, YSC: cookies of
// YouTube…", "NID: shows the maps…". On each line, the same when the lead
// is names alone, known or with a name's marks, on a page about cookies:
// a Markdown paragraph's lines are one paragraph, each line an entry
// ("_ga: …\n_gid: …"), while a wrapped sentence's line may start with any
// word. In a paragraph about cookies, a name of lower-case words joined
// by hyphens leads its line so too ("cookie-notice-accepted: keeps
// whether…").
func (x *extractor) lineLeadNames(text, flat string, cookieTalk, code bool, consider func(string, evidence)) {
	if code {
		return
	}
	lines := []string{flat}
	if strings.Contains(text, "\n") {
		lines = append(lines, strings.Split(text, "\n")...) // one line is the paragraph itself
	}
	for i, line := range lines {
		lead, _, ok := strings.Cut(collapse(line), ": ")
		if !ok || len(strings.Fields(lead)) > 6 {
			continue
		}
		ts := strings.FieldsFunc(lead, func(r rune) bool { return r == ',' || r == ' ' })
		if i > 0 && slices.ContainsFunc(ts, func(t string) bool { return !x.known(t) && !nameMarked(t) }) {
			ts = nil
		}
		for _, t := range ts {
			if x.known(t) || i > 0 && x.cookiePage && nameMarked(t) {
				consider(t, inEmph)
			}
		}
		if cookieTalk && hyphenedName(lead) {
			consider(lead, inEmph)
		}
	}
}
