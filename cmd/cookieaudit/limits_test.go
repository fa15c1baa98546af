package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/policy"
)

// TestStderrRedactsCredentials runs, in-process, command lines whose
// errors quote a URL with credentials: stderr names the URL with its
// password (or lone user name, often a token) replaced.
func TestStderrRedactsCredentials(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"invalid target URL", []string{"scan", "https://user:secret@exa mple.test/"}, `invalid URL "https://user:***@exa mple.test/"`},
		{"kb update over plain http", []string{"kb", "update", "--url", "http://secret@example.org/db.csv"}, `invalid --url "http://***@example.org/db.csv"`},
		{"missing policy file named like a URL", []string{"policy", "extract", "./https://user:secret@example.org/"}, "https://user:***@example.org/ does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errOut)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errOut.String())
			}
			if strings.Contains(errOut.String()+out.String(), "secret") {
				t.Errorf("credentials written: stdout %q, stderr %q", out.String(), errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.want) {
				t.Errorf("stderr %q, want it to contain %q", errOut.String(), tc.want)
			}
		})
	}
}

// TestRedactingWriter: every write is redacted whole and reports the
// length it was given, as io.Writer requires, whatever it wrote.
func TestRedactingWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := redactingWriter{&buf}
	for _, s := range []string{"cookieaudit: loading https://u:pw@h/: net::ERR\n", "plain line\n"} {
		n, err := w.Write([]byte(s))
		if err != nil || n != len(s) {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", s, n, err, len(s))
		}
	}
	if want := "cookieaudit: loading https://u:***@h/: net::ERR\nplain line\n"; buf.String() != want {
		t.Errorf("wrote %q, want %q", buf.String(), want)
	}
	if isTerminal(w) {
		t.Error("a buffer behind redactingWriter is a terminal")
	}
}

// TestPolicySizeLimit: a policy file larger than policy.MaxSize is an
// input error (exit 2) naming the file and the limit, for policy extract
// and for scan --policy, before any browser starts (--chrome names none
// that exists).
func TestPolicySizeLimit(t *testing.T) {
	t.Parallel()
	big := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size is refused before a byte is read.
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := big + ": 50.0 MiB, more than the 16 MiB limit of a policy file or page"
	for _, args := range [][]string{
		{"policy", "extract", big},
		{"scan", "https://www.example.test/", "--policy", big, "--chrome", "/nonexistent/chromium"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (stderr %q)", args[0], code, errOut.String())
		}
		checkOneLine(t, errOut.String(), want)
		if out.Len() > 0 {
			t.Errorf("%s: wrote %q to stdout", args[0], out.String())
		}
	}

	// A device has no size: it is read as far as the limit.
	_, err = readPolicyFile("/dev/zero")
	var se *policy.SizeError
	if !errors.As(err, &se) || err.Error() != "/dev/zero: more than the 16 MiB limit of a policy file or page" {
		t.Errorf("readPolicyFile(/dev/zero) error = %v, want a *policy.SizeError", err)
	}
}

// blockingFIFO makes a FIFO and returns its path and a function that
// waits until a reader has opened it, then keeps a writer on it that
// writes nothing, so that the reader blocks in read until the test ends.
func blockingFIFO(t *testing.T) (string, func(ctx context.Context) error) {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "policy.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	return fifo, func(ctx context.Context) error {
		for {
			// Opening for writing without blocking fails (ENXIO) until a
			// reader has the FIFO open.
			fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0)
			if err == nil {
				// Closed at the end of the test: the reader gets EOF then.
				t.Cleanup(func() { syscall.Close(fd) })
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("nobody opened %s: %w", fifo, ctx.Err())
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
}

// TestInputInterrupted cancels, as Ctrl-C does, commands whose input is a
// FIFO that never delivers (a read that blocks for ever, as a huge
// policy's parse once took minutes): policy extract and scan reading their
// policy, report and diff their JSON report. Each returns at once with exit
// 3, says it was interrupted and what it was reading, and writes nothing
// to stdout. In-process; TestBinaryInterruptedPolicyFile sends real
// signals.
func TestInputInterrupted(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string // "FIFO" is replaced by the FIFO's path
		want string   // %s is the FIFO's path
	}{
		{"policy extract", []string{"policy", "extract", "FIFO"}, "reading policy %s interrupted: interrupt signal received"},
		{"scan --policy", []string{"scan", "https://www.example.test/", "--chrome", "/nonexistent/chromium", "--policy", "FIFO"},
			"reading policy %s interrupted: interrupt signal received"},
		{"report", []string{"report", "FIFO"}, "reading %s interrupted: interrupt signal received"},
		{"diff", []string{"diff", "FIFO", "/nonexistent/new.json"}, "reading %s interrupted: interrupt signal received"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fifo, opened := blockingFIFO(t)
			var args []string
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "FIFO", fifo))
			}
			// The cause NotifyContext gives, which wraps context.Canceled.
			ctx, cancel := context.WithCancelCause(context.Background())
			go func() {
				wait, stop := context.WithTimeout(context.Background(), time.Minute)
				defer stop()
				if err := opened(wait); err != nil {
					t.Error(err)
				}
				cancel(fmt.Errorf("interrupt signal received: %w", context.Canceled))
			}()
			var out, errOut bytes.Buffer
			exit := make(chan int, 1)
			go func() { exit <- run(ctx, args, &out, &errOut) }()
			var code int
			select {
			case code = <-exit:
			case <-time.After(30 * time.Second): // liveness, not timing: it returns at once
				t.Fatal("still running 30 s after the interrupt")
			}
			if code != 3 {
				t.Errorf("exit %d, want 3 (stderr %q)", code, errOut.String())
			}
			checkOneLine(t, errOut.String(), fmt.Sprintf(tc.want, fifo))
			if out.Len() > 0 {
				t.Errorf("wrote %q to stdout", out.String())
			}
		})
	}
}

// TestKBUpdateInterrupted cancels, as Ctrl-C does, a kb update whose
// server never answers: it exits 3 at once and says it was interrupted.
func TestKBUpdateInterrupted(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() {
		<-arrived
		cancel(fmt.Errorf("interrupt signal received: %w", context.Canceled))
	}()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"kb", "update", "--url", srv.URL + "/db.csv", "--cache-dir", t.TempDir()}, &out, &errOut)
	if code != 3 {
		t.Errorf("exit %d, want 3 (stderr %q)", code, errOut.String())
	}
	checkOneLine(t, errOut.String(), "downloading the Open Cookie Database interrupted: interrupt signal received")
}
