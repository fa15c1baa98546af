package classifier

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cookieaudit/cookieaudit/policy"
)

// data holds the built-in knowledge base; data/README.md documents its
// format.
//
//go:embed data/ocd.csv data/cookies.csv data/overrides.csv data/hosts.csv
var data embed.FS

// Confidence says how much a category can be trusted.
type Confidence string

// The confidence levels, from the strongest.
const (
	// ConfidenceHigh: a distinctive, well-documented cookie name, a
	// declaration of the site's own policy, or a known advertising host.
	ConfidenceHigh Confidence = "high"
	// ConfidenceMedium: a name that usually means this, or a clear
	// naming convention ("csrf", "session").
	ConfidenceMedium Confidence = "medium"
	// ConfidenceLow: a generic name, a guess from the words of a name, or
	// a known name seen on another host than its own.
	ConfidenceLow Confidence = "low"
)

func (c Confidence) rank() int {
	switch c {
	case ConfidenceHigh:
		return 3
	case ConfidenceMedium:
		return 2
	case ConfidenceLow:
		return 1
	}
	return 0
}

// MatchKind says how an [Entry] matches cookie names.
type MatchKind int

// The ways an entry matches names, from the most specific.
const (
	// MatchExact compares the whole name, case-sensitively.
	MatchExact MatchKind = iota
	// MatchPrefix matches names that start with Entry.Name.
	MatchPrefix
	// MatchGlob matches names with the policy package's glob syntax
	// ("mp_*_mixpanel").
	MatchGlob
)

// String returns "exact", "prefix" or "glob".
func (k MatchKind) String() string {
	switch k {
	case MatchExact:
		return "exact"
	case MatchPrefix:
		return "prefix"
	case MatchGlob:
		return "glob"
	}
	return fmt.Sprintf("MatchKind(%d)", int(k))
}

// Entry is one known cookie, or a family of cookie names.
type Entry struct {
	// Name is the cookie name, the prefix of a family (without its "*"),
	// or a glob in the policy package's pattern syntax, as Match says. A
	// glob that does not parse matches as an exact name.
	Name  string
	Match MatchKind
	// Provider is who sets the cookie ("Google Analytics", "Django").
	Provider string
	// Category is what the cookie is for.
	Category policy.Category
	// Lifetime is the cookie's usual lifetime; not Known when it varies.
	Lifetime policy.Duration
	// Hosts are the domains the cookie is usually set on; empty for a
	// cookie set on the site's own domain.
	Hosts []string
	// HostOnly restricts the entry to cookies whose domain is one of Hosts
	// or under one: the same name means different things on different
	// sites (Django's "sessionid" is a session; Instagram's, seen on
	// other sites, tracks).
	HostOnly bool
	// Confidence says how surely the name means this.
	Confidence Confidence
	// Description says what the cookie does.
	Description string
	// Origin says where the entry comes from: OriginDatabase (the Open
	// Cookie Database), "built-in" (our own entries), OriginOverride (our
	// overrides of the database), or the file and line of a --cookie-db
	// file.
	Origin string
	// Reason says why an override departs from the database.
	Reason string
	// DatabaseCategory is the database's own category word ("Functional",
	// "Analytics") for an entry of the Open Cookie Database.
	DatabaseCategory string
	// embedded is set on a database entry whose domain the database marks
	// "(3rd party)": the provider's embeds and tags set the cookie on its
	// own hosts while a visitor is on other sites.
	embedded bool
	// OtherHost is set on an entry Lookup returns for a cookie of another
	// host than the entry's: the name is known, but where it was seen it
	// may be another cookie (low confidence).
	OtherHost bool
	// Loose is set on an entry Lookup returns for a name that differs from
	// the entry's only in its leading underscores ("_utma" for "__utma"),
	// or, for a name of five characters or more, in letter case ("1p_jar"
	// for "1P_JAR"), as policy pages often write them: the name is
	// probably that cookie (low confidence).
	Loose bool
	// Stem is set on an entry Lookup returns for a name that is a prefix
	// entry's name without its last separator: policy pages name a family
	// of cookies by its stem ("_pendo_visitorId" for Pendo's
	// "_pendo_visitorId.<key>"), and the name is probably of that family
	// (low confidence).
	Stem bool

	glob policy.Pattern
}

// weak reports whether the entry was found for another host or another
// spelling of the name: evidence a guess from the cookie itself beats.
func (e *Entry) weak() bool {
	return e.OtherHost || e.Loose || e.Stem
}

// Pattern returns the name as the knowledge base writes it: "_ga",
// "_ga_*", "mp_*_mixpanel".
func (e *Entry) Pattern() string {
	if e.Match == MatchPrefix {
		return e.Name + "*"
	}
	return e.Name
}

// matchName reports whether the entry's name matches name.
func (e *Entry) matchName(name string) bool {
	switch e.Match {
	case MatchExact:
		return name == e.Name
	case MatchPrefix:
		return strings.HasPrefix(name, e.Name)
	case MatchGlob:
		return e.glob.Match(name)
	}
	return false
}

// matchHost reports whether domain is one of the entry's hosts or under one.
func (e *Entry) matchHost(domain string) bool {
	for _, h := range e.Hosts {
		if domainCovers(h, domain) {
			return true
		}
	}
	return false
}

// KB is a knowledge base of known cookies: the built-in one, possibly with
// layers of overrides on top ([KB.Override]). A KB is never modified once
// built, so one can serve several classifications at once.
type KB struct {
	source  string // see Source
	entries []kbEntry
	exact   map[string][]int // name → indexes in entries of exact entries
	loose   map[string][]int // looseKey of a name → exact entries
	stems   map[string][]int // a prefix without its last separator and leading underscores → prefix entries
	folded  map[string][]int // foldKey of a name → exact entries
	// foldedPrefix holds the prefix entries foldKey compares, by their
	// prefix in lower case.
	foldedPrefix prefixTrie
	prefix       prefixTrie // the prefix entries
	globs        []int      // indexes of glob entries
	hosts        []HostEntry

	providersOnce sync.Once
	providers     map[string]string
	hostsOnce     sync.Once
	hostIndex     map[string]int
}

type kbEntry struct {
	Entry
	layer int // higher layers win
}

var builtin = sync.OnceValues(func() (*KB, error) {
	ocd, err := data.ReadFile("data/ocd.csv")
	if err != nil {
		return nil, err
	}
	base, err := parseBase("data/ocd.csv", ocd)
	if err != nil {
		return nil, err
	}
	return build(base, "Open Cookie Database ("+baseSource(ocd)+"), built in")
})

// Builtin returns the knowledge base embedded in the program: the Open
// Cookie Database's two thousand cookies, our own entries for several
// hundred more (consent platforms, CDNs, load balancers, web platforms),
// our overrides of the database with their reasons, and a list of
// advertising and measurement hosts. The package's tests check that it
// loads; an error means a broken build.
func Builtin() (*KB, error) { return builtin() }

// Source says which knowledge base this is, for reports: which copy of
// the Open Cookie Database is its base layer, and the --cookie-db file
// over it if any.
func (kb *KB) Source() string {
	if kb == nil {
		return ""
	}
	return kb.source
}

// Len returns the number of entries, overrides included.
func (kb *KB) Len() int {
	if kb == nil {
		return 0
	}
	return len(kb.entries)
}

// Entries returns the entries, built-in ones first, then each layer of
// overrides in the order they were added.
func (kb *KB) Entries() []Entry {
	if kb == nil {
		return nil
	}
	out := make([]Entry, len(kb.entries))
	for i, e := range kb.entries {
		out[i] = e.Entry
	}
	return out
}

// Override returns a knowledge base in which entries win over every entry
// of kb: an entry of the override that matches a cookie is chosen even when
// kb has a more specific one. This is how a --cookie-db file takes
// precedence over the built-in data ("local overrides win"). kb itself is
// not changed; a nil kb gives a knowledge base of entries alone.
func (kb *KB) Override(entries []Entry) *KB {
	out := &KB{}
	layer := userLayer
	if kb != nil {
		out.source = kb.source
		out.hosts = kb.hosts
		out.entries = slices.Clone(kb.entries)
		for _, e := range kb.entries {
			layer = max(layer, e.layer+1)
		}
	}
	out.add(entries, layer)
	// The files the entries come from ("FILE:LINE" origins) join the
	// source.
	var files []string
	for _, e := range entries {
		f := e.Origin
		if i := strings.LastIndexByte(f, ':'); i > 0 {
			f = f[:i]
		}
		if f != "" && !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	if len(files) > 0 {
		if out.source != "" {
			out.source += "; "
		}
		out.source += "over it: " + strings.Join(files, ", ")
	}
	return out
}

func (kb *KB) add(entries []Entry, layer int) {
	for _, e := range entries {
		if e.Match == MatchGlob && e.glob.Text != e.Name {
			p, err := policy.ParsePattern(e.Name)
			if err != nil || p.Kind() == policy.Exact {
				e.Match = MatchExact // not a glob after all: the name as written
			} else {
				e.glob = p
			}
		}
		kb.entries = append(kb.entries, kbEntry{Entry: e, layer: layer})
	}
	kb.index()
}

func (kb *KB) index() {
	kb.exact = map[string][]int{}
	kb.loose = map[string][]int{}
	kb.stems = map[string][]int{}
	kb.folded = map[string][]int{}
	kb.prefix = prefixTrie{}
	kb.foldedPrefix = prefixTrie{}
	kb.globs = nil
	for i, e := range kb.entries {
		switch e.Match {
		case MatchExact:
			kb.exact[e.Name] = append(kb.exact[e.Name], i)
			if k, ok := looseKey(e.Name); ok {
				kb.loose[k] = append(kb.loose[k], i)
			}
			if k, ok := foldKey(e.Name); ok {
				kb.folded[k] = append(kb.folded[k], i)
			}
		case MatchPrefix:
			kb.prefix.add(e.Name, i)
			if _, ok := foldKey(e.Name); ok {
				kb.foldedPrefix.add(strings.ToLower(e.Name), i)
			}
			if k, ok := stemKey(e.Name); ok {
				kb.stems[k] = append(kb.stems[k], i)
			}
		default:
			kb.globs = append(kb.globs, i)
		}
	}
}

// userLayer is the first layer of entries a user brings (--cookie-db):
// the built-in layers are the base (0) and our overrides (1).
const userLayer = 2
