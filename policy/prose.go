package policy

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineElements are the elements that flow within a line of text.
var inlineElements = setOf(`a abbr b bdi bdo br cite code data dfn em font i kbd mark q s samp small span strong
	sub sup time tt u var wbr big strike nobr acronym img input label button`)

// isInline reports whether an element flows within text: an inline element
// holding no block.
func isInline(n *html.Node) bool {
	if n.Namespace != "" || !inlineElements[n.Data] {
		return false
	}
	if n.DataAtom == atom.Button || n.DataAtom == atom.Label {
		// An accordion's or a toggle's label titles what follows it.
		if l, ok := headingLevel(n); ok && l == pseudoLevel {
			return false
		}
	}
	block := false
	walk(n, func(c *html.Node) bool {
		if blockElements[c.Data] && c.DataAtom != atom.Br {
			block = true
		}
		return !block
	})
	return !block
}

// textRun reads a run of inline content, a paragraph in effect: lines of
// "LABEL – value" pairs make a record; any other text is recorded under
// the innermost heading (it may say what the cookies under it are for)
// and searched for cookie names.
func (x *extractor) textRun(nodes []*html.Node) {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteByte('\n')
				continue
			}
			b.WriteString(nodeText(n, false))
		}
	}
	text := stripJSX(b.String())
	flat := collapse(text)
	if flat == "" {
		return
	}
	if x.lineRecords(nodes[0].Parent, text) || x.flatTables(nodes[0].Parent, text) {
		return
	}
	parent := nodes[0].Parent
	if lead := leadIn(nodes); lead != "" && parent != nil && (parent.DataAtom == atom.P || parent.DataAtom == atom.Div) {
		// "<p><strong>Analytics cookies:</strong> These cookies…</p>" heads
		// the tables after it, as a heading would.
		if _, ok := x.lex.heading(lead); ok && titleLike(lead) {
			x.push(pseudoLevel, strings.TrimRight(lead, ":–- "), parent)
		}
	}
	x.paragraph(flat)
	x.proseNames(nodes, flat)
	x.lastText = flat
}

// takeIntro returns the text just before a table or list, which may say
// what its cookies are for ("These cookies are strictly necessary:"), and
// forgets it.
func (x *extractor) takeIntro() string {
	t := x.lastText
	x.lastText = ""
	return t
}

// introCategory returns the category the text introducing a table or list
// names, when it names one only. An introduction ending in a colon
// ("D-Genies sets two essential cookies:") speaks for what follows more
// closely than the headings above; any other text before it, only where
// the headings say nothing (strict false).
func (x *extractor) introCategory(intro string, strict bool) (Category, bool) {
	intro = strings.TrimSpace(intro)
	if intro == "" || len(strings.Fields(intro)) > 60 {
		return "", false
	}
	colon := strings.HasSuffix(intro, ":") || strings.HasSuffix(intro, "：")
	if strict != colon {
		return "", false
	}
	return x.lex.cookieKind(intro)
}

// shortText bounds a text kept as the page's wording of a category.
func shortText(s string) string {
	s = stripCount(s)
	if utf8.RuneCountInString(s) > 100 {
		return string([]rune(s)[:100]) + "…"
	}
	return s
}

// lineRecords reads lines of "Label – value" pairs ("NOM TÈCNIC – __utma,
// __utmb<br>FINALITAT – Anàlisi") as records.
func (x *extractor) lineRecords(parent *html.Node, text string) bool {
	if !strings.Contains(text, "\n") && strings.Count(text, ";") < 1 || codeLike(text) {
		return false
	}
	var pairs []pair
	for _, line := range strings.Split(text, "\n") {
		pairs = append(pairs, labelledAll(collapse(line))...)
	}
	recs := x.records(pairs)
	if len(recs) == 0 {
		return false
	}
	x.emit(parent, recs, 0, LayoutRecord)
	return true
}

// evidence is how a candidate name appears in prose.
type evidence int

const (
	inText   evidence = iota // plain text, the lead of a list item
	inEmph                   // bold, italics, quotes
	inCode                   // code, kbd, samp
	inHeader                 // a label cell: a list's term
	inNamed                  // code right after words naming a cookie: "a cookie called `wall`"
)

// proseName reports whether a word of prose is a cookie name: a valid name
// that is no web term, host, URL or file, and that the knowledge base
// knows, or whose shape marks it as a name, more surely the more it is set
// apart (code over bold over plain text). cookieTalk says the sentence
// talks about cookies.
func (x *extractor) proseName(t string, ev evidence, cookieTalk bool) bool {
	if !validName(t) || notAName(t) {
		return false
	}
	if x.known(t) {
		return true
	}
	switch ev {
	case inCode:
		return looksLikeName(t)
	case inNamed:
		return true
	case inHeader:
		return nameMarked(t) || looksLikeName(t)
	case inEmph:
		return nameMarked(t) || (cookieTalk && strings.ContainsAny(t, "-.") && utf8.RuneCountInString(t) > 3)
	default:
		return nameMarked(t) && cookieTalk
	}
}

// proseNames declares the cookie names set apart in a paragraph about
// cookies: in code, bold, italics or quotes ("we use a cookie called
// <i>_cookie_eu_consented</i>", "Examples are <code>_ga</code> and
// <code>_gid</code>").
func (x *extractor) proseNames(nodes []*html.Node, flat string) {
	// In source code around a template, identifiers are no names; quoted
	// strings may still be (a template's data).
	code := codeLike(flat)
	cookieTalk := find(words(withoutIdentifiers(flat)), cookieWords) >= 0
	if !cookieTalk && !x.aboutCookies("") {
		return
	}
	var found []string
	seen := map[string]bool{}
	consider := func(text string, ev evidence) {
		for _, t := range cellNames(text) {
			if !seen[t] && x.proseName(t, ev, cookieTalk) {
				seen[t] = true
				found = append(found, t)
			}
		}
	}
	var scan func(n *html.Node)
	scan = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode && strings.Contains(n.Data, "{%"):
			// A template's code (Jinja, Nunjucks, Liquid) names blocks
			// and variables, not cookies.
		case n.Type == html.TextNode:
			// Quoted words, and words with an underscore, in a sentence
			// about cookies: "the “_ga” cookie", "we set _session_id".
			for _, q := range quoted(n.Data) {
				if nameMarked(q) && !strings.Contains(q, "--") && !strings.Contains(q, "/") || x.known(q) {
					consider(q, inEmph)
				}
			}
			if cookieTalk && !code {
				for _, w := range strings.Fields(templateTags.ReplaceAllString(n.Data, " ")) {
					if t := trimName(strings.Trim(w, "()[],;")); strings.Contains(t, "_") && !strings.Contains(t, "--") &&
						!strings.Contains(t, "/") && !markdownEmphasis.MatchString(t) {
						consider(t, inText)
					}
				}
			}
		case n.Type != html.ElementNode:
		case codeElements[n.Data]:
			ev := inCode
			if namedAfter(n) {
				ev = inNamed
			}
			consider(nodeText(n, true), ev)
		case emphElements[n.Data] || n.DataAtom == atom.A:
			if utf8.RuneCountInString(textUpTo(n, 200)) < 120 {
				ev := inEmph
				if n.DataAtom == atom.A {
					ev = inText // a link's text: a name only with a name's marks
				}
				consider(nodeText(n, true), ev)
			}
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				scan(c)
			}
		}
	}
	for _, n := range nodes {
		scan(n)
	}
	// Quoted words right after words naming cookies: cookies called
	// "utma" and "utmz" (the quotes may hold markup between them).
	for _, q := range namedQuotes(flat) {
		consider(q, inNamed)
	}
	if len(found) == 0 {
		return
	}
	lead := leadIn(nodes)
	x.declareProse(found, lead, "", sentence(flat), Duration{}, nodes[0].Parent)
}

// namedQuotes returns the quoted words of text that follow, within four
// words, a word naming cookies.
func namedQuotes(text string) []string {
	var out []string
	for _, q := range []struct{ open, close string }{{"\"", "\""}, {"“", "”"}, {"«", "»"}, {"„", "“"}} {
		rest, before := text, ""
		for {
			i := strings.Index(rest, q.open)
			if i < 0 {
				break
			}
			before += rest[:i]
			rest = rest[i+len(q.open):]
			j := strings.Index(rest, q.close)
			if j < 0 {
				break
			}
			inner := strings.TrimSpace(rest[:j])
			ws := words(before)
			if len(ws) > 4 {
				ws = ws[len(ws)-4:]
			}
			if inner != "" && !strings.ContainsAny(inner, " \t") && find(ws, cookieWords) >= 0 && find(ws, namingWords) >= 0 &&
				find(words(inner), cookieWords) < 0 {
				out = append(out, inner)
			}
			before += " " + inner + " "
			rest = rest[j+len(q.close):]
		}
	}
	return out
}

// namingWords give a cookie its name: "cookies called", "denominadas",
// "genannt". A gloss ("also called «kakor»") names cookies themselves and is
// left out by the caller.
var namingWords = parsePhrases("called", "named", "denominad*", "llamad*", "appele*", "nomme*", "genannt", "namens",
	"chiamat*", "denominat*", "genaamd", "heten", "chamad*", "kallas", "hedder", "heter", "nazwan*", "nimelta")

// codeLike reports whether text reads as program source rather than
// prose: imports, or many of the characters of code.
func codeLike(s string) bool {
	if strings.Contains(s, "import ") && (strings.Contains(s, " from ") || strings.Contains(s, "require(")) {
		return true
	}
	code := 0
	for _, r := range s {
		if strings.ContainsRune("{}();=<>[]", r) {
			code++
		}
	}
	return code*20 > len(s) && code > 4
}

// withoutIdentifiers removes the words with an underscore from s, so that
// a name ("CONSENT_COOKIE") does not make its own sentence about cookies.
func withoutIdentifiers(s string) string {
	fields := strings.Fields(s)
	kept := fields[:0]
	for _, f := range fields {
		if !strings.Contains(f, "_") {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}

// namedAfter reports whether the words just before n name a cookie: "a
// session cookie called", "le cookie", "das Cookie namens".
func namedAfter(n *html.Node) bool {
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.ElementNode && prev.DataAtom == atom.Br {
		prev = prev.PrevSibling
	}
	if prev == nil || prev.Type != html.TextNode {
		return false
	}
	ws := words(prev.Data)
	if len(ws) > 4 {
		ws = ws[len(ws)-4:]
	}
	return find(ws, cookieWords) >= 0
}

// declareProse declares names found in prose or a list, with the category
// of the lead-in ("<strong>Analytics cookies:</strong> …") or of the
// headings above.
func (x *extractor) declareProse(names []string, lead, intro, purpose string, dur Duration, n *html.Node) {
	cat, catText, head := Unclassified, "", x.innermostHeading()
	if c, ok := x.lex.heading(lead); ok && lead != "" {
		cat, catText = c, stripCount(lead)
	} else if c, ok := x.introCategory(intro, true); ok {
		cat, catText = c, shortText(intro)
	} else if c, text, h, ok := x.headingCategory(); ok {
		cat, catText, head = c, text, h
	} else if c, ok := x.introCategory(intro, false); ok {
		cat, catText = c, shortText(intro)
	} else if c, text, h, ok := x.describedCategory(); ok {
		cat, catText, head = c, text, h
	}
	x.declared()
	if cat == Unclassified && catText == "" && !x.unclassed[head] {
		// Once per section: the same reason holds for the rest of it.
		x.unclassed[head] = true
		x.warnf("%s: no category found for %s (no heading naming one); declared unclassified", LayoutProse, strings.Join(names, ", "))
	}
	layout := layoutOf(n, LayoutProse)
	for _, name := range names {
		pat, err := ParsePattern(name)
		if err != nil {
			continue
		}
		x.add(Declaration{
			Name:         pat,
			Purpose:      purpose,
			Category:     cat,
			CategoryText: catText,
			Duration:     dur,
			Source:       Source{Page: x.page, Heading: head, Layout: layout},
		}, false)
	}
}

// onlyCode reports whether the text of an element is all inside code
// elements (**`design`**).
func onlyCode(n *html.Node) bool {
	code, plain := false, false
	var scan func(n *html.Node, in bool)
	scan = func(n *html.Node, in bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					if in {
						code = true
					} else {
						plain = true
					}
				}
			case html.ElementNode:
				scan(c, in || codeElements[c.Data])
			}
		}
	}
	scan(n, false)
	return code && !plain
}

var (
	// templateTags are the tags of server templates left in saved pages.
	templateTags = regexp.MustCompile(`\{%.*?%\}|\{\{.*?\}\}|<%.*?%>|\{#.*?#\}|@[a-zA-Z]+\([^)]*\)`)
	// markdownEmphasis is a word in Markdown's underscore emphasis that
	// no renderer turned into italics ("_cookies_").
	markdownEmphasis = regexp.MustCompile(`^_[a-zA-Z]{4,}_$`)
	codeElements     = setOf(`code kbd samp tt var`)
	emphElements     = setOf(`b strong i em mark u cite dfn`)
)

// leadIn returns the bold words opening a paragraph and ending in a colon
// or a dash ("<strong>Analytics cookies:</strong> we use…"), or "".
func leadIn(nodes []*html.Node) string {
	for i, n := range nodes {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
			continue
		}
		if n.Type != html.ElementNode || (n.DataAtom != atom.Strong && n.DataAtom != atom.B) {
			return ""
		}
		t := collapse(nodeText(n, false))
		if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "–") || strings.HasSuffix(t, "-") {
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

// sentence bounds a paragraph kept as a purpose.
func sentence(s string) string {
	if utf8.RuneCountInString(s) <= 300 {
		return s
	}
	return string([]rune(s)[:300]) + "…"
}

// quoted returns the single words between quotes in text: “_ga”, "_gid",
// «sid», ‘lang’.
func quoted(text string) []string {
	var out []string
	pairs := []struct{ open, close string }{{"“", "”"}, {"\"", "\""}, {"«", "»"}, {"‘", "’"}, {"„", "“"}, {"`", "`"}}
	for _, q := range pairs {
		rest := text
		for {
			i := strings.Index(rest, q.open)
			if i < 0 {
				break
			}
			rest = rest[i+len(q.open):]
			j := strings.Index(rest, q.close)
			if j < 0 {
				break
			}
			inner := strings.TrimSpace(rest[:j])
			rest = rest[j+len(q.close):]
			if inner != "" && !strings.ContainsAny(inner, " \t\n") && len(inner) <= 80 {
				out = append(out, inner)
			}
		}
	}
	return out
}

// keyedList reads a list whose items are led by cookie names: "<li><code>_ga</code>
// – distinguishes users</li>", "<li>_ga: distinguishes users</li>",
// "<dt>_ga</dt><dd>distinguishes users</dd>". Items led by no name are
// visited as usual. It reports whether any item declared a cookie.
func (x *extractor) keyedList(list *html.Node) bool {
	type item struct {
		node     *html.Node
		names    []string
		purpose  string
		duration Duration
	}
	var items []item
	var bareItems, weakItems []int
	var bareNamesOf, weakNamesOf [][]string
	strong := 0
	found := false
	var lastNames []string
	talk := x.aboutCookies("")
	intro := x.lastText
	for _, c := range listItems(list) {
		switch c.DataAtom {
		case atom.Li:
			names, purpose, dur := x.itemLead(c, talk)
			if names == nil {
				if weak, p := weakLead(c); weak != nil {
					weakItems = append(weakItems, len(items))
					items = append(items, item{node: c, purpose: p})
					weakNamesOf = append(weakNamesOf, weak)
					continue
				}
				if bare := bareNames(c); bare != nil {
					bareItems = append(bareItems, len(items))
					items = append(items, item{node: c})
					bareNamesOf = append(bareNamesOf, bare)
					continue
				}
			}
			items = append(items, item{c, names, purpose, dur})
			found = found || len(names) > 0
			if len(names) > 0 {
				strong++
			}
		case atom.Dt:
			text := collapse(nodeText(c, true))
			lastNames = nil
			if ns := cellNames(nodeText(c, true)); len(ns) > 0 && len(strings.Fields(text)) <= 6 {
				ok := true
				for _, n := range ns {
					ok = ok && x.proseName(n, inHeader, true)
				}
				if ok {
					lastNames = ns
				}
			}
			items = append(items, item{node: c, names: lastNames})
			found = found || len(lastNames) > 0
		case atom.Dd:
			if len(lastNames) > 0 && len(items) > 0 {
				items[len(items)-1].purpose = sentence(collapse(nodeText(c, false)))
				items = append(items, item{node: c, names: []string{}})
				continue
			}
			items = append(items, item{node: c})
		default:
			items = append(items, item{node: c})
		}
	}
	// A list of names alone ("<li>_ga</li><li>_gid</li>", as OneTrust's
	// older cookie list writes them) under a section about cookies, most
	// of which are marked as names.
	if len(bareItems) > 0 && (talk || layoutOf(list, "") != "") {
		marked := 0
		for _, ns := range bareNamesOf {
			for _, n := range ns {
				if strings.ContainsAny(n, "_") || x.known(n) {
					marked++
					break
				}
			}
		}
		if marked*3 >= len(bareItems)*2 || (layoutOf(list, "") != "" && marked > 0) {
			for k, i := range bareItems {
				items[i].names = bareNamesOf[k]
			}
			found = true
		}
	}
	// Items led the same way by plain words ("**favorites**: …") in a list
	// whose other items are led by names are names too.
	if strong >= 1 && 2*strong >= len(weakItems) {
		for k, i := range weakItems {
			items[i].names = weakNamesOf[k]
		}
	} else {
		for _, i := range weakItems {
			items[i].names, items[i].purpose = nil, ""
		}
	}
	if !found {
		return false
	}
	x.lastText = ""
	for _, it := range items {
		switch {
		case len(it.names) > 0:
			x.declareProse(it.names, "", intro, it.purpose, it.duration, list)
		case it.names == nil:
			x.visit(it.node)
		}
	}
	return true
}

func (x *extractor) anyKnown(names []string) bool {
	for _, n := range names {
		if x.known(n) {
			return true
		}
	}
	return false
}

// listItems returns the items of a list: its li, dt and dd elements,
// also inside the div elements that may group the terms of a description
// list.
func listItems(list *html.Node) []*html.Node {
	var items []*html.Node
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Div && list.DataAtom == atom.Dl {
			items = append(items, listItems(c)...)
			continue
		}
		items = append(items, c)
	}
	return items
}

// weakLead returns the word that leads a list item in bold or code
// followed by a colon or dash ("<strong>favorites</strong>: …"), and the
// rest of the item, when the word could be a name.
func weakLead(li *html.Node) ([]string, string) {
	start := li
	if c := firstElement(li); c != nil && c.DataAtom == atom.P {
		start = c
	}
	first := firstElement(start)
	if first == nil || !(codeElements[first.Data] || emphElements[first.Data]) {
		return nil, ""
	}
	lead := collapse(nodeText(first, false))
	rest := ""
	for n := first.NextSibling; n != nil; n = n.NextSibling {
		rest += nodeTextOf(n, false)
	}
	rest = strings.TrimSpace(collapse(rest))
	lead = strings.TrimRight(lead, ":–—- ")
	if !(strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-") ||
		strings.HasPrefix(rest, "—") || strings.HasSuffix(collapse(nodeText(first, false)), ":")) {
		return nil, ""
	}
	if len(strings.Fields(lead)) != 1 || !validName(lead) || notAName(lead) {
		return nil, ""
	}
	return []string{trimName(lead)}, sentence(strings.TrimSpace(strings.TrimLeft(rest, ":–—- ")))
}

// firstElement returns the first child element of n, when no text comes
// before it.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

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
	lead := ""
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
	for c := start.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		if c.Type == html.ElementNode && (codeElements[c.Data] || emphElements[c.Data]) {
			lead = collapse(nodeText(c, false))
			ev = inEmph
			if codeElements[c.Data] || onlyCode(c) {
				ev = inCode
			}
		}
		break
	}
	if lead == "" {
		i := strings.Index(text, ": ")
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
		// "gc_session: duration of the session": a name and its lifetime.
		if d, err := ParseDuration(strings.TrimLeft(text[i:], ":–—(- ")); err == nil && d.Known() {
			ev, dur = inNamed, d
		}
	}
	lead = strings.TrimRight(lead, ":–—- ")
	if len(strings.Fields(lead)) > 6 {
		return nil, "", Duration{}
	}
	names := cellNames(lead)
	if len(names) == 0 {
		return nil, "", Duration{}
	}
	talk := find(words(text), cookieWords) >= 0
	for _, n := range names {
		if !x.proseName(n, ev, talk || ev != inText) && !(ev == inCode && section && validName(n) && !notAName(n)) {
			return nil, "", Duration{}
		}
	}
	purpose := strings.TrimSpace(strings.TrimPrefix(text, lead))
	purpose = strings.TrimSpace(strings.TrimLeft(purpose, ":–—- "))
	if dur.Known() {
		purpose = ""
	}
	return names, sentence(purpose), dur
}

// flatTables reads tables pasted as text with one cell per line: a header
// line of tab-separated column names ("Nom	Description	Persistance"),
// then the cells, one per line, a row ending at each lifetime when the
// last column is the lifetime (rows may hold an extra line, a link), else
// every as many lines as there are columns. The short line before a
// header titles its table. Browsers copy tables so when their cells hold
// line breaks.
func (x *extractor) flatTables(parent *html.Node, text string) bool {
	if !strings.Contains(text, "\t") {
		return false
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	type header struct {
		at    int
		roles []role
	}
	var headers []header
	for i, l := range lines {
		if !strings.Contains(l, "\t") {
			continue
		}
		var roles []role
		for _, c := range strings.Split(l, "\t") {
			if c = strings.TrimSpace(c); c != "" {
				roles = append(roles, columnRole(c))
			}
		}
		if len(roles) >= 2 && isHeader(uniqueRoles(roles)) {
			headers = append(headers, header{i, uniqueRoles(roles)})
		}
	}
	if len(headers) == 0 {
		return false
	}
	before := len(x.decls)
	for k, h := range headers {
		end := len(lines)
		if k+1 < len(headers) {
			end = headers[k+1].at
			if end-1 > h.at && titleLike(lines[end-1]) && !strings.Contains(lines[end-1], "\t") {
				end-- // the next table's title
			}
		}
		x.tables++
		ctx := &tableContext{index: x.tables, layout: LayoutTable}
		if h.at > 0 && titleLike(lines[h.at-1]) {
			ctx.caption = lines[h.at-1]
			ctx.titled = true
		}
		width := len(h.roles)
		byLifetime := h.roles[width-1] == roleDuration
		var row []string
		flush := func() {
			if len(row) == 0 {
				return
			}
			var f fields
			for i, r := range h.roles {
				v := ""
				switch {
				case byLifetime && i == width-1:
					v = row[len(row)-1]
				case i < len(row) && !(byLifetime && i == len(row)-1):
					v = row[i]
				}
				if v = collapse(v); v != "" {
					f.set(r, &cell{text: v, lines: v})
				}
			}
			x.row(f, ctx)
			row = nil
		}
		for _, l := range lines[h.at+1 : end] {
			row = append(row, l)
			if byLifetime {
				if d, err := ParseDuration(l); err == nil && d.Known() && len(row) >= width-1 {
					flush()
				}
			} else if len(row) == width {
				flush()
			}
		}
		flush()
	}
	return len(x.decls) > before
}
