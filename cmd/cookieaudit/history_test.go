package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/report"
)

func TestHistoryHost(t *testing.T) {
	t.Parallel()
	cases := []struct{ url, want string }{
		{"https://www.example.org/", "www.example.org"},
		{"https://WWW.Example.ORG/shop/?q=1", "www.example.org"},
		{"https://user:pw@www.example.org/", "www.example.org"},
		{"https://www.example.org:8443/", "www.example.org_8443"},
		{"http://localhost:8080/", "localhost_8080"},
		{"https://www.example.org:443/", "www.example.org"}, // the scheme's default port
		{"http://www.example.org:80/", "www.example.org"},
		{"http://www.example.org:443/", "www.example.org_443"},
		{"https://[::1]:8443/", "__1_8443"},
	}
	for _, tc := range cases {
		got, err := historyHost(tc.url)
		if err != nil || got != tc.want {
			t.Errorf("historyHost(%q) = %q, %v; want %q", tc.url, got, err, tc.want)
		}
	}
}

func TestHistoryName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"20261130T102233Z.json", "20261130T102233Z-1.json", "20261130T102233Z-12.json"} {
		if _, ok := parseHistoryName(name); !ok {
			t.Errorf("%s is not read as a run", name)
		}
	}
	for _, name := range []string{
		"index.html", "notes.json", "20261130T102233Z.json.bak", "20261130T102233Z.JSON", "2026-11-30.json",
		"20261130T102233.json", "20261130T102233Z-0.json", "20261130T102233Z-01.json", "x20261130T102233Z.json",
		"20261399T102233Z.json", // digits, but no date
		".20261130T102233Z.json.123.tmp",
	} {
		if f, ok := parseHistoryName(name); ok {
			t.Errorf("%s is read as a run (%v)", name, f.at)
		}
	}
	a, _ := parseHistoryName("20261130T102233Z.json")
	b, _ := parseHistoryName("20261130T102233Z-1.json")
	c, _ := parseHistoryName("20261130T102234Z.json")
	if a.compare(b) >= 0 || b.compare(c) >= 0 || c.compare(a) <= 0 {
		t.Error("runs are not ordered by time, then sequence number")
	}
}

func TestHistoryFlags(t *testing.T) {
	t.Parallel()
	got := parseScan(t, "scan", "https://www.example.org/")
	if got.history != (historyOptions{Keep: 30}) {
		t.Errorf("default history options %+v, want none kept, keep 30", got.history)
	}
	got = parseScan(t, "scan", "https://www.example.org/", "--history", "runs", "--history-keep", "7")
	if got.history != (historyOptions{Dir: "runs", Keep: 7}) {
		t.Errorf("history options %+v, want runs, keep 7", got.history)
	}
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, filepath.Dir(file), "file", "x")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--history", t.TempDir(), "--history-keep", "0"}, "invalid --history-keep 0: must be at least 1"},
		{[]string{"--history-keep", "3"}, "--history-keep needs --history DIR"},
		{[]string{"--history", file}, "invalid --history " + file + ": not a directory"},
		{[]string{"--history", filepath.Join(file, "sub")}, "cannot create --history " + filepath.Join(file, "sub", "www.example.org")},
	} {
		crawled := false
		crawl := func(ctx context.Context, target string, o crawler.Options) (*crawler.Result, error) {
			crawled = true
			return okCrawl(ctx, target, o)
		}
		code, _, stderr := scanWith(t, crawl, append([]string{"scan", "https://www.example.org/", "--fail-on", "none"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
		if crawled {
			t.Errorf("%v: the scan ran before the error", tc.args)
		}
	}
}

// TestHistoryUnwritable: a --history directory that cannot be written is a
// usage error found before the scan.
func TestHistoryUnwritable(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root writes in a read-only directory")
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "www.example.org"), 0o500); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := scanWith(t, okCrawl, "scan", "https://www.example.org/", "--fail-on", "none", "--history", dir)
	if want := "cannot write --history " + filepath.Join(dir, "www.example.org"); code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
}

// historyReport is the JSON report of a scan of target started at, with
// cookies of these names.
func historyReport(t *testing.T, target string, at time.Time, cookies ...string) []byte {
	t.Helper()
	res := &crawler.Result{Target: target, StartedAt: at, FinishedAt: at.Add(time.Second),
		Pages: []crawler.Page{{URL: target, FinalURL: target, Status: 200}}}
	for _, name := range cookies {
		res.Cookies = append(res.Cookies, crawler.Cookie{Name: name, Domain: "www.example.org", HostOnly: true, Path: "/",
			Party: crawler.FirstParty, Session: true, Stored: true, SetBy: crawler.SetByHeader, Source: target, FirstSeenOn: target})
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, report.New(res, report.Options{})); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// junkFiles are files of a history directory that are not runs: never
// read as one, never deleted.
var junkFiles = []string{"notes.json", "20260302T093000Z.json.bak", "2026-03-01.json", "20261399T000000Z.json", "README"}

// TestHistoryRuns runs scans with a fake crawl into one --history
// directory: each run is saved under its start time, compared with the
// newest older run (not a newer one, not a file of another name), and the
// changes are in the JSON and table reports; a second run in the same
// second is saved beside the first.
func TestHistoryRuns(t *testing.T) {
	t.Parallel()
	const target = "https://www.example.org/"
	hist := t.TempDir()
	site := filepath.Join(hist, "www.example.org")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, j := range junkFiles {
		writeFile(t, site, j, "{not a report")
	}
	// The previous run had sessionid only; an older one had old_cookie;
	// one newer than the scan (a clock set back) has every cookie.
	writeFile(t, site, "20260301T093000Z.json", string(historyReport(t, target, scanStart.Add(-24*time.Hour), "sessionid")))
	writeFile(t, site, "20260201T093000Z.json", string(historyReport(t, target, scanStart.Add(-30*24*time.Hour), "old_cookie")))
	writeFile(t, site, "20260303T093000Z.json", string(historyReport(t, target, scanStart.Add(24*time.Hour), "sessionid", "_ga", "new")))

	out := filepath.Join(t.TempDir(), "scan.json")
	table := filepath.Join(t.TempDir(), "scan.txt")
	code, _, stderr := scanWith(t, okCrawl, "scan", target, "--fail-on", "none", "--history", hist,
		"--format", "json,table", "-o", out+","+table)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	saved := filepath.Join(site, "20260302T093000Z.json")
	fi, err := os.Stat(saved)
	if err != nil {
		t.Fatalf("the run was not saved: %v (the directory has %v)", err, dirNames(t, site))
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("%s has mode %v, want 0644", saved, fi.Mode().Perm())
	}
	rep := savedReport(t, out)
	ch := rep.Changes
	if ch == nil {
		t.Fatalf("the report has no changes; stderr %q", stderr)
	}
	if ch.Since.Name != "20260301T093000Z.json" || ch.Since.StartedAt != "2026-03-01T09:30:00Z" {
		t.Errorf("changes since %+v, want the run of 20260301T093000Z.json", ch.Since)
	}
	var added, removed []string
	for _, c := range ch.CookiesAdded {
		added = append(added, c.Name)
	}
	for _, c := range ch.CookiesRemoved {
		removed = append(removed, c.Name)
	}
	if !slices.Equal(added, []string{"_ga"}) || len(removed) != 0 {
		t.Errorf("cookies added %v, removed %v; want _ga added, none removed", added, removed)
	}
	if b, err := os.ReadFile(saved); err != nil || !bytes.Equal(b, mustRead(t, out)) {
		t.Errorf("the saved run differs from the JSON report (%v)", err)
	}
	txt := string(mustRead(t, table))
	for _, want := range []string{"Changes since the previous run (20260301T093000Z.json, 2026-03-01T09:30:00Z):", "+ cookie _ga (example.org/)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the table lacks %q:\n%s", want, txt)
		}
	}
	index := string(mustRead(t, filepath.Join(site, "index.html")))
	for _, f := range []string{"20260201T093000Z.json", "20260301T093000Z.json", "20260302T093000Z.json", "20260303T093000Z.json"} {
		if !strings.Contains(index, `href="`+f+`"`) {
			t.Errorf("the trend page does not link to %s", f)
		}
	}
	if strings.Contains(index, "notes.json") {
		t.Error("the trend page lists a file that is not a run")
	}

	// The same second again: saved beside it, compared with it.
	code, _, stderr = scanWith(t, okCrawl, "scan", target, "--fail-on", "none", "--history", hist, "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "20260302T093000Z-1.json")); err != nil {
		t.Errorf("the second run of the same second was not saved beside the first: %v", dirNames(t, site))
	}
	rep = savedReport(t, out)
	if rep.Changes == nil || rep.Changes.Since.Name != "20260302T093000Z.json" || len(rep.Changes.CookiesAdded)+len(rep.Changes.CookiesRemoved) != 0 {
		t.Errorf("second run: changes %+v, want none since 20260302T093000Z.json", rep.Changes)
	}
	for _, j := range junkFiles {
		if _, err := os.Stat(filepath.Join(site, j)); err != nil {
			t.Errorf("%s is gone", j)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHistoryFirstRun: without a previous run the report has no changes
// (and its JSON no "changes" field); with values, the saved run is
// readable by its owner only.
func TestHistoryFirstRun(t *testing.T) {
	t.Parallel()
	hist := t.TempDir()
	out := filepath.Join(t.TempDir(), "scan.json")
	withValue := func(ctx context.Context, target string, o crawler.Options) (*crawler.Result, error) {
		res, err := okCrawl(ctx, target, o)
		res.Cookies[0].Value = "s3cr3t-value"
		return res, err
	}
	code, _, stderr := scanWith(t, withValue, "scan", "https://www.example.org:8443/", "--fail-on", "none", "--history", hist, "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(string(mustRead(t, out)), `"changes"`) {
		t.Error("a first run has changes")
	}
	saved := filepath.Join(hist, "www.example.org_8443", "20260302T093000Z.json")
	if strings.Contains(string(mustRead(t, saved)), "s3cr3t-value") {
		t.Error("the saved run holds a value without --show-values")
	}

	hist = t.TempDir()
	code, _, stderr = scanWith(t, withValue, "scan", "https://www.example.org/", "--fail-on", "none", "--history", hist, "--show-values", "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("--show-values: exit %d: %s", code, stderr)
	}
	saved = filepath.Join(hist, "www.example.org", "20260302T093000Z.json")
	if fi, err := os.Stat(saved); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("with --show-values the saved run is %v (%v), want mode 0600", fi, err)
	}
	if !strings.Contains(string(mustRead(t, saved)), "s3cr3t-value") {
		t.Error("the saved run lacks the value asked for with --show-values")
	}
}

// TestHistoryUnreadablePrevious: a previous run that cannot be read is a
// warning naming it, and the scan goes on without changes.
func TestHistoryUnreadablePrevious(t *testing.T) {
	t.Parallel()
	hist := t.TempDir()
	site := filepath.Join(hist, "www.example.org")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, site, "20260301T093000Z.json", `{"schema": "cookieaudit/report/v1"}`)
	out := filepath.Join(t.TempDir(), "scan.json")
	code, _, stderr := scanWith(t, okCrawl, "scan", "https://www.example.org/", "--fail-on", "none", "--history", hist, "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "cookieaudit: warning: history: cannot read previous run " + bad + ": not a valid cookieaudit/report/v1 report"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	if rep := savedReport(t, out); rep.Changes != nil {
		t.Errorf("changes %+v since an unreadable run", rep.Changes)
	}
	index := string(mustRead(t, filepath.Join(site, "index.html")))
	if !strings.Contains(index, "cannot read") {
		t.Error("the trend page does not say that a run cannot be read")
	}
}

// TestHistoryKeep: --history-keep N leaves the N newest runs and deletes
// older ones, and nothing that is not a run.
func TestHistoryKeep(t *testing.T) {
	t.Parallel()
	const target = "https://www.example.org/"
	hist := t.TempDir()
	site := filepath.Join(hist, "www.example.org")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, j := range junkFiles {
		writeFile(t, site, j, "x")
	}
	if err := os.Mkdir(filepath.Join(site, "20250101T000000Z-1.json"), 0o755); err != nil { // a directory is not a run
		t.Fatal(err)
	}
	for i, name := range []string{"20260227T093000Z.json", "20260228T093000Z.json", "20260301T093000Z.json", "20260301T093000Z-1.json"} {
		writeFile(t, site, name, string(historyReport(t, target, scanStart.Add(time.Duration(i-4)*time.Hour), "sessionid")))
	}
	code, _, stderr := scanWith(t, okCrawl, "scan", target, "--fail-on", "none", "--history", hist, "--history-keep", "2", "-o", filepath.Join(t.TempDir(), "out.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := append([]string{"20250101T000000Z-1.json", "20260301T093000Z-1.json", "20260302T093000Z.json", "index.html"}, junkFiles...)
	slices.Sort(want)
	if diff := cmp.Diff(want, dirNames(t, site)); diff != "" {
		t.Errorf("files left (-want +got):\n%s", diff)
	}
	index := string(mustRead(t, filepath.Join(site, "index.html")))
	if n := strings.Count(index, `<a href="2026`); n != 2 {
		t.Errorf("the trend page lists %d runs, want 2", n)
	}
}

// TestHistorySaveFails: a run that cannot be saved after the scan (its
// directory was removed meanwhile) is an error naming the file: exit 2,
// unless findings fail the gate; the reports are written all the same.
func TestHistorySaveFails(t *testing.T) {
	t.Parallel()
	pol := writeFile(t, t.TempDir(), "cookies.yaml", gatePolicy)
	for _, tc := range []struct {
		name string
		args []string
		exit int
	}{
		{"report only", []string{"--fail-on", "none"}, 2},
		{"findings fail", []string{"--policy", pol}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			hist := t.TempDir()
			site := filepath.Join(hist, "www.example.org")
			removing := func(ctx context.Context, target string, o crawler.Options) (*crawler.Result, error) {
				if err := os.RemoveAll(site); err != nil {
					t.Error(err)
				}
				return okCrawl(ctx, target, o)
			}
			out := filepath.Join(t.TempDir(), "scan.json")
			code, _, stderr := scanWith(t, removing, append([]string{"scan", "https://www.example.org/", "--history", hist, "--format", "json", "-o", out}, tc.args...)...)
			want := "history: cannot write this run's report " + filepath.Join(site, "20260302T093000Z.json") + ": no such file or directory"
			if code != tc.exit || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.exit, want)
			}
			if _, err := os.Stat(out); err != nil {
				t.Errorf("the report was not written: %v", err)
			}
		})
	}
}
