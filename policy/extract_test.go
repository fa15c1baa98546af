package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/net/html/atom"
)

// entry is what the extraction tests assert of each declaration: its name
// (with its storage type in parentheses when it is no cookie), canonical
// category and the page's wording of it, its duration in
// canonical form and as the page wrote it, provider, domain, and where it
// was found.
type entry struct {
	Name         string
	Category     Category
	CategoryText string
	Duration     string
	DurationText string
	Provider     string
	Domain       string
	Heading      string
	Table        int
	Layout       string
}

func entries(p *Policy) []entry {
	var out []entry
	for _, d := range p.Cookies {
		name := d.Name.Text
		if d.Type != Cookie {
			name += " (" + string(d.Type) + ")"
		}
		out = append(out, entry{
			Name:         name,
			Category:     d.Category,
			CategoryText: d.CategoryText,
			Duration:     d.Duration.String(),
			DurationText: d.Duration.Text,
			Provider:     d.Provider,
			Domain:       d.Domain,
			Heading:      d.Source.Heading,
			Table:        d.Source.Table,
			Layout:       d.Source.Layout,
		})
	}
	return out
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// extract reads a testdata page, or a consent platform's JSON.
func extract(t *testing.T, file string) (*Policy, error) {
	t.Helper()
	data := readTestdata(t, file)
	if strings.HasSuffix(file, ".json") {
		return ExtractJSON(file, data)
	}
	return ExtractHTML(file, data, ExtractOptions{})
}

// TestExtract asserts every declaration extracted from each layout of
// testdata, with its category and duration, and the warnings.
func TestExtract(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		file     string
		want     []entry
		warnings []string
	}{
		{
			name: "seed_layout",
			file: "portal-cookies-policy.html",
			want: []entry{
				{"sessionid", Necessary, "Cookies necessary for the platform to function properly/functionality cookies", "", "", "Opendatasoft", "", "Cookies necessary for the platform to function properly/functionality cookies", 1, "table"},
				{"django_language", Necessary, "Cookies necessary for the platform to function properly/functionality cookies", "", "", "Opendatasoft", "", "Cookies necessary for the platform to function properly/functionality cookies", 1, "table"},
				{"csrftoken", Necessary, "Cookies necessary for the platform to function properly/functionality cookies", "", "", "Opendatasoft", "", "Cookies necessary for the platform to function properly/functionality cookies", 1, "table"},
				{"cookies_preferences", Necessary, "Cookies necessary for the platform to function properly/functionality cookies", "", "", "Opendatasoft", "", "Cookies necessary for the platform to function properly/functionality cookies", 1, "table"},
			},
		},
		{
			name: "onetrust",
			file: "onetrust.html",
			want: []entry{
				{"OptanonConsent", Necessary, "Strictly Necessary Cookies", "364d", "364 days", "", "shop.example", "Strictly Necessary Cookies", 1, "onetrust"},
				{"OptanonAlertBoxClosed", Necessary, "Strictly Necessary Cookies", "364d", "364 days", "", "shop.example", "Strictly Necessary Cookies", 1, "onetrust"},
				{"JSESSIONID", Necessary, "Strictly Necessary Cookies", "session", "Session", "", "shop.example", "Strictly Necessary Cookies", 1, "onetrust"},
				{"_ga", Statistics, "Performance Cookies", "2y", "730 days", "", "shop.example", "Performance Cookies", 2, "onetrust"},
				{"_gid", Statistics, "Performance Cookies", "1d", "1 day", "", "shop.example", "Performance Cookies", 2, "onetrust"},
				{"_gat_UA-*", Statistics, "Performance Cookies", "1m", "1 minute", "", "shop.example", "Performance Cookies", 2, "onetrust"},
				{"_hjSession_*", Statistics, "Performance Cookies", "30m", "30 minutes", "", "stats.example", "Performance Cookies", 2, "onetrust"},
				{"_hjSessionUser_*", Statistics, "Performance Cookies", "1y", "365 days", "", "stats.example", "Performance Cookies", 2, "onetrust"},
				{"lang", Preferences, "Functional Cookies", "1y", "1 year", "", "shop.example", "Functional Cookies", 3, "onetrust"},
				{"player_volume", Preferences, "Functional Cookies", "persistent", "Persistent", "", "media.example", "Functional Cookies", 3, "onetrust"},
				{"IDE", Marketing, "Targeting Cookies", "390d", "390 days", "", "ads.example", "Targeting Cookies", 4, "onetrust"},
				{"test_cookie", Marketing, "Targeting Cookies", "15m", "15 minutes", "", "ads.example", "Targeting Cookies", 4, "onetrust"},
				{"_fbp", Marketing, "Social Media Cookies", "90d", "90 days", "", "social.example", "Social Media Cookies", 5, "onetrust"},
			},
		},
		{
			name: "cookiebot",
			file: "cookiebot.html",
			want: []entry{
				{"CookieConsent", Necessary, "Necessary", "1y", "1 year", "Cookiebot", "", "Necessary (3)", 1, "cookiebot"},
				{"__cf_bm", Necessary, "Necessary", "1d", "1 day", "cdn.example", "", "Necessary (3)", 1, "cookiebot"},
				{"rc::a (localStorage)", Necessary, "Necessary", "persistent", "Persistent", "captcha.example", "", "Necessary (3)", 1, "cookiebot"},
				{"lang", Preferences, "Preferences", "session", "Session", "travel.example", "", "Preferences (1)", 2, "cookiebot"},
				{"_ga", Statistics, "Statistics", "2y", "2 years", "Google", "", "Statistics (4)", 3, "cookiebot"},
				{"_ga_#", Statistics, "Statistics", "2y", "2 years", "Google", "", "Statistics (4)", 3, "cookiebot"},
				{"_hjSession_#", Statistics, "Statistics", "1d", "1 day", "Hotjar", "", "Statistics (4)", 3, "cookiebot"},
				{"collect (pixel)", Statistics, "Statistics", "session", "Session", "Google", "", "Statistics (4)", 3, "cookiebot"},
				{"IDE", Marketing, "Marketing", "400d", "400 days", "Google", "", "Marketing (2)", 4, "cookiebot"},
				{"test_cookie", Marketing, "Marketing", "1d", "1 day", "Google", "", "Marketing (2)", 4, "cookiebot"},
				{"trip_draft", Unclassified, "Unclassified", "13mo", "13 months", "travel.example", "", "Unclassified (1)", 5, "cookiebot"},
			},
			warnings: []string{
				"table 3: \"collect\" is Pixel Tracker, not a cookie or web storage; kept with type pixel, not audited",
			},
		},
		{
			name: "cookieyes",
			file: "cookieyes.html",
			want: []entry{
				{"cookieyes-consent", Necessary, "Necessary", "1y", "1 year", "", "", "Necessary", 1, "cookieyes"},
				{"pll_language", Preferences, "Functional", "1y", "1 year", "", "", "Functional", 2, "cookieyes"},
				{"_ga", Statistics, "Analytics", "1y1mo4d", "1 year 1 month 4 days", "", "", "Analytics", 3, "cookieyes"},
				{"_gid", Statistics, "Analytics", "1d", "1 day", "", "", "Analytics", 3, "cookieyes"},
				{"_gat_UA-*", Statistics, "Analytics", "1m", "1 minute", "", "", "Analytics", 3, "cookieyes"},
				{"test_cookie", Marketing, "Advertisement", "15m", "15 minutes", "", "", "Advertisement", 4, "cookieyes"},
				{"VISITOR_INFO1_LIVE", Marketing, "Advertisement", "5mo27d", "5 months 27 days", "", "", "Advertisement", 4, "cookieyes"},
				{"YSC", Marketing, "Advertisement", "session", "session", "", "", "Advertisement", 4, "cookieyes"},
				{"_hjSessionUser_*", Statistics, "Performance", "1y", "1 year", "", "", "Performance", 0, "cookieyes"},
				{"_hjSession_*", Statistics, "Performance", "30m", "30 minutes", "", "", "Performance", 0, "cookieyes"},
				{"blog_flag", Unclassified, "Others", "", "past", "", "", "Others", 5, "cookieyes"},
			},
			warnings: []string{
				"table 5: blog_flag: duration \"past\" not understood; kept as text",
			},
		},
		{
			name: "french",
			file: "fr.html",
			want: []entry{
				{"PHPSESSID", Necessary, "Cookies strictement nécessaires", "session", "Session", "", "", "Cookies strictement nécessaires", 1, "table"},
				{"cookie_consent", Necessary, "Cookies strictement nécessaires", "6mo", "6 mois", "", "", "Cookies strictement nécessaires", 1, "table"},
				{"_pk_id.*", Statistics, "Cookies de mesure d’audience", "13mo", "13 mois", "Matomo", "", "Cookies de mesure d’audience", 2, "table"},
				{"_pk_ses.*", Statistics, "Cookies de mesure d’audience", "30m", "30 minutes", "Matomo", "", "Cookies de mesure d’audience", 2, "table"},
				{"_ga", Statistics, "Cookies de mesure d’audience", "2y", "2 ans", "Google", "", "Cookies de mesure d’audience", 2, "table"},
				{"_gid", Statistics, "Cookies de mesure d’audience", "1d", "1 jour", "Google", "", "Cookies de mesure d’audience", 2, "table"},
				{"IDE", Marketing, "Publicitaires", "1y", "1 an", "", "", "Cookies publicitaires et de réseaux sociaux", 3, "table"},
				{"_fbp", Marketing, "Réseaux sociaux", "3mo", "3 mois", "", "", "Cookies publicitaires et de réseaux sociaux", 3, "table"},
				{"langue", Preferences, "Fonctionnels", "1y", "jusqu’à 1 an", "", "", "Cookies publicitaires et de réseaux sociaux", 3, "table"},
			},
		},
		{
			name: "german",
			file: "de.html",
			want: []entry{
				{"sitzung_id", Necessary, "Notwendige Cookies", "session", "Ende der Sitzung", "Beispiel GmbH", "", "Notwendige Cookies", 1, "table"},
				{"einwilligung", Necessary, "Notwendige Cookies", "1y", "1 Jahr", "Beispiel GmbH", "", "Notwendige Cookies", 1, "table"},
				{"sprache", Preferences, "Funktionale Cookies", "30d", "30 Tage", "Beispiel GmbH", "", "Funktionale Cookies", 2, "table"},
				{"_ga", Statistics, "Statistik-Cookies", "2y", "2 Jahre", "Google", "", "Statistik-Cookies", 3, "table"},
				{"_gid", Statistics, "Statistik-Cookies", "1d", "24 Stunden", "Google", "", "Statistik-Cookies", 3, "table"},
				{"_gcl_au", Marketing, "Marketing-Cookies", "3mo", "3 Monate", "Google", "", "Marketing-Cookies", 4, "table"},
				{"MUID", Marketing, "Marketing-Cookies", "389d", "1 Jahr 24 Tage", "Microsoft", "", "Marketing-Cookies", 4, "table"},
			},
		},
		{
			name: "spanish",
			file: "es.html",
			want: []entry{
				{"PHPSESSID", Necessary, "Cookies técnicas o necesarias", "session", "Sesión", "Propia", "", "Cookies técnicas o necesarias", 1, "table"},
				{"idioma", Preferences, "Cookies de personalización", "1y", "1 año", "Propia", "", "Cookies de personalización", 2, "table"},
				{"_ga", Statistics, "Cookies analíticas", "2y", "2 años", "Google", "", "Cookies analíticas", 3, "table"},
				{"_gid", Statistics, "Cookies analíticas", "1d", "24 horas", "Google", "", "Cookies analíticas", 3, "table"},
				{"_fbp", Marketing, "Cookies de publicidad comportamental", "3mo", "3 meses", "Meta", "", "Cookies de publicidad comportamental", 4, "table"},
			},
		},
		{
			name: "italian",
			file: "it.html",
			want: []entry{
				{"PHPSESSID", Necessary, "Cookie tecnici necessari", "session", "Sessione", "Esempio", "", "Cookie tecnici necessari", 1, "table"},
				{"_ga", Statistics, "Cookie statistici", "2y", "2 anni", "Google", "", "Cookie statistici", 1, "table"},
				{"_gid", Statistics, "Cookie statistici", "1d", "1 giorno", "Google", "", "Cookie statistici", 1, "table"},
				{"IDE", Marketing, "Cookie di profilazione pubblicitaria", "13mo", "13 mesi", "Google", "", "Cookie di profilazione pubblicitaria", 1, "table"},
			},
		},
		{
			name: "hand_written",
			file: "messy.html",
			want: []entry{
				{"sessionid", Necessary, "Essential cookies", "session", "Session", "Example Ltd", "", "Essential cookies", 1, "table"},
				{"csrftoken", Necessary, "Essential cookies", "1y", "1 year", "Example Ltd", "", "Essential cookies", 1, "table"},
				{"cart_id", Necessary, "More essential cookies:", "7d", "7 days", "Example Ltd", "", "More essential cookies:", 2, "table"},
				{"_ga", Statistics, "Analytics cookies", "2y", "2 years", "", "", "Analytics cookies", 3, "table"},
				{"_gid", Statistics, "Analytics cookies", "2y", "2 years", "", "", "Analytics cookies", 3, "table"},
				{"_ga_<container-id>", Statistics, "Analytics cookies", "2y", "2 years", "", "", "Analytics cookies", 3, "table"},
				{"_hjSession_*", Statistics, "Analytics cookies", "30m", "30 minutes", "", "", "Analytics cookies", 3, "table"},
				{"_hjSessionUser_*", Statistics, "Analytics cookies", "1y", "1 year", "", "", "Analytics cookies", 3, "table"},
				{"__utma", Statistics, "Analytics cookies", "", "until you clear your browser", "", "", "Analytics cookies", 3, "table"},
				{"__utmb", Statistics, "Analytics cookies", "", "until you clear your browser", "", "", "Analytics cookies", 3, "table"},
				{"_gac_*", Statistics, "Analytics cookies", "90d", "90 days", "", "", "Analytics cookies", 3, "table"},
				{"IDE", Marketing, "Advertising partners", "13mo", "13 months", "Google", "", "Advertising partners", 0, "list"},
				{"test_cookie", Marketing, "Advertising partners", "15m", "15 minutes", "", "", "Advertising partners", 0, "list"},
				{"lang", Preferences, "Functional", "1y", "1 year", "", "", "Cookie list", 4, "table"},
				{"ls_state (localStorage)", Preferences, "Functional", "persistent", "Persistent", "", "", "Cookie list", 4, "table"},
				{"ad_seen", Marketing, "Targeting", "7d", "1 week", "", "", "Cookie list", 4, "table"},
				{"misc_flag", Unclassified, "", "", "", "", "", "Further information", 5, "table"},
			},
			warnings: []string{
				"table 3: __utma, __utmb: duration \"until you clear your browser\" not understood; kept as text",
				"table 5: no category found for \"misc_flag\" (no category column, caption or heading naming one); declared unclassified",
			},
		},
		{
			name: "cookiebot_script",
			file: "cookiebot-script.html",
			want: []entry{
				{"CookieConsent", Necessary, "Necessary", "1y", "1 year", "Cookiebot", "", "", 0, "cookiebot-script"},
				{"__cf_bm", Necessary, "Necessary", "1d", "1 day", "cdn.example", "", "", 0, "cookiebot-script"},
				{"lang", Preferences, "Preference", "session", "Session", "travel.example", "", "", 0, "cookiebot-script"},
				{"_ga", Statistics, "Statistics", "2y", "2 years", "Google", "", "", 0, "cookiebot-script"},
				{"_ga_#", Statistics, "Statistics", "2y", "2 years", "Google", "", "", 0, "cookiebot-script"},
				{"_hjSession_#", Statistics, "Statistics", "1d", "1 day", "Hotjar", "", "", 0, "cookiebot-script"},
				{"collect (pixel)", Statistics, "Statistics", "session", "Session", "Google", "", "", 0, "cookiebot-script"},
				{"IDE", Marketing, "Advertising", "400d", "400 days", "Google", "", "", 0, "cookiebot-script"},
				{"muc_ads", Marketing, "Advertising", "", "a while", "ads.example", "", "", 0, "cookiebot-script"},
			},
			warnings: []string{
				"script: \"collect\" is Pixel, not a cookie or web storage; kept with type pixel, not audited",
				"script: muc_ads: duration \"a while\" not understood; kept as text",
			},
		},
		{
			name: "onetrust_json_in_script",
			file: "onetrust-embedded.html",
			want: []entry{
				{"OptanonConsent", Necessary, "Strictly Necessary Cookies", "364d", "364 days", "", "shop.example", "Strictly Necessary Cookies", 0, "onetrust-json"},
				{"JSESSIONID", Necessary, "Strictly Necessary Cookies", "session", "session", "", "shop.example", "Strictly Necessary Cookies", 0, "onetrust-json"},
				{"_ga", Statistics, "Performance Cookies", "2y", "730 days", "", "shop.example", "Performance Cookies", 0, "onetrust-json"},
				{"_hjSession_*", Statistics, "Performance Cookies", "1d", "1 day", "Stats Co", "stats.example", "Performance Cookies", 0, "onetrust-json"},
				{"lang", Preferences, "Site extras", "1y", "365 days", "", "shop.example", "Site extras", 0, "onetrust-json"},
				{"_gcl_au", Marketing, "Targeting Cookies", "90d", "90 days", "", "shop.example", "Targeting Cookies", 0, "onetrust-json"},
				{"IDE", Marketing, "Targeting Cookies", "390d", "390 days", "", "ads.example", "Acme Media", 0, "onetrust-json"},
			},
		},
		{
			name: "onetrust_json_file",
			file: "onetrust-domain.json",
			want: []entry{
				{"OptanonConsent", Necessary, "Strictly Necessary Cookies", "364d", "364 days", "", "shop.example", "Strictly Necessary Cookies", 0, "onetrust-json"},
				{"JSESSIONID", Necessary, "Strictly Necessary Cookies", "session", "session", "", "shop.example", "Strictly Necessary Cookies", 0, "onetrust-json"},
				{"_ga", Statistics, "Performance Cookies", "2y", "730 days", "", "shop.example", "Performance Cookies", 0, "onetrust-json"},
				{"_hjSession_*", Statistics, "Performance Cookies", "1d", "1 day", "Stats Co", "stats.example", "Performance Cookies", 0, "onetrust-json"},
				{"lang", Preferences, "Site extras", "1y", "365 days", "", "shop.example", "Site extras", 0, "onetrust-json"},
				{"_gcl_au", Marketing, "Targeting Cookies", "90d", "90 days", "", "shop.example", "Targeting Cookies", 0, "onetrust-json"},
				{"IDE", Marketing, "Targeting Cookies", "390d", "390 days", "", "ads.example", "Acme Media", 0, "onetrust-json"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := extract(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, entries(p)); diff != "" {
				t.Errorf("declarations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, p.Warnings, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if p.Source != tt.file {
				t.Errorf("Source = %q, want %q", p.Source, tt.file)
			}
			for _, d := range p.Cookies {
				if d.Source.Page != tt.file {
					t.Errorf("%s: Source.Page = %q, want %q", d.Name, d.Source.Page, tt.file)
				}
			}
		})
	}
}

// TestExtractSeedPurposes checks the fields of the seed layout that
// TestExtract leaves out: the demo portal's four cookies, their provider
// and their purposes, with the "Function and location" column before it.
func TestExtractSeedPurposes(t *testing.T) {
	t.Parallel()
	p, err := extract(t, "portal-cookies-policy.html")
	if err != nil {
		t.Fatal(err)
	}
	type seed struct{ Name, Provider, Purpose string }
	want := []seed{
		{"sessionid", "Opendatasoft", "Authentication (front and back office): To remember the user from one page to another"},
		{"django_language", "Opendatasoft", "Language selection (front and back office): To remember the visitor's language"},
		{"csrftoken", "Opendatasoft", "API (CSRF) (front et back office): To retrieve data via API calls"},
		{"cookies_preferences", "Opendatasoft", "Choices related to your cookie preferences: To remember the visitor's cookie preferences"},
	}
	var got []seed
	for _, d := range p.Cookies {
		got = append(got, seed{d.Name.Text, d.Provider, d.Purpose})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestExtractInline covers rules of the extraction on small pages.
func TestExtractInline(t *testing.T) {
	t.Parallel()
	const header = `<tr><th>Cookie</th><th>Purpose</th><th>Duration</th></tr>`
	tests := []struct {
		name     string
		page     string
		want     []entry
		warnings []string
	}{
		{
			name: "category column wins over heading",
			page: `<h2>Necessary cookies</h2><table><tr><th>Cookie</th><th>Category</th><th>Expiry</th></tr>
				<tr><td>a</td><td>Marketing</td><td>1d</td></tr><tr><td>b</td><td></td><td>2d</td></tr></table>`,
			want: []entry{
				{"a", Marketing, "Marketing", "1d", "1d", "", "", "Necessary cookies", 1, "table"},
				{"b", Necessary, "Necessary cookies", "2d", "2d", "", "", "Necessary cookies", 1, "table"},
			},
		},
		{
			name: "inner heading naming no category defers to the outer one",
			page: `<h2>Analytics cookies</h2><h3>Matomo</h3><table>` + header + `<tr><td>_pk_id.*</td><td>visits</td><td>13 months</td></tr></table>`,
			want: []entry{{"_pk_id.*", Statistics, "Analytics cookies", "13mo", "13 months", "", "", "Analytics cookies", 1, "table"}},
		},
		{
			name: "bold paragraph as heading, caption over heading",
			page: `<h2>Necessary</h2><p><strong>Advertising cookies</strong></p><table>` + header + `<tr><td>ad</td><td>ads</td><td>1 year</td></tr></table>
				<table><caption>Preferences</caption>` + header + `<tr><td>lang</td><td>language</td><td>Session</td></tr></table>`,
			want: []entry{
				{"ad", Marketing, "Advertising cookies", "1y", "1 year", "", "", "Advertising cookies", 1, "table"},
				{"lang", Preferences, "Preferences", "session", "Session", "", "", "Preferences", 2, "table"},
			},
		},
		{
			name: "names separated in every way",
			page: `<h2>Statistics</h2><table>` + header + `
				<tr><td>a1, a2; a3 / a4 | a5</td><td>x</td><td>1d</td></tr>
				<tr><td>b1 and b2 or b3 et b4 und b5 y b6</td><td>x</td><td>1d</td></tr>
				<tr><td><ul><li>c1</li><li>c2</li></ul>c3<br>c4</td><td>x</td><td>1d</td></tr>
				<tr><td>Visitor counter (d1)</td><td>x</td><td>1d</td></tr>
				<tr><td>e1 (set by the counter)</td><td>x</td><td>1d</td></tr>
				<tr><td>_ga_&lt;container id&gt;, _gat_{ID}, _gac_[ID], _hjSession_#</td><td>x</td><td>1d</td></tr>
				<tr><td>"q1", ‘q2’.</td><td>x</td><td>1d</td></tr>
				<tr><td>/^_hj.*$/</td><td>x</td><td>1d</td></tr>
				<tr><td>a1</td><td>duplicate</td><td>1d</td></tr>
				</table>`,
			want: func() []entry {
				var out []entry
				for _, n := range []string{"a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5", "b6", "c1", "c2", "c3", "c4", "d1", "e1",
					"_ga_<container id>", "_gat_{ID}", "_gac_[ID]", "_hjSession_#", "q1", "q2", "/^_hj.*$/"} {
					out = append(out, entry{n, Statistics, "Statistics", "1d", "1d", "", "", "Statistics", 1, "table"})
				}
				return out
			}(),
		},
		{
			name: "prose in a name cell is no name",
			page: `<h2>Statistics</h2><table>` + header + `<tr><td>Google Analytics</td><td>x</td><td>1d</td></tr><tr><td>ok</td><td>x</td><td>1d</td></tr></table>`,
			want: []entry{{"ok", Statistics, "Statistics", "1d", "1d", "", "", "Statistics", 1, "table"}},
			warnings: []string{
				`table 1: no cookie name in "Google Analytics"`,
			},
		},
		{
			name: "durations per name",
			page: `<h2>Marketing</h2><table>` + header + `
				<tr><td>a, b</td><td>x</td><td>a: 1 day<br>b: 2 days</td></tr>
				<tr><td>c, d</td><td>x</td><td>3 days, 4 days</td></tr>
				<tr><td>e, f</td><td>x</td><td>1 year, 6 months, 2 days</td></tr>
				<tr><td>g, h</td><td>x</td><td>soon</td></tr>
				</table>`,
			want: []entry{
				{"a", Marketing, "Marketing", "1d", "1 day", "", "", "Marketing", 1, "table"},
				{"b", Marketing, "Marketing", "2d", "2 days", "", "", "Marketing", 1, "table"},
				{"c", Marketing, "Marketing", "3d", "3 days", "", "", "Marketing", 1, "table"},
				{"d", Marketing, "Marketing", "4d", "4 days", "", "", "Marketing", 1, "table"},
				{"e", Marketing, "Marketing", "1y6mo2d", "1 year, 6 months, 2 days", "", "", "Marketing", 1, "table"},
				{"f", Marketing, "Marketing", "1y6mo2d", "1 year, 6 months, 2 days", "", "", "Marketing", 1, "table"},
				{"g", Marketing, "Marketing", "", "soon", "", "", "Marketing", 1, "table"},
				{"h", Marketing, "Marketing", "", "soon", "", "", "Marketing", 1, "table"},
			},
			warnings: []string{`table 1: g, h: duration "soon" not understood; kept as text`},
		},
		{
			name: "rows spanning the table name categories",
			page: `<h2>Cookie list</h2><table>` + header + `
				<tr><td colspan="3">Strictly necessary</td></tr><tr><td>s</td><td>x</td><td>Session</td></tr>
				<tr><td colspan="3">Just a note about the next rows</td></tr><tr><td>s2</td><td>x</td><td>Session</td></tr>
				<tr><td colspan="3">Performance</td></tr><tr><td>p</td><td>x</td><td>1h</td></tr></table>`,
			want: []entry{
				{"s", Necessary, "Strictly necessary", "session", "Session", "", "", "Strictly necessary", 1, "table"},
				{"s2", Necessary, "Strictly necessary", "session", "Session", "", "", "Strictly necessary", 1, "table"},
				{"p", Statistics, "Performance", "1h", "1h", "", "", "Performance", 1, "table"},
			},
		},
		{
			name: "script declarations repeat the table and are kept once",
			page: `<div id="CookieDeclaration"><div class="CookieDeclarationTypeHeader">Statistics (1)</div>
				<table><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Expiry</th><th>Type</th></tr>
				<tr><td>_ga</td><td>Google</td><td>x</td><td>2 years</td><td>HTTP Cookie</td></tr></table></div>
				<script>CookieConsentDialog.cookieTableStatistics = [["_ga","Google","x","2 years","HTTP"],["_gid","Google","y","1 day","HTTP"]];</script>`,
			want: []entry{
				{"_ga", Statistics, "Statistics", "2y", "2 years", "Google", "", "Statistics (1)", 1, "cookiebot"},
				{"_gid", Statistics, "Statistics", "1d", "1 day", "Google", "", "", 0, "cookiebot-script"},
			},
		},
		{
			name: "same name for two domains is two declarations",
			page: `<h2>Necessary</h2><table><tr><th>Cookie</th><th>Domain</th><th>Purpose</th></tr>
				<tr><td>sid</td><td>a.example</td><td>x</td></tr><tr><td>sid</td><td>.b.example</td><td>x</td></tr><tr><td>sid</td><td>A.example</td><td>x</td></tr></table>`,
			want: []entry{
				{"sid", Necessary, "Necessary", "", "", "", "a.example", "Necessary", 1, "table"},
				{"sid", Necessary, "Necessary", "", "", "", ".b.example", "Necessary", 1, "table"},
			},
		},
		{
			name: "a heading that denies necessity",
			page: `<h2>Cookies that are not strictly necessary</h2><h3>Analytics</h3><table>` + header + `<tr><td>a</td><td>x</td><td>1d</td></tr></table>
				<h2>Non-essential cookies</h2><table>` + header + `<tr><td>b</td><td>x</td><td>1d</td></tr></table>`,
			want: []entry{
				{"a", Statistics, "Analytics", "1d", "1d", "", "", "Analytics", 1, "table"},
				{"b", Unclassified, "", "1d", "1d", "", "", "Non-essential cookies", 2, "table"},
			},
			warnings: []string{`table 2: no category found for "b" (no category column, caption or heading naming one); declared unclassified`},
		},
		{
			name: "layout tables around a cookie table",
			page: `<table><tr><td><h2>Marketing</h2><table>` + header + `<tr><td>m</td><td>x</td><td>30 Tage</td></tr></table></td></tr></table>`,
			want: []entry{{"m", Marketing, "Marketing", "30d", "30 Tage", "", "", "Marketing", 2, "table"}},
		},
		{
			name: "hostile spans stay bounded",
			page: `<h2>Necessary</h2><table>` + header + `<tr><td rowspan="99999999999">r</td><td colspan="100000">x</td></tr><tr><td>1d</td></tr></table>`,
			// The spanning cell covers the purpose and duration columns.
			want:     []entry{{"r", Necessary, "Necessary", "", "x", "", "", "Necessary", 1, "table"}},
			warnings: []string{`table 1: r: duration "x" not understood; kept as text`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := ExtractHTML("page.html", []byte(tt.page), ExtractOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, entries(p)); diff != "" {
				t.Errorf("declarations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, p.Warnings, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractSite(t *testing.T) {
	t.Parallel()
	page := readTestdata(t, "portal-cookies-policy.html")
	for name, want := range map[string]string{
		"https://data.portal.example/pages/cookies-policy/": "data.portal.example",
		"http://localhost:8080/cookies":                     "localhost",
		"saved/cookies-policy.html":                         "",
	} {
		p, err := ExtractHTML(name, page, ExtractOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Site != want {
			t.Errorf("ExtractHTML(%q).Site = %q, want %q", name, p.Site, want)
		}
	}
}

func TestExtractNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page, want string
	}{
		{"a page with an unrelated table", string(readTestdata(t, "no-cookies.html")),
			"no cookie declarations found in page.html: looked for tables whose header or columns name the cookie and its purpose, category, duration or provider (the page has 1 table, none with such a header), records of cookie labels and values, lists and sentences naming cookies, and Cookiebot cookieTable arrays or OneTrust Groups data in scripts"},
		{"an empty page", "", "the page has no table"},
		{"not HTML at all", "\x00\xff{]]", "the page has no table"},
		{"a header and no rows", "<table><tr><th>Cookie</th><th>Purpose</th></tr></table>", "the page has 1 table, 1 with such a header but no cookie in it"},
		{"tables without a cookie header", "<table><tr><td>a</td></tr></table><table></table>", "the page has 2 tables, none with such a header"},
		{"broken scripts", `<script>x.cookieTableNecessary = [["a", "b"</script><script>{"Groups": [</script>`, "no cookie declarations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ExtractHTML("page.html", []byte(tt.page), ExtractOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ExtractHTML() error = %v, want one containing %q", err, tt.want)
			}
			if !errors.Is(err, ErrNoDeclarations) {
				t.Errorf("error %v does not wrap ErrNoDeclarations", err)
			}
		})
	}
}

func TestExtractJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, want string
		none             bool
	}{
		{"syntax", "{\n  \"Groups\": [\n    {\"GroupName\": \"x\",}\n  ]\n}", "groups.json:3:23: invalid JSON: invalid character '}' looking for beginning of object key string", false},
		{"truncated", `{"Groups": [`, "groups.json:1:13: invalid JSON: unexpected end of file", false},
		{"no groups", `{"cookies": []}`, `no cookie declarations found in groups.json: looked for OneTrust groups`, true},
		{"groups without cookies", `{"Groups": [{"GroupName": "Strictly Necessary Cookies", "Cookies": []}]}`, "no cookie declarations found", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ExtractJSON("groups.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ExtractJSON() error = %v, want one containing %q", err, tt.want)
			}
			if errors.Is(err, ErrNoDeclarations) != tt.none {
				t.Errorf("errors.Is(%v, ErrNoDeclarations) = %v, want %v", err, !tt.none, tt.none)
			}
		})
	}
}

// TestElementSets checks that the element sets name only elements that
// have an atom: an element of no atom has atom 0, which a set holding it
// would take for every unknown element.
func TestElementSets(t *testing.T) {
	t.Parallel()
	for name, set := range map[string]map[atom.Atom]bool{
		"htmlElements": htmlElements, "blockElements": blockElements, "inlineElements": inlineElements,
		"codeElements": codeElements, "emphElements": emphElements,
	} {
		if set[0] {
			t.Errorf("%s names an element that is not an atom of golang.org/x/net/html/atom", name)
		}
	}
}
