package policy

import (
	"testing"
)

func TestParseCategory(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Category
	}{
		// Canonical names.
		{"necessary", Necessary},
		{"preferences", Preferences},
		{"statistics", Statistics},
		{"marketing", Marketing},
		{"unclassified", Unclassified},
		// Spanish and Portuguese ads.
		{"Cookies utilizadas para gestionar los anuncios mostrados", Marketing},
		// Catalan.
		{"per poder elaborar estadístiques", Statistics},
		// Arabic, with its article and the conjunction joined.
		{"🔒 ضرورية (مفعّلة دائمًا)", Necessary},
		{"📊 التحليلات (تحتاج موافقة)", Statistics},
		{"الإعلانات والتسويق", Marketing},
		// The NHS's and GOV.UK's "cookies that make our website work".
		{"Cookies that make our website work", Necessary},
		{"Cookies that make the service work", Necessary},
		// Accessibility settings are preferences.
		{"Cookies for retaining active state of accessibility services", Preferences},
		{"Cookies pour conserver l'état actif des services d'accessibilité", Preferences},
		{"Kolačići za zadržavanje aktivnog stanja usluga pristupačnosti", Preferences},
		{"Cookie-uri pentru păstrarea stării active a serviciilor de accesibilitate", Preferences},
		{"Piškotki za dostopnost", Preferences},
		{"Ciasteczka dostępności", Preferences},
		{"Cookies för tillgänglighet", Preferences},
		// Measuring the use of a service, in Croatian, Romanian, Slovene
		// and Slovak.
		{"Kolačići za mjerenje upotrebe usluga", Statistics},
		{"Kolačići za merenje upotrebe usluga", Statistics},
		{"Cookie-uri pentru măsurarea utilizării serviciilor", Statistics},
		{"Piškotki za merjenje obiska", Statistics},
		{"Cookies na meranie návštevnosti", Statistics},
		// Recording and replaying visits (Clarity, Hotjar) measures them.
		{"Session recording", Statistics},
		{"Snimanje sesije", Statistics},
		{"Sitzungsaufzeichnung", Statistics},
		{"Session replay cookies", Statistics},
		// Measuring ads is marketing.
		{"Measurement of ads", Marketing},
		{"Performance marketing cookies", Marketing},
		{"Analytics and advertising cookies", Statistics},
		// Slovak and Czech "needed".
		{"Potrebné cookies", Necessary},
		// Croatian, Slovene, Bulgarian and Russian necessity.
		{"2.1. Nužni kolačići", Necessary},
		{"Nujni piškotki", Necessary},
		{"Neophodni kolačići", Necessary},
		{"Необходими бисквитки", Necessary},
		// Croatian and Slovene ads, Bulgarian and Russian advertising.
		{"Vanjske usluge i mjerenje oglasa", Marketing},
		{"Marketinški kolačići", Marketing},
		{"Piškotki za oglaševanje", Marketing},
		{"Рекламни бисквитки", Marketing},
		// English synonyms and platform group names.
		{"Strictly Necessary Cookies", Necessary},
		{"Essential", Necessary},
		{"Required cookies", Necessary},
		{"Functional", Preferences},
		{"Functional Cookies", Preferences},
		{"Functionality", Preferences},
		{"Preference cookies", Preferences},
		{"Performance Cookies", Statistics},
		{"Analytics", Statistics},
		{"Statistical", Statistics},
		{"Targeting Cookies", Marketing},
		{"Advertising", Marketing},
		{"Advertisement", Marketing},
		{"Social Media Cookies", Marketing},
		{"Necessary (4)", Necessary},
		{"Others", Unclassified},
		{"Other cookies", Unclassified},
		{"Altri cookie", Unclassified},
		// The seed's heading: necessity wins over "functionality".
		{"Cookies necessary for the platform to function properly/functionality cookies", Necessary},
		{"Functional and strictly necessary cookies", Necessary},
		// Negated necessity does not count.
		{"Cookies that are not strictly necessary: analytics", Statistics},
		{"Non-essential functional cookies", Preferences},
		// French.
		{"Cookies strictement nécessaires", Necessary},
		{"Nécessaires", Necessary},
		{"Cookies fonctionnels", Preferences},
		{"Préférences", Preferences},
		{"Statistiques", Statistics},
		{"Cookies de mesure d'audience", Statistics},
		{"Cookies publicitaires", Marketing},
		{"Cookies de réseaux sociaux", Marketing},
		{"Non classés", Unclassified},
		// German.
		{"Notwendig", Necessary},
		{"Unbedingt erforderliche Cookies", Necessary},
		{"Funktional", Preferences},
		{"Präferenzen", Preferences},
		{"Statistik", Statistics},
		{"Cookies für die Webstatistik", Statistics},
		{"Leistungs-Cookies", Statistics},
		{"Marketing-Cookies", Marketing},
		{"Werbe-Cookies", Marketing},
		{"Nicht klassifiziert", Unclassified},
		// Spanish.
		{"Necesarias", Necessary},
		{"Cookies técnicas", Necessary},
		{"Funcionales", Preferences},
		{"Preferencias", Preferences},
		{"Analíticas", Statistics},
		{"Estadísticas", Statistics},
		{"Publicidad", Marketing},
		{"Cookies dirigidas", Marketing},
		{"No clasificados", Unclassified},
		// Italian.
		{"Necessari", Necessary},
		{"Cookie strettamente necessari", Necessary},
		{"Funzionali", Preferences},
		{"Preferenze", Preferences},
		{"Statistiche", Statistics},
		{"Cookie di prestazione", Statistics},
		{"Pubblicitari", Marketing},
		{"Cookie di profilazione", Marketing},
		{"Non classificati", Unclassified},
		// Dutch, with its compounds.
		{"Cookies voor webstatistieken", Statistics},
		{"Bezoekersstatistiek", Statistics},
		// Polish: "basic" cookies are the necessary ones.
		{"Niezbędne", Necessary},
		{"Podstawowe pliki cookies", Necessary},
		{"Statystyka", Statistics},
		// Hungarian.
		{"Feltétlenül szükséges sütik", Necessary},
		{"Funkcionális sütik", Preferences},
		{"Statisztikai sütik", Statistics},
		{"Hirdetési sütik", Marketing},
		{"Egyéb", Unclassified},
		// Turkish.
		{"Zorunlu Çerezler", Necessary},
		{"İşlevsel çerezler", Preferences},
		{"Analitik Çerezler", Statistics},
		{"Pazarlama çerezleri", Marketing},
		// Slovenian and Croatian; Estonian, Latvian, Lithuanian.
		{"Funkcionalni", Preferences},
		{"Funkcionalni kolačići", Preferences},
		{"Vajalikud küpsised", Necessary},
		{"Funktsionaalsed küpsised", Preferences},
		{"Analüütilised küpsised", Statistics},
		{"Turundusküpsised", Marketing},
		{"Nepieciešamās sīkdatnes", Necessary},
		{"Analītiskās sīkdatnes", Statistics},
		{"Mārketinga sīkdatnes", Marketing},
		{"Būtini slapukai", Necessary},
		{"Funkcionalūs slapukai", Preferences},
		{"Analitikos slapukai", Statistics},
		{"Rinkodaros slapukai", Marketing},
		// Security, which needs no consent.
		{"Security cookies", Necessary},
		{"Seguridad", Necessary},
		{"Cookies de sécurité", Necessary},
		{"Sicherheit", Necessary},
		// Chinese, simplified and traditional.
		{"必需Cookie", Necessary},
		{"功能性", Preferences},
		{"偏好设置", Preferences},
		{"统计Cookies", Statistics},
		{"广告Cookies", Marketing},
		{"廣告", Marketing},
		{"营销", Marketing},
		{"未分类", Unclassified},
		// Ukrainian and Russian, as a page's headings and a OneTrust
		// translation write them.
		{"1. Необхідні Cookie-файли (Обов'язкові)", Necessary},
		{"2. Аналітичні Cookie-файли (Опціональні)", Statistics},
		{"Функціональні cookie-файли", Preferences},
		{"Строго необходимые файлы cookie", Necessary},
		{"Целевые файлы cookie", Marketing},
		{"Аналитические файлы cookie", Statistics},
		// Social networks in Slovene and Croatian.
		{"Piškotki družbenih omrežij", Marketing},
		{"Kolačići društvenih mreža", Marketing},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCategory(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ParseCategory(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseCategoryErrors(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"tracking":               `unknown category "tracking" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"":                       `unknown category "" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"What is a cookie?":      `unknown category "What is a cookie?" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"  Cookie list  ":        `unknown category "Cookie list" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"Non-essential cookies":  `unknown category "Non-essential cookies" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"function properly only": `unknown category "function properly only" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		// Cookies and other things: "other" is no category of its own.
		"Cookies and other technologies": `unknown category "Cookies and other technologies" (want one of necessary, preferences, statistics, marketing, unclassified)`,
		"Cookie e altri strumenti":       `unknown category "Cookie e altri strumenti" (want one of necessary, preferences, statistics, marketing, unclassified)`,
	} {
		if got, err := ParseCategory(in); err == nil || err.Error() != want {
			t.Errorf("ParseCategory(%q) = %q, %v; want error %q", in, got, err, want)
		}
	}
}

func TestCategoryValid(t *testing.T) {
	t.Parallel()
	for _, c := range Categories() {
		if !c.Valid() {
			t.Errorf("%q.Valid() = false", c)
		}
		if got, err := ParseCategory(c.String()); err != nil || got != c {
			t.Errorf("ParseCategory(%q) = %q, %v", c, got, err)
		}
	}
	if Category("tracking").Valid() {
		t.Error(`"tracking".Valid() = true`)
	}
}

// TestSolePurposeOfAdvertising checks the category a purpose names alone:
// advertising's measure or personalisation is advertising, in one clause;
// purposes listed apart by a comma are two.
func TestSolePurposeOfAdvertising(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want Category
	}{
		{"Ad personalization and frequency capping", Marketing},
		{"Ad performance measurement", Marketing},
		{"Reklam performans ölçümü", Marketing},
		{"Measurement of ads", Marketing},
		{"Counts visits for analytics", Statistics},
		{"Used for advertising, analytics", ""},
		{"Advertising; performance", ""},
		{"Reklam performansı ve hedef kitle analizi", Marketing},
	} {
		got, ok := lexicon{}.sole(tt.in, "")
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("sole(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestServiceKind reads the kind of the cookies a sentence introduces by
// the service it names as their setter, only where nothing else in it
// names a kind.
func TestServiceKind(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want Category
	}{
		{"Google Analytics sets the following cookies:", Statistics},
		{"Microsoft Advertising places these cookies:", Marketing},
		{"Google Analytics and Google Ads set these cookies:", ""},
		{"These necessary cookies are set beside Google Analytics:", ""},
		{"We use Google Analytics to count visits.", ""},
	} {
		got, ok := lexicon{}.serviceKind(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("serviceKind(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
