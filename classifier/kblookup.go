package classifier

// Finding the entries of the knowledge base that match a cookie name, and
// the one that best describes a cookie.

import (
	"slices"
	"strings"
)

// candidates calls fn with the index of every entry that may match name:
// its exact entries, the prefix entries of each of its prefixes (found by
// walking the name down a trie, not by comparing it with every prefix),
// and the globs that match.
func (kb *KB) candidates(name string, fn func(i int)) {
	for _, i := range kb.exact[name] {
		fn(i)
	}
	kb.prefix.walk(name, fn)
	for _, i := range kb.globs {
		if kb.entries[i].matchName(name) {
			fn(i)
		}
	}
}

// prefixTrie holds the prefix entries by their prefixes, a byte per level.
type prefixTrie struct {
	nodes []trieNode // nodes[0] is the root, once there is one
}

type trieNode struct {
	keys     []byte  // the next byte of each child
	children []int32 // the child of each key
	entries  []int   // the entries whose prefix ends here
}

func (t *prefixTrie) add(prefix string, entry int) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	n := 0
	for i := 0; i < len(prefix); i++ {
		c := t.child(n, prefix[i])
		if c < 0 {
			c = len(t.nodes)
			t.nodes = append(t.nodes, trieNode{})
			t.nodes[n].keys = append(t.nodes[n].keys, prefix[i])
			t.nodes[n].children = append(t.nodes[n].children, int32(c))
		}
		n = c
	}
	t.nodes[n].entries = append(t.nodes[n].entries, entry)
}

func (t *prefixTrie) child(n int, b byte) int {
	for k, key := range t.nodes[n].keys {
		if key == b {
			return int(t.nodes[n].children[k])
		}
	}
	return -1
}

// walk calls fn with the entries of every prefix of name, shortest first.
func (t *prefixTrie) walk(name string, fn func(i int)) {
	if len(t.nodes) == 0 {
		return
	}
	n := 0
	for i := 0; ; i++ {
		for _, e := range t.nodes[n].entries {
			fn(e)
		}
		if i == len(name) {
			return
		}
		if n = t.child(n, name[i]); n < 0 {
			return
		}
	}
}

// Lookup returns the entry that best describes a cookie of this name and
// domain. Among the entries that match (by name, and by host for a
// host-only entry), it prefers an entry of a user's file (--cookie-db, the
// latest first), then a host-only entry (its host condition is extra
// evidence), then an override over the database, then an exact name over
// a prefix over a glob, then the longest name, then the first in the
// files.
//
// When only host-only entries name the cookie and none of their hosts is
// the cookie's, the best of them is returned with low confidence and
// OtherHost set: the name is known, set elsewhere ("IDE" of
// doubleclick.net seen as a first-party cookie).
//
// A name with the browser's __Secure- or __Host- prefix that no entry
// names is looked up without it: the prefix says how the cookie is
// protected, not what it is for ("__Host-next-auth.csrf-token" of a site
// that renamed Auth.js's cookie).
//
// Last, a name that differs from an exact entry's only in its leading
// underscores or dot is taken for it, with low confidence and Loose set:
// policy pages write "_utma" and "utma" for Google's "__utma", and
// "AspNetCore.Culture" for ASP.NET's ".AspNetCore.Culture". Names shorter
// than four characters without them are left out ("_id", "gid"). So is,
// with Stem set, a name that is a prefix entry's without the separator it
// ends with, its leading underscores aside: "_pendo_visitorId" for
// "_pendo_visitorId.*", "pk_id" for Matomo's "_pk_id.*".
func (kb *KB) Lookup(name, domain string) (Entry, bool) {
	if kb == nil {
		return Entry{}, false
	}
	if e, ok := kb.lookup(name, domain); ok {
		return e, true
	}
	if rest, ok := unprefixed(name); ok {
		if e, ok := kb.lookup(rest, domain); ok {
			return e, true
		}
	}
	return looseLookup(kb, name, domain)
}

// minLooseName is the shortest name, without its leading underscores,
// that a loose lookup takes: shorter names are too often a site's own.
const minLooseName = 4

// looseLead are the characters a loose lookup drops from the head of a
// name: pages leave out the underscores that lead many names, and the dot
// that leads ASP.NET's (".AspNetCore.Session", ".ASPXAUTH").
const looseLead = "_."

// looseKey is what a loose lookup compares: the name without its leading
// underscores and dot; false when that is too short to say anything.
// Letter case is kept: cookie names are case-sensitive, and "_ssid" of a
// site is not Google's "SSID".
func looseKey(name string) (string, bool) {
	k := strings.TrimLeft(name, looseLead)
	return k, len(k) >= minLooseName
}

// looseLookup is Lookup's last resort (see there). An entry that names
// the hosts its cookie is set on counts only on them: a name known
// elsewhere and spelt otherwise is too weak to say anything ("_ssid" of a
// site is not Springserve's "ssid").
func looseLookup(kb *KB, name, domain string) (Entry, bool) {
	k, ok := looseKey(name)
	if !ok {
		return Entry{}, false
	}
	domain = NormalizeHost(domain)
	best := func(idx []int) int {
		b := -1
		for _, i := range idx {
			e := &kb.entries[i]
			if len(e.Hosts) > 0 && !e.matchHost(domain) {
				continue
			}
			if b < 0 || kb.better(i, b) {
				b = i
			}
		}
		return b
	}
	if i := best(kb.loose[k]); i >= 0 {
		e := kb.entries[i].Entry
		e.Confidence, e.Loose = ConfidenceLow, true
		return e, true
	}
	if i := best(kb.stems[k]); i >= 0 {
		e := kb.entries[i].Entry
		e.Confidence, e.Stem = ConfidenceLow, true
		return e, true
	}
	if k, ok := foldKey(name); ok {
		if i := best(kb.folded[k]); i >= 0 {
			e := kb.entries[i].Entry
			e.Confidence, e.Loose = ConfidenceLow, true
			return e, true
		}
	}
	if i := best(kb.foldedPrefixes(name)); i >= 0 {
		e := kb.entries[i].Entry
		e.Confidence, e.Loose = ConfidenceLow, true
		return e, true
	}
	return Entry{}, false
}

// foldedPrefixes returns the prefix entries whose prefix begins name when
// both are in lower case: "Yt-remote-device-id", as a page capitalises the
// first word of its table's cell, for YouTube's "yt-remote-*". Only
// prefixes foldKey compares are indexed so.
func (kb *KB) foldedPrefixes(name string) []int {
	var idx []int
	kb.foldedPrefix.walk(strings.ToLower(name), func(i int) { idx = append(idx, i) })
	return idx
}

// minFoldName is the shortest name, without its leading underscores, that
// a loose lookup compares without letter case: pages and vendors' own
// lists write one cookie's name in two cases ("1p_jar" for Google's
// "1P_JAR"; both databases hold "cftoken" and "CFTOKEN"), but a short
// name in another case is too often a site's own. A name led by two
// underscores is compared from four characters, and only with entries led
// by two too: pages that write their table in capitals give Urchin's
// "__utma" as "__UTMA", while "_UTMA" or "UTMA" says too little.
const minFoldName = 5

// foldKey is the name without its leading underscores, in lower case, and
// whether a loose lookup compares it so.
func foldKey(name string) (string, bool) {
	k := strings.ToLower(strings.TrimLeft(name, "_"))
	if strings.HasPrefix(name, "__") {
		return k, len(k) >= minLooseName
	}
	return k, len(k) >= minFoldName
}

// stemSeparators end the prefixes whose stem a policy page may write for
// the whole family: "_pendo_visitorId." "intercom-id-" "_lr_hb_".
const stemSeparators = "._-:"

// stemKey is the prefix of a prefix entry without the separator it ends
// with, as looseKey gives it (without its leading underscores), and
// whether a loose lookup takes it: the stem must keep four characters so,
// as looseKey's names do.
func stemKey(prefix string) (string, bool) {
	if len(prefix) < 2 || !strings.ContainsRune(stemSeparators, rune(prefix[len(prefix)-1])) {
		return "", false
	}
	return looseKey(prefix[:len(prefix)-1])
}

// cookiePrefixes are the name prefixes browsers give a meaning of their
// own (RFC 6265bis): they restrict how a cookie is set.
var cookiePrefixes = []string{"__Secure-", "__Host-"}

// unprefixed returns name without its browser prefix, and whether it had
// one (with something after it).
func unprefixed(name string) (string, bool) {
	for _, p := range cookiePrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			return rest, true
		}
	}
	return name, false
}

func (kb *KB) lookup(name, domain string) (Entry, bool) {
	domain = NormalizeHost(domain)
	best, elsewhere := -1, -1
	consider := func(i int) {
		e := &kb.entries[i]
		if !e.matchName(name) {
			return
		}
		if e.HostOnly && !e.matchHost(domain) {
			if e.Match == MatchPrefix && len(e.Name) < minPrefixAnyHost {
				return // a short prefix elsewhere says nothing of this name
			}
			if elsewhere < 0 || kb.better(i, elsewhere) {
				elsewhere = i
			}
			return
		}
		if best < 0 || kb.better(i, best) {
			best = i
		}
	}
	kb.candidates(name, consider)
	switch {
	case best >= 0:
		return kb.entries[best].Entry, true
	case elsewhere >= 0:
		e := kb.entries[elsewhere].Entry
		e.Confidence, e.OtherHost = ConfidenceLow, true
		return e, true
	}
	return Entry{}, false
}

// Matches returns every entry whose name matches name, on any host, best
// first in Lookup's order (as if for a cookie of each entry's own host):
// what "cookieaudit kb lookup" lists. A browser prefix no entry names is
// dropped, and a name no entry names is compared loosely, as Lookup does.
func (kb *KB) Matches(name string) []Entry {
	if kb == nil {
		return nil
	}
	var idx []int
	kb.candidates(name, func(i int) { idx = append(idx, i) })
	if rest, ok := unprefixed(name); ok && len(idx) == 0 {
		kb.candidates(rest, func(i int) { idx = append(idx, i) })
	}
	if k, ok := looseKey(name); ok && len(idx) == 0 {
		idx = append(idx, kb.loose[k]...)
		if len(idx) == 0 {
			idx = append(idx, kb.stems[k]...)
		}
	}
	if k, ok := foldKey(name); ok && len(idx) == 0 {
		idx = append(idx, kb.folded[k]...)
	}
	if len(idx) == 0 {
		idx = kb.foldedPrefixes(name)
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		switch {
		case kb.better(i, j):
			return -1
		case kb.better(j, i):
			return 1
		}
		return 0
	})
	out := make([]Entry, len(idx))
	for k, i := range idx {
		out[k] = kb.entries[i].Entry
	}
	return out
}

// better reports whether entry i ranks before entry j (see Lookup).
func (kb *KB) better(i, j int) bool {
	a, b := &kb.entries[i], &kb.entries[j]
	if ua, ub := a.layer >= userLayer, b.layer >= userLayer; ua != ub || (ua && a.layer != b.layer) {
		return a.layer > b.layer
	}
	if a.HostOnly != b.HostOnly {
		return a.HostOnly
	}
	if a.layer != b.layer {
		return a.layer > b.layer
	}
	if a.Match != b.Match {
		return a.Match < b.Match
	}
	if len(a.Name) != len(b.Name) {
		return len(a.Name) > len(b.Name)
	}
	return i < j
}

// KnownCookie reports whether name is a distinctive cookie name of the
// knowledge base: an entry of high confidence whose name has at least
// three characters. Generic names ("id", "lang", "cart") are left out:
// policy extraction asks this to tell cookie names from words of prose.
// It makes a KB a [policy.Knowledge].
func (kb *KB) KnownCookie(name string) bool {
	if kb == nil || len(name) < 3 {
		return false
	}
	known := false
	kb.candidates(name, func(i int) {
		e := &kb.entries[i]
		known = known || (e.Confidence == ConfidenceHigh && len(e.Name) >= 3)
	})
	return known
}
