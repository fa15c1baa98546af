package report

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportSchema compiles report.schema.json, asserting formats (date-time
// and date are checked, not just annotated) and content (the screenshots'
// base64). The compiler checks the schema against the draft 2020-12
// meta-schema it embeds: nothing is fetched.
func reportSchema(t *testing.T) (*jsonschema.Schema, any) {
	t.Helper()
	f, err := os.Open("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("report.schema.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.AssertContent()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatalf("report.schema.json does not compile: %v", err)
	}
	return sch, doc
}

func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestJSONSchema validates real reports against report.schema.json: every
// JSON golden file, and the reports of the tests with findings, a gate, a
// baseline, ignores and screenshots. It also checks that the schema
// documents every field they hold: a field added to the report must be
// added to the schema.
func TestJSONSchema(t *testing.T) {
	t.Parallel()
	sch, schemaDoc := reportSchema(t)
	docs := map[string][]byte{}
	goldens, err := filepath.Glob("testdata/*.json.golden")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no JSON golden files: %v", err)
	}
	for _, g := range goldens {
		if strings.Contains(g, "hostile-findings") {
			continue // invalid on purpose, below
		}
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		docs[g] = b
	}
	for name, rep := range map[string]*Report{"audited": audited(t), "values": New(portal(t), Options{ShowValues: true})} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, rep); err != nil {
			t.Fatal(err)
		}
		docs[name] = buf.Bytes()
	}
	for name, b := range docs {
		inst := decodeJSON(t, b)
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not match the schema: %v", name, err)
		}
		undocumented := map[string]bool{}
		undocumentedFields(schemaDoc, schemaDoc, inst, "$", undocumented)
		for _, u := range slices.Sorted(maps.Keys(undocumented)) {
			t.Errorf("%s: field %s is not in report.schema.json", name, u)
		}
	}

	// The schema rejects what the contract forbids: the hostile report's
	// party, and a severity no classifier gives (a report edited by hand).
	hostile := hostileReport(t)
	hostile.Findings[0].Severity = `"><img src=x>`
	var buf bytes.Buffer
	if err := WriteJSON(&buf, hostile); err != nil {
		t.Fatal(err)
	}
	err = sch.Validate(decodeJSON(t, buf.Bytes()))
	if err == nil || !strings.Contains(err.Error(), "party") || !strings.Contains(err.Error(), "severity") {
		t.Errorf("a report with an unknown party and severity validates: %v", err)
	}
	for _, bad := range []string{
		`{"schema": "cookieaudit/report/v2"}`,
		`{"schema": "cookieaudit/report/v1", "tool": {"name": "x", "version": "1"}, "target": "t", "startedAt": "yesterday", "partial": false, "pages": [], "cookies": [], "findings": []}`,
	} {
		if err := sch.Validate(decodeJSON(t, []byte(bad))); err == nil {
			t.Errorf("%s validates", bad)
		}
	}
}

// undocumentedFields adds to out the path of every object member of inst that
// schema (a decoded schema, with root for $ref) does not list among its
// properties.
func undocumentedFields(root, schema, inst any, path string, out map[string]bool) {
	s, ok := schema.(map[string]any)
	if !ok {
		return
	}
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			break
		}
		s = resolveRef(root, ref)
	}
	props := map[string]any{}
	var items any
	collect := func(m map[string]any) {
		if p, ok := m["properties"].(map[string]any); ok {
			for k, v := range p {
				props[k] = v
			}
		}
		if it, ok := m["items"]; ok {
			items = it
		}
	}
	collect(s)
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		if subs, ok := s[key].([]any); ok {
			for _, sub := range subs {
				m, _ := sub.(map[string]any)
				for m != nil {
					collect(m)
					ref, ok := m["$ref"].(string)
					if !ok {
						break
					}
					m = resolveRef(root, ref)
				}
			}
		}
	}
	switch v := inst.(type) {
	case map[string]any:
		for k, val := range v {
			sub, ok := props[k]
			if !ok {
				out[path+"."+k] = true
				continue
			}
			undocumentedFields(root, sub, val, path+"."+k, out)
		}
	case []any:
		for _, e := range v {
			undocumentedFields(root, items, e, path+"[]", out)
		}
	}
}

// resolveRef follows a local reference such as "#/$defs/cookie".
func resolveRef(root any, ref string) map[string]any {
	cur := root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[part]
	}
	m, _ := cur.(map[string]any)
	return m
}
