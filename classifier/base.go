package classifier

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/policy"
)

//go:generate go run ./internal/ocdgen -source "github.com/jkwakman/Open-Cookie-Database at commit 0ee5a17fe1cb002943f89370d24fc26a4226061c (2026-01-21), file open-cookie-database.csv"

// The knowledge base is built in layers:
//
//   - the base layer, the facts of the Open Cookie Database
//     (data/ocd.csv, made by go generate from the database's CSV; or the
//     newer copy "cookieaudit kb update" keeps in the user's cache);
//   - our own entries for cookies the database does not know
//     (data/cookies.csv);
//   - our overrides of database entries, each with the reason the
//     database is wrong for an audit (data/overrides.csv), which win over
//     the base layer;
//   - a --cookie-db file, which wins over all of them.

// OriginDatabase is the Origin of the entries of the Open Cookie
// Database's base layer.
const OriginDatabase = "Open Cookie Database"

// OriginOverride is the Origin of our overrides of database entries.
const OriginOverride = "override"

// OriginBuiltin is the Origin of our own entries.
const OriginBuiltin = "built-in"

// Compatible reports whether a category agrees with the Open Cookie
// Database's category word: its "Functional" holds both the cookies a site
// needs to work and those that remember choices, so necessary and
// preferences both agree with it.
func Compatible(c policy.Category, databaseCategory string) bool {
	switch strings.ToLower(databaseCategory) {
	case "functional":
		return c == policy.Necessary || c == policy.Preferences
	}
	want, ok := ocdCategories[strings.ToLower(databaseCategory)]
	if !ok {
		if w, err := policy.ParseCategory(databaseCategory); err == nil {
			want, ok = w, true
		}
	}
	return ok && c == want
}

// baseHeader is the header of data/ocd.csv.
var baseHeader = []string{"name", "wildcard", "platform", "category", "domain", "retention"}

// parseBase reads the base layer written by internal/ocdgen.
func parseBase(name string, b []byte) ([]Entry, error) {
	var entries []Entry
	err := readCSV(name, b, baseHeader, func(line int, rec []string) error {
		e, err := databaseEntry(rec[0], rec[1], rec[2], rec[3], rec[4], rec[5])
		if err != nil {
			return err
		}
		e.Origin = OriginDatabase
		entries = append(entries, e)
		return nil
	})
	return entries, err
}

// invisible drops the characters a database's name can carry unseen
// (a soft hyphen, zero-width spaces and joiners, a byte-order mark): a
// browser's cookie name never holds them, so a name that does would match
// nothing. The Open Cookie Database has written "logglytrackingsession"
// with a soft hyphen inside.
var invisible = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "")

// databaseEntry makes an entry of one row of the Open Cookie Database:
// "Wildcard match" 1 makes the name a prefix (medium confidence; exact
// names have high confidence); the category maps by [ocdCategories]; the
// retention period is read as a policy duration when it can be (else kept
// as text). The domain's hosts are where the cookie is usually set; a
// domain the database marks "(3rd party)" is where the cookie is set on
// other sites, and restricts the entry to those hosts (see [KB.Lookup]), as
// does the domain of a prefix shorter than [minPrefixAnyHost].
func databaseEntry(name, wildcard, platform, category, domain, retention string) (Entry, error) {
	e := Entry{Name: strings.TrimSpace(invisible.Replace(name)), Provider: strings.TrimSpace(platform), Confidence: ConfidenceHigh}
	if e.Name == "" {
		return Entry{}, fmt.Errorf("empty cookie name")
	}
	switch w := strings.TrimSpace(wildcard); w {
	case "", "0":
	case "1":
		e.Match, e.Confidence = MatchPrefix, ConfidenceMedium
	default:
		return Entry{}, fmt.Errorf("wildcard match %q: want 0 or 1", w)
	}
	cat := strings.TrimSpace(category)
	if c, ok := ocdCategories[strings.ToLower(cat)]; ok {
		e.Category = c
	} else if c, err := policy.ParseCategory(cat); err == nil {
		e.Category = c
	} else {
		return Entry{}, fmt.Errorf("category %q: want Functional, Security, Personalization, Analytics or Marketing", cat)
	}
	e.DatabaseCategory = cat
	if ret := strings.TrimSpace(retention); ret != "" {
		if d, err := policy.ParseDuration(ret); err == nil {
			e.Lifetime = d
		} else {
			e.Lifetime = policy.Duration{Text: ret}
		}
	}
	e.Hosts = domainsOf(domain)
	e.embedded = len(e.Hosts) > 0 && strings.Contains(strings.ToLower(domain), "3rd party")
	if e.embedded || len(e.Hosts) > 0 && e.Match == MatchPrefix && len(e.Name) < minPrefixAnyHost {
		e.HostOnly = true
	}
	return e, nil
}

// minPrefixAnyHost is the length a database prefix needs to stand for its
// cookies on any site. A shorter one ("_s", "tp", "cap") names a share of
// all cookie names ("_session", "capture"), not a provider's: when the
// database gives its domain, the entry holds only there.
const minPrefixAnyHost = 4

// overridesHeader is the header of data/overrides.csv.
var overridesHeader = []string{"name", "provider", "category", "lifetime", "hosts", "scope", "confidence", "reason"}

// parseOverrides reads our overrides of database entries: entries in the
// format of data/cookies.csv whose last column is the reason instead of a
// description. Every override states its reason.
func parseOverrides(name string, b []byte) ([]Entry, error) {
	var entries []Entry
	err := readCSV(name, b, overridesHeader, func(line int, rec []string) error {
		if rec[7] == "" {
			return fmt.Errorf("override of %s without a reason", rec[0])
		}
		e, err := curatedEntry(rec)
		if err != nil {
			return err
		}
		e.Description, e.Reason, e.Origin = "", rec[7], OriginOverride
		entries = append(entries, e)
		return nil
	})
	return entries, err
}

// WithDatabase returns a knowledge base whose base layer is entries, read
// from another copy of the Open Cookie Database ([ParseOpenCookieDB]),
// typically the newer one "cookieaudit kb update" downloads, in place of
// the embedded one; our entries and overrides stay on top. source names
// the copy in reports ("downloaded 2026-11-29 from https://…").
func WithDatabase(entries []Entry, source string) (*KB, error) {
	base := make([]Entry, len(entries))
	for i, e := range entries {
		e.Origin = OriginDatabase
		base[i] = e
	}
	return build(base, "Open Cookie Database ("+source+")")
}

// BuiltinDatabaseDate is the date of the built-in copy of the Open Cookie
// Database (its commit's), as its header gives it; zero if it does not.
// A downloaded copy older than this is passed over.
func BuiltinDatabaseDate() time.Time {
	b, err := data.ReadFile("data/ocd.csv")
	if err != nil {
		return time.Time{}
	}
	src := baseSource(b)
	for i := 0; i+12 <= len(src); i++ {
		if src[i] != '(' || src[i+11] != ')' {
			continue
		}
		if d, err := time.Parse(time.DateOnly, src[i+1:i+11]); err == nil {
			return d
		}
	}
	return time.Time{}
}

// baseSource reads where data/ocd.csv comes from in its header comment.
func baseSource(b []byte) string {
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if rest, ok := strings.CutPrefix(line, "# ("); ok {
			src, _, _ := strings.Cut(rest, "), Apache License")
			return src
		}
	}
	return "embedded copy"
}

// embedded reads and parses one of the embedded data files.
func embedded[T any](name string, parse func(string, []byte) ([]T, error)) ([]T, error) {
	b, err := data.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return parse(name, b)
}

// build makes a knowledge base of a base layer and the embedded curated
// entries, overrides and hosts.
func build(base []Entry, source string) (*KB, error) {
	curated, err := embedded("data/cookies.csv", parseEntries)
	if err != nil {
		return nil, err
	}
	overrides, err := embedded("data/overrides.csv", parseOverrides)
	if err != nil {
		return nil, err
	}
	hosts, err := embedded("data/hosts.csv", parseHosts)
	if err != nil {
		return nil, err
	}
	kb := &KB{source: source, hosts: hosts}
	// Our entries come first: where one names a cookie of the database
	// with a category compatible with the database's (a test checks that
	// they all do), it is as good, and carries our description.
	kb.add(slices.Concat(curated, base), 0)
	kb.add(overrides, 1)
	return kb, nil
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
		e.Hosts = append(e.Hosts, NormalizeHost(h))
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
