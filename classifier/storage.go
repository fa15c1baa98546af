package classifier

// Web storage beside cookies: localStorage and sessionStorage keys and
// IndexedDB databases, matched against the policy's declarations of local
// storage, and audited for consent as cookies are.

import (
	"fmt"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// StorageID identifies a web storage entry as the crawler records it: its
// kind of storage, its frame's origin and its key (or IndexedDB database
// name).
type StorageID struct {
	Kind   crawler.StorageKind
	Origin string
	Key    string
}

// StorageIDOf returns the identity of a web storage entry of the crawler.
func StorageIDOf(it crawler.StorageItem) StorageID {
	return StorageID{Kind: it.Kind, Origin: it.Origin, Key: it.Key}
}

// StorageClassification is what the classifier concluded about one web
// storage entry.
type StorageClassification struct {
	// Item is the identity of the entry classified: a report pairs the
	// crawler's entries with their classifications by it.
	Item StorageID
	Verdict
}

// isStorageDeclaration reports whether a declaration declares web storage
// that the scan records: local storage, session storage, IndexedDB, or
// storage of another or unsaid kind. Pixels are requests, not storage.
func isStorageDeclaration(d *policy.Declaration) bool {
	switch d.Type {
	case policy.LocalStorage, policy.SessionStorage, policy.IndexedDB, policy.OtherStorage:
		return true
	}
	return false
}

// storageCovers reports whether a declaration of type t covers an entry of
// kind k. Policies say "local storage" for the Web Storage API as a whole,
// sessionStorage included ("HTML local storage", "Local Storage /
// Session Storage"), so a localStorage declaration covers both; one that
// says session storage covers only sessionStorage, one that says IndexedDB
// only databases, and one of another or unsaid kind ("web storage",
// "HTML storage") every kind.
func storageCovers(t policy.StorageType, k crawler.StorageKind) bool {
	switch t {
	case policy.LocalStorage:
		return k == crawler.LocalStorage || k == crawler.SessionStorage
	case policy.SessionStorage:
		return k == crawler.SessionStorage
	case policy.IndexedDB:
		return k == crawler.IndexedDB
	case policy.OtherStorage:
		return true
	}
	return false
}

// storage classifies one web storage entry with the storage declarations,
// and records its findings: matched by key as a cookie is by name (the
// same patterns, precedence and choice among several), and by its
// origin's host as a cookie is by domain. Its category is the
// declaration's, else the knowledge base's for the key on that host;
// names of storage keys are not guessed from.
func (c *classifier) storage(it crawler.StorageItem, decls *declSet) StorageClassification {
	host := NormalizeHost(it.Origin)
	matched := decls.match(it.Key, host, func(d *declaration) bool { return storageCovers(d.Type, it.Kind) })
	decl, _ := choose(matched)
	sc := StorageClassification{Item: StorageIDOf(it), Verdict: verdict(decl, c.lookup(it.Key, host), guess{}, false)}
	s := storageSubject(it)
	if c.havePolicy && decl == nil {
		c.undeclared(s, sc.Verdict, KindUndeclaredStorage)
	}
	if !c.consent.isRecord(string(it.Kind), it.Key, host) {
		c.consentFindings(s, sc.Verdict, KindStorageBeforeConsent, KindStorageAfterReject)
	}
	return sc
}

// storageSubject is the subject of a finding about a web storage entry.
func storageSubject(it crawler.StorageItem) subject {
	label, set := fmt.Sprintf("%s key %s", it.Kind, it.Key), "written"
	if it.Kind == crawler.IndexedDB {
		label, set = "IndexedDB database "+it.Key, "opened"
	}
	how := "found in the " + string(it.Kind) + " of " + it.Origin + " at the end of a page (no write was seen)"
	if it.SetBy == crawler.SetByScript {
		how = "written in the " + string(it.Kind) + " of " + it.Origin + " by the script " + it.Source
	}
	if it.FirstSeenOn != "" {
		how += ", first on " + it.FirstSeenOn
	}
	return subject{
		label: label, set: set, name: it.Key, domain: it.Origin,
		storage: string(it.Kind), origin: it.Origin,
		phases: it.Phases, setBy: how,
	}
}
