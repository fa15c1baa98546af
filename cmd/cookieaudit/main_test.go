package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// checkOneLine fails unless stderr is exactly one line starting with
// "cookieaudit: " and containing want.
func checkOneLine(t *testing.T, stderr, want string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "cookieaudit: ") || !strings.HasSuffix(stderr, "\n") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr is not one line \"cookieaudit: ...\":\n%s", stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}
}

// TestRunUsageErrors runs command lines that must fail before any scan
// starts, in-process.
func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		args   []string
		exit   int
		stderr string
	}{
		{"no URL", []string{"scan"}, 2, "scan takes a URL, several, or --sites FILE"},
		{"two URLs, one output", []string{"scan", "https://a.test/", "https://b.test/", "-o", "r.json"}, 2, "give --output-dir DIR"},
		{"two URLs, json to stdout", []string{"scan", "https://a.test/", "https://b.test/", "--format", "json"}, 2, "writes one report per site: give --output-dir DIR"},
		{"two URLs and a baseline", []string{"scan", "https://a.test/", "https://b.test/", "--baseline", "b.json"}, 2, "use --history DIR"},
		{"one URL twice", []string{"scan", "https://a.test/", "https://a.test/"}, 2, "is given twice (argument 1 and argument 2)"},
		{"second URL bad", []string{"scan", "https://a.test/", "a.test"}, 2, `site a.test (argument 2): invalid URL "a.test"`},
		{"bad shard", []string{"scan", "https://a.test/", "--shard", "4/3"}, 2, `invalid --shard "4/3": want I/N with 1 ≤ I ≤ N`},
		{"sites file missing", []string{"scan", "--sites", "no-such-sites.txt"}, 2, "cannot read --sites no-such-sites.txt"},
		{"merge nothing", []string{"merge"}, 2, "merge takes one or more JSON summaries or reports"},
		{"merge missing file", []string{"merge", "no-such-summary.json"}, 2, "cannot read no-such-summary.json"},
		{"merge bad format", []string{"merge", "a.json", "--format", "sarif"}, 2, `invalid --format "sarif" (valid: table, json, html)`},
		{"bad URL", []string{"scan", "not a url"}, 2, `invalid URL "not a url"`},
		{"URL without scheme", []string{"scan", "www.example.org"}, 2, `did you mean "https://www.example.org"?`},
		{"relative URL", []string{"scan", "/path"}, 2, `invalid URL "/path"`},
		{"ftp URL", []string{"scan", "ftp://example.org/"}, 2, `invalid URL "ftp://example.org/": want an absolute http:// or https:// URL`},
		{"URL without host", []string{"scan", "https:///x"}, 2, `invalid URL "https:///x"`},
		{"unknown flag", []string{"scan", "https://example.org/", "--bogus"}, 2, "unknown flag: --bogus"},
		{"unknown command", []string{"sacn", "https://example.org/"}, 2, `unknown command "sacn"`},
		{"bad format", []string{"scan", "https://example.org/", "--format", "xml"}, 2, `unknown format "xml" (valid: table, json, html, markdown, sarif, junit)`},
		{"bad include", []string{"scan", "https://example.org/", "--include", "("}, 2, `invalid --include "(": missing closing )`},
		{"bad second exclude", []string{"scan", "https://example.org/", "--exclude", "ok", "--exclude", "a[z"}, 2, `invalid --exclude "a[z": missing closing ]`},
		{"negative max-pages", []string{"scan", "https://example.org/", "--max-pages", "-1"}, 2, "invalid --max-pages -1: must be at least 1"},
		{"zero max-pages", []string{"scan", "https://example.org/", "--max-pages", "0"}, 2, "invalid --max-pages 0"},
		{"negative max-depth", []string{"scan", "https://example.org/", "--max-depth", "-2"}, 2, "invalid --max-depth -2"},
		{"zero concurrency", []string{"scan", "https://example.org/", "--concurrency", "0"}, 2, "invalid --concurrency 0"},
		{"non-numeric max-pages", []string{"scan", "https://example.org/", "--max-pages", "many"}, 2, `invalid argument "many" for "--max-pages"`},
		{"negative wait", []string{"scan", "https://example.org/", "--wait", "-1s"}, 2, "invalid --wait -1s"},
		{"zero page-timeout", []string{"scan", "https://example.org/", "--page-timeout", "0"}, 2, "invalid --page-timeout 0s: must be more than 0"},
		{"negative timeout", []string{"scan", "https://example.org/", "--timeout", "-5m"}, 2, "invalid --timeout -5m0s"},
		{"bad duration", []string{"scan", "https://example.org/", "--timeout", "5"}, 2, `invalid argument "5" for "--timeout"`},
		{"bad scope", []string{"scan", "https://example.org/", "--scope", "site"}, 2, `invalid --scope "site" (valid: domain, host)`},
		{"bad consent", []string{"scan", "https://example.org/", "--consent", "maybe"}, 2, `invalid --consent "maybe" (valid: auto, none, accept, reject, all)`},
		{"output dir missing", []string{"scan", "https://example.org/", "-o", "/nonexistent-dir/r.json"}, 2, "cannot write --output /nonexistent-dir/r.json: no such file or directory"},
		{"version with args", []string{"version", "x"}, 2, "unknown command"},
		{"browser URL without scheme", []string{"scan", "https://example.org/", "--browser-url", "127.0.0.1:9222"}, 2, `invalid --browser-url "127.0.0.1:9222": want a DevTools address`},
		{"browser URL with a start flag", []string{"scan", "https://example.org/", "--browser-url", "http://127.0.0.1:9222", "--block-third-party-cookies"}, 2, "--block-third-party-cookies cannot be used with --browser-url"},
		{"browser URL with chrome", []string{"scan", "https://example.org/", "--browser-url", "ws://127.0.0.1:9222/devtools/browser/x", "--chrome", "/bin/chromium"}, 2, "--chrome cannot be used with --browser-url"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			if got := run(context.Background(), tc.args, &out, &errOut); got != tc.exit {
				t.Errorf("exit = %d, want %d (stderr %q)", got, tc.exit, errOut.String())
			}
			checkOneLine(t, errOut.String(), tc.stderr)
			if out.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", out.String())
			}
		})
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out, errOut bytes.Buffer
		if got := run(context.Background(), args, &out, &errOut); got != 0 {
			t.Fatalf("%v: exit = %d, stderr %q", args, got, errOut.String())
		}
		if s := out.String(); !strings.HasPrefix(s, "cookieaudit dev (go") || strings.Count(s, "\n") != 1 {
			t.Errorf("%v: stdout = %q, want \"cookieaudit dev (go...)\"", args, s)
		}
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	if got := run(context.Background(), []string{"scan", "--help"}, &out, &errOut); got != 0 {
		t.Fatalf("exit = %d, stderr %q", got, errOut.String())
	}
	for _, want := range []string{"--max-pages", "--host-resolver-rules", "--show-values", "Examples:", "cookieaudit scan https://"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("scan --help lacks %q", want)
		}
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"plain message", "plain message"},
		{"unknown command \"sacn\" for \"cookieaudit\"\n\nDid you mean this?\n\tscan\n", `unknown command "sacn" for "cookieaudit" Did you mean this? scan`},
		{"loading https://x.test/: \x1b[31mred\x1b[0m", "loading https://x.test/: ?[31mred?[0m"},
		{"bidi \u202eevil", "bidi ?evil"},
	}
	for _, tc := range cases {
		if got := oneLine(tc.in); got != tc.want {
			t.Errorf("oneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
