package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPHPCalls reads a block of calls of one function the page defines,
// with literal strings, as rows, and leaves any other code alone.
func TestPHPCalls(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		code string
		want [][]string
	}{
		{"row('a_id', 'Necessary'); row(\"b_id\", 'Analytics',);", [][]string{{"a_id", "Necessary"}, {"b_id", "Analytics"}}},
		{"row('a_id', 'Necessary')", [][]string{{"a_id", "Necessary"}}},
		{"row('a_id', 'Necessary'); other('b_id', 'Analytics');", nil},
		{"row('a_id', $category);", nil},
		{"row('a_id', 'Necessary'); row('b_id');", nil},
		{"row('a_id');", nil},
		{"foreach ($rows as $r) { row($r[0], $r[1]); }", nil},
		{"row('a_id', 'Necessary'); echo 'x';", nil},
		{"_e('Cookie name', 'theme');", nil},
		{"printf('%s', 'a_id');", nil},
	} {
		got, ok := phpCalls(tt.code, map[string]bool{"row": true, "other": true})
		if ok != (tt.want != nil) || !cmp.Equal(got, tt.want) {
			t.Errorf("phpCalls(%q) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
}
