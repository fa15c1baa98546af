package policy

import (
	"fmt"
	"regexp"
	"strings"
)

// Category is the canonical purpose class of a cookie. Consent platforms and
// policy pages use many words for these; [ParseCategory] maps them.
type Category string

// The canonical categories. They follow Cookiebot's names; OneTrust's groups
// Strictly Necessary, Performance, Functional, Targeting and Social Media
// are Necessary, Statistics, Preferences, Marketing and Marketing.
const (
	// Necessary cookies are needed for the site to work and need no consent.
	Necessary Category = "necessary"
	// Preferences cookies remember the visitor's choices (language, region,
	// layout); "functional" cookies belong here.
	Preferences Category = "preferences"
	// Statistics cookies measure the audience ("analytics", "performance").
	Statistics Category = "statistics"
	// Marketing cookies track visitors for advertising ("targeting",
	// "advertising", "social media").
	Marketing Category = "marketing"
	// Unclassified is for cookies a policy lists without a category.
	Unclassified Category = "unclassified"
)

// Categories returns the canonical categories, in the order they are shown.
func Categories() []Category {
	return []Category{Necessary, Preferences, Statistics, Marketing, Unclassified}
}

// Valid reports whether c is one of the canonical categories.
func (c Category) Valid() bool {
	switch c {
	case Necessary, Preferences, Statistics, Marketing, Unclassified:
		return true
	}
	return false
}

// String returns the canonical name of c.
func (c Category) String() string { return string(c) }

// ParseCategory maps a category name, or a heading naming one, to its
// canonical [Category]. It knows the canonical names, the group names of the
// consent platforms and their usual synonyms in the languages of [vocab.go]
// ("strictly necessary", "essential", "functional", "analytics",
// "performance", "targeting", "advertising", "social media", "nécessaires",
// "mesure d'audience", "Statistik", "publicidad", "pubblicitari",
// "noodzakelijk", "niezbędne", "필수", "広告"…).
//
// The text may be a whole heading. When it names necessity, the cookie is
// necessary whatever else it says: "Cookies necessary for the platform to
// function properly/functionality cookies" is [Necessary]; a negated
// category word ("not strictly necessary", "non-essential",
// "non-functional") does not count. Otherwise the first category word wins,
// so "functional" alone is [Preferences]. Text naming no category is an
// error quoting it.
func ParseCategory(s string) (Category, error) {
	if c, ok := categoryOf(s); ok {
		return c, nil
	}
	return "", fmt.Errorf("unknown category %q (want one of %s)", strings.TrimSpace(s), categoryList())
}

func categoryList() string {
	var names []string
	for _, c := range Categories() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

// categoryOf maps a category name or a heading by the words of
// [ParseCategory], with "functional" meaning preferences.
func categoryOf(s string) (Category, bool) { return lexicon{}.heading(s) }

// lexicon is what a page says about its own words. A page that defines its
// "technical or functional" cookies as one kind of necessary cookies means
// necessary by "functional" everywhere on it (Complianz writes its
// consent-free category so, and so do many hand-written pages); consent
// platforms and pages that do not mean preferences.
type lexicon struct {
	functionalIsNecessary bool
}

// heading maps a heading or category label: necessity wins, then the first
// category word, then the words for unclassified; descriptive words are
// not read.
func (lx lexicon) heading(s string) (Category, bool) {
	ws := maskNeutral(words(s))
	if len(ws) == 0 {
		return "", false
	}
	if find(ws, pendingPhrases) >= 0 {
		// "Objetivo aguardando análise": not yet classified, whatever
		// the words after it ("análise" is analytics elsewhere).
		return Unclassified, true
	}
	for i := range ws {
		if ws[i] != "" && matchAny(necessaryWords, ws, i) && !negated(ws, i) {
			return Necessary, true
		}
	}
	if c, _, ok := lx.first(ws, ""); ok {
		return c, true
	}
	// "Other" after a joining word is other things, not other cookies
	// (andWords says more).
	for i := range ws {
		if _, ok := unclassifiedWords.matchAt(ws, i); ok && (i == 0 || !nameJoiners[ws[i-1]] && !andWords[ws[i-1]]) {
			return Unclassified, true
		}
	}
	return "", false
}

// describes maps a descriptive heading by its descriptive words
// ("Measuring website usage", "Remembering how lists are shown").
func (lx lexicon) describes(s string) (Category, bool) {
	ws := maskNeutral(words(s))
	for _, d := range descriptiveWords {
		if find(ws, d.phrases) >= 0 {
			return d.cat, true
		}
	}
	return "", false
}

// sole returns the category that every category word of s names, passing
// over the words of the category skip: the text under a heading says what
// the cookies under it are for only when it names one category ("We
// measure website usage… We use Google Analytics" is statistics; "These
// functional cookies are strictly necessary", skipping preferences, is
// necessary).
func (lx lexicon) sole(s string, skip Category) (Category, bool) {
	ws := maskNeutral(clauseWords(maskServices(s)))
	found := Category("")
	ads := false // the words before are advertising's, in one clause
	inside := -1 // the last word of the phrase matched last
	for i := range ws {
		if ws[i] == "" || negated(ws, i) {
			ads = false
			continue
		}
		matched := false
		for _, l := range lx.lists() {
			ph, ok := l.words.matchAt(ws, i)
			if l.cat == skip || !ok {
				continue
			}
			matched = true
			inside = max(inside, i+len(ph)-1)
			cat := l.cat
			if ads || cat == Statistics && measuresAds(ws, i) {
				// Advertising's measure or personalisation ("ad
				// personalization", "reklam performans ölçümü",
				// "measurement of ads").
				cat = Marketing
			}
			if found != "" && found != cat {
				return "", false
			}
			found = cat
		}
		if !matched && i <= inside {
			continue // a phrase's later word ("hedef kitle"): as its first
		}
		ads = matched && found == Marketing
	}
	return found, found != ""
}

// clauseWords are the words of s with a blank between its clauses (apart
// by a comma, a semicolon, a slash or a parenthesis): "advertising,
// analytics" lists two purposes, where "ad performance measurement" is
// one.
func clauseWords(s string) []string {
	var ws []string
	for i, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;/()", r) }) {
		if i > 0 {
			ws = append(ws, "")
		}
		ws = append(ws, words(part)...)
	}
	return ws
}

// serviceNames are product names that hold a category word ("Google
// Analytics", "Vercel Web Analytics", "Microsoft Advertising"): a sentence
// naming the product says nothing of a category.
var serviceNames = regexp.MustCompile(`\b\p{Lu}[\p{L}\d-]*(?:\s+\p{Lu}[\p{L}\d-]*)*\s+(?:Analytics|Advertising|Ads|Marketing|Statistics|Performance|Tag Manager)\b`)

// maskServices removes the product names of s, unless cookies follow
// them: "Google Analytics cookies" are analytics cookies.
func maskServices(s string) string {
	locs := serviceNames.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		next := words(s[l[1]:min(len(s), l[1]+40)])
		if len(next) > 0 && find(next[:1], cookieWords) == 0 {
			continue
		}
		b.WriteString(s[last:l[0]])
		b.WriteByte(' ')
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// serviceKind returns the category of the services a sentence about
// cookies names, when nothing else in it names one: "Google Analytics
// sets the following cookies:" introduces analytics cookies.
func (lx lexicon) serviceKind(s string) (Category, bool) {
	services := serviceNames.FindAllString(s, -1)
	if len(services) == 0 || find(words(s), cookieWords) < 0 {
		return "", false
	}
	if _, ok := lx.sole(serviceNames.ReplaceAllString(s, " "), ""); ok {
		return "", false
	}
	found := Category("")
	for _, svc := range services {
		c, ok := lx.heading(svc)
		if !ok || found != "" && c != found {
			return "", false
		}
		found = c
	}
	return found, true
}

// cookieKind returns the category a sentence gives cookies: the category
// words next to a word for cookies ("two essential cookies", "분석
// 쿠키", "cookies de mesure d'audience"), when they all name one category.
// "Cookies … to provide improved functionality" names none.
func (lx lexicon) cookieKind(s string) (Category, bool) {
	ws := maskNeutral(words(maskServices(s)))
	found := Category("")
	for i := range ws {
		if ws[i] == "" || negated(ws, i) {
			continue
		}
		dist := 4
		for k := max(0, i-3); k <= min(len(ws)-1, i+3); k++ {
			if k != i && find(ws[k:k+1], cookieWords) == 0 {
				dist = min(dist, abs(k-i))
			}
		}
		if dist > 3 {
			continue
		}
		for _, l := range lx.lists() {
			if dist <= l.reach && matchAny(l.words, ws, i) {
				if found != "" && found != l.cat {
					return "", false
				}
				found = l.cat
			}
		}
	}
	return found, found != ""
}

type wordList struct {
	cat   Category
	words phrases
	// reach is how many words from a word for cookies the list's words
	// may be and still name the cookies' kind (cookieKind). Functionality
	// is also what cookies provide: "Cookies, um verbesserte
	// Funktionalitäten…" names no kind, "cookies de fonctionnalité" does.
	reach int
}

func (lx lexicon) lists() []wordList {
	return []wordList{
		{Necessary, necessaryWords, 3},
		{lx.functional(), functionalWords, 2},
		{Preferences, preferenceWords, 3},
		{Statistics, statisticsWords, 3},
		{Marketing, marketingWords, 3},
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// first returns the category of the first category word of ws that is not
// negated nor of the category skip (necessity included), with its index.
func (lx lexicon) first(ws []string, skip Category) (Category, int, bool) {
	lists := lx.lists()
	for i := range ws {
		if ws[i] == "" || negated(ws, i) {
			continue
		}
		for _, l := range lists {
			if l.cat != skip && matchAny(l.words, ws, i) {
				if l.cat == Statistics && skip != Marketing && measuresAds(ws, i) {
					return Marketing, i, true
				}
				return l.cat, i, true
			}
		}
	}
	return "", -1, false
}

// measuresAds reports whether the statistics word at i measures
// advertising: a word of marketing follows it, at once or after "of"
// ("mjerenje oglasa", "measurement of ads", "performance marketing").
func measuresAds(ws []string, i int) bool {
	j := i + 1
	if j < len(ws) && ofWords[ws[j]] {
		j++
	}
	return j < len(ws) && matchAny(marketingWords, ws, j)
}

// ofWords are the words for "of" between a measure and what it measures.
var ofWords = setOf(`of de des du d der di del della degli dei da do van av af`)

func (lx lexicon) functional() Category {
	if lx.functionalIsNecessary {
		return Necessary
	}
	return Preferences
}

func matchAny(phs phrases, ws []string, i int) bool {
	_, ok := phs.matchAt(ws, i)
	return ok
}

// maskNeutral blanks the words of neutral phrases ("cookie preferences"),
// keeping the positions of the others.
func maskNeutral(ws []string) []string {
	for i := 0; i < len(ws); i++ {
		if ph, ok := neutralPhrases.matchAt(ws, i); ok {
			for k := range ph {
				ws[i+k] = ""
			}
		}
	}
	return ws
}

// negated reports whether the word at i is negated: the word before it is
// a negation ("non-essential", "not necessary"), or the one before that is
// and the word between qualifies it ("not strictly necessary").
func negated(ws []string, i int) bool {
	if i >= 1 && (negations[ws[i-1]] || consentNouns[ws[i-1]]) {
		// "not necessary"; "consent required" says what the cookies
		// need, not that they are needed.
		return true
	}
	if i >= 1 && perfectAuxiliaries[ws[i-1]] && (ws[i] == "required" || ws[i] == "needed") {
		// "in the way you have required": a verb, what the visitor
		// asked for, not a need of the site.
		return true
	}
	if i >= 1 && conditionals[ws[i-1]] && matchAny(necessaryWords, ws, i) {
		// "where required by law", "if necessary", "si nécessaire": a
		// condition of what is done, not a need of the cookie's.
		return true
	}
	return i >= 2 && negations[ws[i-2]] && qualifiers[ws[i-1]]
}

// conditionals are the words that make a word of necessity after them a
// condition ("where required", "falls erforderlich").
var conditionals = setOf(`where when if unless wherever whenever si falls wenn indien jos jesli ha ako`)

// perfectAuxiliaries make a participle after them a verb ("you have
// required").
var perfectAuxiliaries = setOf(`have has had`)

// consentNouns are the words for consent, which a word of necessity after
// them qualifies ("consent required", "Einwilligung erforderlich"), and
// which a purpose names a consent record by (see keepsConsent).
var consentNouns = setOf(`consent consents einwilligung einwilligungen zustimmung consentement consentimiento consenso
	toestemming consentimento zgoda zgody zgode samtycke samtykke samtykket suostumus souhlas souhlasu suhlas
	consimtamant consentiment hozzajarulas privolitev pristanak sutikimas piekrisana riza rizasi onay onayi`)

// qualifiers are the adverbs between a negation and the word it negates.
var qualifiers = setOf(`strictly absolutely technically necessarily really strictement absolument unbedingt zwingend
	estrictamente strettamente strikt strengt scisle estritamente estrictament`)
