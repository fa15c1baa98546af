package policy

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The names that lead a list item: alone, set apart by code or bold,
// joined, or followed by a separator, and what the item says of them.

// bareNames returns the names a list item consists of, when it holds
// nothing else ("<li>_ga</li>", "<li>_ga, _gid</li>").
func bareNames(li *html.Node) []string {
	text := collapse(nodeText(li, false))
	if text == "" || len(strings.Fields(text)) > 5 {
		return nil
	}
	names := cellNames(nodeText(li, true))
	if len(names) == 0 {
		return nil
	}
	for _, n := range names {
		if notAName(n) {
			return nil
		}
	}
	// Every word is a name or a joining word.
	rest := text
	for _, n := range names {
		rest = strings.Replace(rest, n, " ", 1)
	}
	for _, w := range strings.Fields(rest) {
		if !nameJoiners[strings.ToLower(strings.Trim(w, ",;"))] && strings.Trim(w, ",;") != "" {
			return nil
		}
	}
	return names
}

// joinedLeads returns the names set apart as the first one is that follow
// it joined by a word or a sign ("<b>_ga</b> + <b>_gid</b>: …",
// "<code>a</code> and <code>b</code>"), each after ", "; or by a short
// phrase that starts with a joining word, when the name after it is
// marked as a name ("<b>_ga</b> y las que empiezan por <b>_ga_</b>").
// written is the item's text from the first name to the last, as the
// page writes it.
func joinedLeads(first *html.Node) (names, written string) {
	var out, raw strings.Builder
	raw.WriteString(nodeText(first, false))
	for n := first.NextSibling; n != nil && n.NextSibling != nil; n = n.NextSibling.NextSibling {
		joiner := strings.ToLower(strings.TrimSpace(n.Data))
		next := n.NextSibling
		if n.Type != html.TextNode || next.Type != html.ElementNode || next.DataAtom != first.DataAtom {
			break
		}
		name := collapse(nodeText(next, false))
		ws := strings.Fields(joiner)
		if !(nameJoiners[joiner] || joiner == "," || joiner == "/") &&
			!(len(ws) > 1 && len(ws) <= 6 && nameJoiners[ws[0]] && nameMarked(name) && !strings.ContainsAny(joiner, ".:;")) {
			break
		}
		out.WriteString(", " + name)
		raw.WriteString(n.Data + nodeText(next, false))
	}
	return out.String(), collapse(raw.String())
}

// itemLead returns the cookie names that lead a list item, set apart by
// code or bold or followed by a separator, and the rest of the item as
// their purpose. section says the section talks about cookies: a list led
// by code there names cookies even when their names are plain words.
func (x *extractor) itemLead(li *html.Node, section bool) ([]string, string, Duration) {
	text := collapse(nodeText(li, false))
	if text == "" || utf8.RuneCountInString(text) > 1000 {
		return nil, "", Duration{}
	}
	var dur Duration
	ev := inText
	lead, leadText := "", "" // the names, and the text they are written in
	start := li
	for c := li.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if c.DataAtom == atom.P {
				start = c // a loose list's item holds paragraphs
			}
			break
		}
		if strings.TrimSpace(c.Data) != "" {
			break
		}
	}
	// A word alone on the item's first line, joined by a sign or holding
	// a digit as names are ("restore-scroll"; "Chrome" alone is a
	// browser's instructions).
	lineLead := false
	for c := start.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		if w := strings.TrimSpace(c.Data); c.Type == html.TextNode && !strings.ContainsFunc(w, unicode.IsSpace) && strings.ContainsAny(w, "-_.*0123456789") && nextBreak(c) {
			lead, leadText, lineLead = w, w, true
		}
		if c.Type == html.ElementNode && (codeElements[c.DataAtom] || emphElements[c.DataAtom]) {
			ev = inEmph
			if codeElements[c.DataAtom] || onlyCode(c) {
				ev = inCode
			}
			more, written := joinedLeads(c)
			lead, leadText = collapse(nodeText(c, false))+more, written
		}
		break
	}
	if lead == "" {
		// The first of a colon and a dash between spaces ends the lead
		// ("_ga — tells browsers apart. Lifetime: 2 years"); else the
		// first colon, dash or parenthesis.
		i := -1
		for _, sep := range []string{": ", " — ", " – "} {
			if j := strings.Index(text, sep); j > 0 && (i < 0 || j < i) {
				i = j
			}
		}
		if i < 0 {
			i = strings.IndexAny(text, ":–—(")
		}
		if j := strings.Index(text, " - "); j > 0 && (i < 0 || j < i) {
			i = j
		}
		if i <= 0 || i > 80 {
			return nil, "", Duration{}
		}
		lead = strings.TrimSpace(text[:i])
		// "gc_session: duration of the session": a name and its lifetime;
		// "Duration: 2 years" is a label and its value.
		// "Analytics : 2 ans": a category and its lifetime, no name.
		_, category := x.lex.heading(lead)
		if d, err := ParseDuration(strings.TrimLeft(text[i:], ":–—(- ")); err == nil && d.Known() && columnRole(lead) == roleNone && !category {
			ev, dur = inNamed, d
		}
	}
	labelLead := strings.HasSuffix(lead, ":")
	lead = strings.TrimRight(lead, ":–—- ")
	if len(strings.Fields(lead)) > 6 {
		return nil, "", Duration{}
	}
	names := cellNames(lead)
	if len(names) == 0 {
		return nil, "", Duration{}
	}
	talk := find(words(text), cookieWords) >= 0
	// A lead in bold whose item notes a lifetime ("<strong>language</strong>
	// - wybór języka (ważność: 365 dni)"), in a section about cookies,
	// names a cookie as a lead in code does, plain word as it may be.
	// A label ("<strong>Cookie-uri:</strong> `_ga` (2 ani)") is none.
	// So does a word alone on the item's first line, its purpose on the
	// lines below ("restore-scroll<br>Remembers where you were.").
	record := ev == inCode || ev == inEmph && !labelLead && lifetimeNoted(text) || lineLead
	for _, n := range names {
		if !x.proseName(n, ev, talk || section || ev != inText) && !(record && section && validName(n) && !notAName(n)) {
			return nil, "", Duration{}
		}
	}
	if ev == inEmph && x.phraseLead(lead, names) {
		return nil, "", Duration{}
	}
	if leadText == "" {
		leadText = lead
	}
	purpose := strings.TrimSpace(strings.TrimPrefix(text, leadText))
	purpose = strings.TrimSpace(strings.TrimLeft(purpose, ":–—- "))
	if dur.Known() {
		purpose = ""
	}
	return names, sentence(purpose), dur
}

// nextBreak reports whether the first node after n that is not blank is a
// line break.
func nextBreak(n *html.Node) bool {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		return c.Type == html.ElementNode && c.DataAtom == atom.Br
	}
	return false
}

// lifetimeNoted reports whether a text notes a lifetime in parentheses,
// alone or after a label ("(2 years)", "(ważność: 365 dni)").
func lifetimeNoted(text string) bool {
	for _, m := range parenthesisedText.FindAllString(text, 4) {
		in := strings.Trim(m, "()")
		if _, after, ok := strings.Cut(in, ":"); ok {
			in = after
		}
		if d, err := ParseDuration(strings.TrimSpace(in)); err == nil && d.Known() {
			return true
		}
	}
	return false
}

// leadCategory returns what a list item's lead says in parentheses after
// its names when it names a category ("_ga (Analítica): …"), else "".
func (x *extractor) leadCategory(li *html.Node) string {
	lead, _, ok := strings.Cut(collapse(nodeText(li, false)), ":")
	if !ok || len(lead) > 80 {
		return ""
	}
	for _, m := range parenthesisedText.FindAllString(lead, 2) {
		if in := strings.Trim(m, "()"); in != "" {
			if _, ok := x.lex.heading(in); ok {
				return in
			}
		}
	}
	return ""
}

// leadJoins are the words that join names in a list item's lead ("_ga
// and _gid", "pll-lang en wp-lang").
var leadJoins = setOf(`and or en of und oder et ou y o e i og och`)

// parenthesisedText is what a lead says in parentheses.
var parenthesisedText = regexp.MustCompile(`\([^()]*\)`)

// phraseLead reports whether a bold lead is a phrase of prose around
// words shaped like names by a hyphen or a dot only: a word of it outside
// parentheses is none of its names, no word for cookies and no joining
// word ("Gepersonaliseerde demo-links", "Contact- en
// projectformulier-gegevens": a list of the data a site keeps). Names
// marked as names (an underscore, a digit) or known ones stand anyway.
func (x *extractor) phraseLead(lead string, names []string) bool {
	for _, n := range names {
		if nameMarked(n) || x.known(n) {
			return false
		}
	}
	for _, f := range strings.Fields(parenthesisedText.ReplaceAllString(lead, " ")) {
		f = strings.Trim(f, ",;:")
		if f == "" || slices.Contains(names, f) || leadJoins[strings.ToLower(f)] || find(words(f), cookieWords) >= 0 {
			continue
		}
		return true
	}
	return false
}
