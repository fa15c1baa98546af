package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/internal/english"
)

// Diff is what changed between two reports of a site: cookies and findings
// added and removed, and cookies whose lifetime, party, category or
// declaration changed.
type Diff struct {
	Old DiffSide `json:"old"`
	New DiffSide `json:"new"`
	Changes

	// newStart is when the newer scan started: lifetimes of its cookies
	// are measured from it when they have no write time.
	newStart time.Time
}

// Changes are the lists of a Diff, and of a report's changes since the
// previous run (ChangesSincePrevious). Cookies are keyed by name, domain,
// path and partition key; findings by fingerprint (see
// FindingFingerprint).
type Changes struct {
	CookiesAdded    []Cookie       `json:"cookiesAdded"`
	CookiesRemoved  []Cookie       `json:"cookiesRemoved"`
	CookiesChanged  []CookieChange `json:"cookiesChanged"`
	FindingsAdded   []Finding      `json:"findingsAdded"`
	FindingsRemoved []Finding      `json:"findingsRemoved"`
}

// DiffSide names one of the two reports compared.
type DiffSide struct {
	Name      string `json:"name"`
	Target    string `json:"target"`
	StartedAt string `json:"startedAt,omitempty"`
	Cookies   int    `json:"cookies"`
	Findings  int    `json:"findings"`
	Partial   bool   `json:"partial"`
}

// CookieChange is a cookie present in both reports with different
// properties.
type CookieChange struct {
	Name    string        `json:"name"`
	Domain  string        `json:"domain"`
	Path    string        `json:"path"`
	Changes []FieldChange `json:"changes"`
}

// FieldChange is one property of a cookie that changed.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Added reports whether the newer report has a cookie or a finding that
// the older one lacks: what a scheduled check alerts on.
func (d *Diff) Added() bool {
	return len(d.CookiesAdded) > 0 || len(d.FindingsAdded) > 0
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return !d.Added() && len(d.CookiesRemoved) == 0 && len(d.CookiesChanged) == 0 && len(d.FindingsRemoved) == 0
}

// Compare compares an older and a newer report of the same site. Lists
// keep the order of the report they come from. Lifetimes are the ones the
// site asked for, compared as people read them ("1y", "session", "13mo
// (blocked)"), which absorbs the seconds by which two scans differ.
func Compare(oldName string, old *Report, newName string, cur *Report) *Diff {
	d := &Diff{
		Old: side(oldName, old),
		New: side(newName, cur),
		Changes: Changes{
			CookiesAdded:    []Cookie{},
			CookiesRemoved:  []Cookie{},
			CookiesChanged:  []CookieChange{},
			FindingsAdded:   []Finding{},
			FindingsRemoved: []Finding{},
		},
		newStart: cur.StartedAt,
	}
	olds := map[string]Cookie{}
	for _, c := range old.Cookies {
		olds[cookieKey(c)] = c
	}
	news := map[string]bool{}
	for _, c := range cur.Cookies {
		k := cookieKey(c)
		news[k] = true
		o, ok := olds[k]
		if !ok {
			d.CookiesAdded = append(d.CookiesAdded, c)
			continue
		}
		var changes []FieldChange
		add := func(field, a, b string) {
			if a != b {
				changes = append(changes, FieldChange{field, a, b})
			}
		}
		add("lifetime", requestedLifetime(o, old.StartedAt), requestedLifetime(c, cur.StartedAt))
		add("party", o.Party, c.Party)
		add("category", o.Category, c.Category)
		add("declared", fmt.Sprint(o.Declared), fmt.Sprint(c.Declared))
		if len(changes) > 0 {
			d.CookiesChanged = append(d.CookiesChanged, CookieChange{Name: c.Name, Domain: c.Domain, Path: c.Path, Changes: changes})
		}
	}
	for _, c := range old.Cookies {
		if !news[cookieKey(c)] {
			d.CookiesRemoved = append(d.CookiesRemoved, c)
		}
	}
	oldF := map[string]bool{}
	for _, f := range old.Findings {
		oldF[FindingFingerprint(old.Target, f)] = true
	}
	newF := map[string]bool{}
	for _, f := range cur.Findings {
		fp := FindingFingerprint(cur.Target, f)
		if !oldF[fp] && !newF[fp] {
			d.FindingsAdded = append(d.FindingsAdded, f)
		}
		newF[fp] = true
	}
	for _, f := range old.Findings {
		fp := FindingFingerprint(old.Target, f)
		if !newF[fp] {
			d.FindingsRemoved = append(d.FindingsRemoved, f)
			newF[fp] = true // once
		}
	}
	return d
}

// requestedLifetime is the lifetime the site asked for, as lifetime writes
// it but without the browser's cap: the capped lifetime is counted from
// the scan and shifts by a day between two scans of an unchanged site.
func requestedLifetime(c Cookie, startedAt time.Time) string {
	c.Expires = nil
	return lifetime(c, startedAt)
}

func side(name string, rep *Report) DiffSide {
	s := DiffSide{Name: name, Target: rep.Target, Cookies: len(rep.Cookies), Findings: len(rep.Findings), Partial: rep.Partial}
	if !rep.StartedAt.IsZero() {
		s.StartedAt = rep.StartedAt.UTC().Format(time.RFC3339)
	}
	return s
}

// cookieKey identifies a cookie as the browser does: name, domain, path
// and partition.
func cookieKey(c Cookie) string {
	return strings.Join([]string{c.Name, classifier.NormalizeHost(c.Domain), c.Path, c.PartitionKey}, "\x00")
}

// WriteDiffJSON writes d as indented JSON.
func WriteDiffJSON(w io.Writer, d *Diff) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// WriteDiffText writes d for people: one section per kind of change, one
// line per cookie or finding, then a summary line. Site strings have their
// control characters escaped.
func WriteDiffText(w io.Writer, d *Diff) error {
	ew := &errWriter{w: w}
	describe := func(s DiffSide) string {
		t := fmt.Sprintf("%s (%s", sanitize(s.Name), sanitize(s.Target))
		if s.StartedAt != "" {
			t += ", " + s.StartedAt
		}
		t += fmt.Sprintf(", %s, %s", english.Count(s.Cookies, "cookie"), english.Count(s.Findings, "finding"))
		if s.Partial {
			t += ", partial"
		}
		return t + ")"
	}
	ew.printf("Old: %s\nNew: %s\n", describe(d.Old), describe(d.New))
	if d.Old.Target != d.New.Target {
		ew.printf("Warning: the reports are of different targets; findings are compared by fingerprint, which includes the site's host.\n")
	}
	cookie := func(c Cookie) string {
		return fmt.Sprintf("%s  %s%s  %s party, %s, %s, set by %s, first seen on %s",
			sanitize(c.Name), sanitize(c.Domain), sanitize(c.Path), sanitize(c.Party), sanitize(c.Category),
			lifetime(c, d.newStart), sanitize(c.SetBy), sanitize(c.FirstSeenOn))
	}
	if len(d.CookiesAdded) > 0 {
		ew.printf("\nCookies added (%d):\n", len(d.CookiesAdded))
		for _, c := range d.CookiesAdded {
			ew.printf("  + %s\n", cookie(c))
		}
	}
	if len(d.CookiesRemoved) > 0 {
		ew.printf("\nCookies removed (%d):\n", len(d.CookiesRemoved))
		for _, c := range d.CookiesRemoved {
			ew.printf("  - %s  %s%s\n", sanitize(c.Name), sanitize(c.Domain), sanitize(c.Path))
		}
	}
	if len(d.CookiesChanged) > 0 {
		ew.printf("\nCookies changed (%d):\n", len(d.CookiesChanged))
		for _, c := range d.CookiesChanged {
			var parts []string
			for _, ch := range c.Changes {
				parts = append(parts, fmt.Sprintf("%s %s → %s", ch.Field, sanitize(ch.Old), sanitize(ch.New)))
			}
			ew.printf("  ~ %s  %s%s: %s\n", sanitize(c.Name), sanitize(c.Domain), sanitize(c.Path), strings.Join(parts, "; "))
		}
	}
	finding := func(f Finding) string {
		return fmt.Sprintf("[%s] %s %s (%s): %s", sanitize(f.Severity), sanitize(f.Kind), sanitize(subject(f)), sanitize(f.Domain), sanitize(findingMessage(f)))
	}
	if len(d.FindingsAdded) > 0 {
		ew.printf("\nFindings added (%d):\n", len(d.FindingsAdded))
		for _, f := range d.FindingsAdded {
			ew.printf("  + %s\n", finding(f))
		}
	}
	if len(d.FindingsRemoved) > 0 {
		ew.printf("\nFindings removed (%d):\n", len(d.FindingsRemoved))
		for _, f := range d.FindingsRemoved {
			ew.printf("  - %s\n", finding(f))
		}
	}
	if d.Empty() {
		ew.printf("\nNo change.\n")
	} else {
		ew.printf("\nCookies: %d added, %d removed, %d changed. Findings: %d added, %d removed.\n",
			len(d.CookiesAdded), len(d.CookiesRemoved), len(d.CookiesChanged), len(d.FindingsAdded), len(d.FindingsRemoved))
	}
	return ew.err
}
