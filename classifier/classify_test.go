package classifier_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// Sources of the cookies of the tests.
const (
	home     = "https://www.example.org/"
	tag      = "https://www.googletagmanager.test/gtag/js"
	pixel    = "https://connect.facebook.net/en_US/fbevents.js"
	dblclick = "https://ad.doubleclick.net/pixel"
	widget   = "https://embed.widget.test/frame"
)

// classifyCase is one row of the classification tables.
type classifyCase struct {
	name    string
	policy  string // policy file; "" for no policy
	cookies []string
	sources []string // source of each cookie; home when missing
	opts    classifier.Options
	want    []finding
	// classes, when not nil, are the expected classifications.
	classes []class
}

func (tc classifyCase) run(t *testing.T) {
	t.Helper()
	kb := builtin(t)
	var cookies []crawler.Cookie
	for i, line := range tc.cookies {
		src := home
		if i < len(tc.sources) && tc.sources[i] != "" {
			src = tc.sources[i]
		}
		cookies = append(cookies, observed(t, line, src))
	}
	var pol *policy.Policy
	if tc.policy != "" {
		pol = parsePolicy(t, tc.policy)
	}
	opts := tc.opts
	if opts.Site == "" {
		opts.Site = site
	}
	res := classifier.Classify(cookies, pol, kb, opts)
	if len(res.Cookies) != len(cookies) {
		t.Fatalf("%d classifications for %d cookies", len(res.Cookies), len(cookies))
	}
	if diff := cmp.Diff(tc.want, project(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
		for _, f := range res.Findings {
			t.Logf("%s %s: %s [%s]", f.Kind, f.Cookie, f.Message, f.Evidence)
		}
	}
	if tc.classes != nil {
		if diff := cmp.Diff(tc.classes, projectClasses(res.Cookies)); diff != "" {
			t.Errorf("classifications (-want +got):\n%s", diff)
		}
	}
	for _, f := range res.Findings {
		if f.Message == "" || f.Evidence == "" || f.Fingerprint == "" {
			t.Errorf("%s %s: empty message, evidence or fingerprint: %+v", f.Kind, f.Cookie, f)
		}
	}
}

func TestClassifyMatching(t *testing.T) {
	t.Parallel()
	cases := []classifyCase{
		{
			name: "exact beats glob beats regex",
			policy: `
cookies:
  - name: _ga
    category: statistics
  - name: "_ga*"
    category: marketing
  - name: "/^_g/"
    category: preferences
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000", "_ga_ABC123=GS1.1.1; Max-Age=63072000", "_gx=1"},
			sources: []string{tag, tag},
			classes: []class{
				{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics},
				{true, policy.Marketing, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing},
				{true, policy.Preferences, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Preferences},
			},
		},
		{
			name: "Cookiebot and placeholder patterns",
			policy: `
cookies:
  - name: "_ga_#"
    category: statistics
  - name: "_pk_id.*"
    category: statistics
  - name: "_hjSession_<site-id>"
    category: statistics
`,
			cookies: []string{"_ga_X1Y2=1; Max-Age=60", "_pk_id.1.a1b2=x; Max-Age=60", "_hjSession_123=x; Max-Age=60"},
			classes: []class{
				{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics},
				{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics},
				{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics},
			},
		},
		{
			name: "a declared domain covers its subdomains only",
			policy: `
cookies:
  - name: sid
    category: necessary
    domain: .example.org
  - name: lang
    category: preferences
    domain: www.example.org
`,
			cookies: []string{
				"sid=1",                        // www.example.org, host-only
				"sid=1; Domain=example.org",    // the declared domain itself
				"sid=1; Domain=badexample.org", // a suffix, not a subdomain
				"lang=fr; Domain=example.org",  // a parent of the declared domain
			},
			sources: []string{"", "", "https://www.badexample.org/", ""},
			want: []finding{
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityLow, "lang", "example.org", "/", policy.Preferences, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "sid", "badexample.org", "/", policy.Unclassified, 0},
				{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "lang", "www.example.org", "", "", 5},
			},
			classes: []class{
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Necessary},
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Necessary},
				{false, policy.Unclassified, classifier.SourceNone, "", policy.Unclassified},
				{false, policy.Preferences, classifier.SourceHeuristic, classifier.ConfidenceLow, policy.Preferences},
			},
		},
		{
			name: "a declaration naming the domain beats one naming none",
			policy: `
cookies:
  - name: uid
    category: marketing
  - name: uid
    category: necessary
    domain: example.org
`,
			cookies: []string{"uid=1; Domain=example.org", "uid=2; Domain=widget.test"},
			sources: []string{"", widget},
			classes: []class{
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Necessary},
				{true, policy.Marketing, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing},
			},
		},
		{
			name: "declaration without a category takes the knowledge base's",
			policy: `
cookies:
  - name: _ga
    category: unclassified
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000"},
			sources: []string{tag},
			classes: []class{
				{true, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Statistics},
			},
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			tc.run(t)
		})
	}
}

func TestClassifyAmbiguity(t *testing.T) {
	t.Parallel()
	cases := []classifyCase{
		{
			name: "same name in two categories",
			policy: `
cookies:
  - name: _ga
    category: statistics
  - name: _ga
    category: marketing
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000"},
			sources: []string{tag},
			want: []finding{
				{classifier.KindAmbiguous, "ambiguous-declaration", classifier.SeverityLow, "_ga", "www.example.org", "/", policy.Marketing, 4},
			},
			classes: []class{{true, policy.Marketing, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing}},
		},
		{
			name: "two globs of different categories",
			policy: `
cookies:
  - name: "_hj*"
    category: preferences
  - name: "_hjSession*"
    category: statistics
`,
			cookies: []string{"_hjSession_1=x; Max-Age=1800"},
			want: []finding{
				{classifier.KindAmbiguous, "ambiguous-declaration", classifier.SeverityLow, "_hjSession_1", "www.example.org", "/", policy.Statistics, 4},
			},
			classes: []class{{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics}},
		},
		{
			name: "same category twice is not ambiguous",
			policy: `
cookies:
  - name: _ga
    category: statistics
  - name: _ga
    category: analytics
    provider: Google
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000"},
			sources: []string{tag},
		},
		{
			name: "different precedence is not ambiguous",
			policy: `
cookies:
  - name: "_ga*"
    category: marketing
  - name: _ga
    category: statistics
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000"},
			sources: []string{tag},
			classes: []class{{true, policy.Statistics, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Statistics}},
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			tc.run(t)
		})
	}
}

func TestClassifyUndeclared(t *testing.T) {
	t.Parallel()
	pol := `
cookies:
  - name: sessionid
    category: necessary
`
	cases := []classifyCase{
		{
			name:    "known analytics cookie",
			policy:  pol,
			cookies: []string{"sessionid=s; HttpOnly", "_ga=GA1.1.1.2; Domain=example.org; Max-Age=63072000", "_gid=GA1.1.3.4; Domain=example.org; Max-Age=86400"},
			sources: []string{"", tag, tag},
			want: []finding{
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "_ga", "example.org", "/", policy.Statistics, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "_gid", "example.org", "/", policy.Statistics, 0},
			},
			classes: []class{
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Necessary},
				{false, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Statistics},
				{false, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Statistics},
			},
		},
		{
			name:    "known marketing cookies, first and third party",
			policy:  pol,
			cookies: []string{"sessionid=s", "_fbp=fb.1.1700000000.123456; Domain=example.org; Max-Age=7776000", "IDE=AHWqTUk; Domain=doubleclick.net; Max-Age=34164000; Secure; SameSite=None"},
			sources: []string{"", pixel, dblclick},
			want: []finding{
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "IDE", "doubleclick.net", "/", policy.Marketing, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "_fbp", "example.org", "/", policy.Marketing, 0},
			},
		},
		{
			name:   "unknown cookies guessed by heuristics",
			policy: pol,
			cookies: []string{
				"sessionid=s",
				"ods_catalog_layout=grid; SameSite=Lax",                                    // a remembered choice
				"__Host-chat_login=0a1b2c; Path=/; Secure; Partitioned",                    // a sign-in
				"sw_uid=4f2a9c81d03b77e6a5c2f190; Max-Age=31536000; Secure; SameSite=None", // an identifier: no rule reads values
				"api_console=1; Path=/api/; Max-Age=3600; HttpOnly; Secure",                // nor attributes
				"tracker_x=abc; Domain=doubleclick.net; Max-Age=86400",                     // an advertising host
				"zz=1",
			},
			sources: []string{"", "", "https://widget.chatbox.test/embed", widget, "", dblclick, ""},
			want: []finding{
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "__Host-chat_login", "widget.chatbox.test", "/", policy.Necessary, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "api_console", "www.example.org", "/api/", policy.Unclassified, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityLow, "ods_catalog_layout", "www.example.org", "/", policy.Preferences, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "sw_uid", "embed.widget.test", "/", policy.Unclassified, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "tracker_x", "doubleclick.net", "/", policy.Marketing, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "zz", "www.example.org", "/", policy.Unclassified, 0},
			},
			classes: []class{
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Necessary},
				{false, policy.Preferences, classifier.SourceHeuristic, classifier.ConfidenceLow, policy.Preferences},
				{false, policy.Necessary, classifier.SourceHeuristic, classifier.ConfidenceLow, policy.Necessary},
				{false, policy.Unclassified, classifier.SourceNone, "", policy.Unclassified},
				{false, policy.Unclassified, classifier.SourceNone, "", policy.Unclassified},
				{false, policy.Marketing, classifier.SourceHeuristic, classifier.ConfidenceHigh, policy.Marketing},
				{false, policy.Unclassified, classifier.SourceNone, "", policy.Unclassified},
			},
		},
		{
			name: "same name means different things on different hosts",
			policy: `
cookies:
  - name: csrftoken
    category: necessary
`,
			cookies: []string{"sessionid=abc; HttpOnly", "sessionid=def; Domain=instagram.com; Max-Age=31536000; Secure; SameSite=None"},
			sources: []string{"", "https://www.instagram.com/embed.js"},
			want: []finding{
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "sessionid", "instagram.com", "/", policy.Marketing, 0},
				{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityMedium, "sessionid", "www.example.org", "/", policy.Necessary, 0},
				{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "csrftoken", "", "", "", 2},
			},
			classes: []class{
				{false, policy.Necessary, classifier.SourceKnowledgeBase, classifier.ConfidenceMedium, policy.Necessary},
				{false, policy.Marketing, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Marketing},
			},
		},
		{
			name:    "no policy: categories only, no findings",
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000", "zz=1"},
			sources: []string{tag},
			classes: []class{
				{false, policy.Statistics, classifier.SourceKnowledgeBase, classifier.ConfidenceHigh, policy.Statistics},
				{false, policy.Unclassified, classifier.SourceNone, "", policy.Unclassified},
			},
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			tc.run(t)
		})
	}
}

func TestClassifyMisclassified(t *testing.T) {
	t.Parallel()
	cases := []classifyCase{
		{
			name: "marketing cookies declared necessary",
			policy: `
cookies:
  - name: _fbp
    category: strictly necessary
  - name: IDE
    category: necessary
`,
			cookies: []string{"_fbp=fb.1.1700000000.123456; Max-Age=7776000", "IDE=AHWqTUk; Domain=doubleclick.net; Max-Age=34164000; Secure; SameSite=None"},
			sources: []string{pixel, dblclick},
			want: []finding{
				{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityHigh, "IDE", "doubleclick.net", "/", policy.Marketing, 4},
				{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityHigh, "_fbp", "www.example.org", "/", policy.Marketing, 2},
			},
			classes: []class{
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing},
				{true, policy.Necessary, classifier.SourcePolicy, classifier.ConfidenceHigh, policy.Marketing},
			},
		},
		{
			name: "third-party cookie of an advertising host declared necessary",
			policy: `
cookies:
  - name: tracker_x
    category: necessary
`,
			cookies: []string{"tracker_x=abc; Domain=doubleclick.net; Max-Age=86400"},
			sources: []string{dblclick},
			want: []finding{
				{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityHigh, "tracker_x", "doubleclick.net", "/", policy.Marketing, 2},
			},
		},
		{
			name: "analytics declared as preferences",
			policy: `
cookies:
  - name: _ga
    category: functional
`,
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000"},
			sources: []string{tag},
			want: []finding{
				{classifier.KindMisclassified, "misclassified-cookie", classifier.SeverityMedium, "_ga", "www.example.org", "/", policy.Statistics, 2},
			},
		},
		{
			name: "over-declaring and weak evidence are not findings",
			policy: `
cookies:
  - name: _ga
    category: marketing
  - name: django_language
    category: necessary
  - name: sessionid
    category: marketing
  - name: _y
    category: necessary
`,
			// _ga declared more intrusive than it is; a language
			// choice declared necessary (preferences evidence never
			// contradicts necessary); Django's sessionid over-declared;
			// Shopify's _y is a low-confidence entry.
			cookies: []string{"_ga=GA1.1.1.2; Max-Age=63072000", "django_language=fr", "sessionid=s; HttpOnly", "_y=abc; Max-Age=31536000"},
			sources: []string{tag},
		},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			tc.run(t)
		})
	}
}

func TestClassifyExpiry(t *testing.T) {
	t.Parallel()
	pol := `
cookies:
  - name: sess_only
    category: necessary
    duration: session
  - name: short_sess
    category: necessary
    duration: session
  - name: _ga
    category: statistics
    duration: 13 months
  - name: year
    category: preferences
    duration: 1y
  - name: hour
    category: preferences
    duration: 1h
  - name: day
    category: preferences
    duration: 1d
  - name: kept
    category: preferences
    duration: persistent
  - name: undated
    category: preferences
`
	cookies := []string{
		"sess_only=1; Max-Age=31536000",                                   // declared session, asks for a year
		"short_sess=1; Max-Age=3600",                                      // declared session, asks for an hour
		"_ga=GA1.1.1.2; Max-Age=63072000",                                 // 2y against 13mo: beyond 1.5 times and a day
		"year=1; Max-Age=34560000",                                        // 400d against 1y: within 1.5 times
		"hour=1; Max-Age=10800",                                           // 3h against 1h: 3 times, but less than a day longer
		"day=1; Max-Age=180000",                                           // 50h against 1d: beyond 1.5 times and a day
		"kept=1; Max-Age=315360000",                                       // persistent with no length: nothing to compare
		"undated=1; Max-Age=315360000",                                    // no declared duration
		"sess_only=2; Path=/other; Expires=Thu, 01 Jan 1970 00:00:00 GMT", // a deletion
		"year=2; Path=/session-cookie-is-fine/",                           // a session cookie declared for a year: shorter is fine
	}
	t.Run("default tolerance", func(t *testing.T) {
		t.Parallel()
		classifyCase{
			policy:  pol,
			cookies: cookies,
			sources: []string{"", "", tag},
			want: []finding{
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "_ga", "www.example.org", "/", "", 8},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "day", "www.example.org", "/", "", 17},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "sess_only", "www.example.org", "/", "", 2},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityLow, "short_sess", "www.example.org", "/", "", 5},
			},
		}.run(t)
	})
	t.Run("wider tolerance", func(t *testing.T) {
		t.Parallel()
		classifyCase{
			policy:  pol,
			cookies: cookies,
			sources: []string{"", "", tag},
			opts:    classifier.Options{Tolerance: classifier.Tolerance{Ratio: 2, Slack: 2 * 24 * time.Hour}},
			want: []finding{
				// 2y is less than twice 13mo; 50h is not two days longer
				// than 1d.
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "sess_only", "www.example.org", "/", "", 2},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityLow, "short_sess", "www.example.org", "/", "", 5},
			},
		}.run(t)
	})
	t.Run("stricter tolerance", func(t *testing.T) {
		t.Parallel()
		classifyCase{
			policy:  pol,
			cookies: cookies,
			sources: []string{"", "", tag},
			opts:    classifier.Options{Tolerance: classifier.Tolerance{Ratio: 1.01, Slack: time.Hour}},
			want: []finding{
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "_ga", "www.example.org", "/", "", 8},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "day", "www.example.org", "/", "", 17},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "hour", "www.example.org", "/", "", 14},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "sess_only", "www.example.org", "/", "", 2},
				// An hour is no longer than the one-hour slack: still low.
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityLow, "short_sess", "www.example.org", "/", "", 5},
				{classifier.KindExpiryMismatch, "expiry-mismatch", classifier.SeverityMedium, "year", "www.example.org", "/", "", 11},
			},
		}.run(t)
	})
}

func TestClassifyNotObserved(t *testing.T) {
	t.Parallel()
	classifyCase{
		policy: `
cookies:
  - name: "_pk_id.*"
    category: statistics
  - name: "_hj*"
    category: statistics
  - name: sid
    category: necessary
    domain: other.org
  - name: sid
    category: necessary
  - name: "/^never_\\d+$/"
    category: marketing
`,
		cookies: []string{"_pk_id.1.a1b2=x; Max-Age=60", "sid=1"},
		want: []finding{
			{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "/^never_\\d+$/", "", "", "", 11},
			{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "_hj*", "", "", "", 4},
			{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "sid", "other.org", "", "", 6},
		},
	}.run(t)
}

// TestClassifyServices checks that a service declared without cookie
// names declares the cookies the knowledge base gives the service, and
// that a declared service nothing of which was seen is reported.
func TestClassifyServices(t *testing.T) {
	t.Parallel()
	pol := parsePolicy(t, `
cookies:
  - name: sid
    category: necessary
services:
  - service: Google Analytics
    category: statistics
  - service: Hotjar
    category: statistics
`)
	cookies := []crawler.Cookie{
		observed(t, "_ga=1; Max-Age=60", site+"gtag.js"),
		observed(t, "_ga_ABC123=1; Max-Age=60", site+"gtag.js"),
		observed(t, "_gid=1; Max-Age=60", site+"gtag.js"),
		observed(t, "sid=1", site),
		observed(t, "_fbp=1; Max-Age=60", site+"fbevents.js"),
	}
	res := classifier.Classify(cookies, pol, builtin(t), classifier.Options{Site: site})
	for i, cl := range res.Cookies[:3] {
		if !cl.Declared || cl.Declaration == nil || cl.Declaration.Service != "Google Analytics" || cl.Category != policy.Statistics {
			t.Errorf("%s: declared %v by %+v as %s, want declared through the service Google Analytics as statistics",
				cookies[i].Name, cl.Declared, cl.Declaration, cl.Category)
		}
	}
	want := []finding{
		{classifier.KindUndeclared, "undeclared-cookie", classifier.SeverityHigh, "_fbp", "www.example.org", "/", policy.Marketing, 0},
		{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "Hotjar", "", "", "", 7},
	}
	if diff := cmp.Diff(want, project(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		if f.Kind == classifier.KindNotObserved && !strings.Contains(f.Message, "the service Hotjar") {
			t.Errorf("not-observed message %q does not name the service", f.Message)
		}
	}
}

// TestFindingsDeterministic checks that findings do not depend on the order
// of the cookies, and that fingerprints depend on the site, name, domain,
// path and kind only.
func TestFindingsDeterministic(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	pol := parsePolicy(t, `
cookies:
  - name: _fbp
    category: necessary
    duration: session
  - name: gone
    category: statistics
`)
	lines := []string{
		"_fbp=fb.1.1.1; Max-Age=7776000",
		"_ga=GA1.1.1.2; Max-Age=63072000",
		"zz=1; Path=/a",
		"zz=1; Path=/b",
	}
	var cookies []crawler.Cookie
	for _, l := range lines {
		cookies = append(cookies, observed(t, l, home))
	}
	opts := classifier.Options{Site: site}
	first := classifier.Classify(cookies, pol, kb, opts)
	reversed := slices.Clone(cookies)
	slices.Reverse(reversed)
	if diff := cmp.Diff(first.Findings, classifier.Classify(reversed, pol, kb, opts).Findings); diff != "" {
		t.Errorf("findings depend on the order of the cookies (-first +reversed):\n%s", diff)
	}

	// Another value and another time: the same fingerprints.
	later := slices.Clone(cookies)
	for i := range later {
		later[i].Value += "-changed"
		later[i].SetAt = later[i].SetAt.Add(48 * time.Hour)
		exp := later[i].RequestedExpires
		if exp != nil {
			e := exp.Add(48 * time.Hour)
			later[i].RequestedExpires = &e
		}
	}
	fps := func(r classifier.Result) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Fingerprint)
		}
		return out
	}
	if diff := cmp.Diff(fps(first), fps(classifier.Classify(later, pol, kb, opts))); diff != "" {
		t.Errorf("fingerprints depend on values or times (-first +later):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, f := range first.Findings {
		if seen[f.Fingerprint] {
			t.Errorf("fingerprint %s repeats", f.Fingerprint)
		}
		seen[f.Fingerprint] = true
	}
	if got := classifier.Classify(cookies, pol, kb, classifier.Options{Site: "https://staging.example.org/"}); fps(got)[0] == fps(first)[0] {
		t.Error("fingerprint does not depend on the site")
	}

	// Pinned, so that a change of the recipe is seen: reports of earlier
	// versions serve as baselines, and the report package computes the
	// same value for findings without one.
	sum := sha256.Sum256([]byte("www.example.org\x00_ga\x00example.org\x00/\x00undeclared-cookie"))
	want := hex.EncodeToString(sum[:16])
	for _, args := range [][2]string{{"https://www.example.org/", "example.org"}, {"WWW.example.org", ".Example.org"}} {
		if got := classifier.Fingerprint(args[0], "_ga", args[1], "/", classifier.KindUndeclared); got != want {
			t.Errorf("Fingerprint(%q, _ga, %q, /, undeclared) = %s, want %s", args[0], args[1], got, want)
		}
	}
}

// TestClassificationNamesItsCookie checks that every classification names
// its cookie by the jar's identity, which tells apart cookies that differ
// only in path, host-only flag or partition.
func TestClassificationNamesItsCookie(t *testing.T) {
	t.Parallel()
	cookies := []crawler.Cookie{
		observed(t, "zz=1; Path=/a", home),
		observed(t, "zz=1; Path=/b", home),
		observed(t, "zz=1; Domain=.Example.org; Path=/a", home),
		observed(t, "__Host-p=1; Path=/; Secure; Partitioned", widget),
	}
	other := cookies[3]
	other.PartitionKey = "https://other.test"
	cookies = append(cookies, other)
	res := classifier.Classify(cookies, nil, builtin(t), classifier.Options{Site: site})
	seen := map[classifier.CookieID]bool{}
	for i, cl := range res.Cookies {
		if cl.Cookie != classifier.IDOf(cookies[i]) {
			t.Errorf("classification %d names %+v, want %+v", i, cl.Cookie, classifier.IDOf(cookies[i]))
		}
		if seen[cl.Cookie] {
			t.Errorf("identity %+v given twice", cl.Cookie)
		}
		seen[cl.Cookie] = true
	}
	if got := classifier.IDOf(cookies[2]).Domain; got != "example.org" {
		t.Errorf("IDOf(.Example.org cookie).Domain = %q, want example.org", got)
	}
}

// TestExpiryMessageLifetimes checks that a finding writes lifetimes as
// reports do (policy.FormatLifetime): rounded to one unit, whatever the
// policy's own wording, which the evidence quotes.
func TestExpiryMessageLifetimes(t *testing.T) {
	t.Parallel()
	pol := parsePolicy(t, `
cookies:
  - name: consent
    category: necessary
    duration: 180 days
`)
	ck := observed(t, "consent=1; Max-Age=34128000", home) // 395 days
	res := classifier.Classify([]crawler.Cookie{ck}, pol, builtin(t), classifier.Options{Site: site})
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v, want one expiry mismatch", res.Findings)
	}
	f := res.Findings[0]
	if want := "consent asks for a lifetime of 13mo but the policy declares 6mo"; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
	for _, want := range []string{"more than 1.5 times the declared 6mo and at least 24h longer", `declared duration "180 days" at policy.yaml:2:5`} {
		if !strings.Contains(f.Evidence, want) {
			t.Errorf("evidence %q lacks %q", f.Evidence, want)
		}
	}
}

// TestEmbeddedServiceCookies checks how a cookie that an advertising or
// social company sets on its own site, necessary or a preference there, is
// read elsewhere: reached through the company's embed or tag (a third-party
// cookie of its host, or a site's cookie the knowledge base knows only on
// the company's hosts), it is of the company's category, since the site
// needs consent for the embed; on the company's own site it keeps the
// knowledge base's category. A necessary cookie of a host that is not an
// advertising one keeps its category everywhere.
func TestEmbeddedServiceCookies(t *testing.T) {
	t.Parallel()
	kb := builtin(t)
	ownSite := firstParty("YSC")
	ownSite.Domain = "www.youtube.com"
	for _, tc := range []struct {
		what string
		ck   crawler.Cookie
		want policy.Category
		src  classifier.Source
	}{
		{"third-party, from YouTube's embed", observed(t, "YSC=1; Domain=.youtube.com; Secure", "https://www.youtube.com/embed/x"), policy.Marketing, classifier.SourceHeuristic},
		{"a site's cookie of YouTube's name", firstParty("YSC"), policy.Marketing, classifier.SourceHeuristic},
		{"on YouTube's own site", ownSite, policy.Necessary, classifier.SourceKnowledgeBase},
		// Known only from an ad network's own web site, not its embeds.
		{"a site's cookie of a name an ad network uses on its own site", firstParty("DNT"), policy.Necessary, classifier.SourceKnowledgeBase},
		{"Cloudflare's, third-party", observed(t, "__cf_bm=1; Domain=.cdn.example.net; Secure", "https://cdn.example.net/x"), policy.Necessary, classifier.SourceKnowledgeBase},
	} {
		res := classifier.Classify([]crawler.Cookie{tc.ck}, nil, kb, classifier.Options{Site: site})
		cl := res.Cookies[0]
		if cl.Category != tc.want || cl.CategorySource != tc.src {
			t.Errorf("%s: %s from %s (%s), want %s from %s", tc.what, cl.Category, cl.CategorySource, cl.Reason, tc.want, tc.src)
			continue
		}
		if tc.src == classifier.SourceHeuristic && (cl.Confidence != classifier.ConfidenceLow || !strings.Contains(cl.Reason, "need consent") || cl.Provider == "") {
			t.Errorf("%s: confidence %s, provider %q, reason %q: want low confidence, the provider, and a reason that says why", tc.what, cl.Confidence, cl.Provider, cl.Reason)
		}
	}
}
