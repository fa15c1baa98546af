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
	if err != nil || len(rep.Pages) != 0 || rep.Pages == nil || rep.Findings == nil || rep.Cookies[0].Phases == nil {
		t.Errorf("minimal report: %+v, %v", rep, err)
	}
}
