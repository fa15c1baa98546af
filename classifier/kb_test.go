package classifier_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

func TestBuiltinLoads(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	if n := kb.Len(); n < 300 {
		t.Errorf("built-in knowledge base has %d entries, want at least 300", n)
	}
	// Two of our entries with the same name and the same host condition
	// could never both be chosen: one of them is a mistake. (The database
	// may repeat a name for several platforms.)
	type key struct {
		pattern string
		scope   string
		origin  string
	}
	seen := map[key]int{}
	for i, e := range kb.Entries() {
		scope := "any"
		if e.HostOnly {
			scope = strings.Join(e.Hosts, " ")
		}
		k := key{e.Pattern(), scope, e.Origin}
		if j, dup := seen[k]; dup && e.Origin != classifier.OriginDatabase {
			t.Errorf("entries %d and %d are both %s (%s)", j, i, e.Pattern(), scope)
		}
		seen[k] = i
		if !e.Category.Valid() || e.Category == policy.Unclassified {
			t.Errorf("entry %s has no category: %+v", e.Pattern(), e)
		}
		switch e.Origin {
		case classifier.OriginBuiltin:
			if e.Provider == "" || e.Description == "" {
				t.Errorf("our entry %s is incomplete: %+v", e.Pattern(), e)
			}
		case classifier.OriginOverride:
			if e.Reason == "" || e.Provider == "" {
				t.Errorf("override %s has no reason or provider: %+v", e.Pattern(), e)
			}
		case classifier.OriginDatabase:
			if e.DatabaseCategory == "" {
				t.Errorf("database entry %s has no database category: %+v", e.Pattern(), e)
			}
		default:
			t.Errorf("entry %s has origin %q", e.Pattern(), e.Origin)
		}
	}
}

// TestCuratedAgreesWithDatabase holds our layers to their rules: our own
// entries never contradict the Open Cookie Database (an entry naming a
// database cookie for the same scope has a compatible category), and every
// override overrides a database entry it contradicts, with its reason
// (data/overrides.csv).
func TestCuratedAgreesWithDatabase(t *testing.T) {
	t.Parallel()
	db := map[string][]classifier.Entry{}
	entries := builtin(t).Entries()
	for _, e := range entries {
		if e.Origin == classifier.OriginDatabase {
			db[e.Pattern()] = append(db[e.Pattern()], e)
		}
	}
	// agrees reports whether one of the database's entries for the
	// pattern (a name can have several, for several hosts) has category c.
	agrees := func(pattern string, c policy.Category) bool {
		for _, d := range db[pattern] {
			if d.Category == c {
				return true
			}
		}
		return false
	}
	for _, e := range entries {
		switch e.Origin {
		case classifier.OriginBuiltin:
			if len(db[e.Pattern()]) > 0 && !agrees(e.Pattern(), e.Category) {
				d := db[e.Pattern()][0]
				t.Errorf("our entry %s (%s) contradicts the database's (%s, %s): make it an override with its reason, or remove it",
					e.Pattern(), e.Category, d.DatabaseCategory, d.Provider)
			}
		case classifier.OriginOverride:
			if len(db[e.Pattern()]) == 0 || agrees(e.Pattern(), e.Category) {
				t.Errorf("override %s (%s) overrides no database entry it contradicts: move it to data/cookies.csv", e.Pattern(), e.Category)
			}
		}
	}
}

// TestBuiltinCoverage looks up cookies of every family the knowledge base
// must know.
func TestBuiltinCoverage(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	type want struct {
		provider string // a part of the provider's name
		category policy.Category
	}
	const any = "www.example.org"
	cases := []struct {
		name, domain string
		want         want
	}{
		// Google Analytics and Google Ads.
		{"_ga", any, want{"Google Analytics", policy.Statistics}},
		{"_ga_1X2Y3Z4W5V", any, want{"Google Analytics", policy.Statistics}},
		{"_gid", any, want{"Google Analytics", policy.Statistics}},
		{"_gat", any, want{"Google Analytics", policy.Statistics}},
		{"_gat_UA-12345-1", any, want{"Google Analytics", policy.Statistics}},
		{"__utma", any, want{"Urchin", policy.Statistics}},
		{"__utmz", any, want{"Urchin", policy.Statistics}},
		{"_gcl_au", any, want{"Google", policy.Marketing}},
		{"_gcl_aw", any, want{"Google Ads", policy.Marketing}},
		{"_gcl_xyz", any, want{"Google Ads", policy.Marketing}},
		{"IDE", "doubleclick.net", want{"DoubleClick", policy.Marketing}},
		{"DSID", "doubleclick.net", want{"DoubleClick", policy.Marketing}},
		{"test_cookie", "doubleclick.net", want{"DoubleClick", policy.Marketing}},
		{"__gads", any, want{"Google", policy.Marketing}},
		{"__gpi", any, want{"Google", policy.Marketing}},
		{"NID", "google.com", want{"Google", policy.Marketing}},
		{"ANID", "google.com", want{"Google", policy.Marketing}},
		{"1P_JAR", "google.com", want{"Google", policy.Marketing}},
		{"AEC", "google.com", want{"Google", policy.Necessary}},
		// Meta.
		{"_fbp", any, want{"Meta", policy.Marketing}},
		{"_fbc", any, want{"Meta", policy.Marketing}},
		{"fr", "facebook.com", want{"Meta", policy.Marketing}},
		{"datr", "facebook.com", want{"Meta", policy.Marketing}},
		{"sb", "facebook.com", want{"Meta", policy.Marketing}},
		// Microsoft.
		{"_uetsid", any, want{"Microsoft", policy.Marketing}},
		{"_uetvid", any, want{"Microsoft", policy.Marketing}},
		{"MUID", "bing.com", want{"Microsoft", policy.Marketing}},
		{"_clck", any, want{"Clarity", policy.Statistics}},
		{"_clsk", any, want{"Clarity", policy.Statistics}},
		{"CLID", "www.clarity.ms", want{"Clarity", policy.Statistics}},
		{"ANONCHK", "c.clarity.ms", want{"Microsoft", policy.Marketing}},
		{"SM", "c.clarity.ms", want{"Clarity", policy.Statistics}},
		{"MR", "c.bing.com", want{"Microsoft", policy.Marketing}},
		// LinkedIn.
		{"bcookie", "linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"lidc", "linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"bscookie", "www.linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"li_gc", "linkedin.com", want{"LinkedIn", policy.Necessary}},
		{"UserMatchHistory", "linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"AnalyticsSyncHistory", "linkedin.com", want{"LinkedIn", policy.Statistics}},
		{"li_sugr", "linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"lms_ads", "linkedin.com", want{"LinkedIn", policy.Marketing}},
		// Pixels that consent platforms' scanners list beside cookies.
		{"ads/ga-audiences", any, want{"Google Ads", policy.Marketing}},
		{"pagead/1p-user-list/123456", any, want{"Google Ads", policy.Marketing}},
		{"collect", "www.google-analytics.com", want{"Google Analytics", policy.Statistics}},
		{"tr", "www.facebook.com", want{"Meta", policy.Marketing}},
		{"i/adsct", any, want{"X (Twitter)", policy.Marketing}},
		{"insight_tag_errors.gif", "px.ads.linkedin.com", want{"LinkedIn", policy.Marketing}},
		{"_twpid", any, want{"X (Twitter)", policy.Marketing}},
		{"topicsLastReferenceTime", any, want{"Meta Pixel", policy.Marketing}},
		{"cb_anonymous_id", any, want{"Clearbit", policy.Marketing}},
		{"_ym43424779_lsid", any, want{"Yandex Metrica", policy.Statistics}},
		{"_cltk", any, want{"Microsoft Clarity", policy.Statistics}},
		{"autotrack:UA-12345-1:session", any, want{"Google Analytics autotrack", policy.Statistics}},
		{"u_scsid", any, want{"Snap Pixel", policy.Marketing}},
		{"scarab.visitor", any, want{"Emarsys", policy.Marketing}},
		{"lms_analytics", "linkedin.com", want{"LinkedIn", policy.Statistics}}, // our override: analytics, by LinkedIn's cookie table
		// TikTok, Criteo, X, Pinterest, Snap, Reddit, Quantcast.
		{"_ttp", any, want{"TikTok", policy.Marketing}},
		{"ttwid", "tiktok.com", want{"TikTok", policy.Marketing}},
		{"tt_chain_token", "www.tiktok.com", want{"TikTok", policy.Marketing}},
		{"tt_something_new", "www.tiktok.com", want{"TikTok", policy.Marketing}},
		{"cto_bundle", any, want{"Criteo", policy.Marketing}},
		{"uid", "criteo.com", want{"Criteo", policy.Marketing}},
		{"personalization_id", "twitter.com", want{"X", policy.Marketing}},
		{"guest_id", "x.com", want{"X (Twitter)", policy.Marketing}},
		{"muc_ads", "t.co", want{"X (Twitter)", policy.Marketing}},
		{"_pin_unauth", any, want{"Pinterest", policy.Marketing}},
		{"_pinterest_ct_ua", "ct.pinterest.com", want{"Pinterest", policy.Marketing}},
		{"_scid", any, want{"Snap", policy.Marketing}},
		{"_rdt_uuid", any, want{"Reddit", policy.Marketing}},
		{"__qca", any, want{"Quantcast", policy.Marketing}},
		{"mc", "quantserve.com", want{"Quantcast", policy.Marketing}},
		// Adobe.
		{"AMCV_0123456789ABCDEF%40AdobeOrg", any, want{"Adobe", policy.Marketing}},
		{"AMCVS_0123456789ABCDEF%40AdobeOrg", any, want{"Adobe", policy.Marketing}},
		{"s_cc", any, want{"Adobe", policy.Statistics}},
		{"s_sq", any, want{"Adobe", policy.Statistics}},
		{"s_vi", "example.omtrdc.net", want{"Adobe", policy.Statistics}},
		{"s_fid", any, want{"Adobe", policy.Statistics}},
		{"demdex", "demdex.net", want{"Adobe", policy.Marketing}},
		{"dextp", "demdex.net", want{"Adobe", policy.Marketing}},
		// Hotjar, Matomo, Mixpanel, Segment, Amplitude, HubSpot.
		{"_hjSessionUser_123456", any, want{"Hotjar", policy.Statistics}},
		{"_hjSession_123456", any, want{"Hotjar", policy.Statistics}},
		{"_hjid", any, want{"Hotjar", policy.Statistics}},
		{"_hjTLDTest", any, want{"Hotjar", policy.Statistics}},
		{"_hjAbsoluteSessionInProgress", any, want{"Hotjar", policy.Statistics}},
		{"_hjIncludedInSessionSample_123456", any, want{"Hotjar", policy.Statistics}},
		{"_pk_id.1.1fff", any, want{"Matomo", policy.Statistics}},
		{"_pk_ses.1.1fff", any, want{"Matomo", policy.Statistics}},
		{"_pk_ref.3.abcd", any, want{"Matomo", policy.Statistics}},
		{"MATOMO_SESSID", any, want{"Matomo", policy.Necessary}},
		{"mtm_consent", any, want{"Matomo", policy.Necessary}},
		{"mp_0123456789abcdef_mixpanel", any, want{"Mixpanel", policy.Statistics}},
		{"ajs_anonymous_id", any, want{"Segment", policy.Statistics}},
		{"ajs_user_id", any, want{"Segment", policy.Statistics}},
		{"amp_a1b2c3", any, want{"Amplitude", policy.Statistics}},
		{"AMP_a1b2c3d4e5", any, want{"Amplitude", policy.Statistics}},
		{"AMP_TOKEN", any, want{"Google Analytics", policy.Statistics}},
		{"__hstc", any, want{"HubSpot", policy.Statistics}},
		{"hubspotutk", any, want{"HubSpot", policy.Statistics}},
		{"__hssc", any, want{"HubSpot", policy.Statistics}},
		{"__hssrc", any, want{"HubSpot", policy.Statistics}},
		{"messagesUtk", any, want{"HubSpot", policy.Preferences}}, // HubSpot's own list, over the database (overrides.csv)
		{"_hp2_id.123", any, want{"Heap", policy.Statistics}},
		{"fs_uid", any, want{"FullStory", policy.Statistics}},
		{"intercom-id-abc123", any, want{"Intercom", policy.Statistics}},
		{"driftt_aid", any, want{"Drift", policy.Preferences}},
		{"__zlcmid", any, want{"Zendesk", policy.Necessary}},
		{"optimizelyEndUserId", any, want{"Optimizely", policy.Marketing}},
		{"_vwo_uuid_v2", any, want{"VWO", policy.Statistics}},
		{"_vis_opt_exp_12_combi", any, want{"VWO", policy.Statistics}},
		{"mmapi.store.p.0", any, want{"Oracle Maxymiser", policy.Statistics}},
		{"mmcore.srv", any, want{"Oracle Maxymiser", policy.Statistics}},
		{"mmid", any, want{"Oracle Maxymiser", policy.Statistics}},
		{"yt-player-volume", "youtube.com", want{"YouTube", policy.Preferences}},
		{".AspNet.ApplicationCookie", any, want{"ASP.NET Identity (OWIN)", policy.Necessary}},
		{"yt-html5-player-modules::subtitlesModuleData::module-enabled", "youtube.com", want{"YouTube", policy.Preferences}},
		{"yt-remote-device-id", "youtube.com", want{"YouTube", policy.Marketing}},
		{"_ym_uid", any, want{"Yandex", policy.Statistics}},
		{"_ym_d", any, want{"Yandex", policy.Statistics}},
		{"yandexuid", "yandex.ru", want{"Yandex", policy.Statistics}},
		{"Hm_lvt_0123abcd", any, want{"Baidu", policy.Statistics}},
		// CDNs and load balancers.
		{"__cf_bm", any, want{"Cloudflare", policy.Necessary}},
		{"cf_clearance", any, want{"Cloudflare", policy.Necessary}},
		{"__cflb", any, want{"Cloudflare", policy.Necessary}},
		{"_cfuvid", any, want{"Cloudflare", policy.Necessary}},
		{"AWSALB", any, want{"AWS", policy.Necessary}},
		{"AWSALBCORS", any, want{"AWS", policy.Necessary}},
		{"AWSELB", any, want{"AWS", policy.Necessary}},
		{"BIGipServerpool_web", any, want{"F5", policy.Necessary}},
		{"SERVERID", any, want{"HAProxy", policy.Necessary}},
		{"ARRAffinity", any, want{"Azure", policy.Necessary}},
		{"ARRAffinitySameSite", any, want{"Azure", policy.Necessary}},
		// Platform sessions.
		{"PHPSESSID", any, want{"PHP", policy.Necessary}},
		{"JSESSIONID", any, want{"Java", policy.Necessary}},
		{"ASP.NET_SessionId", any, want{"ASP.NET", policy.Necessary}},
		{".ASPXAUTH", any, want{"ASP.NET", policy.Necessary}},
		{"__RequestVerificationToken", any, want{"ASP.NET", policy.Necessary}},
		{"sessionid", any, want{"Django", policy.Necessary}},
		{"csrftoken", any, want{"Django", policy.Necessary}},
		{"django_language", any, want{"Django", policy.Necessary}},
		{"_session_id", any, want{"Rails", policy.Necessary}},
		{"_myshop_session", any, want{"Rails", policy.Necessary}},
		{"laravel_session", any, want{"Laravel", policy.Necessary}},
		{"XSRF-TOKEN", any, want{"Laravel", policy.Necessary}},
		{"connect.sid", any, want{"Express", policy.Necessary}},
		{"ci_session", any, want{"CodeIgniter", policy.Necessary}},
		{"wordpress_0123456789abcdef", any, want{"WordPress", policy.Necessary}},
		{"wordpress_logged_in_0123456789abcdef", any, want{"WordPress", policy.Necessary}},
		{"wp-settings-1", any, want{"WordPress", policy.Necessary}},
		{"wp-settings-time-1", any, want{"WordPress", policy.Necessary}},
		{"PrestaShop-a1b2c3", any, want{"PrestaShop", policy.Necessary}},
		{"_shopify_y", any, want{"Shopify", policy.Statistics}},
		{"_shopify_s", any, want{"Shopify", policy.Statistics}},
		{"_s", any, want{"Shopify", policy.Statistics}},
		{"_y", any, want{"Shopify", policy.Statistics}},
		{"cart", any, want{"Shopify", policy.Necessary}},
		{"secure_customer_sig", any, want{"Shopify", policy.Necessary}},
		{"form_key", any, want{"Magento", policy.Necessary}},
		{"mage-cache-sessid", any, want{"Magento", policy.Necessary}},
		{"mage-something", any, want{"Magento", policy.Necessary}},
		// Consent platforms.
		{"OptanonConsent", any, want{"OneTrust", policy.Necessary}},
		{"OptanonAlertBoxClosed", any, want{"OneTrust", policy.Necessary}},
		{"eupubconsent-v2", any, want{"OneTrust", policy.Necessary}},
		{"euconsent-v2", any, want{"TCF", policy.Necessary}},
		{"CookieConsent", any, want{"Cookiebot", policy.Necessary}},
		{"CookieScriptConsent", any, want{"Cookie-Script", policy.Necessary}},
		{"cookieyes-consent", any, want{"CookieYes", policy.Necessary}},
		{"cmplz_marketing", any, want{"Complianz", policy.Necessary}},
		{"borlabs-cookie", any, want{"Borlabs", policy.Necessary}},
		{"didomi_token", any, want{"Didomi", policy.Necessary}},
		{"usercentrics_consent", any, want{"Usercentrics", policy.Necessary}},
		{"uc_user_interaction", any, want{"Usercentrics", policy.Necessary}},
		{"_iub_cs-12345678", any, want{"iubenda", policy.Necessary}},
		{"axeptio_cookies", any, want{"Axeptio", policy.Necessary}},
		{"klaro", any, want{"Klaro", policy.Necessary}},
		{"tarteaucitron", any, want{"tarteaucitron", policy.Necessary}},
		{"notice_preferences", any, want{"TrustArc", policy.Necessary}},
		{"notice_gdpr_prefs", any, want{"TrustArc", policy.Necessary}},
		{"TAconsentID", any, want{"TrustArc", policy.Necessary}},
		{"osano_consentmanager_uuid", any, want{"Osano", policy.Necessary}},
		{"termly-consent", any, want{"Termly", policy.Necessary}},
		{"__cmpcc", any, want{"onsentmanager", policy.Necessary}},
		{"cookies_preferences", any, want{"Opendatasoft", policy.Necessary}},
		// The same name means different things on different hosts.
		{"sessionid", "instagram.com", want{"Instagram", policy.Marketing}},
		{"sessionid", "www.instagram.com", want{"Instagram", policy.Marketing}},
		{"csrftoken", "instagram.com", want{"Instagram", policy.Necessary}},
		{"uid", "adform.net", want{"Adform", policy.Marketing}},
	}
	for _, tc := range cases {
		e, ok := kb.Lookup(tc.name, tc.domain)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tc.name, tc.domain)
			continue
		}
		if !strings.Contains(e.Provider, tc.want.provider) || e.Category != tc.want.category {
			t.Errorf("Lookup(%q, %q) = %s %s (%s), want %s %s", tc.name, tc.domain, e.Provider, e.Category, e.Pattern(), tc.want.provider, tc.want.category)
		}
	}
	// Host-only entries are known on their hosts; elsewhere the name is
	// known to be another host's, with low confidence.
	for _, tc := range []struct{ name, domain string }{{"uid", "www.example.org"}, {"fr", "www.example.org"}} {
		e, ok := kb.Lookup(tc.name, tc.domain)
		if !ok || !e.OtherHost || e.Confidence != classifier.ConfidenceLow {
			t.Errorf("Lookup(%q, %q) = %+v, %v: want the entry of another host, with low confidence", tc.name, tc.domain, e, ok)
		}
	}
	if e, ok := kb.Lookup("fr", "facebook.com"); !ok || e.OtherHost || e.Confidence != classifier.ConfidenceHigh {
		t.Errorf("Lookup(fr, facebook.com) = %+v, %v: want Meta's entry with high confidence", e, ok)
	}
}

// TestLooseLookup checks the last resort of Lookup: a name that differs
// from a known one only in its leading underscores, as policy pages write
// Google's "__utma" ("_utma", "utma"), is taken for it with low
// confidence, and nothing looser is.
func TestLooseLookup(t *testing.T) {
	t.Parallel()
	mk := func(provider, name string, hosts ...string) classifier.Entry {
		return classifier.Entry{Name: name, Match: classifier.MatchExact, Provider: provider, Category: policy.Statistics,
			Hosts: hosts, Confidence: classifier.ConfidenceHigh}
	}
	kb := (*classifier.KB)(nil).Override([]classifier.Entry{
		mk("urchin", "__utma"),
		mk("plain", "visitor_id"),
		mk("short", "__gid"),
		mk("vendor", "ssid", "vendor.example"),
		mk("exact", "_both"),
		mk("exact too", "__both"),
		mk("caps", "CF_TOKEN"),
		mk("short caps", "ABCD"),
		mk("vendor caps", "VENDOR_ID", "vendor.example"),
		mk("aspnet", ".AspNetCore.Culture"),
	})
	for _, tc := range []struct {
		name, domain string
		want         string // provider, "" for none
	}{
		{"_utma", "www.example.org", "urchin"},
		{"utma", "www.example.org", "urchin"},
		{"___utma", "www.example.org", "urchin"},
		{"__visitor_id", "www.example.org", "plain"},
		{"_UTMA", "www.example.org", ""},          // letter case is kept
		{"__UTMA", "www.example.org", "urchin"},   // but not after two underscores, as the entry's
		{"__abcd", "www.example.org", ""},         // and only where the entry has them too
		{"gid", "www.example.org", ""},            // too short without its underscores
		{"_ssid", "www.example.org", ""},          // the entry's cookie is set elsewhere
		{"_ssid", "ads.vendor.example", "vendor"}, // on its host it stands
		{"_utmz", "www.example.org", ""},
		{"cf_token", "www.example.org", "caps"},  // letter case, in a name of five characters or more
		{"_Cf_Token", "www.example.org", "caps"}, // and underscores at once
		{"abcd", "www.example.org", ""},          // too short to compare without case
		{"vendor_id", "www.example.org", ""},     // set elsewhere
		{"vendor_id", "ads.vendor.example", "vendor caps"},
		{"AspNetCore.Culture", "www.example.org", "aspnet"}, // ASP.NET's leading dot, left out
		{"AspNetCore.Cultures", "www.example.org", ""},
	} {
		checkWeakLookup(t, kb, tc.name, tc.domain, tc.want, "loose", func(e classifier.Entry) bool { return e.Loose })
	}
	// A prefix entry is compared without letter case too ("Yt-remote-*",
	// as a table capitalises its cells), where its host allows.
	pk := (*classifier.KB)(nil).Override([]classifier.Entry{
		{Name: "yt-remote-", Match: classifier.MatchPrefix, Provider: "video", Category: policy.Marketing, Hosts: []string{"video.example"}, Confidence: classifier.ConfidenceHigh},
		{Name: "_hjSession_", Match: classifier.MatchPrefix, Provider: "heat", Category: policy.Statistics, Confidence: classifier.ConfidenceHigh},
		{Name: "_ga_", Match: classifier.MatchPrefix, Provider: "short", Category: policy.Statistics, Confidence: classifier.ConfidenceHigh},
	})
	for _, tc := range []struct {
		name, domain string
		want         string
	}{
		{"Yt-remote-device-id", "www.video.example", "video"},
		{"Yt-remote-device-id", "www.example.org", ""}, // set elsewhere
		{"_HJSESSION_123", "www.example.org", "heat"},
		{"_GA_ABC123", "www.example.org", ""}, // too short to compare without case
		{"_hjSess", "www.example.org", ""},    // a prefix of the prefix is not the family
	} {
		checkWeakLookup(t, pk, tc.name, tc.domain, tc.want, "loose", func(e classifier.Entry) bool { return e.Loose })
	}
	// An exact name is never loose.
	if e, ok := kb.Lookup("_both", "www.example.org"); !ok || e.Provider != "exact" || e.Loose {
		t.Errorf("Lookup(_both) = %+v, %v: want its own entry, not a loose one", e, ok)
	}
	// In a scan the loose entry gives its category, and the evidence says
	// how it was matched.
	res := classifier.Classify([]crawler.Cookie{firstParty("_utma")}, nil, kb, classifier.Options{Site: site})
	if cl := res.Cookies[0]; cl.Category != policy.Statistics || !strings.Contains(cl.Reason, "leading underscores") {
		t.Errorf("a scan of _utma: %s (%s), want statistics with a reason that names the loose match", cl.Category, cl.Reason)
	}
}

// checkWeakLookup wants Lookup of name on domain to find the entry of
// provider want ("" for none), as a match of the kind how (weak says
// whether an entry is one) with low confidence, and Matches to list that
// entry alone.
func checkWeakLookup(t *testing.T, kb *classifier.KB, name, domain, want, how string, weak func(classifier.Entry) bool) {
	t.Helper()
	e, ok := kb.Lookup(name, domain)
	got := ""
	if ok {
		got = e.Provider
	}
	if got != want {
		t.Errorf("Lookup(%q on %s) = %q, want %q", name, domain, got, want)
		return
	}
	if !ok {
		return
	}
	if !weak(e) || e.Confidence != classifier.ConfidenceLow {
		t.Errorf("Lookup(%q on %s) = %+v: want a %s match with low confidence", name, domain, e, how)
	}
	if m := kb.Matches(name); len(m) != 1 || m[0].Provider != want {
		t.Errorf("Matches(%q) = %+v, want the entry of %s", name, m, want)
	}
}

// TestStemLookup checks that a name a policy page gives for a family of
// cookies, the family's prefix without the separator it ends with, is
// taken for that family with low confidence, and that nothing looser is.
func TestStemLookup(t *testing.T) {
	t.Parallel()
	mk := func(provider, name string, match classifier.MatchKind, hosts ...string) classifier.Entry {
		return classifier.Entry{Name: name, Match: match, Provider: provider, Category: policy.Statistics,
			Hosts: hosts, Confidence: classifier.ConfidenceHigh}
	}
	kb := (*classifier.KB)(nil).Override([]classifier.Entry{
		mk("pendo", "_pendo_visitorId.", classifier.MatchPrefix),
		mk("intercom", "intercom-id-", classifier.MatchPrefix),
		mk("short", "_ab_", classifier.MatchPrefix),
		mk("vendor", "vnd_uid_", classifier.MatchPrefix, "vendor.example"),
		mk("noseparator", "mktx", classifier.MatchPrefix),
		mk("exact", "intercom-id", classifier.MatchExact),
	})
	for _, tc := range []struct {
		name, domain string
		want         string // provider, "" for none
	}{
		{"_pendo_visitorId", "www.example.org", "pendo"},
		{"pendo_visitorId", "www.example.org", "pendo"}, // its leading underscore left out too
		{"__pendo_visitorId", "www.example.org", "pendo"},
		{"_pendo_visitor", "www.example.org", ""},   // a stem is cut at the separator only
		{"_pendo_visitorid", "www.example.org", ""}, // letter case is kept
		{"_ab", "www.example.org", ""},              // too short without its underscores
		{"vnd_uid", "www.example.org", ""},          // the family is set elsewhere
		{"vnd_uid", "px.vendor.example", "vendor"},  // on its host it stands
		{"mkt", "www.example.org", ""},              // a prefix with no separator has no stem
	} {
		checkWeakLookup(t, kb, tc.name, tc.domain, tc.want, "stem", func(e classifier.Entry) bool { return e.Stem })
	}
	// An exact entry of the stem's name wins over the family.
	if e, ok := kb.Lookup("intercom-id", "www.example.org"); !ok || e.Provider != "exact" || e.Stem {
		t.Errorf("Lookup(intercom-id) = %+v, %v: want its own exact entry", e, ok)
	}
	if m := kb.Matches("_pendo_visitorId"); len(m) != 1 || m[0].Provider != "pendo" {
		t.Errorf("Matches(_pendo_visitorId) = %+v, want the Pendo family", m)
	}
	res := classifier.Classify([]crawler.Cookie{firstParty("_pendo_visitorId")}, nil, kb, classifier.Options{Site: site})
	if cl := res.Cookies[0]; cl.Category != policy.Statistics || !strings.Contains(cl.Reason, "stem") {
		t.Errorf("a scan of _pendo_visitorId: %s (%s), want statistics with a reason that names the stem match", cl.Category, cl.Reason)
	}
}

func TestLookupPrecedence(t *testing.T) {
	t.Parallel()
	// Each entry's provider names it, so the test can say which one wins.
	mk := func(provider, name string, match classifier.MatchKind, hosts ...string) classifier.Entry {
		return classifier.Entry{Name: name, Match: match, Provider: provider, Category: policy.Statistics,
			Hosts: hosts, HostOnly: len(hosts) > 0, Confidence: classifier.ConfidenceHigh}
	}
	base := (*classifier.KB)(nil).Override([]classifier.Entry{
		mk("prefix ab", "ab", classifier.MatchPrefix),
		mk("prefix abc", "abc", classifier.MatchPrefix),
		mk("glob a*d", "a*d", classifier.MatchGlob),
		mk("exact abcd", "abcd", classifier.MatchExact),
		mk("exact abcd on example.net", "abcd", classifier.MatchExact, "example.net"),
	})
	over := base.Override([]classifier.Entry{mk("override a", "a", classifier.MatchPrefix)})
	cases := []struct {
		name   string
		kb     *classifier.KB
		cookie string
		domain string
		want   string // provider of the entry chosen, "" for none
	}{
		{"the only match", base, "abx", "example.org", "prefix ab"},
		{"the longer prefix", base, "abcx", "example.org", "prefix abc"},
		{"prefix beats glob", base, "abcxd", "example.org", "prefix abc"},
		{"glob", base, "azzd", "example.org", "glob a*d"},
		{"exact beats prefix", base, "abcd", "example.org", "exact abcd"},
		{"host-only entry on its host", base, "abcd", "www.example.net", "exact abcd on example.net"},
		{"not a subdomain", base, "abcd", "example.net.evil.test", "exact abcd"},
		{"names are case-sensitive", base, "ABCD", "example.org", ""},
		{"an override wins over everything", over, "abcd", "example.net", "override a"},
		{"nothing", over, "zzz", "example.org", ""},
		{"a browser prefix no entry names is dropped", base, "__Host-abcd", "example.org", "exact abcd"},
		{"a browser prefix on a host-only entry's host", base, "__Secure-abcd", "example.net", "exact abcd on example.net"},
		{"an entry with the prefix wins", base.Override([]classifier.Entry{mk("exact __Secure-abcd", "__Secure-abcd", classifier.MatchExact)}), "__Secure-abcd", "example.org", "exact __Secure-abcd"},
		{"only the browser's prefixes", base, "__Other-abcd", "example.org", ""},
		{"a bare prefix", base, "__Host-", "example.org", ""},
	}
	for _, tc := range cases {
		e, ok := tc.kb.Lookup(tc.cookie, tc.domain)
		got := ""
		if ok {
			got = e.Provider
		}
		if got != tc.want {
			t.Errorf("%s: Lookup(%q, %q) = %q, want %q", tc.name, tc.cookie, tc.domain, got, tc.want)
		}
	}
	if m, want := base.Matches("__Host-abcd"), base.Matches("abcd"); len(m) != 5 || !cmp.Equal(m, want, cmpopts.IgnoreUnexported(classifier.Entry{})) {
		t.Errorf("Matches(__Host-abcd) = %+v, want the 5 entries of abcd", m)
	}
	if base.Len() != 5 || over.Len() != 6 {
		t.Errorf("Len = %d and %d, want 5 and 6 (Override must not change its receiver)", base.Len(), over.Len())
	}
}

func TestHostLookup(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	type got struct {
		Host     string
		Category policy.Category
	}
	cases := []struct {
		domain string
		want   *got
	}{
		{"doubleclick.net", &got{"doubleclick.net", policy.Marketing}},
		{"ad.doubleclick.net", &got{"doubleclick.net", policy.Marketing}},
		{".Stats.DoubleClick.net", &got{"doubleclick.net", policy.Marketing}},
		{"hm.baidu.com", &got{"hm.baidu.com", policy.Statistics}}, // the most specific
		{"www.baidu.com", &got{"baidu.com", policy.Marketing}},
		{"notdoubleclick.net", nil},
		{"www.example.org", nil},
	}
	for _, tc := range cases {
		h, ok := kb.Host(tc.domain)
		var g *got
		if ok {
			g = &got{h.Host, h.Category}
		}
		if diff := cmp.Diff(tc.want, g); diff != "" {
			t.Errorf("Host(%q) (-want +got):\n%s", tc.domain, diff)
		}
	}
}

func TestBuiltinSource(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	if src := kb.Source(); !strings.Contains(src, "Open Cookie Database") || !strings.Contains(src, "built in") {
		t.Errorf("Source() = %q, want it to name the built-in Open Cookie Database", src)
	}
	if d := classifier.BuiltinDatabaseDate(); d.Year() < 2026 {
		t.Errorf("BuiltinDatabaseDate() = %v, want the date in data/ocd.csv's header", d)
	}
	over := kb.Override([]classifier.Entry{{Name: "x", Category: policy.Marketing, Origin: "mine.csv:2"}})
	if src := over.Source(); !strings.HasSuffix(src, "over it: mine.csv") {
		t.Errorf("Source() with an override = %q, want it to end with the file", src)
	}
}

// TestShortPrefixesStayOnTheirHosts checks that a database prefix too
// short to name a provider's cookies ("_s" of Marfeel, "cap" of Adhese,
// whose domain has a placeholder label) classifies cookies of its own
// domain only: elsewhere it says nothing, where it used to call a
// CAPTCHA token marketing.
func TestShortPrefixesStayOnTheirHosts(t *testing.T) {
	t.Parallel()
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, domain string
		want         string // provider, "" for none
	}{
		{"captcha_token", "www.example.org", ""},
		{"_ssid", "www.example.org", ""},
		{"tp_id", "shop.example.org", ""},
		{"cap_7", "ads-news.adhese.com", "Adhese"},
		{"_sx", "events.newsroom.bi", "Marfeel"},
		// Longer prefixes still stand for their cookies anywhere.
		{"mp_0123_mixpanel", "www.example.org", "Mixpanel"},
	} {
		e, ok := kb.Lookup(tc.name, tc.domain)
		got := ""
		if ok {
			got = e.Provider
		}
		if got != tc.want {
			t.Errorf("Lookup(%s on %s) = %q (%+v), want %q", tc.name, tc.domain, got, e, tc.want)
		}
	}
}
