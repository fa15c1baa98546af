package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestWaitFlag: --wait takes a duration, auto (3s at most) or
// auto:DURATION, and the crawl gets the bound and the mode; anything else
// is a usage error naming the flag and the value.
func TestWaitFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		arg  string
		wait time.Duration
		auto bool
	}{
		{"5s", 5 * time.Second, false},
		{"auto", 3 * time.Second, true},
		{"auto:10s", 10 * time.Second, true},
		{"auto:750ms", 750 * time.Millisecond, true},
	} {
		o := parseScan(t, "scan", "https://www.example.org/", "--wait", tc.arg)
		if o.Wait != tc.wait || o.AutoWait != tc.auto {
			t.Errorf("--wait %s: wait %s, auto %v; want %s, %v", tc.arg, o.Wait, o.AutoWait, tc.wait, tc.auto)
		}
		co := o.crawlOptions(nil)
		if co.Wait != tc.wait || co.AutoWait != tc.auto {
			t.Errorf("--wait %s: the crawl gets wait %s, auto %v; want %s, %v", tc.arg, co.Wait, co.AutoWait, tc.wait, tc.auto)
		}
	}
	if o := parseScan(t, "scan", "https://www.example.org/"); o.Wait != 3*time.Second || o.AutoWait {
		t.Errorf("default --wait: %s, auto %v; want 3s, fixed", o.Wait, o.AutoWait)
	}
	for _, arg := range []string{"autox", "auto:", "auto:ten", "soon", "auto10s"} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"scan", "https://www.example.org/", "--wait", arg}, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), `"`+arg+`" for "--wait"`) {
			t.Errorf("--wait %s: exit %d, stderr %q; want 2 naming the value and the flag", arg, code, errOut.String())
		}
	}
}
