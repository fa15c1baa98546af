package classifier

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/cookieaudit/cookieaudit/policy"
)

// The Open Cookie Database's columns, as its CSV header names them. Only
// the name and category columns are required; the others fill the entry
// when present.
const (
	ocdPlatform   = "platform"
	ocdCategory   = "category"
	ocdName       = "cookie / data key name"
	ocdDomain     = "domain"
	ocdDesc       = "description"
	ocdRetention  = "retention period"
	ocdController = "data controller"
	ocdWildcard   = "wildcard match"
)

// ocdCategories maps the Open Cookie Database's categories to the
// canonical ones. The database files the cookies a site cannot work
// without (PHPSESSID, JSESSIONID, load balancers) under "Functional" and
// keeps "Personalization" for remembered choices, so its Functional is
// Necessary here, not Preferences as "functional" alone is on policy pages
// (DESIGN.md). Its "Security" cookies (bot and fraud protection) are
// necessary too.
var ocdCategories = map[string]policy.Category{
	"functional":      policy.Necessary,
	"security":        policy.Necessary,
	"personalization": policy.Preferences,
	"personalisation": policy.Preferences,
	"analytics":       policy.Statistics,
	"marketing":       policy.Marketing,
}

// ParseOpenCookieDB reads a file in the Open Cookie Database's CSV format,
// with the header
//
//	ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
//
// (columns are found by their header names, in any order; only Category
// and "Cookie / Data Key name" are required). name names the file in
// errors and in each entry's Origin ("file:line").
//
// Each row gives one [Entry]: Platform (else Data Controller) is the
// provider; Category maps Functional and Security to necessary,
// Personalization to preferences, Analytics to statistics and Marketing to
// marketing (any other value is read as a policy category word, and one
// naming no category is an error); "Wildcard match" 1 makes the name a
// prefix; the retention period is read as a policy duration when it can be
// (else kept as text); the domain's host names become the typical hosts,
// and a domain marked "(3rd party)" restricts the entry to cookies of
// those hosts (see [KB.Lookup]). An exact name has high confidence, a
// prefix medium.
//
// Give the entries to [KB.Override] so that they win over the built-in
// knowledge base.
func ParseOpenCookieDB(name string, b []byte) ([]Entry, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, want the Open Cookie Database CSV header", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, req := range []string{ocdCategory, ocdName} {
		if _, ok := col[req]; !ok {
			return nil, fmt.Errorf("%s:1: no %q column: not an Open Cookie Database CSV (header %q)", name, req, strings.Join(header, ","))
		}
	}
	field := func(rec []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var entries []Entry
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return entries, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		e, err := ocdEntry(rec, field)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		e.Origin = fmt.Sprintf("%s:%d", name, line)
		entries = append(entries, e)
	}
}

func ocdEntry(rec []string, field func([]string, string) string) (Entry, error) {
	platform := field(rec, ocdPlatform)
	if platform == "" {
		platform = field(rec, ocdController)
	}
	e, err := databaseEntry(field(rec, ocdName), field(rec, ocdWildcard), platform,
		field(rec, ocdCategory), field(rec, ocdDomain), field(rec, ocdRetention))
	if err != nil {
		return Entry{}, err
	}
	e.Description = field(rec, ocdDesc)
	return e, nil
}
