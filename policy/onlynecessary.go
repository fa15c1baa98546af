package policy

import (
	"strings"

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
		only, cond := false, false
		for _, w := range ws {
			only = only || onlyWords[w]
			cond = cond || conditionWords[w]
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
