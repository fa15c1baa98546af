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

// readSummary decodes a summary and checks each site: a target, a known
// outcome, and an embedded report that is a valid report of that target.
func readSummary(data []byte) ([]SiteResult, error) {
	var s struct {
		Sites []json.RawMessage `json:"sites"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not a %s summary: %v", SummarySchema, err)
	}
	if s.Sites == nil {
		return nil, fmt.Errorf("not a %s summary: no \"sites\" array", SummarySchema)
	}
	var out []SiteResult
	for i, raw := range s.Sites {
		var site SiteResult
		if err := json.Unmarshal(raw, &site); err != nil {
			return nil, fmt.Errorf("sites[%d]: %v", i, err)
		}
		if site.Target == "" {
			return nil, fmt.Errorf("sites[%d]: no target", i)
		}
		switch site.Outcome {
		case OutcomePass, OutcomeFail, OutcomeIncomplete, OutcomeError:
		default:
			return nil, fmt.Errorf("sites[%d] (%s): unknown outcome %q (valid: pass, fail, incomplete, error)", i, site.Target, site.Outcome)
		}
		if site.Report != nil {
			var r struct {
				Report json.RawMessage `json:"report"`
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				return nil, fmt.Errorf("sites[%d]: %v", i, err)
			}
			rep, err := ReadValid(bytes.NewReader(r.Report))
			if err != nil {
				return nil, fmt.Errorf("sites[%d] (%s): report: %w", i, site.Target, err)
			}
			site.Report = rep
		}
		out = append(out, site)
	}
	return out, nil
}
