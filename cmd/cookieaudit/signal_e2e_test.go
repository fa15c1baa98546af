package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// interruptBound is how long a command may take to exit after a signal.
// It is a liveness bound, not a measure: the commands return at once
// (a scan first closes its browser and writes its report).
const interruptBound = 20 * time.Second

// interrupted is a binary run that got a signal once ready.
type interrupted struct {
	code           int
	stdout, stderr string
}

// runInterrupted starts the binary with args in dir, with TMPDIR set to
// tmp (where Chromium's profiles go), waits until ready returns, sends
// sig, and waits for the exit, failing the test when it does not come
// within interruptBound.
func runInterrupted(t *testing.T, bin, dir, tmp string, sig syscall.Signal, ready func(context.Context) error, args ...string) interrupted {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()

	wait, cancel := context.WithCancel(t.Context())
	defer cancel()
	readyErr := make(chan error, 1)
	go func() { readyErr <- ready(wait) }()
	select {
	case err := <-readyErr:
		if err != nil {
			t.Fatalf("cookieaudit %s: never got ready: %v\nstderr:\n%s", strings.Join(args, " "), err, stderr.String())
		}
	case err := <-exited:
		t.Fatalf("cookieaudit %s exited (%v) before the signal\nstderr:\n%s", strings.Join(args, " "), err, stderr.String())
	}

	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	var err error
	select {
	case err = <-exited:
	case <-time.After(interruptBound):
		t.Fatalf("cookieaudit %s: still running %s after %s", strings.Join(args, " "), interruptBound, sig)
	}
	res := interrupted{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		res.code = ee.ExitCode()
	default:
		t.Fatalf("cookieaudit %s: %v (killed by the signal?)\nstderr:\n%s", strings.Join(args, " "), err, res.stderr)
	}
	t.Logf("cookieaudit %s: exit %d, %s after %s", args[0], res.code, time.Since(signalled).Round(10*time.Millisecond), sig)
	return res
}

// wantInterrupted checks the outcome every interrupted command shares:
// exit 3, and one line on stderr that says it was interrupted.
func (r interrupted) wantInterrupted(t *testing.T) {
	t.Helper()
	if r.code != 3 {
		t.Errorf("exit %d, want 3\nstderr:\n%s", r.code, r.stderr)
	}
	last := strings.TrimSpace(r.stderr)
	if i := strings.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	if !strings.HasPrefix(last, "cookieaudit: ") || !strings.Contains(last, "interrupted") {
		t.Errorf("last line of stderr %q does not say the command was interrupted\nstderr:\n%s", last, r.stderr)
	}
}

// profileDir is a temporary directory for the browser profiles of one
// run: short, since Chromium refuses a profile whose socket path is long
// (t.TempDir's names are).
func profileDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ca-sig-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// noBrowserLeft fails when a browser process still runs with a profile
// under tmp, or a profile directory is left there.
func noBrowserLeft(t *testing.T, tmp string) {
	t.Helper()
	var problems []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		problems = problems[:0]
		procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range procs {
			if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(tmp)) {
				problems = append(problems, "process "+filepath.Base(filepath.Dir(p))+" still runs with a profile of the scan")
			}
		}
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			problems = append(problems, "left in the temporary directory: "+e.Name())
		}
		if len(problems) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestBinaryInterruptedPolicyFile sends SIGINT and SIGTERM to the binary
// while it reads a policy file that never ends (a FIFO whose writer sends
// nothing: the read blocks for ever, as parsing a huge policy once took
// minutes). policy extract and scan --policy exit at once with exit 3 and
// say they were interrupted; extract writes nothing, and leaves the file
// of -o as it was. No browser is needed: the policy is read first.
func TestBinaryInterruptedPolicyFile(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	cases := []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"policy extract, SIGINT", syscall.SIGINT, []string{"policy", "extract"}},
		{"policy extract -o, SIGTERM", syscall.SIGTERM, []string{"policy", "extract", "-o", "kept.yaml"}},
		{"scan --policy, SIGINT", syscall.SIGINT, []string{"scan", "https://www.example.test/", "--chrome", "/nonexistent/chromium", "-o", "kept.yaml", "--policy"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			kept := filepath.Join(dir, "kept.yaml")
			if err := os.WriteFile(kept, []byte("previous\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			fifo, opened := blockingFIFO(t)
			res := runInterrupted(t, bin, dir, profileDir(t), tc.sig, opened, append(tc.args, fifo)...)
			res.wantInterrupted(t)
			if !strings.Contains(res.stderr, "reading policy "+fifo+" interrupted") {
				t.Errorf("stderr does not name the policy being read:\n%s", res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout %q, want nothing", res.stdout)
			}
			if b, err := os.ReadFile(kept); err != nil || string(b) != "previous\n" {
				t.Errorf("-o file after the interrupt: %q, %v; want it unchanged", b, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("files left in the working directory: %v", entries)
			}
		})
	}
}

// TestBinaryInterruptedBrowser interrupts commands while the browser
// waits for a page that never answers: policy extract of such a page, a
// scan whose policy page it is, and a scan on a page that never finishes
// loading after the start page loaded. Each exits 3 at once, says it was
// interrupted, and leaves no browser or profile behind; the last writes
// the report of the page it visited, marked partial.
func TestBinaryInterruptedBrowser(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	browse := []string{"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--page-timeout", "90s"}
	// hit waits for a new request for url: one more than when it was called.
	hit := func(url string) func(context.Context) error {
		before := srv.Hits(url)
		return func(ctx context.Context) error {
			for srv.Hits(url) == before {
				select {
				case <-ctx.Done():
					return errors.New(url + " was never requested")
				case <-time.After(50 * time.Millisecond):
				}
			}
			return nil
		}
	}
	const hang = "https://www.edge.test/hang"

	t.Run("policy extract of a page that hangs", func(t *testing.T) {
		tmp := profileDir(t)
		res := runInterrupted(t, bin, t.TempDir(), tmp, syscall.SIGINT, hit(hang),
			append([]string{"policy", "extract", hang}, browse...)...)
		res.wantInterrupted(t)
		if !strings.Contains(res.stderr, "rendering policy page "+hang+" interrupted") {
			t.Errorf("stderr does not name the page being rendered:\n%s", res.stderr)
		}
		if res.stdout != "" {
			t.Errorf("stdout %q, want nothing", res.stdout)
		}
		noBrowserLeft(t, tmp)
	})

	t.Run("scan whose policy page hangs", func(t *testing.T) {
		tmp := profileDir(t)
		res := runInterrupted(t, bin, t.TempDir(), tmp, syscall.SIGTERM, hit(hang),
			append([]string{"scan", "https://www.edge.test/", "--policy", hang}, browse...)...)
		res.wantInterrupted(t)
		noBrowserLeft(t, tmp)
	})

	t.Run("scan on a page that never loads", func(t *testing.T) {
		tmp, dir := profileDir(t), t.TempDir()
		res := runInterrupted(t, bin, dir, tmp, syscall.SIGINT, hit("https://www.edge.test/never-loads/"),
			append([]string{"scan", "https://www.edge.test/", "--consent", "none", "--concurrency", "1",
				"--format", "json", "-o", "partial.json"}, browse...)...)
		res.wantInterrupted(t)
		rep := savedReport(t, filepath.Join(dir, "partial.json"))
		if !rep.Partial {
			t.Error("the report of an interrupted scan is not marked partial")
		}
		loaded := false
		for _, p := range rep.Pages {
			loaded = loaded || (p.URL == "https://www.edge.test/" && p.Status == 200)
		}
		if !loaded {
			t.Errorf("the report lacks the start page, visited before the interrupt: %+v", rep.Pages)
		}
		noBrowserLeft(t, tmp)
	})
}
