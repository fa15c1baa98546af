package classifier

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

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
	// ConfidenceLow: a generic name or an attribute-based guess.
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
	// OtherHost is set on an entry Lookup returns for a cookie of another
	// host than the entry's: the name is known, but where it was seen it
	// may be another cookie (low confidence).
	OtherHost bool

	glob policy.Pattern
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

// HostEntry is a host known for advertising or audience measurement.
type HostEntry struct {
	// Host is a domain; it covers its subdomains.
	Host     string
	Provider string
	Category policy.Category
	// Source names the list the host comes from: "cookieaudit" (ours),
	// "tpw" (Third Party Web) or "ocd" (the Open Cookie Database).
	Source string
}

// KB is a knowledge base of known cookies: the built-in one, possibly with
// layers of overrides on top ([KB.Override]). A KB is never modified once
// built, so one can serve several classifications at once.
type KB struct {
	source  string // see Source
	entries []kbEntry
	exact   map[string][]int // name → indexes in entries of exact entries
	prefix  prefixTrie       // the prefix entries
	globs   []int            // indexes of glob entries
	hosts   []HostEntry

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
	kb.prefix = prefixTrie{}
	kb.globs = nil
	for i, e := range kb.entries {
		switch e.Match {
		case MatchExact:
			kb.exact[e.Name] = append(kb.exact[e.Name], i)
		case MatchPrefix:
			kb.prefix.add(e.Name, i)
		default:
			kb.globs = append(kb.globs, i)
		}
	}
}

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

// userLayer is the first layer of entries a user brings (--cookie-db):
// the built-in layers are the base (0) and our overrides (1).
const userLayer = 2

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
func (kb *KB) Lookup(name, domain string) (Entry, bool) {
	if kb == nil {
		return Entry{}, false
	}
	domain = normalizeDomain(domain)
	best, elsewhere := -1, -1
	consider := func(i int) {
		e := &kb.entries[i]
		if !e.matchName(name) {
			return
		}
		if e.HostOnly && !e.matchHost(domain) {
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
// what "cookieaudit kb lookup" lists.
func (kb *KB) Matches(name string) []Entry {
	if kb == nil {
		return nil
	}
	var idx []int
	kb.candidates(name, func(i int) { idx = append(idx, i) })
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

// Host returns the known advertising or measurement host that domain is,
// or is under; the most specific one when several are. It walks up the
// domain's labels in an index, so its cost does not grow with the list.
func (kb *KB) Host(domain string) (HostEntry, bool) {
	if kb == nil {
		return HostEntry{}, false
	}
	kb.hostsOnce.Do(func() {
		kb.hostIndex = make(map[string]int, len(kb.hosts))
		for i, h := range kb.hosts {
			if _, dup := kb.hostIndex[h.Host]; !dup {
				kb.hostIndex[h.Host] = i
			}
		}
	})
	for d := normalizeDomain(domain); d != ""; {
		if i, ok := kb.hostIndex[d]; ok {
			return kb.hosts[i], true
		}
		dot := strings.IndexByte(d, '.')
		if dot < 0 {
			break
		}
		d = d[dot+1:]
	}
	return HostEntry{}, false
}

// kbHeader is the header of data/cookies.csv.
var kbHeader = []string{"name", "provider", "category", "lifetime", "hosts", "scope", "confidence", "description"}

// parseEntries reads the built-in format (data/README.md).
func parseEntries(name string, b []byte) ([]Entry, error) {
	var entries []Entry
	err := readCSV(name, b, kbHeader, func(line int, rec []string) error {
		e, err := curatedEntry(rec)
		if err != nil {
			return err
		}
		entries = append(entries, e)
		return nil
	})
	return entries, err
}

// curatedEntry reads a record of the built-in format.
func curatedEntry(rec []string) (Entry, error) {
	e := Entry{
		Provider:    rec[1],
		Description: rec[7],
		Origin:      OriginBuiltin,
	}
	var err error
	if e.Name, e.Match, e.glob, err = parseEntryName(rec[0]); err != nil {
		return e, err
	}
	if e.Category = policy.Category(rec[2]); !e.Category.Valid() {
		return e, fmt.Errorf("category %q is not a canonical category", rec[2])
	}
	if rec[3] != "" {
		if e.Lifetime, err = policy.ParseDuration(rec[3]); err != nil {
			return e, err
		}
	}
	for _, h := range strings.Fields(rec[4]) {
		if !hostLike(h) {
			return e, fmt.Errorf("host %q is not a domain name", h)
		}
		e.Hosts = append(e.Hosts, normalizeDomain(h))
	}
	switch rec[5] {
	case "any":
	case "host":
		if len(e.Hosts) == 0 {
			return e, errors.New(`scope "host" needs hosts`)
		}
		e.HostOnly = true
	default:
		return e, fmt.Errorf(`scope %q: want "any" or "host"`, rec[5])
	}
	switch c := Confidence(rec[6]); c {
	case ConfidenceHigh, ConfidenceMedium, ConfidenceLow:
		e.Confidence = c
	default:
		return e, fmt.Errorf(`confidence %q: want "high", "medium" or "low"`, rec[6])
	}
	return e, nil
}

// parseEntryName reads a name column: an exact name, a prefix ending in "*"
// with no other wildcard, or a glob.
func parseEntryName(s string) (string, MatchKind, policy.Pattern, error) {
	if s == "" {
		return "", 0, policy.Pattern{}, errors.New("empty name")
	}
	if !strings.Contains(s, "*") {
		return s, MatchExact, policy.Pattern{}, nil
	}
	if i := strings.IndexByte(s, '*'); i == len(s)-1 && i > 0 {
		return s[:i], MatchPrefix, policy.Pattern{}, nil
	}
	p, err := policy.ParsePattern(s)
	if err != nil {
		return "", 0, policy.Pattern{}, err
	}
	return s, MatchGlob, p, nil
}

var hostsHeader = []string{"host", "provider", "category", "source"}

func parseHosts(name string, b []byte) ([]HostEntry, error) {
	var hosts []HostEntry
	err := readCSV(name, b, hostsHeader, func(line int, rec []string) error {
		if !hostLike(rec[0]) {
			return fmt.Errorf("host %q is not a domain name", rec[0])
		}
		c := policy.Category(rec[2])
		if !c.Valid() {
			return fmt.Errorf("category %q is not a canonical category", rec[2])
		}
		hosts = append(hosts, HostEntry{Host: normalizeDomain(rec[0]), Provider: rec[1], Category: c, Source: rec[3]})
		return nil
	})
	return hosts, err
}

// readCSV reads a CSV file with "#" comments and the given header, and
// calls fn for each record with its line number. Errors name the file and
// the line.
func readCSV(name string, b []byte, header []string, fn func(line int, rec []string) error) error {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.FieldsPerRecord = len(header)
	r.TrimLeadingSpace = true
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		if first {
			first = false
			if !slices.Equal(rec, header) {
				return fmt.Errorf("%s:%d: header is %q, want %q", name, line, strings.Join(rec, ","), strings.Join(header, ","))
			}
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if err := fn(line, rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
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

// Service returns the provider of the knowledge base that text names, and
// whether there is one: "Google Analytics 4" and "google analytics" name
// "Google Analytics". Up to two trailing words ("4", "API", "cookies") may
// be dropped to find it. It makes a KB a [policy.Knowledge].
func (kb *KB) Service(text string) (string, bool) {
	if kb == nil {
		return "", false
	}
	providers := kb.providerIndex()
	ws := strings.Fields(normalizeService(text))
	for drop := 0; drop <= 2 && drop < len(ws); drop++ {
		if p, ok := providers[strings.Join(ws[:len(ws)-drop], " ")]; ok {
			return p, true
		}
	}
	return "", false
}

// ServiceCookies returns the entries of the knowledge base whose provider
// is service (as [KB.Service] names it).
func (kb *KB) ServiceCookies(service string) []Entry {
	if kb == nil {
		return nil
	}
	want := normalizeService(service)
	var out []Entry
	for _, e := range kb.entries {
		if normalizeService(e.Provider) == want {
			out = append(out, e.Entry)
		}
	}
	return out
}

// providerIndex maps the normalized provider names of the entries to
// their spelling, built once per KB.
func (kb *KB) providerIndex() map[string]string {
	kb.providersOnce.Do(func() {
		kb.providers = map[string]string{}
		for _, e := range kb.entries {
			if n := normalizeService(e.Provider); n != "" {
				if _, ok := kb.providers[n]; !ok {
					kb.providers[n] = e.Provider
				}
			}
		}
	})
	return kb.providers
}

// normalizeService lower-cases a service name and reduces its punctuation
// to single spaces.
func normalizeService(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// sameService reports whether a declared service names provider: their
// names are of one family once normalized ("Google Analytics" covers the
// cookies of "Google Analytics 4"), or the declared one names provider in
// the way [KB.Service] reads it.
func (kb *KB) sameService(declared, provider string) bool {
	p := serviceFamily(provider)
	if p == "" {
		return false
	}
	if serviceFamily(declared) == p {
		return true
	}
	s, ok := kb.Service(declared)
	return ok && serviceFamily(s) == p
}

// serviceNoise are trailing words of service names that name a version, a
// part or a legal form rather than another service.
var serviceNoise = map[string]bool{"api": true, "apis": true, "cookie": true, "cookies": true, "inc": true, "llc": true,
	"ltd": true, "gmbh": true, "classic": true, "universal": true, "sdk": true, "pixel": true, "tag": true}

// serviceFamily is a service's normalized name without trailing version
// numbers and noise words: "Google Analytics 4" and "Google Analytics
// (Universal)" are "google analytics".
func serviceFamily(s string) string {
	ws := strings.Fields(normalizeService(s))
	for len(ws) > 1 {
		last := ws[len(ws)-1]
		if serviceNoise[last] || strings.Trim(last, "0123456789v") == "" {
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	return strings.Join(ws, " ")
}
