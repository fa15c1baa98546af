package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// TestWarningsOneFormat: scan and policy extract write their warnings on
// stderr in one format, the format of errors: "cookieaudit: warning: …".
func TestWarningsOneFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A page that names a cookie and no category: both commands warn.
	page := writeFile(t, dir, "cookies.md", "# Cookies\n\n| Cookie | Purpose |\n| --- | --- |\n| _ga | distinguishes visitors |\n")
	const warning = `cookieaudit: warning: `
	const what = `table 1: no category found for "_ga"`

	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"policy", "extract", page}, &out, &errOut); code != 0 {
		t.Fatalf("policy extract: exit %d, %s", code, errOut.String())
	}
	extract := errOut.String()

	_, _, scan := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", page, "--fail-on", "none", "-o", "-", "--format", "json")

	for cmd, stderr := range map[string]string{"policy extract": extract, "scan": scan} {
		if !strings.Contains(stderr, what) {
			t.Errorf("%s: stderr lacks the warning %q:\n%s", cmd, what, stderr)
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if !strings.HasPrefix(line, warning) {
				t.Errorf("%s: stderr line not in the format %q…: %q", cmd, warning, line)
			}
		}
	}
}

// TestLineHandler: attributes follow the message in parentheses, values
// that would be ambiguous are quoted, and control characters, which can
// come from the site, never reach the terminal.
func TestLineHandler(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := slog.New(newLineHandler(&buf, slog.LevelWarn))
	l.Debug("not shown")
	l.Warn("scan incomplete", "pages", 3)
	l.With("policy", "my policy.yaml").WithGroup("page").Warn("odd\x1b[31mtitle", "url", "https://x.test/\x1b[2J", "status", 200)
	l.Error("no value", "empty", "")
	want := `cookieaudit: warning: scan incomplete (pages=3)
cookieaudit: warning: odd?[31mtitle (policy="my policy.yaml" page.url="https://x.test/\x1b[2J" page.status=200)
cookieaudit: error: no value (empty="")
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	buf.Reset()
	slog.New(newLineHandler(&buf, slog.LevelDebug)).Debug("page loaded", "url", "https://x.test/")
	if got := buf.String(); !strings.HasPrefix(got, "cookieaudit: debug: ") || !strings.HasSuffix(got, " page loaded (url=https://x.test/)\n") {
		t.Errorf("debug line %q", got)
	}
}
