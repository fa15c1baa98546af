package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

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
				"--consent", "none", "--wait", "auto", "--page-timeout", "60s", "--fail-on", "none",
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

// TestBinaryStorageAudit scans the web storage site with the binary in
// every consent phase, against the site's cookie-policy page, which
// declares some of its keys as local storage: the JSON report says which
// entries are declared and in which category, and has exactly the
// storage findings of the truth (the undeclared entries, and the
// tracking keys written before consent and after "Reject all"), which
// fail the default gate (exit 1).
func TestBinaryStorageAudit(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	site, audit := fixtures.Storage(), fixtures.StorageAudit()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	out := filepath.Join(t.TempDir(), "scan.json")
	res := runBinary(ctx, t, bin, "scan", site.Start, "--policy", audit.Policy,
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
		"--consent", "all", "--wait", "auto", "--page-timeout", "60s", "-f", "json", "-o", out)
	res.wantExit(t, 1)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Validate(data); err != nil {
		t.Errorf("the report does not match its schema: %v", err)
	}
	var doc struct {
		Storage []struct {
			Kind, Origin, Key, Category, Source string
			Declared                            bool
			Phases                              []string
		}
		Findings []struct {
			Kind, Cookie, Domain, Storage, Origin, Severity string
		}
		Consent struct {
			Banner  *struct{ Platform string }
			Actions []struct {
				Phase   string
				Clicked bool
				State   string
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Consent.Banner == nil {
		t.Fatalf("no consent banner found on %s", site.Start)
	}
	for _, a := range doc.Consent.Actions {
		if !a.Clicked {
			t.Errorf("%s: the banner's button was not clicked", a.Phase)
		}
	}

	categories := map[string]string{"st_consent": "necessary", "st_pref": "preferences", "st_uid": "statistics", "st_session": "statistics"}
	record := false
	for _, it := range doc.Storage {
		want, declared := categories[it.Key]
		if it.Declared != declared || declared && it.Category != want {
			t.Errorf("%s %s: declared %v as %s, want declared %v as %q", it.Kind, it.Key, it.Declared, it.Category, declared, want)
		}
		if it.Key == audit.Record.Key {
			record = true
			if it.Kind != audit.Record.Kind || it.Origin != audit.Record.Origin || it.Source != audit.Record.Source ||
				!slices.Equal(it.Phases, []string{fixtures.PhaseAfterAccept, fixtures.PhaseAfterReject}) {
				t.Errorf("consent record %+v, want %+v in the after-accept and after-reject phases", it, audit.Record)
			}
		}
	}
	if !record {
		t.Errorf("the consent record %s is not in the report", audit.Record.Key)
	}

	var got []fixtures.StorageFinding
	for _, f := range doc.Findings {
		if f.Storage == "" {
			continue // about a cookie or the banner: the site sets no cookie
		}
		got = append(got, fixtures.StorageFinding{Kind: f.Kind, Storage: f.Storage, Origin: f.Origin, Key: f.Cookie})
		// Statistics need consent more than a preference does.
		if want := "high"; f.Kind == "storage-before-consent" || f.Kind == "storage-after-reject" {
			if f.Cookie == "st_pref" {
				want = "medium"
			}
			if f.Severity != want {
				t.Errorf("%s %s: severity %s, want %s", f.Kind, f.Cookie, f.Severity, want)
			}
		}
	}
	if diff := cmp.Diff(audit.Findings, got); diff != "" {
		t.Errorf("storage findings (-want +got):\n%s", diff)
	}
}
