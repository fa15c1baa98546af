package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
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
	case strings.HasPrefix(rep.Schema, "cookieaudit/summary/"):
		return nil, fmt.Errorf("a summary of several sites (%s), not one site's report: 'cookieaudit merge FILE' writes it as a table, JSON or HTML", rep.Schema)
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
	if rep.Storage == nil {
		rep.Storage = []StorageItem{} // a report of an older version
	}
	for i := range rep.Storage {
		if rep.Storage[i].Phases == nil {
			rep.Storage[i].Phases = []string{}
		}
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
	Redact(&rep) // a report of an older version may hold credentials
	return &rep, nil
}

// schemaJSON is report.schema.json, the JSON Schema of the report contract.
//
//go:embed report.schema.json
var schemaJSON []byte

// compiledSchema compiles schemaJSON once. Formats (date-time) are
// asserted, as the schema test does; the draft 2020-12 meta-schema is
// built into the library, so nothing is fetched.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileSchema("report.schema.json")
})

// summarySchemaJSON is summary.schema.json, the JSON Schema of the summary
// contract; its sites' reports are checked by report.schema.json.
//
//go:embed summary.schema.json
var summarySchemaJSON []byte

var compiledSummarySchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileSchema("summary.schema.json")
})

// compileSchema compiles one of the embedded schemas, with the other
// known for its references.
func compileSchema(name string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// Each is known by its $id, which the other's references resolve to.
	for file, data := range map[string][]byte{"report.schema.json": schemaJSON, "summary.schema.json": summarySchemaJSON} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if err := c.AddResource(schemaBase+file, doc); err != nil {
			return nil, err
		}
	}
	return c.Compile(schemaBase + name)
}

// schemaBase is where the schemas' $id place them.
const schemaBase = "https://github.com/cookieaudit/cookieaudit/report/"

// ReadValid is Read for a report a person hands over (cookieaudit report,
// diff, --baseline): besides being a cookieaudit/report/v1 document, it
// must match report.schema.json, so that a JSON file that merely has the
// right schema field is refused rather than rendered as empty headings.
// The error names the first problem by its place in the document, e.g.
// "not a valid cookieaudit/report/v1 report: cookies[3]: missing property
// 'party'". Fields the schema does not list are allowed, as in Read.
func ReadValid(r io.Reader) (*Report, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	rep, err := Read(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if err := Validate(data); err != nil {
		return nil, err
	}
	return rep, nil
}

// Validate checks a JSON report against report.schema.json and returns
// its first problem, or nil.
func Validate(data []byte) error {
	sch, err := compiledSchema()
	if err != nil {
		return fmt.Errorf("report.schema.json: %w", err) // embedded and tested: cannot happen
	}
	return validateWith(sch, data, Schema+" report")
}

// ValidateSummary checks a JSON summary against summary.schema.json, its
// sites' reports against report.schema.json, and returns its first
// problem, or nil.
func ValidateSummary(data []byte) error {
	sch, err := compiledSummarySchema()
	if err != nil {
		return fmt.Errorf("summary.schema.json: %w", err) // embedded and tested: cannot happen
	}
	return validateWith(sch, data, SummarySchema+" summary")
}

// validateWith checks data against sch; what names the document in the
// error ("cookieaudit/report/v1 report").
func validateWith(sch *jsonschema.Schema, data []byte, what string) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	first := firstProblem(ve)
	msg := first.ErrorKind.LocalizedString(schemaMessages)
	if p := instancePath(first.InstanceLocation); p != "" {
		msg = p + ": " + msg
	}
	return fmt.Errorf("not a valid %s: %s", what, clip(msg, 300))
}

// schemaMessages prints the schema library's messages in English.
var schemaMessages = message.NewPrinter(language.English)

// firstProblem is the leaf of a validation error tree that comes first
// in the document: the error of a whole object lists its members' errors
// in no set order (the schema's properties are a map), so they are sorted
// by where they are (array items by index), then by message.
func firstProblem(ve *jsonschema.ValidationError) *jsonschema.ValidationError {
	var leaves []*jsonschema.ValidationError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return slices.MinFunc(leaves, func(a, b *jsonschema.ValidationError) int {
		if c := comparePaths(a.InstanceLocation, b.InstanceLocation); c != 0 {
			return c
		}
		return strings.Compare(a.ErrorKind.LocalizedString(schemaMessages), b.ErrorKind.LocalizedString(schemaMessages))
	})
}

// comparePaths orders JSON locations: a parent before its members, array
// items by their index.
func comparePaths(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] == b[i] {
			continue
		}
		x, errX := strconv.Atoi(a[i])
		y, errY := strconv.Atoi(b[i])
		if errX == nil && errY == nil {
			return x - y
		}
		return strings.Compare(a[i], b[i])
	}
	return len(a) - len(b)
}

// instancePath writes a JSON location as a script would reach it:
// ["cookies", "3", "party"] is "cookies[3].party"; "" for the document.
func instancePath(loc []string) string {
	var b strings.Builder
	for _, tok := range loc {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}
