package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestHistoryBinary runs the built binary as a scheduled check would,
// four times into one --history directory, against the demo portal in a
// real Chromium:
//
//  1. and 2. the home page only (--max-pages 1): the second run's report
//     has changes since the first;
//  3. the home page and the language switch (--urls), whose redirect sets
//     django_language: the third run's JSON report has it among the
//     cookies added since the second, its table says so, three runs are
//     saved and the trend page lists them;
//  4. the home page only again, with --history-keep 2: django_language is
//     removed, and only the two newest runs are left.
func TestHistoryBinary(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	hist := t.TempDir()
	hostDir := filepath.Join(hist, "www.portal.test")
	out := t.TempDir()
	scan := func(extra ...string) binaryResult {
		t.Helper()
		args := append([]string{"scan", site.Start,
			"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
			"--consent", "none", "--wait", "1s", "--page-timeout", "60s",
			"--fail-on", "none", "--history", hist}, extra...)
		res := runBinary(ctx, t, bin, args...)
		res.wantExit(t, 0)
		if strings.Contains(res.stderr, "history:") {
			t.Errorf("cookieaudit %s: a history warning or error:\n%s", strings.Join(args, " "), res.stderr)
		}
		return res
	}
	// runs lists the runs saved, oldest first.
	runs := func() []string {
		t.Helper()
		files, err := listHistory(hostDir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range files {
			names = append(names, f.name)
		}
		return names
	}
	links := regexp.MustCompile(`href="([0-9]{8}T[0-9]{6}Z(?:-[0-9]+)?\.json)"`)
	// listed are the runs the trend page links to, newest first.
	listed := func() []string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(hostDir, "index.html"))
		if err != nil {
			t.Fatalf("no trend page: %v", err)
		}
		var names []string
		for _, m := range links.FindAllStringSubmatch(string(b), -1) {
			names = append(names, m[1])
		}
		return names
	}
	cookieNames := func(rep []string) string { return strings.Join(rep, ", ") }

	scan("--max-pages", "1")
	first := runs()
	if len(first) != 1 {
		t.Fatalf("after the first run, the history has %v, want one run", first)
	}
	json2 := filepath.Join(out, "run2.json")
	scan("--max-pages", "1", "--format", "json", "-o", json2)
	rep2 := savedReport(t, json2)
	if rep2.Changes == nil || rep2.Changes.Since.Name != first[0] {
		t.Fatalf("the second run's changes %+v, want changes since %s", rep2.Changes, first[0])
	}
	for _, c := range rep2.Changes.CookiesAdded {
		if c.Name == "django_language" {
			t.Fatal("django_language is set on the home page: the test needs a cookie the home page does not set")
		}
	}

	pages := writeFile(t, out, "pages.txt", "# the language switch, which sets django_language on its redirect\n"+
		"https://www.portal.test/i18n/setlang/?language=fr&next=/\n")
	json3, table3 := filepath.Join(out, "run3.json"), filepath.Join(out, "run3.txt")
	scan("--urls", pages, "--format", "json,table", "-o", json3+","+table3)
	saved := runs()
	if len(saved) != 3 {
		t.Fatalf("after three runs, the history has %v, want three runs", saved)
	}
	rep3 := savedReport(t, json3)
	ch := rep3.Changes
	if ch == nil {
		t.Fatal("the third run's report has no changes")
	}
	if ch.Since.Name != saved[1] {
		t.Errorf("the third run's changes are since %s, want the second run, %s", ch.Since.Name, saved[1])
	}
	var added []string
	for _, c := range ch.CookiesAdded {
		added = append(added, c.Name)
	}
	if !slices.Contains(added, "django_language") {
		t.Errorf("cookies added since the second run: %s; want django_language among them", cookieNames(added))
	}
	if b, err := os.ReadFile(filepath.Join(hostDir, saved[2])); err != nil || string(b) != string(mustRead(t, json3)) {
		t.Errorf("the third run saved in the history is not its JSON report (%v)", err)
	}
	table := string(mustRead(t, table3))
	for _, want := range []string{"Changes since the previous run (" + saved[1] + ", ", "  + cookie django_language (www.portal.test/)"} {
		if !strings.Contains(table, want) {
			t.Errorf("the third run's table lacks %q:\n%s", want, table)
		}
	}
	if got, want := listed(), []string{saved[2], saved[1], saved[0]}; !slices.Equal(got, want) {
		t.Errorf("the trend page lists %v, want the three runs newest first %v", got, want)
	}

	json4 := filepath.Join(out, "run4.json")
	scan("--max-pages", "1", "--history-keep", "2", "--format", "json", "-o", json4)
	kept := runs()
	if len(kept) != 2 || kept[0] != saved[2] {
		t.Errorf("with --history-keep 2 the history has %v, want the third run and the fourth", kept)
	}
	rep4 := savedReport(t, json4)
	var removed []string
	if rep4.Changes != nil {
		for _, c := range rep4.Changes.CookiesRemoved {
			removed = append(removed, c.Name)
		}
	}
	if !slices.Contains(removed, "django_language") {
		t.Errorf("cookies removed since the third run: %s; want django_language among them", cookieNames(removed))
	}
	if got := listed(); len(got) != 2 {
		t.Errorf("the trend page lists %v, want the two runs kept", got)
	}
}
