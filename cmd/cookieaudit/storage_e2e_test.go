package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/report"
)

// TestBinaryStorage builds the binary and scans the web storage site with
// it, as a user would, writing the JSON report to a file: the report lists
// the site's localStorage and sessionStorage keys and IndexedDB databases
// under "storage", each as the ground truth says, without values; a scan
// with --show-values adds them. The file is read as plain JSON, not
// through the report package, so the test sees the field names users see.
func TestBinaryStorage(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Storage()
	truth := fixtures.StorageTruth()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	for _, values := range []bool{false, true} {
		name := "without values"
		if values {
			name = "with --show-values"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "scan.json")
			args := []string{"scan", site.Start,
				"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
				"--consent", "none", "--page-timeout", "60s", "--fail-on", "none",
				"-f", "json", "-o", out}
			if values {
				args = append(args, "--show-values")
			}
			res := runBinary(ctx, t, bin, args...)
			res.wantExit(t, 0)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := report.Validate(data); err != nil {
				t.Errorf("the report does not match its schema: %v", err)
			}
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			raw, ok := doc["storage"]
			if !ok {
				t.Fatalf("the JSON report has no \"storage\" field:\n%s", data)
			}
			var items []map[string]any
			if err := json.Unmarshal(raw, &items); err != nil {
				t.Fatalf("\"storage\" is not an array of objects: %v", err)
			}
			type entry struct{ Kind, Origin, Key, SetBy, Source, FirstSeenOn string }
			var got, want []entry
			for _, w := range truth {
				want = append(want, entry{w.Kind, w.Origin, w.Key, w.SetBy, w.Source, w.FirstSeenOn})
			}
			str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
			for i, it := range items {
				got = append(got, entry{str(it, "kind"), str(it, "origin"), str(it, "key"), str(it, "setBy"), str(it, "source"), str(it, "firstSeenOn")})
				v, has := it["value"]
				switch {
				case !values && has:
					t.Errorf("storage[%d] (%s) has a value without --show-values: %v", i, str(it, "key"), v)
				case values && i < len(truth) && truth[i].Kind != "indexedDB" && v != truth[i].Value:
					t.Errorf("storage[%d] (%s): value %v, want %q", i, str(it, "key"), v, truth[i].Value)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("storage:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}
