package english

import "testing"

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		one  string
		many []string
		want string
	}{
		{1, "cookie", nil, "1 cookie"},
		{0, "cookie", nil, "0 cookies"},
		{3, "page error", nil, "3 page errors"},
		{1, "optional purpose was", []string{"optional purposes were"}, "1 optional purpose was"},
		{2, "optional purpose was", []string{"optional purposes were"}, "2 optional purposes were"},
		{-1, "click", nil, "-1 clicks"},
	} {
		if got := Count(tc.n, tc.one, tc.many...); got != tc.want {
			t.Errorf("Count(%d, %q, %q) = %q, want %q", tc.n, tc.one, tc.many, got, tc.want)
		}
	}
}
