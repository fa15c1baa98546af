package crawler

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeStorage: a write makes an entry the page's that wrote it, even
// when an earlier page in crawl order (another tab) read the entry first;
// an entry no write explains is the first page's that held it, set by
// "unknown"; the first write describes the entry.
func TestMergeStorage(t *testing.T) {
	t.Parallel()
	const o = "https://www.site.test"
	home := &visit{page: Page{URL: "https://www.site.test/"}, storage: []storageWrite{
		{kind: LocalStorage, origin: o, key: "pref", value: "dark", source: "https://www.site.test/", script: true},
		{kind: LocalStorage, origin: o, key: "pref", value: "light", source: "https://www.site.test/app.js", script: true},
		{kind: IndexedDB, origin: o, key: "db", source: "https://www.site.test/app.js", script: true},
		// Read at the end of the page.
		{kind: LocalStorage, origin: o, key: "pref", value: "light"},
		{kind: LocalStorage, origin: o, key: "direct", value: "1"},
		{kind: LocalStorage, origin: o, key: "later", value: "x"},
	}}
	later := &visit{page: Page{URL: "https://www.site.test/later/"}, storage: []storageWrite{
		{kind: LocalStorage, origin: o, key: "later", value: "x", source: "https://www.site.test/later/", script: true},
		{kind: SessionStorage, origin: o, key: "later", value: "s", source: "https://www.site.test/later/", script: true},
		{kind: LocalStorage, origin: o, key: "direct", value: "1"},
	}}
	got := mergeStorage([]*visit{home, later})
	want := []StorageItem{
		{Kind: IndexedDB, Origin: o, Key: "db", SetBy: SetByScript, Source: "https://www.site.test/app.js", FirstSeenOn: "https://www.site.test/"},
		{Kind: LocalStorage, Origin: o, Key: "direct", Value: "1", SetBy: SetByUnknown, FirstSeenOn: "https://www.site.test/"},
		{Kind: LocalStorage, Origin: o, Key: "pref", Value: "dark", SetBy: SetByScript, Source: "https://www.site.test/", FirstSeenOn: "https://www.site.test/"},
		{Kind: LocalStorage, Origin: o, Key: "later", Value: "x", SetBy: SetByScript, Source: "https://www.site.test/later/", FirstSeenOn: "https://www.site.test/later/"},
		{Kind: SessionStorage, Origin: o, Key: "later", Value: "s", SetBy: SetByScript, Source: "https://www.site.test/later/", FirstSeenOn: "https://www.site.test/later/"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mergeStorage (-want +got):\n%s", diff)
	}

	// Combined over phases: one record per entry, described by the first
	// phase that saw it, with every phase it was seen in.
	runs := []*phaseRun{{phase: BeforeConsent}, {phase: AfterAccept}}
	accept := []StorageItem{
		{Kind: LocalStorage, Origin: o, Key: "consent", Value: "yes", SetBy: SetByScript, FirstSeenOn: "https://www.site.test/"},
		{Kind: LocalStorage, Origin: o, Key: "pref", Value: "other", SetBy: SetByUnknown, FirstSeenOn: "https://www.site.test/later/"},
	}
	all := combineStorage(runs, [][]StorageItem{got, accept})
	if len(all) != 6 {
		t.Fatalf("combined %d entries, want 6: %+v", len(all), all)
	}
	if p := all[2]; p.Key != "pref" || p.Value != "dark" || !cmp.Equal(p.Phases, []Phase{BeforeConsent, AfterAccept}) {
		t.Errorf("pref combined as %+v", p)
	}
	if c := all[5]; c.Key != "consent" || !cmp.Equal(c.Phases, []Phase{AfterAccept}) {
		t.Errorf("consent combined as %+v", c)
	}
	if got[2].Phases != nil || accept[1].Phases != nil {
		t.Error("combineStorage changed the phases' own records")
	}
}
