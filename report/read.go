package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Read decodes a JSON report written by WriteJSON, for re-rendering, as a
// baseline or for a diff. It accepts any "cookieaudit/report/v1" report,
// including one with fields this version does not know (the contract adds
// fields), and refuses other documents and other schema versions. Arrays
// that are missing come back empty, not nil, as New makes them.
func Read(r io.Reader) (*Report, error) {
	var rep Report
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rep); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("not a JSON report: %v (at byte %d)", err, se.Offset)
		case errors.As(err, &te):
			return nil, fmt.Errorf("not a %s report: field %s: %v", Schema, te.Field, err)
		case errors.Is(err, io.EOF):
			return nil, errors.New("not a JSON report: empty input")
		}
		return nil, fmt.Errorf("not a JSON report: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a JSON report: more than one JSON document")
	}
	switch {
	case rep.Schema == Schema:
	case strings.HasPrefix(rep.Schema, "cookieaudit/report/"):
		return nil, fmt.Errorf("report schema %q is not supported (want %s)", rep.Schema, Schema)
	default:
		return nil, fmt.Errorf("not a cookieaudit report (schema %q, want %s)", rep.Schema, Schema)
	}
	if rep.Pages == nil {
		rep.Pages = []Page{}
	}
	if rep.Cookies == nil {
		rep.Cookies = []Cookie{}
	}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	for i := range rep.Cookies {
		if rep.Cookies[i].BlockedReasons == nil {
			rep.Cookies[i].BlockedReasons = []string{}
		}
		if rep.Cookies[i].Phases == nil {
			rep.Cookies[i].Phases = []string{}
		}
	}
	if c := rep.Consent; c != nil {
		if c.Phases == nil {
			c.Phases = []string{}
		}
		if c.Actions == nil {
			c.Actions = []ConsentAction{}
		}
		for i := range c.Actions {
			if c.Actions[i].Steps == nil {
				c.Actions[i].Steps = []string{} // a report of an older version
			}
		}
	}
	return &rep, nil
}
