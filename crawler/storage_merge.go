package crawler

import (
	"cmp"
	"slices"
	"strings"
)

// storageKey identifies a web storage entry.
type storageKey struct {
	kind        StorageKind
	origin, key string
}

// mergeStorage turns the storage writes and reads of every page of a
// phase, in crawl order, into one record per entry, as merge does for
// cookies: the writes make the records, the first one describes the entry
// (who wrote it, its value) and its page is the entry's first page; an
// entry only read at the end of pages, by no write explained, is the
// first such page's, set by "unknown". A page may read what a later page
// in crawl order wrote in a parallel tab: reads name the first page only
// for entries no page was seen writing.
func mergeStorage(visits []*visit) []StorageItem {
	type rec struct {
		it   StorageItem
		page int
	}
	recs := map[storageKey]*rec{}
	for pass := range 2 {
		script := pass == 0
		for i, v := range visits {
			for _, w := range v.storage {
				if w.script != script {
					continue
				}
				k := storageKey{kind: w.kind, origin: w.origin, key: w.key}
				if recs[k] != nil {
					continue
				}
				it := StorageItem{Kind: w.kind, Origin: w.origin, Key: w.key, Value: w.value, SetBy: SetByUnknown, FirstSeenOn: v.page.URL}
				if script {
					it.SetBy, it.Source = SetByScript, w.source
				}
				recs[k] = &rec{it: it, page: i}
			}
		}
	}
	out := make([]*rec, 0, len(recs))
	for _, r := range recs {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *rec) int {
		return cmp.Or(
			cmp.Compare(a.page, b.page),
			strings.Compare(string(a.it.Kind), string(b.it.Kind)),
			strings.Compare(a.it.Origin, b.it.Origin),
			strings.Compare(a.it.Key, b.it.Key),
		)
	})
	items := make([]StorageItem, len(out))
	for i, r := range out {
		items[i] = r.it
	}
	return items
}

// combineStorage joins the storage entries of each phase into one record
// per entry, listing the phases it was seen in. The earliest phase that
// saw an entry describes it.
func combineStorage(runs []*phaseRun, perPhase [][]StorageItem) []StorageItem {
	var out []StorageItem
	index := map[storageKey]int{}
	for i, items := range perPhase {
		for _, it := range items {
			k := storageKey{kind: it.Kind, origin: it.Origin, key: it.Key}
			j, ok := index[k]
			if !ok {
				j = len(out)
				index[k] = j
				it.Phases = nil
				out = append(out, it)
			}
			out[j].Phases = append(out[j].Phases, runs[i].phase)
		}
	}
	return out
}
