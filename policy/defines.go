package policy

import (
	"strings"
	"unicode"
)

// How a page defines its own words: where it means necessary by
// "functional" (see lexicon).

// defines updates the lexicon with a heading or a bold lead-in of the page:
// one that names both necessity and functionality ("Technical or
// functional cookies", "Cookies necessary for the platform to function
// properly/functionality cookies") makes "functional" necessary.
func (lx *lexicon) defines(s string) {
	ws := maskNeutral(words(s))
	if len(ws)+ideographs(s)/3 > 12 || strings.ContainsAny(s, "。！？") {
		// A sentence: its length counted in words, and in Chinese,
		// Japanese or Korean, which write no spaces, a word for about
		// every three characters; or one that ends as a sentence there
		// does ("ページの表示やログインなど、基本の機能に必要なCookieです。":
		// cookies needed for basic functions such as showing pages and
		// signing in).
		lx.definesInSentence(ws)
		return
	}
	nec, fun, other := false, false, false
	for i := range ws {
		if ws[i] == "" || negated(ws, i) {
			continue
		}
		nec = nec || matchAny(necessaryWords, ws, i)
		fun = fun || matchAny(functionalWords, ws, i)
		other = other || matchAny(statisticsWords, ws, i) || matchAny(marketingWords, ws, i)
	}
	// "Technical or functional cookies" defines; "Essential, functional
	// and analytics cookies" lists.
	if nec && fun && !other {
		lx.functionalIsNecessary = true
	}
}

// definesInSentence reads a sentence saying that functional cookies are
// necessary ones: "These functional cookies are strictly necessary",
// "Functionele cookies zijn altijd actief, ze zijn noodzakelijk": a
// functional word, then a verb "to be", then a necessity word, within
// eight words and with no other category word between.
func (lx *lexicon) definesInSentence(ws []string) {
	for i := range ws {
		if ws[i] == "" || !matchAny(functionalWords, ws, i) || negated(ws, i) {
			continue
		}
		copula := false
		for j := i + 1; j < len(ws) && j <= i+8; j++ {
			switch {
			case ws[j] == "":
			case copulas[ws[j]]:
				copula = true
			case matchAny(necessaryWords, ws, j):
				if copula && !negated(ws, j) {
					lx.functionalIsNecessary = true
					return
				}
			case matchAny(statisticsWords, ws, j), matchAny(marketingWords, ws, j), matchAny(preferenceWords, ws, j):
				j = len(ws)
			}
		}
	}
}

// definesUnder reads a heading that names functional cookies alone ("3.1
// Functionele cookies") and the paragraph under it: when the paragraph
// opens by saying they are necessary ("Deze cookies zijn nodig om de
// website te laten werken", "These cookies are required for…") or what
// the site cannot do without them ("Sans ces cookies, il vous est
// impossible de naviguer…"), the page means necessary by "functional".
func (lx *lexicon) definesUnder(head, body string) {
	hw := maskNeutral(words(head))
	if len(hw) == 0 || len(hw) > 6 {
		return
	}
	fun := false
	for i := range hw {
		switch {
		case hw[i] == "":
		case matchAny(functionalWords, hw, i):
			fun = !negated(hw, i)
		case matchAny(necessaryWords, hw, i), matchAny(statisticsWords, hw, i), matchAny(marketingWords, hw, i), matchAny(preferenceWords, hw, i):
			return
		}
	}
	if !fun {
		return
	}
	bw := words(body)
	if withoutCookies(bw) {
		// "Without these cookies the site cannot work", "Sans ces
		// cookies, il vous est impossible de naviguer": what strictly
		// necessary cookies are.
		lx.functionalIsNecessary = true
		return
	}
	for j := 0; j < len(bw) && j < 5; j++ {
		if !copulas[bw[j]] {
			continue
		}
		for k := j + 1; k < len(bw) && k <= j+3; k++ {
			if matchAny(necessaryWords, bw, k) && !negated(bw, k) {
				lx.functionalIsNecessary = true
				return
			}
		}
		return
	}
}

// withoutCookies reports whether words open by saying what the site
// cannot do without the cookies ("Without these cookies…", "Sans ces
// cookies…", "Bez tych plików cookie…"): what strictly necessary cookies
// are.
func withoutCookies(ws []string) bool {
	return len(ws) > 2 && withoutWords[ws[0]] && find(ws[1:min(len(ws), 4)], cookieWords) >= 0
}

// withoutWords are "without" in the languages of the category words.
var withoutWords = setOf(`without sans ohne zonder sin senza sem bez utan uden uten ilman fara`)

// copulas are the forms of "to be" that define one word by another.
var copulas = setOf(`are is sind ist sont est zijn son es sono e sao er ar ovat on jsou sa sunt`)

// ideographs counts the characters of s written in Chinese, Japanese or
// Korean.
func ideographs(s string) int {
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			n++
		}
	}
	return n
}
