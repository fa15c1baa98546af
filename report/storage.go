package report

import (
	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// StorageItem is one distinct web storage entry seen during the scan: a
// key of a frame's localStorage or sessionStorage, or the name of an
// IndexedDB database it opened.
type StorageItem struct {
	// Kind is "localStorage", "sessionStorage" or "indexedDB".
	Kind string `json:"kind"`
	// Origin is the origin of the frame whose storage holds the entry.
	Origin string `json:"origin"`
	// Key is the storage key, or the IndexedDB database's name.
	Key string `json:"key"`
	// Value is set only when Options.ShowValues is, as for cookies: the
	// value of the first write seen, cut at 4,096 characters.
	Value *string `json:"value,omitempty"`
	// SetBy is "script" when a write (setItem, indexedDB.open) was seen,
	// "unknown" for an entry only found in the frame's storage at the end
	// of a page.
	SetBy string `json:"setBy"`
	// Source is the URL of the script that wrote the entry, "" when
	// unknown.
	Source string `json:"source"`
	// FirstSeenOn is the first page, in crawl order, that saw the entry.
	FirstSeenOn string `json:"firstSeenOn"`
	// Phases are the consent phases the entry was seen in. Always an
	// array.
	Phases []string `json:"phases"`
	// Verdict is the entry's category and declared flag: the category of
	// the declaration of local storage, session storage or IndexedDB that
	// matches it; for an entry that is not declared, the knowledge base's
	// for its key; else CategoryUnclassified. The category is empty and
	// Declared false in reports of older versions.
	Verdict
}

// storageItems is the report's view of the scan's web storage entries,
// each with its classification when opts has one (paired by identity, as
// cookies are), and its value only with opts.ShowValues.
func storageItems(items []crawler.StorageItem, opts Options) []StorageItem {
	var classes map[classifier.StorageID]*classifier.Verdict
	if cl := opts.Classification; cl != nil {
		classes = make(map[classifier.StorageID]*classifier.Verdict, len(cl.Storage))
		for i := range cl.Storage {
			classes[cl.Storage[i].Item] = &cl.Storage[i].Verdict
		}
	}
	out := make([]StorageItem, 0, len(items))
	for _, it := range items {
		ri := StorageItem{
			Kind:        string(it.Kind),
			Origin:      it.Origin,
			Key:         it.Key,
			SetBy:       string(it.SetBy),
			Source:      it.Source,
			FirstSeenOn: it.FirstSeenOn,
			Phases:      phaseNames(it.Phases),
			Verdict:     verdict(classes[classifier.StorageIDOf(it)]),
		}
		if opts.ShowValues && it.Kind != crawler.IndexedDB {
			v := it.Value
			ri.Value = &v
		}
		out = append(out, ri)
	}
	return out
}
