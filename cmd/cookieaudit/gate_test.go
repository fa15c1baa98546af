package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// gatePolicy declares sessionid only: a scan of gateResult finds _ga
// undeclared.
const gatePolicy = `site: www.example.org
cookies:
  - name: sessionid
    category: necessary
    duration: session
`

// gateResult is a two-page scan with a declared session cookie and an
// undeclared Google Analytics cookie.
func gateResult(target string) *crawler.Result {
	res := fakeResult(target)
	set := scanStart.Add(time.Second)
	exp := set.Add(730 * 24 * time.Hour)
	stored := set.Add(400 * 24 * time.Hour)
	res.Cookies = []crawler.Cookie{
		{Name: "sessionid", Domain: "www.example.org", HostOnly: true, Path: "/", Party: crawler.FirstParty,
			Session: true, Stored: true, HTTPOnly: true, SetBy: crawler.SetByHeader, Source: target, FirstSeenOn: target, SetAt: set},
		{Name: "_ga", Domain: "example.org", Path: "/", Party: crawler.FirstParty,
			RequestedExpires: &exp, Expires: &stored, Stored: true,
			SetBy: crawler.SetByScript, Source: target + "gtag.js", FirstSeenOn: target, SetAt: set},
	}
	return res
}

// gateRun runs "cookieaudit <args>" in dir with a fake crawl and a fake
// environment, and returns the exit code and the output.
func gateRun(t *testing.T, crawl func(context.Context, string, crawler.Options) (*crawler.Result, error), env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(streams{Out: &out, Err: &errOut}, func(ctx context.Context, o *scanOptions) error {
		o.Crawl = crawl
		o.Gate.Getenv = func(k string) string { return env[k] }
		o.Gate.Now = func() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }
		return runScan(ctx, o)
	})
	code := execute(context.Background(), root, args, &errOut)
	return code, out.String(), errOut.String()
}

func okCrawl(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
	return gateResult(target), nil
}

func partialCrawl(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
	res := gateResult(target)
	res.Partial = true
	return res, nil
}

// TestGate runs the gate's flags end to end against a policy file, with
// a fake crawl: exit codes, messages and the ignore file.
func TestGate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)
	ignoreGA := writeFile(t, dir, "ignore-ga.yaml", `ignore:
  - cookie: _ga
    kind: undeclared
    reason: analytics reviewed by the DPO
  - cookie: _fbp
    kind: "*"
    reason: pixel being removed
    expires: 2026-01-31
`)
	// A JSON document that is a report by its schema field only.
	hollow := writeFile(t, dir, "hollow.json", `{"schema": "cookieaudit/report/v1", "findings": []}`)
	badIgnore := writeFile(t, dir, "bad-ignore.yaml", "ignore:\n  - cookie: _ga\n    kind: undeclared\n")
	scan := []string{"scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", filepath.Join(dir, "out.json")}
	cases := []struct {
		name    string
		crawl   func(context.Context, string, crawler.Options) (*crawler.Result, error)
		args    []string
		env     map[string]string
		exit    int
		stderr  []string // substrings of stderr
		nostder bool
	}{
		{name: "default fails on undeclared", exit: 1, stderr: []string{"cookieaudit: 1 finding fails the gate (1 undeclared)"}},
		{name: "fail-on none", args: []string{"--fail-on", "none"}, nostder: true},
		{name: "fail-on other kinds", args: []string{"--fail-on", "before-consent,after-reject"}, nostder: true},
		{name: "fail-on all", args: []string{"--fail-on", "all"}, exit: 1},
		{name: "exit-code 0 reports only", args: []string{"--exit-code", "0"}, nostder: true},
		{name: "exit-code 9", args: []string{"--exit-code", "9"}, exit: 9, stderr: []string{"fails the gate"}},
		{name: "ignored", args: []string{"--ignore-file", ignoreGA}, stderr: []string{
			"ignore-ga.yaml:5: ignore entry for _fbp (*) expired on 2026-01-31",
		}},
		{name: "partial with findings", crawl: partialCrawl, exit: 1, stderr: []string{"1 finding fails the gate (1 undeclared); the scan was incomplete"}},
		{name: "partial without findings", crawl: partialCrawl, args: []string{"--fail-on", "none"}, exit: 3, stderr: []string{"scan stopped before visiting every page"}},
		{name: "partial, exit-code 0", crawl: partialCrawl, args: []string{"--exit-code", "0"}, exit: 3},
		{name: "annotations on GitHub", env: map[string]string{"GITHUB_ACTIONS": "true"}, exit: 1, stderr: []string{
			"::error file=" + pol + ",line=1,title=cookieaudit undeclared-cookie%3A _ga::",
		}},
		{name: "annotations relative to the workspace", env: map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": dir}, exit: 1, stderr: []string{
			"::error file=cookies.yaml,line=1,title=cookieaudit undeclared-cookie%3A _ga::",
		}},
		{name: "no annotations elsewhere", env: map[string]string{"GITHUB_ACTIONS": "false"}, exit: 1},
		{name: "bad fail-on", args: []string{"--fail-on", "undeclared,tracking"}, exit: 2, stderr: []string{`invalid --fail-on "undeclared,tracking": unknown kind "tracking"`}},
		{name: "none with others", args: []string{"--fail-on", "none,undeclared"}, exit: 2, stderr: []string{`invalid --fail-on "none,undeclared": none (only report) cannot be combined with kinds`}},
		{name: "empty kind", args: []string{"--fail-on", "undeclared,,misclassified"}, exit: 2, stderr: []string{`invalid --fail-on "undeclared,,misclassified": empty kind at position 2`}},
		{name: "exit-code 2", args: []string{"--exit-code", "2"}, exit: 2, stderr: []string{"invalid --exit-code 2: 2 means a usage or input error and 3 an incomplete scan; use 1, or 4 to 125 (0: report only)"}},
		{name: "exit-code 3", args: []string{"--exit-code", "3"}, exit: 2, stderr: []string{"invalid --exit-code 3: "}},
		{name: "exit-code 4", args: []string{"--exit-code", "4"}, exit: 4, stderr: []string{"fails the gate"}},
		{name: "bad min-severity", args: []string{"--min-severity", "critical"}, exit: 2, stderr: []string{`invalid --min-severity "critical"`}},
		{name: "bad exit-code", args: []string{"--exit-code", "-1"}, exit: 2, stderr: []string{"invalid --exit-code -1"}},
		{name: "missing ignore file", args: []string{"--ignore-file", filepath.Join(dir, "nope.yaml")}, exit: 2, stderr: []string{"reading --ignore-file: " + filepath.Join(dir, "nope.yaml") + ": no such file"}},
		{name: "invalid ignore file", args: []string{"--ignore-file", badIgnore}, exit: 2, stderr: []string{"invalid --ignore-file: " + badIgnore + `:2:5: entry for _ga without "reason"`}},
		{name: "missing baseline", args: []string{"--baseline", filepath.Join(dir, "nope.json")}, exit: 2, stderr: []string{"reading --baseline: "}},
		{name: "invalid baseline", args: []string{"--baseline", pol}, exit: 2, stderr: []string{"invalid --baseline " + pol + ": not a JSON report"}},
		{name: "hollow baseline", args: []string{"--baseline", hollow}, exit: 2, stderr: []string{"invalid --baseline " + hollow + ": not a valid cookieaudit/report/v1 report: missing properties 'tool', 'target'"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			crawl := tc.crawl
			if crawl == nil {
				crawl = okCrawl
			}
			args := append(append([]string{}, scan...), tc.args...)
			args[len(scan)-1] = filepath.Join(t.TempDir(), "out.json")
			code, _, errOut := gateRun(t, crawl, tc.env, args...)
			if code != tc.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.exit, errOut)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if tc.nostder && errOut != "" {
				t.Errorf("stderr %q, want nothing", errOut)
			}
			if (tc.env["GITHUB_ACTIONS"] == "true") != strings.Contains(errOut, "::error") {
				t.Errorf("annotations written %v with GITHUB_ACTIONS=%q", strings.Contains(errOut, "::error"), tc.env["GITHUB_ACTIONS"])
			}
		})
	}
}

// TestGateBaseline saves a scan as the baseline: the same scan passes
// with it, and a finding the baseline lacks fails.
func TestGateBaseline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)
	base := filepath.Join(dir, "baseline.json")
	if code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", base, "--fail-on", "none"); code != 0 {
		t.Fatalf("baseline scan: exit %d, %s", code, errOut)
	}

	out := filepath.Join(dir, "same.json")
	code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", out, "--baseline", base)
	if code != 0 {
		t.Errorf("same scan with its baseline: exit %d, %s", code, errOut)
	}
	var rep struct {
		Findings []struct{ Cookie, Baseline string }
		Gate     struct {
			Baseline string
			Failing  int
			Outcome  string
		}
	}
	readJSON(t, out, &rep)
	if len(rep.Findings) == 0 || rep.Findings[0].Baseline != "unchanged" || rep.Gate.Baseline != base || rep.Gate.Outcome != "pass" {
		t.Errorf("report with baseline: %+v", rep)
	}

	more := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		res := gateResult(target)
		c := res.Cookies[1]
		c.Name = "_gid"
		res.Cookies = append(res.Cookies, c)
		return res, nil
	}
	code, _, errOut = gateRun(t, more, nil, "scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", out, "--baseline", base)
	if code != 1 || !strings.Contains(errOut, "1 finding fails the gate (1 undeclared)") {
		t.Errorf("new finding: exit %d, stderr %q", code, errOut)
	}
}

// TestGateDefaultIgnoreFile reads .cookieaudit-ignore.yaml from the
// working directory when it exists; --ignore-file "" turns it off.
func TestGateDefaultIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	pol := writeFile(t, dir, "cookies.yaml", gatePolicy)
	writeFile(t, dir, ".cookieaudit-ignore.yaml", "ignore:\n  - {cookie: _ga, kind: undeclared, reason: reviewed}\n")
	t.Chdir(dir)
	args := []string{"scan", "https://www.example.org/", "--policy", pol, "--format", "json", "-o", filepath.Join(dir, "r.json")}
	if code, _, errOut := gateRun(t, okCrawl, nil, args...); code != 0 {
		t.Errorf("with the default ignore file: exit %d, %s", code, errOut)
	}
	if code, _, _ := gateRun(t, okCrawl, nil, append(args, "--ignore-file", "")...); code != 1 {
		t.Errorf("with --ignore-file \"\": exit %d, want 1", code)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestFailOnList: --fail-on lists each kind once, whatever the repeats.
func TestFailOnList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"none", []string{}},
		{"undeclared, misclassified", []string{"undeclared", "misclassified"}},
		{"undeclared,undeclared", []string{"undeclared"}},
		{"all,undeclared", kindNames()},
	} {
		g := gateOptions{FailOn: tc.in, MinSeverity: "info", ExitCode: 1}
		if err := g.validate(); err != nil {
			t.Errorf("--fail-on %q: %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, g.failOn); diff != "" {
			t.Errorf("--fail-on %q (-want +got):\n%s", tc.in, diff)
		}
	}
}
