package crawler_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/report"
)

// TestStorage crawls the web storage site, which sets no cookie, and
// compares the storage entries with its ground truth: localStorage keys
// written with setItem by an inline script and by a tracker script,
// sessionStorage, an IndexedDB database, keys written by property
// assignment (found by the end-of-page read, "unknown"), the keys of a
// cross-site iframe under its own origin, and a key of the second page.
// A report of the crawl has their values only when it asks for them.
func TestStorage(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Storage()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	// The site has a consent banner; its truth is the before-consent
	// phase's (the command's test audits the other phases).
	opts := fixtureOptions(t, srv)
	opts.Consent = crawler.ConsentNone
	res, err := crawler.Crawl(ctx, site.Start, opts)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	checkPages(t, res.Pages, site.Pages)
	if len(res.Cookies) != 0 {
		t.Errorf("%d cookies, want none: the site keeps its state in web storage", len(res.Cookies))
	}
	truth := fixtures.StorageTruth()
	var got []fixtures.StorageItem
	for _, it := range res.Storage {
		got = append(got, fixtures.StorageItem{
			Kind: string(it.Kind), Origin: it.Origin, Key: it.Key, Value: it.Value,
			SetBy: string(it.SetBy), Source: it.Source, FirstSeenOn: it.FirstSeenOn,
		})
		if !cmp.Equal(it.Phases, []crawler.Phase{crawler.BeforeConsent}) {
			t.Errorf("%s %s: phases %v, want [before-consent]", it.Kind, it.Key, it.Phases)
		}
	}
	if diff := cmp.Diff(truth, got); diff != "" {
		t.Errorf("storage (-want +got):\n%s", diff)
	}
	if n := len(res.PhaseStorage[crawler.BeforeConsent]); n != len(res.Storage) {
		t.Errorf("PhaseStorage[before-consent] has %d entries, Storage %d", n, len(res.Storage))
	}

	// Values are in reports only when asked for.
	for _, it := range report.New(res, report.Options{}).Storage {
		if it.Value != nil {
			t.Errorf("%s %s: value %q in a report without ShowValues", it.Kind, it.Key, *it.Value)
		}
	}
	wantValue := map[string]string{}
	for _, w := range truth {
		wantValue[w.Kind+" "+w.Origin+" "+w.Key] = w.Value
	}
	withValues := report.New(res, report.Options{ShowValues: true}).Storage
	if len(withValues) != len(truth) {
		t.Errorf("report with values: %d storage entries, want %d", len(withValues), len(truth))
	}
	for _, it := range withValues {
		want := wantValue[it.Kind+" "+it.Origin+" "+it.Key]
		switch {
		case it.Kind == "indexedDB" && it.Value != nil:
			t.Errorf("database %s has a value %q", it.Key, *it.Value)
		case it.Kind != "indexedDB" && (it.Value == nil || *it.Value != want):
			t.Errorf("%s %s: value %v, want %q", it.Kind, it.Key, it.Value, want)
		}
	}
}
