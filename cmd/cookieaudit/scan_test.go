package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// parseScan runs "cookieaudit <args>" with a runF that only captures the
// scan options.
func parseScan(t *testing.T, args ...string) *scanOptions {
	t.Helper()
	var got *scanOptions
	var out, errOut bytes.Buffer
	root := newRootCmd(streams{Out: &out, Err: &errOut}, func(_ context.Context, o *scanOptions) error {
		got = o
		return nil
	})
	if code := execute(context.Background(), root, args, &errOut); code != 0 {
		t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
	}
	if got == nil {
		t.Fatalf("%v: runF not called", args)
	}
	return got
}

func TestScanFlags(t *testing.T) {
	t.Parallel()
	ignore := cmpopts.IgnoreFields(scanOptions{}, "IO", "Crawl", "IncludeRE", "ExcludeRE", "Gate", "targets", "browser", "maxPagesSet", "history", "sites", "reportName", "given")
	defaults := scanOptions{
		URL:         "https://www.example.org/",
		MaxPages:    50,
		MaxDepth:    3,
		Scope:       "domain",
		Concurrency: 4,
		Wait:        3 * time.Second,
		PageTimeout: 30 * time.Second,
		Format:      "table",
		Consent:     "auto",

		ExpiryTolerance: "1.5,1d",
		Tolerance:       classifier.Tolerance{Ratio: 1.5, Slack: 24 * time.Hour},
	}
	cases := []struct {
		name string
		args []string
		want func(o *scanOptions)
	}{
		{"defaults", nil, func(o *scanOptions) {}},
		{
			name: "every flag",
			args: []string{
				"--max-pages", "7", "--max-depth", "0", "--scope", "host",
				"--include", `^https://www\.example\.org/a{1,3}/`, "--include", "/shop/",
				"--exclude", "/cart",
				"--concurrency", "2", "--wait", "0", "--page-timeout", "10s", "--timeout", "5m",
				"--chrome", "/opt/chromium/chrome", "--host-resolver-rules", "MAP *.example.org 127.0.0.1:8443",
				"--insecure", "--block-third-party-cookies", "--user-agent", "audit-bot/1.0",
				"--format", "json", "-o", "-", "--show-values", "-v",
			},
			want: func(o *scanOptions) {
				o.MaxPages, o.MaxDepth, o.Scope = 7, 0, "host"
				// A comma inside a pattern must not split it.
				o.Include = []string{`^https://www\.example\.org/a{1,3}/`, "/shop/"}
				o.Exclude = []string{"/cart"}
				o.Concurrency, o.Wait, o.PageTimeout, o.Timeout = 2, 0, 10*time.Second, 5*time.Minute
				o.Chrome = "/opt/chromium/chrome"
				o.HostResolverRules = "MAP *.example.org 127.0.0.1:8443"
				o.Insecure, o.BlockThirdPartyCookies = true, true
				o.UserAgent = "audit-bot/1.0"
				o.Format, o.Output, o.ShowValues, o.Verbose = "json", "-", true, true
			},
		},
		{"long output and verbose", []string{"--output", "r.json", "--verbose"}, func(o *scanOptions) {
			o.Output, o.Verbose = "r.json", true
		}},
		{"policy, cookie database and tolerance", []string{"--policy", "https://www.example.org/cookies", "--cookie-db", "ocd.csv", "--expiry-tolerance", "2,12h"}, func(o *scanOptions) {
			o.Policy, o.CookieDB = "https://www.example.org/cookies", "ocd.csv"
			o.ExpiryTolerance, o.Tolerance = "2,12h", classifier.Tolerance{Ratio: 2, Slack: 12 * time.Hour}
		}},
		{"tolerance ratio only", []string{"--expiry-tolerance", "3"}, func(o *scanOptions) {
			o.ExpiryTolerance, o.Tolerance = "3", classifier.Tolerance{Ratio: 3, Slack: 24 * time.Hour}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// Flags before the URL here; the other tests put them after.
			args := append(append([]string{"scan"}, tc.args...), "https://www.example.org/")
			got := parseScan(t, args...)
			want := defaults
			tc.want(&want)
			if diff := cmp.Diff(&want, got, ignore); diff != "" {
				t.Errorf("options mismatch (-want +got):\n%s", diff)
			}
			if len(got.IncludeRE) != len(want.Include) || len(got.ExcludeRE) != len(want.Exclude) {
				t.Errorf("compiled %d include and %d exclude patterns, want %d and %d",
					len(got.IncludeRE), len(got.ExcludeRE), len(want.Include), len(want.Exclude))
			}
			if got.Crawl == nil {
				t.Error("Crawl is nil")
			}
		})
	}
}

func TestCrawlOptions(t *testing.T) {
	t.Parallel()
	ignore := cmpopts.IgnoreFields(crawler.Options{}, "Logger", "Include", "Exclude", "Progress")

	got := parseScan(t, "scan", "https://www.example.org/").crawlOptions(nil)
	want := crawler.Options{
		MaxPages:    crawler.DefaultMaxPages,
		MaxDepth:    crawler.DefaultMaxDepth,
		Scope:       crawler.ScopeDomain,
		Concurrency: crawler.DefaultConcurrency,
		Wait:        crawler.DefaultWait,
		PageTimeout: crawler.DefaultPageTimeout,
		Consent:     crawler.ConsentAuto,
	}
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("default crawl options mismatch (-want +got):\n%s", diff)
	}

	// On the command line 0 means 0; for the crawler a zero field means
	// "default", so explicit zeros become NoDepth and NoWait.
	o := parseScan(t, "scan", "https://www.example.org/", "--max-depth", "0", "--wait", "0s",
		"--include", "/a/", "--exclude", "/b/", "--chrome", "/x/chromium", "--insecure",
		"--host-resolver-rules", "MAP * 127.0.0.1", "--block-third-party-cookies", "--user-agent", "ua", "--scope", "host",
		"--consent", "reject", "--accept-selector", "#yes", "--reject-selector", "#no")
	got = o.crawlOptions(nil)
	want = crawler.Options{
		BrowserPath:            "/x/chromium",
		MaxPages:               crawler.DefaultMaxPages,
		MaxDepth:               crawler.NoDepth,
		Scope:                  crawler.ScopeHost,
		Concurrency:            crawler.DefaultConcurrency,
		Wait:                   crawler.NoWait,
		PageTimeout:            crawler.DefaultPageTimeout,
		HostResolverRules:      "MAP * 127.0.0.1",
		Insecure:               true,
		BlockThirdPartyCookies: true,
		UserAgent:              "ua",
		Consent:                crawler.ConsentReject,
		AcceptSelector:         "#yes",
		RejectSelector:         "#no",
	}
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("crawl options mismatch (-want +got):\n%s", diff)
	}
	if len(got.Include) != 1 || got.Include[0].String() != "/a/" || len(got.Exclude) != 1 || got.Exclude[0].String() != "/b/" {
		t.Errorf("Include %v, Exclude %v, want [/a/] and [/b/]", got.Include, got.Exclude)
	}
}

var scanStart = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// fakeResult is what a crawl of a two-page site returns.
func fakeResult(target string) *crawler.Result {
	exp := scanStart.Add(365 * 24 * time.Hour)
	return &crawler.Result{
		Target:     target,
		StartedAt:  scanStart,
		FinishedAt: scanStart.Add(10 * time.Second),
		Pages: []crawler.Page{
			{URL: target, FinalURL: target, Status: 200},
			{URL: target + "about", FinalURL: target + "about", Depth: 1, Status: 200},
		},
		Cookies: []crawler.Cookie{{
			Name: "sid", Value: "s3cr3t", Domain: "www.example.org", HostOnly: true, Path: "/",
			Party: crawler.FirstParty, Expires: &exp, RequestedExpires: &exp, Stored: true,
			SetBy: crawler.SetByHeader, Source: target, FirstSeenOn: target,
		}},
	}
}

// scanWith runs "cookieaudit <args>" with crawl in place of the crawler.
func scanWith(t *testing.T, crawl func(context.Context, string, crawler.Options) (*crawler.Result, error), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(streams{Out: &out, Err: &errOut}, func(ctx context.Context, o *scanOptions) error {
		o.Crawl = crawl
		return runScan(ctx, o)
	})
	code = execute(context.Background(), root, args, &errOut)
	return code, out.String(), errOut.String()
}

func TestScanWritesReport(t *testing.T) {
	t.Parallel()
	ok := func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		return fakeResult(target), nil
	}

	t.Run("table to stdout", func(t *testing.T) {
		t.Parallel()
		code, out, errOut := scanWith(t, ok, "scan", "https://www.example.org/")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		for _, want := range []string{"sid", "www.example.org", "1y", "2 pages, 1 cookie (1 first-party, 0 third-party), 0 page errors"} {
			if !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "s3cr3t") {
			t.Error("value written without --show-values")
		}
	})

	t.Run("json to file", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		path := filepath.Join(dir, "report.json")
		if err := os.WriteFile(path, []byte("old report"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := scanWith(t, ok, "scan", "https://www.example.org/", "--format", "json", "-o", path, "--show-values")
		if code != 0 || errOut != "" || out != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		buf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Schema  string
			Partial bool
			Cookies []struct{ Name, Value string }
		}
		if err := json.Unmarshal(buf, &doc); err != nil {
			t.Fatalf("report is not JSON: %v\n%s", err, buf)
		}
		if doc.Schema != "cookieaudit/report/v1" || len(doc.Cookies) != 1 || doc.Cookies[0].Value != "s3cr3t" || doc.Partial {
			t.Errorf("unexpected report: %+v", doc)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("report with values has mode %v, want 0600", fi.Mode().Perm())
		}
		checkOnlyFiles(t, dir, "report.json")
	})

	t.Run("dash is stdout", func(t *testing.T) {
		t.Parallel()
		code, out, _ := scanWith(t, ok, "scan", "https://www.example.org/", "--format", "json", "-o", "-")
		if code != 0 || !strings.HasPrefix(out, "{\n") {
			t.Errorf("exit %d, stdout %q", code, out)
		}
	})
}

func TestScanFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		crawl   func(context.Context, string, crawler.Options) (*crawler.Result, error)
		args    []string
		stderr  string
		partial bool // a partial report is written
	}{
		{
			name: "target unreachable",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				res := &crawler.Result{Target: target, StartedAt: scanStart, Partial: true,
					Pages: []crawler.Page{{URL: target, Error: "net::ERR_NAME_NOT_RESOLVED"}}}
				return res, &crawler.LoadError{URL: target, Text: "net::ERR_NAME_NOT_RESOLVED"}
			},
			stderr: "loading https://www.example.org/: net::ERR_NAME_NOT_RESOLVED",
		},
		{
			name: "no browser",
			crawl: func(context.Context, string, crawler.Options) (*crawler.Result, error) {
				return nil, fmt.Errorf("%w: none found", crawler.ErrNoBrowser)
			},
			stderr: "no usable browser",
		},
		{
			name: "error not wrapping ErrIncomplete",
			crawl: func(context.Context, string, crawler.Options) (*crawler.Result, error) {
				return nil, errors.New("browser connection lost")
			},
			stderr: "browser connection lost",
		},
		{
			name: "browser crash after two pages",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				res := fakeResult(target)
				res.Partial = true
				return res, fmt.Errorf("browser crashed: %w", crawler.ErrIncomplete)
			},
			stderr:  "browser crashed: scan incomplete",
			partial: true,
		},
		{
			name: "partial without error",
			crawl: func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				res := fakeResult(target)
				res.Partial = true
				return res, nil
			},
			stderr:  "scan stopped before visiting every page",
			partial: true,
		},
		{
			name: "timeout",
			crawl: func(ctx context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
				<-ctx.Done()
				return fakeResult(target), ctx.Err()
			},
			args:    []string{"--timeout", "20ms"},
			stderr:  "scan stopped: scan timed out after 20ms (--timeout)",
			partial: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "cookies.json")
			args := append([]string{"scan", "https://www.example.org/", "--format", "json", "-o", path}, tc.args...)
			code, out, errOut := scanWith(t, tc.crawl, args...)
			if code != 3 {
				t.Errorf("exit = %d, want 3", code)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			// The warning about the partial report comes from the logger;
			// the error itself is the last line.
			lines := strings.SplitAfter(errOut, "\n")
			checkOneLine(t, lines[len(lines)-2], tc.stderr)
			buf, err := os.ReadFile(path)
			if !tc.partial {
				if err == nil {
					t.Errorf("report written for a scan that did not run:\n%s", buf)
				}
				checkOnlyFiles(t, dir)
				return
			}
			if err != nil {
				t.Fatalf("no partial report: %v", err)
			}
			var doc struct{ Partial bool }
			if err := json.Unmarshal(buf, &doc); err != nil || !doc.Partial {
				t.Errorf("report not marked partial (%v):\n%s", err, buf)
			}
			checkOnlyFiles(t, dir, "cookies.json")
		})
	}
}

// checkOnlyFiles fails unless dir holds exactly the files named: no
// temporary file is left behind.
func checkOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if diff := cmp.Diff(names, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("files in output directory (-want +got):\n%s", diff)
	}
}

// TestScanMissingBrowser runs the real crawler with a browser that does
// not exist. It needs crawler.Crawl, so -short skips it like every test
// that may start a browser.
func TestScanMissingBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real crawler; skipped with -short")
	}
	t.Parallel()
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"scan", "--chrome", "/nonexistent/chromium", "https://www.example.org/"}, &out, &errOut)
	if code != 3 {
		t.Errorf("exit = %d, want 3", code)
	}
	checkOneLine(t, errOut.String(), "/nonexistent/chromium")
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out.String())
	}
}
