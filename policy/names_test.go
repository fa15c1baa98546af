package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSplitNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"_ga, _gid", []string{"_ga", "_gid"}},
		{"_ga\n_gid", []string{"_ga", "_gid"}},
		// A joining word alone on a line between names in code; a name
		// and its variant joined by a slash.
		{"_ga\n and \n_gat", []string{"_ga", "_gat"}},
		{"sess-key/sess-key.sig", []string{"sess-key", "sess-key.sig"}},
		{"ads-id/stats-id", []string{"ads-id/stats-id"}},
		// The browser's stores are no entries of them; whose a cookie is
		// is no name.
		{"Firebase IndexedDB / localStorage", nil},
		{"site_choice / własny", []string{"site_choice"}},
		// Broken across lines by a hyphen, as text from a PDF keeps it;
		// names ending in a hyphen of their own stay apart.
		{"__next_hmr_refres-\nh_hash__", []string{"__next_hmr_refresh_hash__"}},
		{"intercom-id-\nintercom-session-", []string{"intercom-id-", "intercom-session-"}},
		{"site_pref-\n_ga", []string{"site_pref-", "_ga"}},
		{"_ga and _gid", []string{"_ga", "_gid"}},
		{"sessionid and csrftoken", []string{"sessionid", "csrftoken"}},
		{"_ga / _gid", []string{"_ga", "_gid"}},
		// A list left open ("and others", "etc.") ends with its last name.
		{"NID, CONSENT, SOCS a ďalšie", []string{"NID", "CONSENT", "SOCS"}},
		{"_ga, _gid and others", []string{"_ga", "_gid"}},
		{"_fbp, fr etc.", []string{"_fbp", "fr"}},
		{"_ga und weitere", []string{"_ga"}},
		{"googtrans en gerelateerd", []string{"googtrans"}},
		{"_ga, _gid, _gat y similares", []string{"_ga", "_gid", "_gat"}},
		{"_ga and similar", []string{"_ga"}},
		{"1P_JAR, SID, HSID, ecc.", []string{"1P_JAR", "SID", "HSID"}},
		// A service named by its host is no name.
		{"Cal.com cookies", nil},
		// Services side by side are no name, whatever capitals they hold.
		{"Cookies de embed Behold/Instagram", nil},
		{"Cookies do canal Botyio/WhatsApp, _fbp", []string{"_fbp"}},
		{"_ga_<container-id>", []string{"_ga_<container-id>"}},
		{"_ga_<container id>, _gid", []string{"_ga_<container id>", "_gid"}},
		{"_ga_{a,b}", []string{"_ga_{a,b}"}},
		{"_hjSession_*", []string{"_hjSession_*"}},
		{"/^_hj.*$/", []string{"/^_hj.*$/"}},
		{"Google Analytics (_ga, _gid)", []string{"_ga", "_gid"}},
		{"_ga (Google Analytics)", []string{"_ga"}},
		{"Google Analytics", nil},
		{"e, y, o", []string{"e", "y", "o"}}, // alone, joining words are names
		{"n/a", nil},
		{"Various", nil},
		{"None (cookieless)", nil},
		{"Verschiedene", nil},
		{"–", nil},
		{"a, a", []string{"a"}},
		{"“_ga”.", []string{"_ga"}},
		{"_pk_id.*", []string{"_pk_id.*"}},
		{"_gac_...", []string{"_gac_..."}},
		{"a=b", nil},
		{"unclosed <bracket", nil},
		{"(", nil},
		{"", nil},
		// A list numbered by hand in the cell; a lone "1." is a name's.
		{"AB_x\n1.AB_xa,\n2.AB_xg,\n3.AB_x[1-5]", []string{"AB_x", "AB_xa", "AB_xg", "AB_x[1-5]"}},
		{"1.gif, 3.x", []string{"1.gif", "3.x"}},
		// A placeholder in parentheses glued to the name; a note stands apart.
		{"lc_sso(license_id)", []string{"lc_sso<license_id>"}},
		{"c.(license_id).secret_id", []string{"c.<license_id>.secret_id"}},
		{"NID(Google)", []string{"NID"}},
		// A note after a spaced dash names no cookie, unless it has a name's marks.
		{"__lc_vv - LiveChat version -", []string{"__lc_vv"}},
		{"_ga - _gid", []string{"_ga", "_gid"}},
		// Cookiebot's count of a name set several ways is no word of the cell.
		{"pagead/landing [x2] ", []string{"pagead/landing"}},
		{"CONSENT [x2]", []string{"CONSENT"}},
		{"ORG49973[x2]", []string{"ORG49973"}},
		// A double bar inside a word is a name's (an IndexedDB store);
		// bars between words still separate names.
		{"LogsDatabaseV2:V#||LogsRequestsStore", []string{"LogsDatabaseV2:V#||LogsRequestsStore"}},
		{"yt_db_a || yt_db_b|yt_db_c", []string{"yt_db_a", "yt_db_b", "yt_db_c"}},
		// Names in capitals, set apart by spaces alone; words are prose.
		{"SAPISID APISID SSID HSID SID", []string{"SAPISID", "APISID", "SSID", "HSID", "SID"}},
		{"GOOGLE Analytics", nil},
		{"ID NID", nil},
		// A service and its cookies in a note, one marked as a name; a
		// dotted name whose end is no top-level domain is no host.
		{"Zzmizer(zzcore.pd, zzid, zz_[naam],)", []string{"zzcore.pd", "zzid", "zz_[naam]"}},
		{"Zzmizer (zzcore.id, zz_x)", []string{"zz_x"}},
		{"Zzmizer (zz.example.online, zz_x)", []string{"zz_x"}},
		{"Zzmizer (versie 2)", []string{"Zzmizer"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitNames(tt.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("splitNames(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestNameCellPlaceholders(t *testing.T) {
	t.Parallel()
	// A placeholder written without escaping reaches the page as an
	// element; one wrapping a name is a custom element, not a placeholder.
	p, err := ExtractHTML("page.html", []byte(`<h2>Statistics</h2><table><tr><th>Cookie</th><th>Purpose</th></tr>
		<tr><td>_ga_<container-id>, _gid</td><td>x</td></tr>
		<tr><td><cookie-name>_fbp</cookie-name></td><td>x</td></tr></table>`), ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range p.Cookies {
		got = append(got, d.Name.Text)
	}
	if diff := cmp.Diff([]string{"_ga_<container-id>", "_gid", "_fbp"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

// TestNotAName checks words shaped like cookie names that are something
// else, and names that stay names.
func TestNotAName(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"S.r.l", true},
		// A date written in Japanese or Korean.
		{"2026年7月22日", true},
		{"2026년7월", true},
		// Colour classes of a style framework; a name with colour words.
		{"text-blue-400", true},
		{"bg-emerald-50", true},
		{"border-gray-200/50", true},
		{"blue-banner-seen", false},
		// Files of a site's source.
		{"GoogleScripts.tsx", true},
		{"REGISTRE_TRAITEMENT_RGPD.md", true},
		{"consent.config.yml", true},
		// A question, its heading's number run into it.
		{"4Vragen?", true},
		{"_gat_?", false},
		// A number about so large ("Lectura: ~6 min").
		{"~6", true},
		{"≈30", true},
		// A number with its case ending ("2025. január 8-tól": from the 8th).
		{"8-tól", true},
		{"2025-ben", true},
		{"8-tol", true},
		// Durations in Japanese, Chinese and Korean.
		{"30日", true},
		{"13か月", true},
		{"1年", true},
		{"6个月", true},
		{"2년", true},
		{"13개월", true},
		{"日_sess", false},
		{"_blank", true}, // a link's target ("window=_blank")
		{"P.IVA", true},
		{"s.r.o.", true},
		{"site-ului", true},
		{"cookie-urile", true},
		{"example.com", true},
		{"shop.example.online", true},
		{"mmcore.pd", false},
		{"mmpa.tst", false},
		{"zz_ului", false},
		{"et-cloud.viewMode", false},
		{"first-party/third-party", true},
		{"opt-in/opt-out", true},
		{"cookie...", true},
		{"_ga/_gid", false},
		{"#2F5BFF", true},
		{"#fff", true},
		{"#_ga", false},
		{"E-mailadres", true},
		{"G-SKH25BEE1T", true},
		{"UA-72186615-3", true},
		{"GTM-5XK2R9", true},
		{"_gat_UA-72186615-3", false},
		{"E-Mail", true},
		{"T-shirt", true},
		{"A-ID", false},
		{"e-token", false},
		{"X-Mapping-fjhppofk", false},
	} {
		if got := notAName(tt.in); got != tt.want {
			t.Errorf("notAName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
