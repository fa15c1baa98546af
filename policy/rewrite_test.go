package policy

import (
	"regexp"
	"strconv"
	"testing"
)

func TestRewriteMatches(t *testing.T) {
	digits := regexp.MustCompile(`\d+`)
	// Each number is replaced by its double; a number at the start of a
	// span already rewritten is not seen again, and a span may reach past
	// its match (here, a "+" after a number takes the next number with it).
	double := func(data []byte) func(m []int, last int) (int, int, []byte, bool) {
		return func(m []int, last int) (int, int, []byte, bool) {
			if m[0] < last {
				t.Fatalf("span given a match at %d before last %d", m[0], last)
			}
			n, _ := strconv.Atoi(string(data[m[0]:m[1]]))
			if n == 0 {
				return 0, 0, nil, false
			}
			end := m[1]
			if end < len(data) && data[end] == '+' {
				end += 1 + len(digits.Find(data[end+1:]))
			}
			return m[0], end, []byte(strconv.Itoa(2 * n)), true
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"a 1 b 20 c", "a 2 b 40 c"},
		{"1+2 3", "2 6"},
		{"0 and 0", "0 and 0"},
		{"no numbers", "no numbers"},
	} {
		data := []byte(tc.in)
		got := rewriteMatches(data, digits, -1, double(data))
		if string(got) != tc.want {
			t.Errorf("rewriteMatches(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in == tc.want && len(got) > 0 && &got[0] != &data[0] {
			t.Errorf("rewriteMatches(%q) copied data with nothing rewritten", tc.in)
		}
	}
}
