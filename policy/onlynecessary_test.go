package policy

import "testing"

// TestOnlyNecessaryStatement finds the sentence in which a site says it
// uses necessary cookies only, and no sentence that says so in some case
// or that names another category beside.
func TestOnlyNecessaryStatement(t *testing.T) {
	t.Parallel()
	lex := newExtractor("page.html", ExtractOptions{}).lex
	for _, tt := range []struct {
		text, want string
	}{
		{"Welcome. We only use strictly necessary cookies. Nothing else.", "We only use strictly necessary cookies"},
		{"Diese Website verwendet ausschließlich technisch notwendige Cookies.", "Diese Website verwendet ausschließlich technisch notwendige Cookies"},
		{"Käytämme vain välttämättömiä evästeitä. Emme käytä analytiikkaevästeitä.", "Käytämme vain välttämättömiä evästeitä"},
		{"We only use necessary cookies and no analytics cookies.", "We only use necessary cookies and no analytics cookies"},
		{"We only use cookies that are strictly necessary for the site to work.", "We only use cookies that are strictly necessary for the site to work"},
		{"Nous n'utilisons que des cookies strictement nécessaires.", "Nous n'utilisons que des cookies strictement nécessaires"},
		{"Ce site ne dépose que des cookies techniques nécessaires à son fonctionnement.", "Ce site ne dépose que des cookies techniques nécessaires à son fonctionnement"},
		{"Wir verwenden nur notwendige Cookies, ohne die die Website nicht funktionieren würde.", "Wir verwenden nur notwendige Cookies, ohne die die Website nicht funktionieren würde"},
		{"We only use necessary cookies, without which the site cannot work.", "We only use necessary cookies, without which the site cannot work"},
		{"Solo usamos cookies necesarias, sin las cuales el sitio no funciona.", "Solo usamos cookies necesarias, sin las cuales el sitio no funciona"},
		// In some case only: a condition.
		{"Sans votre accord, nous n'utilisons que des cookies nécessaires.", ""},
		{"Ohne die Einwilligung verwenden wir nur notwendige Cookies.", ""},
		{"Ce site n'utilise pas que des cookies nécessaires.", ""},
		{"Without your consent, we only use necessary cookies.", ""},
		{"If you refuse, only necessary cookies are set.", ""},
		// Two categories, or none, or no cookies.
		{"We only use necessary and analytics cookies.", ""},
		{"We only use cookies to improve the site.", ""},
		{"We only keep what is strictly necessary.", ""},
		// No word of "only".
		{"Some cookies are strictly necessary.", ""},
	} {
		got, _ := lex.onlyNecessaryStatement(tt.text)
		if got != tt.want {
			t.Errorf("onlyNecessaryStatement(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
