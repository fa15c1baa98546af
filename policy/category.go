package policy

import (
	"fmt"
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

// The category word lists, matched against folded text (lower case, no
// accents, punctuation as spaces) by the rules of [phrase]. They cover
// English, French, German, Spanish and Italian, and the group names of the
// consent platforms in those languages.
var (
	necessaryWords = parsePhrases(
		"necessa*",   // necessary, nécessaires, necessari(e)
		"necesari*",  // necesarias
		"essential*", // essential
		"essentiel*", // essentiels
		"esencial*",  // esenciales
		"essenzial*", // essenziali
		"required",   // required
		"requis", "requises",
		"indispensab*",   // indispensable(s)
		"indispensabil*", // indispensabili
		"imprescindib*",  // imprescindibles
		"notwendig*",     // notwendig, notwendige
		"erforderlich*",  // (unbedingt) erforderliche
		"obligatoir*",    // obligatoires
		"obligatori*",    // obligatorias
		"strictly", "strictement", "strettamente", "estrictamente",
		"techni*", // technical, techniques, technisch
		"tecnic*", // técnicas, tecnici
	)
	// negations cancel a necessity word one or two words later: "not strictly
	// necessary", "non-essential", "nicht notwendige", "no necesarias".
	negations = map[string]bool{"non": true, "not": true, "nicht": true, "no": true, "sans": true, "without": true, "ohne": true, "senza": true, "sin": true}

	preferenceWords = parsePhrases(
		"preferenc*",     // preferences, préférences, preferencias
		"preferenz*",     // preferenze
		"praferenz*",     // Präferenzen
		"functional*",    // functional, functionality
		"fonctionnel*",   // fonctionnels
		"fonctionnalit*", // fonctionnalité
		"funktional*",    // funktional, Funktionalität
		"funktionell*",   // funktionelle
		"funcional*",     // funcionales, funcionalidad
		"funzional*",     // funzionali, funzionalità
		"personali*",     // personalisation, personalization, personalizzazione
		"personnalis*",   // personnalisation
		"einstellung*",   // Einstellungen
		"komfort*", "comfort",
	)
	statisticsWords = parsePhrases(
		"statisti*",   // statistics, statistiques, Statistik, statistiche
		"estadistic*", // estadísticas
		"analyt*",     // analytics, analytique
		"analitic*",   // analíticas, analitici
		"analys*", "analis*", "analyse*",
		"performance*",
		"leistung*", // Leistungs-Cookies
		"rendimiento",
		"prestazion*", // prestazioni
		"measurement", "mesure*", "medicion*", "misurazion*",
		"audience*",
		"*messung", // Reichweitenmessung
	)
	marketingWords = parsePhrases(
		"marketing", "remarketing", "retargeting",
		"advertis*", // advertising, advertisement
		"ads", "ad",
		"target*",   // targeting, targeted
		"ciblag*",   // ciblage
		"cible*",    // ciblés
		"dirigid*",  // cookies dirigidas (OneTrust, Spanish)
		"publici*",  // publicitaires, publicidad
		"pubblici*", // pubblicità, pubblicitari
		"werbung", "werbe*",
		"socia*",  // social media, réseaux sociaux, redes sociales
		"sozial*", // soziale Medien
		"profil*", // profiling, profilage, profilazione
	)
	unclassifiedWords = parsePhrases(
		"unclassified", "uncategori*", "unkategorisiert*", "unklassifiziert*",
		"non class*", "nicht klassifiziert*", "sin clasificar", "no clasificad*",
		"non classificat*",
		"other", "others", "autres", "sonstige*", "andere", "otras", "otros", "altri",
	)
)

// ParseCategory maps a category name, or a heading naming one, to its
// canonical [Category]. It knows the canonical names, the group names of the
// consent platforms and their usual synonyms in English, French, German,
// Spanish and Italian ("strictly necessary", "essential", "functional",
// "analytics", "performance", "targeting", "advertising", "social media",
// "nécessaires", "mesure d'audience", "Statistik", "publicidad",
// "pubblicitari"…).
//
// The text may be a whole heading. When it names necessity, the cookie is
// necessary whatever else it says: "Cookies necessary for the platform to
// function properly/functionality cookies" is [Necessary]; a negated
// necessity ("not strictly necessary", "non-essential") does not count.
// Otherwise the first category word wins, so "functional" alone is
// [Preferences]. Text naming no category is an error quoting it.
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

func categoryOf(s string) (Category, bool) {
	ws := words(s)
	if len(ws) == 0 {
		return "", false
	}
	for i := range ws {
		for _, ph := range necessaryWords {
			if ph.matchAt(ws, i) && !negated(ws, i) {
				return Necessary, true
			}
		}
	}
	best, at := Category(""), len(ws)
	for _, c := range []struct {
		cat   Category
		words []phrase
	}{
		{Preferences, preferenceWords},
		{Statistics, statisticsWords},
		{Marketing, marketingWords},
	} {
		if i := find(ws, c.words); i >= 0 && i < at {
			best, at = c.cat, i
		}
	}
	if best != "" {
		return best, true
	}
	if find(ws, unclassifiedWords) >= 0 {
		return Unclassified, true
	}
	return "", false
}

// negated reports whether the word at i is preceded, one or two words
// earlier, by a negation.
func negated(ws []string, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if negations[ws[k]] {
			return true
		}
	}
	return false
}
