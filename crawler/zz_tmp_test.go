package crawler

import "testing"

func TestZZTmp(t *testing.T) {
	for _, v := range []string{`{"uniqueID":"abc123","datestamp":"2026-12-05","choices":""}`, `{"uniqueID":"abc123","datestamp":"2026-12-05","choices":"analytics,marketing,social"}`, `{"uniqueID":"abc123","datestamp":"2026-12-05","choices":"analytics"}`} {
		t.Logf("%s -> %q", v, recordState(nil, map[string]string{"https://x/|cookie:dpdpa_consent": v}))
	}
}
