package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"
)

// TestShortFormAndOutputFlags: in every command, -f is --format and -o is
// --output, so that one habit works everywhere.
func TestShortFormAndOutputFlags(t *testing.T) {
	t.Parallel()
	root := newRootCmd(streams{Out: io.Discard, Err: io.Discard}, nil)
	seen := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for long, short := range map[string]string{"format": "f", "output": "o"} {
			if f := c.Flags().Lookup(long); f != nil {
				seen[long] = true
				if f.Shorthand != short {
					t.Errorf("%s --%s has the short form %q, want -%s", c.CommandPath(), long, f.Shorthand, short)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if !seen["format"] || !seen["output"] {
		t.Fatalf("no command has --format or --output: %v", seen)
	}
	// And the short form works: scan -f json.
	if o := parseScan(t, "scan", "https://www.example.org/", "-f", "json,html", "-o", "a.json,a.html"); o.Format != "json,html" || o.Output != "a.json,a.html" {
		t.Errorf("scan -f json,html -o a.json,a.html: format %q, output %q", o.Format, o.Output)
	}
}

// TestPolicyExtractOutput: policy extract -o writes the policy file as
// scan -o writes reports: whole or not at all, through a FIFO or a link
// rather than over it, and a destination that cannot be written fails
// before the source is read.
func TestPolicyExtractOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := writeFile(t, dir, "cookies.yaml", gatePolicy)
	extract := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"policy", "extract", src}, args...), &out, &errOut)
		return code, out.String(), errOut.String()
	}

	t.Run("file", func(t *testing.T) {
		t.Parallel()
		dest := filepath.Join(t.TempDir(), "policy.json")
		code, stdout, stderr := extract("-f", "json", "-o", dest)
		if code != 0 || stdout != "" || stderr != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		b, _ := os.ReadFile(dest)
		if !strings.Contains(string(b), `"name": "sessionid"`) {
			t.Errorf("the file lacks the policy:\n%s", b)
		}
		checkOnlyFiles(t, filepath.Dir(dest), "policy.json")
	})

	t.Run("failed extraction leaves the file as it was", func(t *testing.T) {
		t.Parallel()
		d := t.TempDir()
		dest := writeFile(t, d, "cookies.yaml", "reviewed by hand\n")
		bad := writeFile(t, d, "bad.yaml", "cookies:\n  - name: a\n    category: tracking\n")
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"policy", "extract", bad, "-o", dest}, &out, &errOut); code != 2 {
			t.Errorf("exit %d, want 2 (stderr %q)", code, errOut.String())
		}
		if b, _ := os.ReadFile(dest); string(b) != "reviewed by hand\n" {
			t.Errorf("the file was changed: %q", b)
		}
		checkOnlyFiles(t, d, "bad.yaml", "cookies.yaml")
	})

	t.Run("fifo", func(t *testing.T) {
		t.Parallel()
		fifo := filepath.Join(t.TempDir(), "policy.fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
		read := readFIFO(t, fifo)
		if code, _, stderr := extract("-o", fifo); code != 0 {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v", err)
		}
		if b := read(); !strings.Contains(string(b), "name: sessionid") {
			t.Errorf("the FIFO's reader read %q", b)
		}
	})

	t.Run("missing directory", func(t *testing.T) {
		t.Parallel()
		dest := filepath.Join(t.TempDir(), "nope", "cookies.yaml")
		code, stdout, stderr := extract("-o", dest)
		if code != 2 || stdout != "" {
			t.Errorf("exit %d, stdout %q", code, stdout)
		}
		checkOneLine(t, stderr, "cannot write --output "+dest+": no such file or directory")
	})
}
