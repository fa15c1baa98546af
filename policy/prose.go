package policy

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineElements are the elements that flow within a line of text.
var inlineElements = elementSet(`a abbr b bdi bdo br cite code data dfn em font i kbd mark q s samp small span strong
	sub sup time tt u var wbr big strike nobr acronym img input label button`)

// isInline reports whether an element flows within text: an inline element
// holding no block.
func isInline(n *html.Node) bool {
	if n.Namespace != "" || !inlineElements[n.DataAtom] {
		return false
	}
	if n.DataAtom == atom.Button || n.DataAtom == atom.Label {
		// An accordion's or a toggle's label titles what follows it.
		if l, ok := headingLevel(n); ok && l == pseudoLevel {
			return false
		}
	}
	// An element marked as a heading (a consent box's group title in a
	// <span role="heading">), or holding one, heads what follows as a
	// heading does.
	heading := func(c *html.Node) bool { return strings.EqualFold(attr(c, "role"), "heading") }
	block := heading(n)
	walk(n, func(c *html.Node) bool {
		if blockElements[c.DataAtom] && c.DataAtom != atom.Br || heading(c) {
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
	if lead := runInHeading(nodes); lead != nil {
		x.push(pseudoLevel, collapse(nodeText(lead, false)), lead)
	}
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
	if x.paraTable(nodes, text, flat) || beforeList(nodes) || x.lineRecords(nodes[0].Parent, text) || x.leadRecord(nodes) || x.tabTables(nodes[0].Parent, text) || x.flatTables(nodes[0].Parent, text) {
		return
	}
	parent := nodes[0].Parent
	lead := leadIn(nodes)
	if lead == "" {
		lead = boldRun(nodes)
	}
	glossary := false
	if lead != "" && parent != nil && (parent.DataAtom == atom.P || parent.DataAtom == atom.Div) {
		// "<p><strong>Analytics cookies:</strong> These cookies…</p>" heads
		// the tables after it, as a heading would.
		if _, ok := x.lex.heading(lead); ok && titleLike(lead) {
			glossary = x.pushLead(strings.TrimRight(lead, ":–-. "), parent)
		}
	}
	x.paragraph(flat)
	x.proseNames(nodes, text, flat)
	x.lastText, x.lastTitled = flat, false
	if line := closingLine(text); line != "" && len(strings.Fields(flat)) > 60 {
		// A long paragraph ends with a line of its own titling what
		// follows ("…sent to the website.\nCookies used for the essential
		// operation of a website"): that line introduces the table,
		// and captions it.
		x.lastText, x.lastTitled = line, true
	}
	if glossary {
		x.lastText, x.lastTitled = "", false // it defines a category, it introduces no table
	}
	if tail := tailLead(nodes); lead == "" && tail != "" && parent != nil && (parent.DataAtom == atom.P || parent.DataAtom == atom.Div) {
		if _, ok := x.lex.heading(tail); ok && titleLike(tail) {
			x.push(pseudoLevel, strings.TrimRight(tail, ":–-. "), parent)
		}
	}
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
	if !validName(t) || notAName(t) || suspended(t) {
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
		return nameMarked(t) || (cookieTalk && strings.ContainsAny(t, "-.") && utf8.RuneCountInString(t) > 3 && !titledCompound(t))
	default:
		return nameMarked(t) && cookieTalk
	}
}

// suspended reports whether a word of prose is the first part of a
// compound whose last part is shared with the next word ("Contact- en
// projectformulier-gegevens", "Analyse- und Marketingzwecke", "(pre-)"):
// a hyphen ends it.
func suspended(t string) bool {
	return strings.HasSuffix(t, "-") && !strings.HasSuffix(t, "--") && utf8.RuneCountInString(t) > 1
}

// proseNames declares the cookie names set apart in a paragraph about
// cookies: in code, bold, italics or quotes ("we use a cookie called
// <i>_cookie_eu_consented</i>", "Examples are <code>_ga</code> and
// <code>_gid</code>"). text is the paragraph's text with its line breaks,
// flat the same collapsed.
func (x *extractor) proseNames(nodes []*html.Node, text, flat string) {
	// In source code around a template, identifiers are no names; quoted
	// strings may still be (a template's data).
	code := codeLike(flat)
	if code && inPre(nodes[0]) {
		// A block of program source shown as code (an example of an
		// API, a snippet to copy): what it names is the example's.
		return
	}
	// A list item under a heading that names cookies talks of them, as
	// a paragraph that names them does: "<li><strong>Meta Pixel</strong>
	// — _fbp, _fbc; 90 days</li>".
	cookieTalk := find(words(withoutIdentifiers(flat)), cookieWords) >= 0 ||
		len(x.headings) > 0 && inListItem(nodes[0]) && find(words(x.headings[len(x.headings)-1].text), cookieWords) >= 0
	x.cookiePage = x.cookiePage || cookieTalk
	// Under a heading that names no cookie, in a paragraph that names
	// none, of a page that has talked of cookies, a name the knowledge
	// base knows in code is one ("the identifiers <code>_fbp</code> and
	// <code>_fbc</code>").
	knownOnly := !cookieTalk && !x.aboutCookies("")
	if knownOnly && !x.cookiePage {
		return
	}
	var found []string
	seen := map[string]bool{}
	consider := func(text string, ev evidence) {
		text = templateTags.ReplaceAllString(text, " ")
		for _, t := range cellNames(text) {
			if key, ok := textKey(t); ok {
				// A translation's key ("_ga_description"): its cookie is
				// the name it starts with, when that is one
				// ("analytics_description" names none).
				if !nameMarked(key) && !x.known(key) {
					continue
				}
				t = key
			}
			if knownOnly && (ev != inCode || !x.known(t)) {
				continue
			}
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
			// A server template's form helpers name a form's scope and
			// fields ("<%= f.button name: "prefs[consent]" %>"), not
			// cookies; its other tags may ("row.with_cell(text: "_ga")").
			// A class given in code that builds markup (R's
			// tags$td(class="govuk-table__cell", …), a hyperscript's
			// className: "…") names a style.
			data := classValues.ReplaceAllString(formTags.ReplaceAllString(n.Data, " "), " ")
			if sqlStatement.MatchString(data) {
				// An SQL dump's statement (a CMS's pages inserted with
				// their HTML): its backquotes quote a table's columns.
				data = strings.ReplaceAll(data, "`", " ")
			}
			qs, named := quotedNamed(data)
			for i, q := range qs {
				switch {
				case nameMarked(q) && !strings.Contains(q, "--") && !strings.Contains(q, "/") || x.known(q):
					consider(q, inEmph)
				case named[i] && plainNamed(q):
					consider(q, inNamed)
				}
			}
			for _, q := range parenthesised(n.Data) {
				if x.known(q) {
					consider(q, inEmph) // "PHP's session identifier (PHPSESSID)"
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
		case codeElements[n.DataAtom] && settingCode.MatchString(strings.TrimSpace(nodeText(n, true))):
			// "<code>anonymize_ip: true</code>": a setting of a script,
			// not a cookie.
		case codeElements[n.DataAtom]:
			ev := inCode
			if namedAfter(n) {
				ev = inNamed
			}
			consider(nodeText(n, true), ev)
		case emphElements[n.DataAtom] || n.DataAtom == atom.A:
			if utf8.RuneCountInString(textUpTo(n, 200)) < 120 {
				ev := inEmph
				if n.DataAtom == atom.A {
					ev = inText // a link's text: a name only with a name's marks
				}
				// (Not a phrase in bold: "anonymised page-view analytics".)
				if t := nodeText(n, true); ev != inEmph || !x.phraseLead(t, cellNames(t)) {
					consider(t, ev)
				}
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
	// A name alone in bold just before the paragraph, which the paragraph
	// names beside the word for cookies ("<p><b>privacywarning</b></p>
	// <p>The privacywarning cookie keeps…</p>"), as a list of cookies
	// exported from a document writes each.
	if name := boldLead(nodes[0].Parent); name != "" && !code && namedCookie(flat, name) {
		consider(name, inNamed)
	}
	// Quoted words right after words naming cookies: cookies called
	// "utma" and "utmz" (the quotes may hold markup between them).
	for _, q := range namedQuotes(flat) {
		consider(q, inNamed)
	}
	x.lineLeadNames(text, flat, cookieTalk, code, consider)
	// A bold label that names the names ("<strong>Nombre de las
	// cookies:</strong> UULE, OTZ, 1P_JAR") lists them: each item of the
	// list after it is named so, in capitals as it may be.
	lead := leadIn(nodes)
	if rest, ok := strings.CutPrefix(strings.TrimSpace(flat), lead); ok && lead != "" && namesNames(lead) && strings.Contains(rest, ",") && !code {
		for _, t := range cellNames(strings.TrimLeft(rest, ":–—- ")) {
			consider(t, inNamed)
		}
	}
	// The word for cookies alone as a label, bold or not, and a list of
	// names after it up to a dash ("Cookie: NID, 1P_JAR - Privacy
	// Policy"): its items, when every one is known or written as a name
	// with an identifier's marks (capitals alone are not enough: "Cookies:
	// ABCD, EFGH" may list anything).
	if label, rest, ok := strings.Cut(strings.TrimSpace(flat), ":"); ok && !code && cookiesLabel(label) {
		for _, dash := range []string{" - ", " – ", " — "} {
			rest, _, _ = strings.Cut(rest, dash)
		}
		var items []string
		for _, t := range strings.Split(rest, ",") {
			t = strings.TrimSpace(t)
			if t == "" || strings.ContainsAny(t, " \t") || !(x.known(t) || nameMarked(t) || lowerCamel(t) || strings.ContainsAny(t, "-.:") && identifierLike(t)) {
				items = nil
				break
			}
			items = append(items, t)
		}
		for _, t := range items {
			consider(t, inNamed)
		}
	}
	if len(found) == 0 {
		return
	}
	x.declareProse(found, lead, "", sentence(flat), Duration{}, nodes[0].Parent)
}

// cookiesLabel reports whether a label is the word for cookies alone, in
// any language ("Cookie", "Cookies", "Evästeet").
func cookiesLabel(label string) bool {
	ws := words(label)
	return len(ws) == 1 && find(ws, cookieWords) == 0
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
	} else if c, text, ok := x.factsCategory(purpose); ok && len(names) == 1 {
		cat, catText = c, text
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
		if err != nil || x.dataNames[pat.Text] {
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

var (
	// templateTags are the tags of server templates left in saved pages.
	templateTags = regexp.MustCompile(`\{%.*?%\}|\{\{.*?\}\}|<%(?s:.{0,1000}?)%>|\{#.*?#\}|@[a-zA-Z]+\([^)]*\)`)
	// formTags are a server template's tags that build a form: Rails'
	// form helpers, and the methods of the form builder its block yields.
	// classValues are the quoted classes that code building markup
	// gives an element: class="…", className: '…', cls="…".
	classValues = regexp.MustCompile(`\b(?:class|className|cls|class_)\s*[=:]\s*(?:"[^"\n]*"|'[^'\n]*')`)
	formTags    = regexp.MustCompile(`<%=?\s*(?:form_with|form_for|form_tag|fields_for|button_tag|submit_tag|\w+\.(?:button|submit|radio_button|check_box|hidden_field|text_field|govuk_\w+))\b(?s:.{0,1000}?)%>`)
	// markdownEmphasis is a word in Markdown's underscore emphasis that
	// no renderer turned into italics ("_cookies_").
	markdownEmphasis = regexp.MustCompile(`^_[a-zA-Z]{4,}_$`)
	// settingCode is a script's setting written as code: a key, a colon
	// or an equals sign and a literal ("anonymize_ip: true",
	// "cookie_expires: 0", "CONSENT_DURATION_DAYS = 365"); or a call of a
	// function ("simulateExpiry()", "gtag('consent', 'update')").
	settingCode  = regexp.MustCompile(`^[\w.$-]+\s*[:=]\s*(true|false|null|-?[0-9.]+|'[^']*'|"[^"]*")[;,]?$|^[A-Za-z_$][\w$.]*\([^()]*\);?$`)
	codeElements = elementSet(`code kbd samp tt var`)
	emphElements = elementSet(`b strong i em mark u cite dfn`)
)

// sentence bounds a paragraph kept as a purpose.
func sentence(s string) string {
	if utf8.RuneCountInString(s) <= 300 {
		return s
	}
	return string([]rune(s)[:300]) + "…"
}

// namesNames reports whether a label names cookies' names: a word for a
// name beside the words for cookies ("Nombre de las cookies", "Cookie
// names"), not the words for cookies alone ("Cookies").
func namesNames(label string) bool {
	var rest []string
	for _, w := range words(strings.TrimRight(label, ":–—- ")) {
		if find([]string{w}, cookieWords) < 0 {
			rest = append(rest, w)
		}
	}
	return len(rest) > 0 && columnRole(strings.Join(rest, " ")) == roleName
}
