package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// scanCtx runs args with a fake crawl in-process, as scanWith does, with
// ctx as the command's context (a signal cancels it in main).
func scanCtx(ctx context.Context, t *testing.T, crawl func(context.Context, string, crawler.Options) (*crawler.Result, error), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(streams{Out: &out, Err: &errOut}, func(ctx context.Context, o *scanOptions) error {
		o.Crawl = crawl
		return runScan(ctx, o)
	})
	code = execute(ctx, root, args, &errOut)
	return code, out.String(), errOut.String()
}

// lastLine is the last line of stderr: the reason of the exit code.
func lastLine(stderr string) string {
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	return lines[len(lines)-1] + "\n"
}

// killedResult is what the crawler returns when the browser died after
// two pages of a consent scan: the first phase lost one page, the
// after-accept phase two.
func killedResult(target string) *crawler.Result {
	res := fakeResult(target)
	why := "not visited: the browser exited (signal: killed)"
	res.Pages = append(res.Pages, crawler.Page{URL: target + "contact", Depth: 1, Lost: true, Error: why})
	res.Consent = crawler.Consent{Mode: "accept", Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept},
		Actions: []crawler.ConsentAction{{Phase: crawler.AfterAccept, Action: "accept", Clicked: true}}}
	res.PhasePages = map[crawler.Phase][]crawler.Page{crawler.AfterAccept: {
		{URL: target, FinalURL: target, Status: 200, Phase: crawler.AfterAccept},
		{URL: target + "about", Depth: 1, Phase: crawler.AfterAccept, Lost: true, Error: why},
		{URL: target + "contact", Depth: 1, Phase: crawler.AfterAccept, Lost: true, Error: why},
	}}
	res.Partial = true
	return res
}

// TestScanThatDidNotHappen checks that scans which did not happen, or
// happened in part, never pass the gate: a start page that answered an
// HTTP error, a browser that died mid-scan, a scan interrupted or timed
// out. Each exits 3 with a last line that says what happened.
func TestScanThatDidNotHappen(t *testing.T) {
	t.Parallel()
	const target = "https://www.example.org/"
	cases := []struct {
		name   string
		crawl  func(context.Context, string, crawler.Options) (*crawler.Result, error)
		args   []string
		cancel error // the cause the command's context is cancelled with
		stderr []string
		// report is false when no report may be written; otherwise the
		// JSON report must be partial with lost pages.
		report bool
	}{
		{
			name: "start page answers 404",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				res := &crawler.Result{Target: target, StartedAt: scanStart,
					Pages: []crawler.Page{{URL: target, FinalURL: target, Status: 404, Title: "Not found", Phase: crawler.BeforeConsent}}}
				return res, &crawler.LoadError{URL: target, Status: 404, FinalURL: target}
			},
			stderr: []string{"loading https://www.example.org/: the server answered HTTP status 404 (Not Found)"},
		},
		{
			name: "start page redirects to a 500",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				res := &crawler.Result{Target: target, StartedAt: scanStart,
					Pages: []crawler.Page{{URL: target, FinalURL: target + "error", Status: 500, Phase: crawler.BeforeConsent}}}
				return res, &crawler.LoadError{URL: target, Status: 500, FinalURL: target + "error"}
			},
			stderr: []string{"loading https://www.example.org/: it redirected to https://www.example.org/error, which answered HTTP status 500 (Internal Server Error)"},
		},
		{
			name: "browser killed mid-scan",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				return killedResult(target), &crawler.BrowserExitError{Status: "signal: killed", Lost: 3, Planned: 6}
			},
			stderr: []string{"the browser exited during the scan (signal: killed): 3 of 6 pages were not visited"},
			report: true,
		},
		{
			name: "interrupted",
			crawl: func(ctx context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				<-ctx.Done()
				return killedResult(target), ctx.Err()
			},
			cancel: errors.New("interrupt signal received"),
			stderr: []string{"scan interrupted: interrupt signal received; 3 of 6 pages were not visited"},
			report: true,
		},
		{
			name: "timed out",
			crawl: func(ctx context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				<-ctx.Done()
				return killedResult(target), ctx.Err()
			},
			args:   []string{"--timeout", "20ms"},
			stderr: []string{"scan stopped: scan timed out after 20ms (--timeout); 3 of 6 pages were not visited"},
			report: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			if tc.cancel != nil {
				cancel(tc.cancel)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "scan.json")
			args := append([]string{"scan", target, "--fail-on", "none", "--format", "json", "-o", path}, tc.args...)
			code, _, errOut := scanCtx(ctx, t, tc.crawl, args...)
			if code != 3 {
				t.Errorf("exit %d, want 3\nstderr:\n%s", code, errOut)
			}
			for _, want := range tc.stderr {
				checkOneLine(t, lastLine(errOut), want)
			}
			b, err := os.ReadFile(path)
			if !tc.report {
				if err == nil {
					t.Errorf("a report was written for a target that could not be loaded:\n%s", b)
				}
				checkOnlyFiles(t, dir)
				return
			}
			if err != nil {
				t.Fatalf("no report of the pages visited: %v", err)
			}
			var rep struct {
				Partial bool
				Gate    struct{ Outcome string }
				Pages   []struct {
					URL, Phase, Error, LostReason string
					Lost                          bool
				}
			}
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if !rep.Partial || rep.Gate.Outcome != "incomplete" {
				t.Errorf("partial %v, gate outcome %q; want partial and incomplete", rep.Partial, rep.Gate.Outcome)
			}
			lost := 0
			for _, p := range rep.Pages {
				if p.Lost {
					lost++
					if p.Error != "" || !strings.HasPrefix(p.LostReason, "not visited: ") {
						t.Errorf("lost page %s (%s): error %q, lostReason %q; want no error and the reason", p.URL, p.Phase, p.Error, p.LostReason)
					}
				}
			}
			if len(rep.Pages) != 6 || lost != 3 {
				t.Errorf("%d pages of which %d lost, want the 6 pages of both phases, 3 lost", len(rep.Pages), lost)
			}
		})
	}
}

// TestScanSelectorValidation checks that an --accept-selector or
// --reject-selector that is not CSS is a usage error naming the flag and
// the selector: found at once when it is obviously broken, or by the
// browser's parser (the crawler's *SelectorError) before the scan.
func TestScanSelectorValidation(t *testing.T) {
	t.Parallel()
	ok := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		return fakeResult(target), nil
	}
	browserRefuses := func(_ context.Context, _ string, o crawler.Options) (*crawler.Result, error) {
		return nil, &crawler.SelectorError{Option: "RejectSelector", Selector: o.RejectSelector, Text: "'#1abc' is not a valid selector."}
	}
	cases := []struct {
		name   string
		crawl  func(context.Context, string, crawler.Options) (*crawler.Result, error)
		args   []string
		exit   int
		stderr string
	}{
		{"valid", ok, []string{"--accept-selector", "#banner button.accept", "--reject-selector", "[data-action='reject']"}, 0, ""},
		{"empty item", ok, []string{"--accept-selector", "#accept,,.ok"}, 2,
			`invalid --accept-selector "#accept,,.ok": not a CSS selector: an empty item before ',' at character 9`},
		{"unmatched bracket", ok, []string{"--reject-selector", "button]"}, 2,
			`invalid --reject-selector "button]": not a CSS selector: ']' at character 7 closes nothing`},
		{"refused by the browser", browserRefuses, []string{"--reject-selector", "#1abc"}, 2,
			`invalid --reject-selector "#1abc": not a CSS selector: the browser's parser refuses it`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"scan", "https://www.example.org/", "--fail-on", "none"}, tc.args...)
			code, out, errOut := scanWith(t, tc.crawl, args...)
			if code != tc.exit {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, tc.exit, errOut)
			}
			if tc.exit == 0 {
				return
			}
			checkOneLine(t, errOut, tc.stderr)
			if out != "" {
				t.Errorf("a report was written:\n%s", out)
			}
		})
	}
}

// TestScanBrowserFailsToStart gives --chrome programs that exit at once:
// the error says which program, how it ended and the last lines it
// printed, not chromedp's bare "chrome failed to start:". No browser is
// needed: the programs are /bin/false and a shell script.
func TestScanBrowserFailsToStart(t *testing.T) {
	t.Parallel()
	script := filepath.Join(t.TempDir(), "broken-chrome")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho 'starting'\necho 'error while loading shared libraries: libnss3.so: cannot open shared object file' >&2\nexit 127\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	// As Chromium ends, run as a user other than root, where user
	// namespaces are refused (a container's default seccomp profile).
	noSandbox := filepath.Join(t.TempDir(), "sandboxless-chrome")
	if err := os.WriteFile(noSandbox, []byte("#!/bin/sh\necho 'FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ ...' >&2\nexit 133\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		chrome string
		want   []string
	}{
		{"/bin/false", []string{"starting the browser /bin/false: ", "exit status 1", "printing nothing"}},
		{script, []string{"starting the browser " + script + ": ", "exit status 127",
			`its last output: "starting | error while loading shared libraries: libnss3.so: cannot open shared object file"`}},
		{noSandbox, []string{"No usable sandbox!", "needs user namespaces for its sandbox", "deploy/kubernetes/seccomp/cookieaudit-chromium.json"}},
	}
	for _, tc := range cases {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"scan", "--chrome", tc.chrome, "https://www.example.org/"}, &out, &errOut)
		if code != 3 {
			t.Errorf("--chrome %s: exit %d, want 3", tc.chrome, code)
		}
		for _, want := range tc.want {
			checkOneLine(t, errOut.String(), want)
		}
	}
}
