package main

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// readFIFO starts reading the FIFO at path, as a reader at the other end
// of "-o FIFO" would (cat, a log shipper), before the command runs. Once
// the command is done, read returns what the reader read: the report when
// the command wrote it there, else nothing. The test holds a write end of
// its own until then, so that the reader neither sees the end of its
// input before the command opens the FIFO nor waits for a command that
// never does.
func readFIFO(t *testing.T, path string) (read func() []byte) {
	t.Helper()
	r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	keeper, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		r.Close()
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		b, err := io.ReadAll(r)
		if err != nil {
			t.Errorf("reading the FIFO: %v", err)
		}
		got <- b
	}()
	return func() []byte {
		keeper.Close()
		b := <-got
		r.Close()
		return b
	}
}

// checkJSONReport fails unless b is a JSON report.
func checkJSONReport(t *testing.T, what string, b []byte) {
	t.Helper()
	var doc struct{ Schema string }
	if err := json.Unmarshal(b, &doc); err != nil || doc.Schema != "cookieaudit/report/v1" {
		t.Errorf("%s does not hold the JSON report (%v): %.200q", what, err, b)
	}
}

// TestOutputSpecialFiles: -o into a FIFO, a symbolic link or a device
// writes through it; none of them is replaced by a regular file.
func TestOutputSpecialFiles(t *testing.T) {
	t.Parallel()
	scan := func(t *testing.T, out string) (int, string) {
		t.Helper()
		code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--format", "json", "-o", out, "--fail-on", "none")
		return code, errOut
	}

	t.Run("fifo", func(t *testing.T) {
		t.Parallel()
		fifo := filepath.Join(t.TempDir(), "report.fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
		read := readFIFO(t, fifo)
		code, errOut := scan(t, fifo)
		if code != 0 {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		fi, err := os.Lstat(fifo)
		if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v, mode %v", err, fi.Mode())
		}
		checkJSONReport(t, "what the FIFO's reader read", read())
		checkOnlyFiles(t, filepath.Dir(fifo), "report.fifo")
	})

	t.Run("symlink to a file", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		real := writeFile(t, dir, "real.json", "old report")
		link := filepath.Join(dir, "link.json")
		if err := os.Symlink("real.json", link); err != nil {
			t.Fatal(err)
		}
		if code, errOut := scan(t, link); code != 0 {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		if target, err := os.Readlink(link); err != nil || target != "real.json" {
			t.Errorf("the link was replaced: readlink = %q, %v", target, err)
		}
		b, _ := os.ReadFile(real)
		checkJSONReport(t, "the link's target", b)
		checkOnlyFiles(t, dir, "link.json", "real.json")
	})

	t.Run("symlink to a file not there yet", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "reports"), 0o755); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "latest.json")
		if err := os.Symlink(filepath.Join("reports", "today.json"), link); err != nil {
			t.Fatal(err)
		}
		if code, errOut := scan(t, link); code != 0 {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v", err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "reports", "today.json"))
		checkJSONReport(t, "the file the link names", b)
	})

	t.Run("device", func(t *testing.T) {
		t.Parallel()
		// A null device of our own: replacing the machine's /dev/null is
		// what the bug did, and a test must not risk it.
		dev := filepath.Join(t.TempDir(), "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("cannot make a device node here (needs root): %v", err)
		}
		if code, errOut := scan(t, dev); code != 0 {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		fi, err := os.Lstat(dev)
		if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("the device was replaced: %v, mode %v", err, fi.Mode())
		}
		checkOnlyFiles(t, filepath.Dir(dev), "null")
	})

	t.Run("symlink to a directory", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		link := filepath.Join(dir, "out")
		if err := os.Symlink(t.TempDir(), link); err != nil {
			t.Fatal(err)
		}
		code, errOut := scan(t, link)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
		checkOneLine(t, errOut, "invalid --output "+link+": is a directory")
	})
}

// vanishingCrawl is a scan during which the directories dirs are removed,
// as a CI job's cleanup step or a full disk can do to a report directory.
func vanishingCrawl(partial bool, dirs ...string) func(context.Context, string, crawler.Options) (*crawler.Result, error) {
	return func(_ context.Context, target string, _ crawler.Options) (*crawler.Result, error) {
		for _, d := range dirs {
			os.RemoveAll(d)
		}
		res := gateResult(target)
		res.Partial = partial
		return res, nil
	}
}

// TestOutputFailureKeepsOthers: a report that cannot be written does not
// keep the others from being written, never hides a failing gate, and is
// named on stderr; with no failing finding it exits 2.
func TestOutputFailureKeepsOthers(t *testing.T) {
	t.Parallel()
	pol := writeFile(t, t.TempDir(), "cookies.yaml", gatePolicy)
	cases := []struct {
		name    string
		partial bool
		extra   []string
		exit    int
		stderr  []string
	}{
		{name: "gate fails", exit: 1,
			stderr: []string{"1 finding fails the gate (1 undeclared); the json report was not written: writing --output ", "the sarif report was not written", "(2 other reports written)"}},
		{name: "gate passes", extra: []string{"--fail-on", "none"}, exit: 2,
			stderr: []string{"cookieaudit: the json report was not written: writing --output ", ": no such file or directory; the sarif report was not written"}},
		{name: "report only", extra: []string{"--exit-code", "0"}, exit: 2,
			stderr: []string{"the json report was not written"}},
		{name: "scan incomplete", partial: true, extra: []string{"--fail-on", "none"}, exit: 2,
			stderr: []string{"the json report was not written", "(2 other reports written); scan stopped before visiting every page"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			gone1, gone2, kept := filepath.Join(dir, "gone1"), filepath.Join(dir, "gone2"), filepath.Join(dir, "kept")
			for _, d := range []string{gone1, gone2, kept} {
				if err := os.Mkdir(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			outs := []string{filepath.Join(gone1, "r.json"), filepath.Join(kept, "r.html"), filepath.Join(gone2, "r.sarif"), filepath.Join(kept, "r.md")}
			args := append([]string{"scan", "https://www.example.org/", "--policy", pol,
				"--format", "json,html,sarif,markdown", "-o", strings.Join(outs, ",")}, tc.extra...)
			code, _, errOut := gateRun(t, vanishingCrawl(tc.partial, gone1, gone2), nil, args...)
			if code != tc.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.exit, errOut)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			last := lines[len(lines)-1]
			for _, want := range tc.stderr {
				if !strings.Contains(last, want) {
					t.Errorf("the last line of stderr lacks %q:\n%s", want, last)
				}
			}
			checkOnlyFiles(t, kept, "r.html", "r.md")
			for _, p := range []string{outs[1], outs[3]} {
				if b, err := os.ReadFile(p); err != nil || len(b) == 0 {
					t.Errorf("%s not written: %v", p, err)
				}
			}
		})
	}
}
