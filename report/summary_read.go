package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ReadSites reads what "merge" joins: a summary written by a run over
// several sites (cookieaudit/summary/v1), whose sites it returns as they
// are, or one site's JSON report (cookieaudit/report/v1, checked against
// report.schema.json), whose entry SiteResultOf makes. Anything else is
// refused, saying what it is.
func ReadSites(data []byte) ([]SiteResult, error) {
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("not JSON: %v (at byte %d)", err, se.Offset)
		}
		return nil, fmt.Errorf("not a cookieaudit summary or report: %v", err)
	}
	switch {
	case head.Schema == SummarySchema:
		return readSummary(data)
	case strings.HasPrefix(head.Schema, "cookieaudit/summary/"):
		return nil, fmt.Errorf("summary schema %q is not supported (want %s)", head.Schema, SummarySchema)
	case strings.HasPrefix(head.Schema, "cookieaudit/report/"):
		rep, err := ReadValid(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return []SiteResult{SiteResultOf(rep)}, nil
	}
	return nil, fmt.Errorf("not a cookieaudit summary or report (schema %q, want %s or %s)", head.Schema, SummarySchema, Schema)
}

// readSummary checks a summary against summary.schema.json (its sites'
// reports against report.schema.json) and decodes its sites.
func readSummary(data []byte) ([]SiteResult, error) {
	if err := ValidateSummary(data); err != nil {
		return nil, err
	}
	var s struct {
		Sites []struct {
			SiteResult
			Report json.RawMessage `json:"report"`
		} `json:"sites"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("not a %s summary: %v", SummarySchema, err)
	}
	out := make([]SiteResult, 0, len(s.Sites))
	for i, site := range s.Sites {
		r := site.SiteResult
		if len(site.Report) > 0 && string(site.Report) != "null" {
			rep, err := Read(bytes.NewReader(site.Report))
			if err != nil {
				return nil, fmt.Errorf("sites[%d] (%s): report: %w", i, r.Target, err)
			}
			r.Report = rep
		}
		out = append(out, r)
	}
	return out, nil
}
