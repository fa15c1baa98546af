package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/policy"
)

// TestMain gives every test of the package an empty cache directory of
// its own, so that a copy of the Open Cookie Database that "kb update"
// downloaded on the developer's machine never changes what a test sees.
// Tests of the cache pass --cache-dir, or set the variable for the binary
// they run.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cookieaudit-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(cacheDirEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

const ocdHeader = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"

// testDatabase is a database in the Open Cookie Database's format, of our
// own making: n made-up analytics cookies acme_test_0… and the rows given.
func testDatabase(n int, rows ...string) []byte {
	var b strings.Builder
	b.WriteString(ocdHeader)
	for i := range n {
		fmt.Fprintf(&b, "id-%d,Acme Analytics,Analytics,acme_test_%d,,A made-up test cookie,1 year,Acme,,0\n", i, i)
	}
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	return []byte(b.String())
}

// databaseServer serves body as the database, with an ETag, and answers
// 304 to a request that has it. hits counts the requests.
func databaseServer(t *testing.T, body []byte, status int) (srv *httptest.Server, hits *atomic.Int32) {
	t.Helper()
	hits = &atomic.Int32{}
	etag := `"` + sha256Hex(body)[:16] + `"`
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if !strings.HasPrefix(r.UserAgent(), "cookieaudit/") {
			t.Errorf("User-Agent %q, want cookieaudit/VERSION", r.UserAgent())
		}
		if status != http.StatusOK {
			http.Error(w, "gone", status)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/csv")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

func kbRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestKBUpdate(t *testing.T) {
	t.Parallel()
	db := testDatabase(600, "id-x,Acme Ads,Marketing,acme_ads_,,Made up,30 days,Acme,,1")
	srv, hits := databaseServer(t, db, http.StatusOK)
	dir := filepath.Join(t.TempDir(), "cache") // created by the update
	url := srv.URL + "/open-cookie-database.csv"

	code, out, errOut := kbRun(t, "kb", "update", "--url", url, "--cache-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "601 entries") || !strings.Contains(out, filepath.Join(dir, databaseFile)) {
		t.Errorf("output %q, want the entry count and the file", out)
	}
	saved, err := os.ReadFile(filepath.Join(dir, databaseFile))
	if err != nil || !bytes.Equal(saved, db) {
		t.Fatalf("saved copy differs from the download (err %v)", err)
	}
	var meta databaseMeta
	if b, err := os.ReadFile(filepath.Join(dir, databaseMetaFile)); err != nil || json.Unmarshal(b, &meta) != nil {
		t.Fatalf("no record of the download: %v", err)
	}
	if meta.URL != url || meta.Entries != 601 || meta.SHA256 != sha256Hex(db) || meta.ETag == "" || meta.Fetched.IsZero() {
		t.Errorf("record %+v", meta)
	}

	// Scans use the copy: its cookies are known, and reports name it.
	kb, err := loadKnowledgeFrom(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := kb.Lookup("acme_ads_campaign", "www.example.org"); !ok || e.Category != policy.Marketing || e.Origin != classifier.OriginDatabase {
		t.Errorf("Lookup(acme_ads_campaign) = %+v, %v; want the downloaded wildcard entry, marketing", e, ok)
	}
	if !strings.Contains(kb.Source(), "downloaded") || !strings.Contains(kb.Source(), url) {
		t.Errorf("Source() = %q, want the download named", kb.Source())
	}
	// Our own entries stay on top of any copy.
	if e, ok := kb.Lookup("OptanonConsent", "www.example.org"); !ok || e.Category != policy.Necessary {
		t.Errorf("Lookup(OptanonConsent) = %+v, %v; want our entry", e, ok)
	}

	// A second update asks whether the file changed, and keeps the copy.
	code, out, errOut = kbRun(t, "kb", "update", "--url", url, "--cache-dir", dir)
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("second update: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests, want 2", hits.Load())
	}
}

// TestKBUpdateRefusesBadDownloads: a download that is not the database
// never replaces the copy, and fails with exit 3, naming the cause.
func TestKBUpdateRefusesBadDownloads(t *testing.T) {
	t.Parallel()
	good := testDatabase(550)
	cases := []struct {
		name   string
		body   []byte
		status int
		want   string
	}{
		{"not found", nil, http.StatusNotFound, "HTTP 404"},
		{"a web page", []byte("<html><body>Sign in</body></html>"), http.StatusOK, "not a valid Open Cookie Database CSV"},
		{"a few rows", testDatabase(20), http.StatusOK, "has 20 entries, fewer than the 500"},
		{"a bad row", testDatabase(600, "id-y,Acme,Tracking,acme_bad,,,,Acme,,0"), http.StatusOK, `category "Tracking"`},
		{"too large", bytes.Repeat([]byte("a,"), maxDatabaseBytes/2+1), http.StatusOK, "larger than 64 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, databaseFile), good, 0o644); err != nil {
				t.Fatal(err)
			}
			srv, _ := databaseServer(t, tc.body, tc.status)
			code, out, errOut := kbRun(t, "kb", "update", "--url", srv.URL+"/db.csv", "--cache-dir", dir)
			if code != 3 || !strings.Contains(errOut, tc.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 3 and %q", code, out, errOut, tc.want)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, databaseFile)); !bytes.Equal(b, good) {
				t.Error("the cached copy was changed")
			}
		})
	}
}

func TestKBUpdateURL(t *testing.T) {
	t.Parallel()
	for _, url := range []string{"http://mirror.example.org/db.csv", "ftp://example.org/db.csv", "db.csv", "https://"} {
		code, _, errOut := kbRun(t, "kb", "update", "--url", url, "--cache-dir", t.TempDir())
		if code != 2 || !strings.Contains(errOut, "invalid --url") {
			t.Errorf("--url %s: exit %d, stderr %q; want exit 2", url, code, errOut)
		}
	}
	for _, url := range []string{"https://example.org/db.csv", "http://127.0.0.1:8080/db.csv", "http://localhost/db.csv", "http://[::1]/db.csv"} {
		if _, err := checkDownloadURL(url); err != nil {
			t.Errorf("checkDownloadURL(%s): %v", url, err)
		}
	}
}

// TestKnowledgeFallsBack: a copy that cannot be read, or is older than the
// built-in one, is passed over; a broken cache never stops a scan.
func TestKnowledgeFallsBack(t *testing.T) {
	t.Parallel()
	builtin, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("broken copy", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, databaseFile), []byte("<html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		var logs bytes.Buffer
		kb, err := loadKnowledgeFrom(dir, slog.New(slog.NewTextHandler(&logs, nil)))
		if err != nil || kb != builtin {
			t.Errorf("loadKnowledgeFrom = %v, %v; want the built-in knowledge base", kb.Source(), err)
		}
		if !strings.Contains(logs.String(), "cannot be used") || !strings.Contains(logs.String(), "kb update") {
			t.Errorf("no warning: %q", logs.String())
		}
	})
	t.Run("older copy", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, databaseFile), testDatabase(600), 0o644); err != nil {
			t.Fatal(err)
		}
		meta := `{"url": "https://example.org/db.csv", "fetched": "2024-01-01T00:00:00Z", "entries": 600}`
		if err := os.WriteFile(filepath.Join(dir, databaseMetaFile), []byte(meta), 0o644); err != nil {
			t.Fatal(err)
		}
		kb, err := loadKnowledgeFrom(dir, slog.New(slog.DiscardHandler))
		if err != nil || kb != builtin {
			t.Errorf("loadKnowledgeFrom = %v, %v; want the built-in knowledge base", kb.Source(), err)
		}
	})
	t.Run("no copy", func(t *testing.T) {
		t.Parallel()
		kb, err := loadKnowledgeFrom(t.TempDir(), slog.New(slog.DiscardHandler))
		if err != nil || kb != builtin {
			t.Errorf("loadKnowledgeFrom = %v, %v; want the built-in knowledge base", kb.Source(), err)
		}
	})
}

func TestKBLookup(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"a known cookie", []string{"_ga"}, []string{
			"_ga on the site's own domain: statistics (knowledge-base, high confidence)",
			"Google Analytics", "Open Cookie Database", "Knowledge base: Open Cookie Database",
		}},
		{"a wildcard of the database", []string{"_hjSession_12345"}, []string{"statistics", "_hjSession_*", "prefix", "override", "Hotjar's cookie documentation"}},
		{"a name that means another thing on a host", []string{"sessionid", "--domain", "instagram.com", "--third-party"}, []string{
			"sessionid on instagram.com, third party: marketing", "instagram.com only", "Django",
			"Host: instagram.com is a known marketing host",
		}},
		{"an unknown name on an advertising host", []string{"xq_7", "--domain", "ad.doubleclick.net", "--third-party"}, []string{
			"marketing (heuristic, high confidence)", "known advertising host (Google)",
		}},
		{"an unknown name", []string{"zz_nothing"}, []string{"zz_nothing on the site's own domain: unclassified", "a scan reports it unclassified"}},
		{"control characters are escaped", []string{"a\x1b[31mb"}, []string{"a?[31mb"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := kbRun(t, append([]string{"kb", "lookup"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("output holds an escape character:\n%q", out)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		t.Parallel()
		code, out, errOut := kbRun(t, "kb", "lookup", "_fbp", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		var res lookupResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if res.Category != "marketing" || res.Source != "knowledge-base" || res.Confidence != "high" || len(res.Entries) == 0 || res.KnowledgeBase == "" {
			t.Errorf("lookup _fbp: %+v", res)
		}
	})

	t.Run("--cookie-db wins", func(t *testing.T) {
		t.Parallel()
		file := filepath.Join(t.TempDir(), "mine.csv")
		if err := os.WriteFile(file, []byte(ocdHeader+"1,Our shop,Functional,_ga,,,,Us,,0\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := kbRun(t, "kb", "lookup", "_ga", "--cookie-db", file)
		if code != 0 || !strings.Contains(out, "necessary (knowledge-base, high confidence)") || !strings.Contains(out, "over it: "+file) {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})

	errs := []struct {
		args []string
		want string
	}{
		{[]string{"kb", "lookup"}, "accepts 1 arg(s), received 0"},
		{[]string{"kb", "lookup", "_ga", "--format", "xml"}, `invalid --format "xml"`},
		{[]string{"kb", "lookup", "_ga", "--third-party"}, "--third-party needs --domain"},
		{[]string{"kb", "lookup", "_ga", "--domain", "https://example.org/"}, "invalid --domain"},
		{[]string{"kb", "lookup", "_ga", "--cookie-db", "/nonexistent/db.csv"}, "reading --cookie-db"},
	}
	for _, tc := range errs {
		code, out, errOut := kbRun(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
