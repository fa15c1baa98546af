package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// TestScanSeveralFormats writes several reports from one scan, with
// --output lists and with --output-dir.
func TestScanSeveralFormats(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)

	t.Run("output list", func(t *testing.T) {
		t.Parallel()
		out := t.TempDir()
		paths := []string{filepath.Join(out, "r.json"), filepath.Join(out, "r.html"), filepath.Join(out, "r.sarif")}
		code, stdout, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol,
			"--format", "json,html,sarif,markdown", "-o", strings.Join(paths, ",")+",-")
		if code != 1 {
			t.Errorf("exit %d, want 1 (stderr %q)", code, errOut)
		}
		if !strings.HasPrefix(stdout, "## Cookie audit of `https://www.example.org/`") {
			t.Errorf("stdout is not the Markdown report:\n%s", stdout)
		}
		checkOnlyFiles(t, out, "r.html", "r.json", "r.sarif")
		html, _ := os.ReadFile(paths[1])
		if !bytes.Contains(html, []byte("Gate failed: 1 finding fails the gate")) {
			t.Error("the HTML report lacks the gate's outcome")
		}
	})

	t.Run("output dir", func(t *testing.T) {
		t.Parallel()
		out := t.TempDir()
		code, stdout, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol,
			"--format", "table,json,html,markdown,sarif,junit", "--output-dir", out, "--fail-on", "none")
		if code != 0 || stdout != "" || errOut != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
		}
		checkOnlyFiles(t, out, "cookieaudit.html", "cookieaudit.json", "cookieaudit.junit.xml", "cookieaudit.md", "cookieaudit.sarif", "cookieaudit.txt")
		b, _ := os.ReadFile(filepath.Join(out, "cookieaudit.junit.xml"))
		var doc struct {
			Tests int `xml:"tests,attr"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil || doc.Tests == 0 {
			t.Errorf("JUnit report: %v, %d tests", err, doc.Tests)
		}
	})
}

func TestOutputErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := writeFile(t, dir, "file", "")
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"several formats, one output", []string{"--format", "json,html"}, "--format json,html writes 2 reports: give --output with one file per format (e.g. -o cookieaudit.json,cookieaudit.html) or --output-dir DIR"},
		{"count mismatch", []string{"--format", "json,html", "-o", "a.json"}, "--output a.json names 1 files for 2 formats"},
		{"both", []string{"--format", "json", "-o", "a.json", "--output-dir", dir}, "--output and --output-dir cannot be used together"},
		{"two stdouts", []string{"--format", "json,html", "-o", "-,-"}, "2 reports to stdout"},
		{"same file twice", []string{"--format", "json,html", "-o", "a,a"}, "a named twice"},
		{"format twice", []string{"--format", "json,json", "-o", "a,b"}, "json twice"},
		{"unknown format in list", []string{"--format", "json,pdf", "-o", "a,b"}, `unknown format "pdf"`},
		{"output dir is a file", []string{"--format", "json", "--output-dir", file}, "invalid --output-dir " + file + ": not a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			code := run(context.Background(), append([]string{"scan", "https://www.example.org/"}, tc.args...), &out, &errOut)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			checkOneLine(t, errOut.String(), tc.stderr)
		})
	}
}

// TestReportCommand re-renders a saved scan: every format is the same as
// the scan would have written.
func TestReportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)
	scanDir := filepath.Join(dir, "scan")
	if err := os.Mkdir(scanDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol,
		"--format", "json,html,markdown,sarif,junit,table", "--output-dir", scanDir); code != 1 {
		t.Fatalf("scan: exit %d, %s", code, errOut)
	}
	saved := filepath.Join(scanDir, "cookieaudit.json")
	renderDir := filepath.Join(dir, "render")
	if err := os.Mkdir(renderDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"report", saved, "--format", "json,html,markdown,sarif,junit,table", "--output-dir", renderDir}, &out, &errOut); code != 0 {
		t.Fatalf("report: exit %d, %s", code, errOut.String())
	}
	for _, name := range []string{"cookieaudit.json", "cookieaudit.html", "cookieaudit.md", "cookieaudit.sarif", "cookieaudit.junit.xml", "cookieaudit.txt"} {
		a, _ := os.ReadFile(filepath.Join(scanDir, name))
		b, _ := os.ReadFile(filepath.Join(renderDir, name))
		if diff := cmp.Diff(string(a), string(b)); diff != "" {
			t.Errorf("%s re-rendered differs (-scan +report):\n%s", name, diff)
		}
	}

	// stdin, default format table
	data, _ := os.ReadFile(saved)
	out.Reset()
	errOut.Reset()
	code := execute(context.Background(), newRootCmdWithStdin(&out, &errOut, bytes.NewReader(data)), []string{"report", "-"}, &errOut)
	if code != 0 || !strings.Contains(out.String(), "_ga") {
		t.Errorf("report from stdin: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}

	hollow := writeFile(t, dir, "hollow.json", `{"schema": "cookieaudit/report/v1", "cookies": [{"name": "x"}]}`)
	for _, bad := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"report"}, "report takes one JSON report, got 0 arguments"},
		{[]string{"report", filepath.Join(dir, "nope.json")}, "reading " + filepath.Join(dir, "nope.json") + ": no such file"},
		{[]string{"report", pol}, pol + ": not a JSON report"},
		// A JSON document that is a report by its schema field only.
		{[]string{"report", hollow}, hollow + ": not a valid cookieaudit/report/v1 report: missing properties 'tool', 'target'"},
		{[]string{"diff", saved, hollow}, hollow + ": not a valid cookieaudit/report/v1 report: missing properties"},
		{[]string{"report", saved, "--format", "pdf"}, `unknown format "pdf"`},
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), bad.args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad.args, code)
		}
		checkOneLine(t, errOut.String(), bad.stderr)
	}
}

// newRootCmdWithStdin is the command tree with report and diff reading
// stdin from r.
func newRootCmdWithStdin(stdout, stderr *bytes.Buffer, r *bytes.Reader) *cobra.Command {
	root := newRootCmd(streams{Out: stdout, Err: stderr}, nil)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "report", "diff":
			root.RemoveCommand(c)
		}
	}
	s := streams{Out: stdout, Err: stderr}
	root.AddCommand(newReportCmd(s, r), newDiffCmd(s, r))
	return root
}

func TestDiffCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)
	old, cur := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	fewer := func(ctx context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		res := gateResult(target)
		res.Cookies = res.Cookies[:1]
		return res, nil
	}
	if code, _, errOut := gateRun(t, fewer, nil, "scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", old); code != 0 {
		t.Fatalf("old scan: exit %d, %s", code, errOut)
	}
	if code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", cur, "--fail-on", "none"); code != 0 {
		t.Fatalf("new scan: exit %d, %s", code, errOut)
	}
	cases := []struct {
		args   []string
		exit   int
		stdout []string
		stderr string
	}{
		{[]string{"diff", old, cur}, 1, []string{"Cookies added (1):\n  + _ga  example.org/", "Findings added (1):\n  + [", "undeclared _ga"}, "1 cookie and 1 finding added since " + old},
		{[]string{"diff", cur, old}, 0, []string{"Cookies removed (1):\n  - _ga  example.org/", "Findings removed (1)"}, ""},
		{[]string{"diff", cur, cur}, 0, []string{"No change."}, ""},
		{[]string{"diff", old, cur, "--format", "json"}, 1, []string{`"cookiesAdded": [`, `"name": "_ga"`}, "added"},
		{[]string{"diff", old}, 2, nil, "diff takes two JSON reports"},
		{[]string{"diff", old, pol}, 2, nil, "not a JSON report"},
		{[]string{"diff", old, cur, "--format", "html"}, 2, nil, `invalid --format "html" (valid: text, json)`},
	}
	for _, tc := range cases {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tc.args, &out, &errOut)
		if code != tc.exit {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.exit, errOut.String())
		}
		for _, want := range tc.stdout {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: stdout lacks %q:\n%s", tc.args, want, out.String())
			}
		}
		if tc.stderr == "" {
			if errOut.Len() != 0 {
				t.Errorf("%v: stderr %q", tc.args, errOut.String())
			}
		} else {
			checkOneLine(t, errOut.String(), tc.stderr)
		}
	}
}
