package classifier_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

const origin = "https://www.example.org"

// stored is a web storage entry of www.example.org, written by the site's
// script in phases.
func stored(kind crawler.StorageKind, key string, phases ...crawler.Phase) crawler.StorageItem {
	return crawler.StorageItem{
		Kind: kind, Origin: origin, Key: key, SetBy: crawler.SetByScript,
		Source: origin + "/static/app.js", FirstSeenOn: site, Phases: phases,
	}
}

// storageClass keeps what a test states about a storage entry's
// classification.
type storageClass struct {
	Key      string
	Declared bool
	Category policy.Category
	Source   classifier.Source
	Line     int
}

func projectStorage(cs []classifier.StorageClassification) []storageClass {
	var out []storageClass
	for _, c := range cs {
		p := storageClass{c.Item.Key, c.Declared, c.Category, c.CategorySource, 0}
		if c.Declaration != nil {
			p.Line = c.Declaration.Source.Line
		}
		out = append(out, p)
	}
	return out
}

// storagePolicy declares a cookie, local storage (an exact key, a glob and
// a regular expression, one on another host), session storage, IndexedDB,
// storage of another kind, and a pixel.
const storagePolicy = `
cookies:
  - name: theme
    category: necessary
  - name: theme
    type: localStorage
    category: functional
  - name: "_hj*"
    type: localStorage
    category: statistics
  - name: "/^ab_test_[0-9]+$/"
    type: localStorage
    category: statistics
  - name: cdn_cache
    type: localStorage
    domain: cdn.example.net
    category: necessary
  - name: checkout_step
    type: sessionStorage
    category: necessary
  - name: offline_db
    type: indexedDB
    category: preferences
  - name: sw_state
    type: otherStorage
    category: necessary
  - name: collect
    type: pixel
    category: statistics
  - name: never_written
    type: localStorage
    category: marketing
`

func TestClassifyStorageMatching(t *testing.T) {
	t.Parallel()
	items := []crawler.StorageItem{
		stored(crawler.LocalStorage, "theme"),
		stored(crawler.LocalStorage, "_hjSessionUser_123"),
		stored(crawler.LocalStorage, "ab_test_42"),
		stored(crawler.LocalStorage, "ab_test_x"),                                               // the expression wants digits
		stored(crawler.SessionStorage, "_hjTLDTest"),                                            // local storage covers sessionStorage
		stored(crawler.SessionStorage, "checkout_step"),                                         // session storage covers sessionStorage…
		stored(crawler.LocalStorage, "checkout_step"),                                           // …but not localStorage
		stored(crawler.IndexedDB, "offline_db"),                                                 // IndexedDB covers databases…
		stored(crawler.LocalStorage, "offline_db"),                                              // …only
		stored(crawler.IndexedDB, "sw_state"),                                                   // another kind covers every kind
		stored(crawler.LocalStorage, "cdn_cache"),                                               // declared on another host
		stored(crawler.LocalStorage, "collect"),                                                 // a pixel is not storage
		{Kind: crawler.LocalStorage, Origin: "null", Key: "theme", SetBy: crawler.SetByUnknown}, // an opaque origin
	}
	cookies := []crawler.Cookie{observed(t, "theme=dark", "https://www.example.org/")}
	res := classifier.Classify(cookies, parsePolicy(t, storagePolicy), builtin(t), classifier.Options{Site: site, Storage: items})

	wantClasses := []storageClass{
		{"theme", true, policy.Preferences, classifier.SourcePolicy, 4},
		{"_hjSessionUser_123", true, policy.Statistics, classifier.SourcePolicy, 7},
		{"ab_test_42", true, policy.Statistics, classifier.SourcePolicy, 10},
		{"ab_test_x", false, policy.Unclassified, classifier.SourceNone, 0},
		{"_hjTLDTest", true, policy.Statistics, classifier.SourcePolicy, 7},
		{"checkout_step", true, policy.Necessary, classifier.SourcePolicy, 17},
		{"checkout_step", false, policy.Unclassified, classifier.SourceNone, 0},
		{"offline_db", true, policy.Preferences, classifier.SourcePolicy, 20},
		{"offline_db", false, policy.Unclassified, classifier.SourceNone, 0},
		{"sw_state", true, policy.Necessary, classifier.SourcePolicy, 23},
		{"cdn_cache", false, policy.Unclassified, classifier.SourceNone, 0},
		{"collect", false, policy.Statistics, classifier.SourceKnowledgeBase, 0}, // Google Analytics' pixel, known on its own hosts
		{"theme", true, policy.Preferences, classifier.SourcePolicy, 4},
	}
	if diff := cmp.Diff(wantClasses, projectStorage(res.Storage)); diff != "" {
		t.Errorf("storage classifications (-want +got):\n%s", diff)
	}
	for i, sc := range res.Storage {
		if want := classifier.StorageIDOf(items[i]); sc.Item != want {
			t.Errorf("storage[%d] names %+v, want %+v", i, sc.Item, want)
		}
	}
	// The cookie of the same name counts under the cookie's declaration,
	// never the local storage one.
	if got := projectClasses(res.Cookies); len(got) != 1 || got[0].Category != policy.Necessary {
		t.Errorf("cookie theme: %+v, want declared necessary", got)
	}

	// The entries are in no consent phase: only the policy findings.
	want := []finding{
		{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "ab_test_x", "www.example.org", "", policy.Unclassified, 0},
		{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "cdn_cache", "www.example.org", "", policy.Unclassified, 0},
		{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "checkout_step", "www.example.org", "", policy.Unclassified, 0},
		// The suggestion comes from the knowledge base: Google
		// Analytics' pixel of that name, known on its own hosts.
		{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "collect", "www.example.org", "", policy.Statistics, 0},
		{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "offline_db", "www.example.org", "", policy.Unclassified, 0},
		// A declaration of storage no entry matches is not observed, as a
		// cookie's is; the pixel is neither storage nor a cookie.
		{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "cdn_cache", "cdn.example.net", "", "", 13},
		{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "never_written", "", "", "", 29},
	}
	if diff := cmp.Diff(want, project(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		switch {
		// Every undeclared entry is in localStorage (the undeclared
		// checkout_step and offline_db are the localStorage ones).
		case f.Kind == classifier.KindUndeclaredStorage && (f.Storage != "localStorage" || f.Origin != origin):
			t.Errorf("%s %s: storage %q, origin %q, want localStorage of %s", f.Kind, f.Cookie, f.Storage, f.Origin, origin)
		case f.Kind == classifier.KindNotObserved && f.Storage != "localStorage":
			t.Errorf("not-observed %s: storage %q, want the declared type localStorage", f.Cookie, f.Storage)
		}
	}
}

func TestClassifyStorageConsent(t *testing.T) {
	t.Parallel()
	const declared = `
cookies:
  - name: st_pref
    type: localStorage
    category: functional
  - name: st_uid
    type: localStorage
    category: analytics
  - name: st_consent
    type: localStorage
    category: strictly necessary
`
	cases := []struct {
		name    string
		policy  string
		items   []crawler.StorageItem
		consent *crawler.Consent
		want    []finding
	}{
		{
			name:   "tracking storage before consent and after reject",
			policy: declared,
			items: []crawler.StorageItem{
				stored(crawler.LocalStorage, "st_uid", before, accept, reject),
				stored(crawler.LocalStorage, "st_pref", before),
				stored(crawler.LocalStorage, "st_consent", accept, reject),
				stored(crawler.SessionStorage, "st_visit", before, reject),
			},
			consent: banner(true),
			want: []finding{
				{classifier.KindUndeclaredStorage, "undeclared-storage", classifier.SeverityMedium, "st_visit", "www.example.org", "", policy.Unclassified, 0},
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityMedium, "st_pref", "www.example.org", "", policy.Preferences, 2},
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityHigh, "st_uid", "www.example.org", "", policy.Statistics, 5},
				{classifier.KindStorageAfterReject, "storage-after-reject", classifier.SeverityHigh, "st_uid", "www.example.org", "", policy.Statistics, 5},
			},
		},
		{
			name:    "no reject button: the after-reject phase made no choice",
			policy:  declared,
			items:   []crawler.StorageItem{stored(crawler.LocalStorage, "st_uid", before, accept, reject)},
			consent: banner(false),
			want: []finding{
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityHigh, "st_uid", "www.example.org", "", policy.Statistics, 5},
				{classifier.KindRejectNotInFirstLayer, "consent-reject-not-in-first-layer", classifier.SeverityMedium, "", "www.example.org", "", "", 0},
				{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "st_consent", "", "", "", 8},
				{classifier.KindNotObserved, "declared-not-observed", classifier.SeverityInfo, "st_pref", "", "", "", 2},
			},
		},
		{
			// Without a policy nothing is undeclared, but a key the
			// knowledge base knows still needs consent.
			name: "no policy: the knowledge base's category",
			items: []crawler.StorageItem{
				stored(crawler.LocalStorage, "ajs_anonymous_id", before),
				stored(crawler.LocalStorage, "st_visitor", before),
			},
			want: []finding{
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityHigh, "ajs_anonymous_id", "www.example.org", "", policy.Statistics, 0},
			},
		},
		{
			// The site keeps the choice in localStorage under a name the
			// knowledge base knows as a tracker's: the record that
			// verified the click is no finding, the same key in
			// sessionStorage is.
			name: "the site's consent record in storage",
			items: []crawler.StorageItem{
				stored(crawler.LocalStorage, "ajs_anonymous_id", accept, reject),
				stored(crawler.SessionStorage, "ajs_anonymous_id", reject),
			},
			consent: recorded(crawler.ConsentRecord{Kind: "localStorage", Name: "ajs_anonymous_id", Frame: origin + "/"}),
			want: []finding{
				{classifier.KindStorageAfterReject, "storage-after-reject", classifier.SeverityHigh, "ajs_anonymous_id", "www.example.org", "", policy.Statistics, 0},
			},
		},
		{
			// The same key in two storages is two findings: the kind of
			// storage is part of the fingerprint.
			name: "one key in localStorage and sessionStorage",
			items: []crawler.StorageItem{
				stored(crawler.LocalStorage, "ajs_anonymous_id", before),
				stored(crawler.SessionStorage, "ajs_anonymous_id", before),
			},
			want: []finding{
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityHigh, "ajs_anonymous_id", "www.example.org", "", policy.Statistics, 0},
				{classifier.KindStorageBeforeConsent, "storage-before-consent", classifier.SeverityHigh, "ajs_anonymous_id", "www.example.org", "", policy.Statistics, 0},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var pol *policy.Policy
			if tc.policy != "" {
				pol = parsePolicy(t, tc.policy)
			}
			res := classifier.Classify(nil, pol, builtin(t), classifier.Options{Site: site, Consent: tc.consent, Storage: tc.items})
			if diff := cmp.Diff(tc.want, project(res.Findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			seen := map[string]bool{}
			for _, f := range res.Findings {
				if seen[f.Fingerprint] {
					t.Errorf("%s %s: fingerprint %s repeats", f.Kind, f.Cookie, f.Fingerprint)
				}
				seen[f.Fingerprint] = true
				if !f.Kind.AboutStorage() {
					continue
				}
				if f.Storage == "" || f.Origin != origin {
					t.Errorf("%s %s: storage %q, origin %q", f.Kind, f.Cookie, f.Storage, f.Origin)
				}
				if !strings.Contains(f.Evidence, "by the script "+origin+"/static/app.js") {
					t.Errorf("%s %s: evidence %q does not name the script", f.Kind, f.Cookie, f.Evidence)
				}
			}
		})
	}
}

// TestStorageFindingsApartFromCookies checks that a cookie and a storage
// key of the same name, on the same host, are findings of their own, with
// fingerprints of their own.
func TestStorageFindingsApartFromCookies(t *testing.T) {
	t.Parallel()
	ck := observed(t, "ajs_anonymous_id=1; Max-Age=31536000", "https://www.example.org/static/app.js")
	ck.Phases = []crawler.Phase{before}
	res := classifier.Classify([]crawler.Cookie{ck}, nil, builtin(t), classifier.Options{Site: site,
		Storage: []crawler.StorageItem{stored(crawler.LocalStorage, "ajs_anonymous_id", before)}})
	if len(res.Findings) != 2 {
		t.Fatalf("%d findings, want a before-consent and a storage-before-consent: %+v", len(res.Findings), project(res.Findings))
	}
	c, s := res.Findings[0], res.Findings[1]
	if c.Kind != classifier.KindBeforeConsent || s.Kind != classifier.KindStorageBeforeConsent {
		t.Errorf("kinds %s and %s, want before-consent then storage-before-consent", c.Kind, s.Kind)
	}
	if c.Storage != "" || c.Kind.AboutStorage() || !s.Kind.AboutStorage() {
		t.Errorf("the cookie's finding is about storage, or the entry's is not: %+v, %+v", c, s)
	}
	if got, want := s.Fingerprint, classifier.Fingerprint(site, "ajs_anonymous_id", "www.example.org", "localStorage", classifier.KindStorageBeforeConsent); got != want {
		t.Errorf("storage fingerprint %s, want %s (the kind of storage in the path's place)", got, want)
	}
	if !strings.HasPrefix(s.Message, "localStorage key ajs_anonymous_id (statistics") {
		t.Errorf("message %q does not name the storage key", s.Message)
	}
}
