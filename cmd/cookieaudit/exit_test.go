package main

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

func TestExitCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"usage", errors.New("invalid --max-pages -1"), 2},
		{"no browser", fmt.Errorf("browser: %w", crawler.ErrNoBrowser), 3},
		{"load error", &crawler.LoadError{URL: "https://x.test/", Text: "net::ERR_NAME_NOT_RESOLVED"}, 3},
		{"wrapped load error", fmt.Errorf("scan: %w", &crawler.LoadError{URL: "https://x.test/"}), 3},
		{"other scan error", &scanError{errors.New("browser crashed")}, 3},
		{"cancelled", context.Canceled, 3},
		{"timed out", fmt.Errorf("x: %w", context.DeadlineExceeded), 3},
	}
	for _, tc := range cases {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}
