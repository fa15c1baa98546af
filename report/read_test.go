package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestReadRoundTrip reads back what WriteJSON wrote: a saved scan can be
// re-rendered into every format as if it had just run.
func TestReadRoundTrip(t *testing.T) {
	t.Parallel()
	for name, rep := range map[string]*Report{"audited": audited(t), "hostile": hostileReport(t), "empty": New(empty(), Options{})} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, rep); err != nil {
			t.Fatal(err)
		}
		got, err := Read(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(rep, got, cmpopts.IgnoreUnexported(IgnoreRule{})); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", name, diff)
		}
		for _, format := range Formats() {
			var a, b bytes.Buffer
			if err := Write(&a, rep, format); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, got, format); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("%s: %s of the read report differs", name, format)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"", "empty input"},
		{"{", "not a JSON report"},
		{"[]", "not a cookieaudit/report/v1 report"},
		{`{"schema": "sarif"}`, `not a cookieaudit report (schema "sarif"`},
		{`{"schema": "cookieaudit/summary/v1", "sites": []}`, `a summary of several sites (cookieaudit/summary/v1), not one site's report: 'cookieaudit merge FILE'`},
		{`{"schema": "cookieaudit/report/v2"}`, `report schema "cookieaudit/report/v2" is not supported`},
		{`{"schema": "cookieaudit/report/v1", "pages": 3}`, "field pages"},
		{`{"schema": "cookieaudit/report/v1"} {}`, "more than one JSON document"},
	}
	for _, tc := range cases {
		_, err := Read(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%q) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
	rep, err := Read(strings.NewReader(`{"schema": "cookieaudit/report/v1", "cookies": [{"name": "a"}], "newField": 1}`))
	if err != nil || len(rep.Pages) != 0 || rep.Pages == nil || rep.Findings == nil || rep.Cookies[0].Phases == nil ||
		rep.Storage == nil || len(rep.Storage) != 0 {
		t.Errorf("minimal report: %+v, %v", rep, err)
	}
	rep, err = Read(strings.NewReader(`{"schema": "cookieaudit/report/v1", "storage": [{"kind": "localStorage", "key": "k"}]}`))
	if err != nil || len(rep.Storage) != 1 || rep.Storage[0].Phases == nil || rep.Storage[0].Value != nil {
		t.Errorf("report with a storage entry: %+v, %v", rep, err)
	}
}

// TestReadValid: a document that is a cookieaudit report only by its
// schema field is refused, naming its first problem by where it is; a
// report the writer wrote is read.
func TestReadValid(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, audited(t)); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	if _, err := ReadValid(strings.NewReader(good)); err != nil {
		t.Fatalf("a written report is refused: %v", err)
	}
	// edit changes the written report: old must occur in it.
	edit := func(pairs ...string) string {
		s := good
		for i := 0; i+1 < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("the report lacks %q", pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	cases := []struct{ name, in, want string }{
		{"schema field only", `{"schema": "cookieaudit/report/v1"}`,
			"not a valid cookieaudit/report/v1 report: missing properties 'tool', 'target', 'startedAt', 'partial', 'pages', 'cookies', 'findings'"},
		{"unknown party", edit(`"party": "first"`, `"party": "fourth"`),
			"not a valid cookieaudit/report/v1 report: cookies[0].party: value must be one of 'first', 'third'"},
		{"first problem in document order", edit(`"severity": "high"`, `"severity": "urgent"`, `"party": "third"`, `"party": "fourth"`),
			"cookies[7].party: "},
		{"missing field", edit(`"message": "__Host-embed is set but the policy does not declare it; what it is for is unknown",`, ``),
			"findings[0]: missing property 'message'"},
		{"domain with a leading dot", edit(`"domain": "tracker.test"`, `"domain": ".tracker.test"`),
			"cookies[7].domain: '.tracker.test' does not match pattern"},
		{"not JSON", "{", "not a JSON report"},
		{"another schema", `{"schema": "sarif"}`, `not a cookieaudit report (schema "sarif"`},
	}
	for _, tc := range cases {
		_, err := ReadValid(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ReadValid = %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
	// Read stays lenient: a minimal report of an older or newer version is
	// still a baseline for code that asks for no more.
	if _, err := Read(strings.NewReader(`{"schema": "cookieaudit/report/v1"}`)); err != nil {
		t.Errorf("Read of a minimal report: %v", err)
	}
}
