package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// TestGateStorageKinds scans a site that keeps a tracker's id in
// localStorage before any consent choice, against a policy that declares
// a local storage key but not that one: the scan classifies the storage
// and --fail-on takes the storage kinds, the one the scan found failing
// the gate, the one it did not (no reject was clicked) passing it.
func TestGateStorageKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy+`  - name: theme
    type: localStorage
    category: functional
`)
	crawl := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		res := gateResult(target)
		res.Storage = []crawler.StorageItem{
			{Kind: crawler.LocalStorage, Origin: "https://www.example.org", Key: "theme", SetBy: crawler.SetByScript,
				Source: target, FirstSeenOn: target, Phases: []crawler.Phase{crawler.AfterAccept}},
			{Kind: crawler.LocalStorage, Origin: "https://www.example.org", Key: "ajs_anonymous_id", SetBy: crawler.SetByScript,
				Source: target + "analytics.js", FirstSeenOn: target, Phases: []crawler.Phase{crawler.BeforeConsent}},
		}
		return res, nil
	}
	for _, tc := range []struct {
		failOn string
		exit   int
	}{
		{"undeclared-storage", 1},
		{"storage-before-consent", 1},
		{"storage-after-reject", 0},
		{"misclassified,storage-after-reject", 0},
	} {
		t.Run(tc.failOn, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out.json")
			code, _, errOut := gateRun(t, crawl, nil, "scan", "https://www.example.org/", "--policy", pol,
				"--format", "json", "-o", out, "--fail-on", tc.failOn)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.exit, errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Storage []struct {
					Key, Category string
					Declared      bool
				}
				Findings []struct{ Kind, Cookie, Storage string }
			}
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{"undeclared-storage": true, "storage-before-consent": true}
			for _, f := range rep.Findings {
				if f.Cookie != "ajs_anonymous_id" {
					continue
				}
				if !want[f.Kind] || f.Storage != "localStorage" {
					t.Errorf("finding %+v, want an undeclared-storage and a storage-before-consent of localStorage", f)
				}
				delete(want, f.Kind)
			}
			if len(want) > 0 {
				t.Errorf("missing storage findings %v in %+v", want, rep.Findings)
			}
			if len(rep.Storage) != 2 || !rep.Storage[0].Declared || rep.Storage[0].Category != "preferences" || rep.Storage[1].Declared {
				t.Errorf("storage %+v, want theme declared as preferences and ajs_anonymous_id undeclared", rep.Storage)
			}
		})
	}
}
