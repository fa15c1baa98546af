package policy

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// onlyWords say that what follows is all there is: "we use only necessary
// cookies", "nur technisch notwendige Cookies", "vain välttämättömiä
// evästeitä", in the supported languages (folded).
var onlyWords = setOf(`only solely exclusively nur ausschliesslich lediglich uniquement seulement exclusivement
	solo solamente unicamente exclusivamente soltanto esclusivamente apenas somente alleen uitsluitend enkel
	endast bara enbart uteslutande kun udelukkende utelukkende vain ainoastaan pelkastaan tylko wylacznie jedynie
	pouze jen vyhradne iba len vylucne csak kizarolag doar numai exclusiv tikai tiktai ainult vaid yalnizca sadece
	samo iskljucivo zgolj μονο`)

// conditionWords make a statement about cookies hold only in some case
// ("without your consent we use only necessary cookies", "if you refuse,
// only necessary cookies are set", "until you choose…").
var conditionWords = setOf(`if unless until before without when whenever once after
	wenn falls bis bevor ohne sobald nachdem si sans avant jusqu lorsque quand sinon cuando hasta antes sin
	quando senza prima finche als tenzij totdat voordat zonder wanneer zodra om innan utan tills nar hvis
	indtil uden jos ennen ilman kunnes jesli jezeli dopoki bez przed pokud dokud nez ak kym ha amig nelkul
	daca pana fara kol iki ilma enne kui eger olmadan once`)

// relativeWords begin a clause about the word before a condition word,
// which is then no condition: "cookies without which the site cannot
// work", "Cookies, ohne die die Website nicht funktioniert", "cookies
// sans lesquels", "cookies sin las cuales" (folded; an article may stand
// between).
var relativeWords = setOf(`which whom die den denen welche welcher welchen lesquels lesquelles lequel laquelle
	cuales cual quali cui welke vilka vilket hvilke hvilket joita jota ktorych nichz`)

// relativeArticles may stand between a condition word and the relative
// word of its clause ("sin las cuales", "senza i quali").
var relativeArticles = setOf(`las los la el i le gli il lo les`)

// restrictive reports whether a sentence's words say "only" in French's
// two words: "nous n'utilisons que des cookies nécessaires", "ce site ne
// dépose que des cookies techniques" ("ne" and, within three words,
// "que"; no "pas" between).
func restrictive(ws []string) bool {
	for i, w := range ws {
		if w != "ne" && w != "n" {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+3; j++ {
			if ws[j] == "pas" || ws[j] == "plus" || ws[j] == "jamais" || ws[j] == "aucun" {
				break
			}
			if ws[j] == "que" || ws[j] == "qu" {
				return true
			}
		}
	}
	return false
}

// condition reports whether ws[i], a condition word, makes the sentence
// conditional: not when it follows a word for cookies (an adjective may
// stand between: "cookies necesarias, sin las cuales") and opens a clause
// about them ("cookies without which…").
func condition(ws []string, i int) bool {
	if i == 0 || find(ws[max(0, i-2):i], cookieWords) < 0 {
		return true
	}
	j := i + 1
	if j < len(ws) && relativeArticles[ws[j]] && j+1 < len(ws) && relativeWords[ws[j+1]] {
		j++
	}
	return j >= len(ws) || !relativeWords[ws[j]]
}

// onlyNecessaryStatement returns the sentence of a paragraph in which the
// site says it uses necessary cookies only ("Kasamaster käyttää vain
// teknisesti välttämättömiä evästeitä."): a word of "only", a word for
// cookies, the necessary category and no other (a refused one, "no
// analytics cookies", names none), and no condition. Such a page's
// cookies that no table, heading or record gives a category are the
// necessary ones it speaks of.
func (lx lexicon) onlyNecessaryStatement(text string) (string, bool) {
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".!?;\n", r) }) {
		ws := words(s)
		if len(ws) > 40 || find(ws, cookieWords) < 0 {
			continue
		}
		only, cond := restrictive(ws), false
		for i, w := range ws {
			only = only || onlyWords[w]
			cond = cond || conditionWords[w] && condition(ws, i)
		}
		if !only || cond {
			continue
		}
		if c, ok := lx.sole(s, ""); ok && c == Necessary {
			return strings.TrimSpace(s), true
		}
	}
	return "", false
}

// paragraphComponents are the components of a template (JSX, Vue) that
// draw a paragraph: Material UI's <Typography>, <Text>, <Paragraph>.
var paragraphComponents = map[string]bool{"typography": true, "text": true, "paragraph": true}

// noteOnlyNecessary keeps the page's statement that it uses necessary
// cookies only (see onlyNecessaryStatement), the first one a paragraph
// or a template's paragraph component makes; head is n's text, when
// read already.
func (x *extractor) noteOnlyNecessary(n *html.Node, head string) {
	if x.onlyNecessary != "" || n.Type != html.ElementNode || n.DataAtom != atom.P && (n.Namespace != "" || !paragraphComponents[n.Data]) {
		return
	}
	if head == "" {
		head = collapse(textUpTo(n, 300))
	}
	if st, ok := x.lex.onlyNecessaryStatement(head); ok {
		x.onlyNecessary = st
	}
}

// applyOnlyNecessary gives the page's cookies that it gives no category
// the necessary one, when the page says it uses necessary cookies only
// (see onlyNecessaryStatement) and gives no cookie another category: a
// page that files a cookie under analytics does not use necessary ones
// only, whatever a sentence of it says. The warnings that those cookies
// had no category give way to one that says where theirs comes from.
func (x *extractor) applyOnlyNecessary() {
	if x.onlyNecessary == "" {
		return
	}
	var none []int
	for i, d := range x.decls {
		switch {
		case d.Category != Unclassified && d.Category != Necessary:
			return
		case d.Category == Unclassified && d.CategoryText == "" && d.Type == Cookie:
			none = append(none, i)
		}
	}
	if len(none) == 0 {
		return
	}
	text := shortText(x.onlyNecessary)
	for _, i := range none {
		x.decls[i].Category, x.decls[i].CategoryText = Necessary, text
	}
	kept := x.warnings[:0]
	for _, w := range x.warnings {
		if !strings.Contains(w, ": no category found for ") {
			kept = append(kept, w)
		}
	}
	x.warnings = kept
	x.warnf("the page says it uses necessary cookies only (%q): %s it gives no category declared necessary", text, english.Count(len(none), "cookie"))
}
