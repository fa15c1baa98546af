package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestUseColor: colour only for a terminal, never with NO_COLOR or
// TERM=dumb, and never for /dev/null, a character device that is no
// terminal.
func TestUseColor(t *testing.T) {
	t.Parallel()
	tty := openTerminal(t)
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("opening %s: %v", os.DevNull, err)
	}
	defer null.Close()
	r, pipe, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer pipe.Close()
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name string
		w    io.Writer
		env  func(string) string
		want bool
	}{
		{"terminal", tty, env("TERM", "xterm-256color"), true},
		{os.DevNull, null, env("TERM", "xterm-256color"), false},
		{"NO_COLOR", tty, env("NO_COLOR", "1"), false},
		{"empty NO_COLOR", tty, env("NO_COLOR", ""), true},
		{"dumb terminal", tty, env("TERM", "dumb"), false},
		{"pipe", pipe, env(), false},
		{"buffer", &bytes.Buffer{}, env(), false},
	}
	for _, tc := range cases {
		if got := useColor(tc.w, tc.env); got != tc.want {
			t.Errorf("%s: useColor = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestOutputDirCreated: an --output-dir that does not exist yet is
// created, parents included, as "mkdir -p" would.
func TestOutputDirCreated(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "ci", "reports")
	code, stdout, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/",
		"--format", "json,table", "--output-dir", dir, "--fail-on", "none")
	if code != 0 || stdout != "" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	checkOnlyFiles(t, dir, "cookieaudit.json", "cookieaudit.txt")

	// report too, from the scan just saved
	again := filepath.Join(t.TempDir(), "rendered")
	var out, errBuf bytes.Buffer
	if code := run(context.Background(), []string{"report", filepath.Join(dir, "cookieaudit.json"), "-f", "markdown", "--output-dir", again}, &out, &errBuf); code != 0 {
		t.Fatalf("report: exit %d, %s", code, errBuf.String())
	}
	checkOnlyFiles(t, again, "cookieaudit.md")
}
