package policy

import (
	"strings"
	"unicode/utf8"
)

// takeIntro returns the text just before a table or list, which may say
// what its cookies are for ("These cookies are strictly necessary:"), and
// forgets it.
func (x *extractor) takeIntro() string {
	t := x.lastText
	x.lastText, x.lastTitled = "", false
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
	if withoutCookies(words(intro)) {
		return Necessary, true
	}
	if c, ok := x.lex.cookieKind(intro); ok {
		return c, true
	}
	if strict {
		if c, ok := x.lex.serviceKind(intro); ok {
			return c, true
		}
	}
	// A short lead that starts with the word for cookies, as a heading
	// does ("Cookies for keeping the accessibility settings on:"), names
	// its category anywhere in it.
	if ws := words(intro); strict && len(ws) <= 12 && find(ws[:1], cookieWords) == 0 {
		return x.lex.heading(strings.TrimRight(intro, ":： "))
	}
	return "", false
}

// shortText bounds a text kept as the page's wording of a category.
func shortText(s string) string {
	s = stripCount(s)
	if utf8.RuneCountInString(s) > 100 {
		return string([]rune(s)[:100]) + "…"
	}
	return s
}

// headingCategory returns the category the headings above name, the
// page's wording of it, and the heading to record: the nearest heading
// naming a category wins (a heading naming functional cookies whose first
// sentence calls them strictly necessary names necessary ones).
func (x *extractor) headingCategory() (Category, string, string, bool) {
	for i := len(x.headings) - 1; i >= 0; i-- {
		h := x.headings[i]
		if !h.ownOK || h.glossary {
			continue
		}
		if h.own == Preferences && h.para != "" {
			if c, ok := x.lex.sole(h.para, Preferences); ok && c == Necessary {
				return Necessary, stripCount(h.text), h.text, true
			}
		}
		return h.own, stripCount(h.text), h.text, true
	}
	return "", "", x.innermostHeading(), false
}

// describedCategory returns the category the nearest described heading
// gives when no heading names one: in its own words ("Measuring website
// usage", "Remembering how lists are shown") or in the first text under
// it, if that text names one category only, it or the heading speaks of
// cookies (not of a service, nor of opting out of ads in general), and the
// heading asks no question.
// Headings with no text under them ("Cookies", a list's title) are passed
// over; the page's title (h1) describes the whole page, not a section, and
// is not read so.
func (x *extractor) describedCategory() (Category, string, string, bool) {
	for i := len(x.headings) - 1; i >= 0; i-- {
		h := x.headings[i]
		if h.names || h.glossary {
			continue
		}
		if h.level < 2 {
			break
		}
		if !h.describedDone {
			if c, ok := x.lex.describes(h.text); ok {
				h.described = c
			} else if c, ok := x.lex.sole(h.para, ""); ok && h.para != "" && !question(h.text) && find(words(h.text+" "+h.para), cookieWords) >= 0 {
				h.described = c
			}
			// Once text is under it, the heading's reading is final.
			h.describedDone = h.para != "" || h.used
		}
		if h.described != "" {
			return h.described, stripCount(h.text), h.text, true
		}
		if h.para != "" {
			break
		}
	}
	return "", "", x.innermostHeading(), false
}

// purposeLead returns the words of a purpose before its explanation: the whole
// purpose, or what comes before a parenthesis, a colon or a dash
// ("Preferences (remember editor settings)", "Analytics: counts visits",
// "Advertising - Google Ads").
func purposeLead(purpose string) string {
	t := strings.TrimSpace(purpose)
	for _, sep := range []string{"(", ":", " - ", " – ", " — "} {
		if i := strings.Index(t, sep); i > 0 {
			t = strings.TrimSpace(t[:i])
		}
	}
	return t
}

// purposeOpening returns the first two words of a purpose when one of
// them is the word cookie: a purpose that opens with its kind of cookie
// ("Cookies analíticas de Google Analytics. Permiten…", "Marketing cookie
// set by …") gives the row its category.
func purposeOpening(purpose string) string {
	ws := strings.Fields(purpose)
	if len(ws) < 3 {
		return ""
	}
	two := strings.TrimRight(ws[0]+" "+ws[1], ".,:;")
	if find(words(two), cookieWords) < 0 {
		return ""
	}
	return two
}

// question reports whether a heading asks a question ("What if I do not
// want cookies?"): the text under it answers the question, and the
// categories it mentions in passing describe no section.
func question(heading string) bool {
	h := strings.TrimSpace(heading)
	return strings.HasSuffix(h, "?") || strings.HasSuffix(h, "？") || strings.HasPrefix(h, "¿")
}

// innermostHeading returns the text of the nearest enclosing heading.
func (x *extractor) innermostHeading() string {
	if len(x.headings) == 0 {
		return ""
	}
	return x.headings[len(x.headings)-1].text
}

// rowCategory returns a row's category, the page's wording of it, and the
// heading to record: a category or type cell naming one wins, then the
// answer of a consent column (see consentCategory), then a row
// spanning the table, the caption, the headings above, a purpose short
// enough to be a category, the text before the table where it names one
// category, a descriptive heading, and last a purpose that
// names one category and no other ("Cookies utilizadas para gestionar… la
// publicidad"): where the page gives no category, its description is what
// a reader goes by.
func (x *extractor) rowCategory(f fields, ctx *tableContext) (Category, string, string) {
	for _, t := range []string{f.category, f.typ} {
		if t == "" {
			continue
		}
		if c, ok := x.lex.heading(t); ok {
			return c, stripCount(t), x.innermostHeading()
		}
	}
	if c, ok := x.consentCategory(f.consent); ok {
		return c, stripCount(f.consent), x.innermostHeading()
	}
	if ctx.section != "" {
		return ctx.sectionCat, stripCount(ctx.section), ctx.section
	}
	if ctx.caption != "" {
		if c, ok := x.lex.heading(ctx.caption); ok {
			return c, stripCount(ctx.caption), ctx.caption
		}
	}
	if c, ok := x.introCategory(ctx.intro, true); ok {
		return c, shortText(ctx.intro), x.innermostHeading()
	}
	if c, text, head, ok := x.headingCategory(); ok && !ctx.titled {
		return c, text, head
	}
	if ctx.titled {
		return Unclassified, "", x.innermostHeading()
	}
	// A purpose short enough to be a category is the row's own word, and
	// speaks for it more closely than a sentence before the table ("Las
	// cookies personalizan la visita…" above rows of "Estadísticas",
	// "Seguridad", "Técnica").
	for _, t := range []string{f.purpose, f.function, purposeLead(f.purpose), purposeLead(f.function), purposeOpening(f.purpose)} {
		if t != "" && len(strings.Fields(t)) <= 3 {
			if c, ok := x.lex.heading(t); ok {
				return c, stripCount(t), x.innermostHeading()
			}
		}
	}
	if c, ok := x.introCategory(ctx.intro, false); ok {
		return c, shortText(ctx.intro), x.innermostHeading()
	}
	if c, text, head, ok := x.describedCategory(); ok {
		return c, text, head
	}
	if c, ok := x.lex.sole(f.purpose, ""); ok {
		return c, shortText(f.purpose), x.innermostHeading()
	}
	if keepsConsent(f.purpose) {
		return Necessary, shortText(f.purpose), x.innermostHeading()
	}
	return Unclassified, "", x.innermostHeading()
}

// keepsConsent reports whether a short purpose says the cookie keeps the
// visitor's consent ("Speichert Ihre Cookie-Einwilligung", "Stores your
// cookie consent"): a consent record, which needs no consent of its own,
// so necessary wherever the page names no category for it.
func keepsConsent(purpose string) bool {
	ws := words(purpose)
	if len(ws) == 0 || len(ws) > 12 {
		return false
	}
	for _, w := range ws {
		// A compound ends with one ("Cookie-Einwilligung").
		for _, part := range strings.Split(w, "-") {
			if consentNouns[part] {
				return true
			}
		}
	}
	return false
}

// consentCategory reads the answer of a column saying whether a cookie
// needs consent: the category a cell names after its yes or no ("Tak
// (analityczne)", "No – strictly necessary"), else necessary for a plain
// "No", as only necessary cookies are exempt from consent. A plain "Yes"
// says only that the cookie is optional, and a cell without a yes or no
// ("Required") is not read: "required" would name necessity where the
// column means the opposite.
func (x *extractor) consentCategory(s string) (Category, bool) {
	ws := words(s)
	if len(ws) == 0 || !yesWords[ws[0]] && !noWords[ws[0]] {
		return "", false
	}
	if len(ws) > 1 {
		if c, ok := x.lex.heading(strings.Join(ws[1:], " ")); ok {
			return c, true
		}
	}
	if noWords[ws[0]] && len(ws) == 1 {
		return Necessary, true
	}
	return "", false
}

// yesWords and noWords answer a question, folded as words are.
var (
	yesWords = setOf(`yes ja oui si tak ano igen da kylla jah taip evet sim ναι 예 はい`)
	noWords  = setOf(`no nein non nee nej nei ei nie ne nao nem hayir οχι 아니요 いいえ`)
)

// factsCategory reads the facts a cookie's description ends with, in
// parentheses: its lifetime, who sets it and its kind ("_ga: tells
// visitors apart. (2 years, Google, analytics)"). Kept together so, with
// a lifetime among them, they are the cookie's row of a table written
// out; the category is the last of them that names one, as a provider
// ("Google Analytics") stands before the kind.
//
// Facts written with their labels, apart by semicolons, say the kind by
// its label ("… decision; okres: 365 dni; kategoria: funkcjonalne").
func (x *extractor) factsCategory(text string) (Category, string, bool) {
	text = strings.TrimRight(strings.TrimSpace(text), ".;")
	if c, v, ok := x.labelledKind(text); ok {
		return c, v, true
	}
	if !strings.HasSuffix(text, ")") {
		return "", "", false
	}
	open := strings.LastIndex(text, "(")
	if open < 0 {
		return "", "", false
	}
	parts := strings.FieldsFunc(text[open+1:len(text)-1], func(r rune) bool { return r == ',' || r == ';' })
	if len(parts) < 2 || len(parts) > 5 {
		return "", "", false
	}
	// The facts that are no lifetime, the category's candidates.
	var others []string
	for _, p := range parts {
		if len(strings.Fields(p)) > 4 {
			return "", "", false
		}
		p = strings.TrimSpace(p)
		if d, err := ParseDuration(p); err != nil || !d.Known() {
			others = append(others, p)
		}
	}
	if len(others) == len(parts) {
		return "", "", false
	}
	for i := len(others) - 1; i >= 0; i-- {
		p := others[i]
		if c, ok := x.lex.heading(p); ok {
			return c, p, true
		}
	}
	return "", "", false
}

// labelledKind returns the category a description's labelled fact gives:
// one of its parts apart by semicolons is a label for a category and a
// value that names one ("kategoria: funkcjonalne", "Category: analytics").
func (x *extractor) labelledKind(text string) (Category, string, bool) {
	parts := strings.Split(text, ";")
	for _, seg := range parts[1:] {
		p, ok := labelled(strings.TrimSpace(seg))
		if !ok || columnRole(p.label) != roleCategory || len(strings.Fields(p.value)) > 4 {
			continue
		}
		if c, ok := x.lex.heading(p.value); ok {
			return c, p.value, true
		}
	}
	return "", "", false
}
