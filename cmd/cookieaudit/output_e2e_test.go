package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestBinaryOutputsSpecialFiles runs the binary on the demo portal in a
// real browser, writing its reports through what a CI job or a shell
// hands it instead of a plain file: the JSON into a FIFO that the test
// reads as the scan runs, the table through a symbolic link to the file
// a job keeps, the Markdown into a device node (a null device of the
// test's own, when the test may make one). None of them is replaced by a
// regular file, and each got its report.
func TestBinaryOutputsSpecialFiles(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	dir := t.TempDir()
	fifo := filepath.Join(dir, "scan.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	kept := filepath.Join(dir, "kept", "cookieaudit.txt")
	if err := os.Mkdir(filepath.Dir(kept), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kept, []byte("yesterday's table\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.txt")
	if err := os.Symlink(filepath.Join("kept", "cookieaudit.txt"), link); err != nil {
		t.Fatal(err)
	}
	formats, outs := []string{"json", "table"}, []string{fifo, link}
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		formats, outs = append(formats, "markdown"), append(outs, dev)
	} else {
		t.Logf("no device node (needs root): %v; the FIFO and the link are tested", err)
	}

	read := readFIFO(t, fifo)
	res := runBinary(ctx, t, bin, "scan", site.Start,
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
		"--consent", "none", "--wait", "auto", "--max-pages", "3", "--page-timeout", "60s", "--fail-on", "none",
		"--format", strings.Join(formats, ","), "-o", strings.Join(outs, ","))
	res.wantExit(t, 0)

	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced by a regular file: %v", err)
	}
	b := read()
	rep, err := readReport("-", strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("what the FIFO's reader read is not a report: %v", err)
	}
	if len(rep.Cookies) == 0 || rep.Target != site.Start {
		t.Errorf("the report read from the FIFO: target %q, %d cookies", rep.Target, len(rep.Cookies))
	}

	if target, err := os.Readlink(link); err != nil || target != filepath.Join("kept", "cookieaudit.txt") {
		t.Errorf("the link was replaced: readlink %q, %v", target, err)
	}
	table, _ := os.ReadFile(kept)
	if !strings.Contains(string(table), "gate: passed") || !strings.Contains(string(table), "sessionid") {
		t.Errorf("the file the link names does not hold the table:\n%s", table)
	}

	if len(outs) == 3 {
		if fi, err := os.Lstat(dev); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("the device node was replaced: %v", err)
		}
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := len(outs) + 1; len(names) != want { // + the kept directory
		t.Errorf("the directory holds %v: a temporary file left behind?", names)
	}
}
