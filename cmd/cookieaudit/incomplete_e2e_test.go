package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestBinaryStartPageFails runs the binary, with a real browser, on start
// pages that answer 404, 500, and a redirect that ends on a 404: the gate
// must not pass a scan that never happened. Each exits 3 with one line
// naming the URL and the status, writes no report, and visits none of the
// error page's links.
func TestBinaryStartPageFails(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	for _, sf := range fixtures.EdgeStartFailures() {
		t.Run(strings.TrimPrefix(sf.URL, "https://www.edge.test/"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "scan.json")
			// The default gate, as a CI job runs it.
			res := runBinary(ctx, t, bin, "scan", sf.URL, "--host-resolver-rules", srv.HostResolverRules(), "--insecure",
				"--page-timeout", "60s", "--wait", "0", "--format", "json,table", "-o", out+",-")
			res.wantExit(t, 3)
			last := lastLine(res.stderr)
			for _, want := range []string{"cookieaudit: loading " + sf.URL + ": ", "HTTP status " + strconv.Itoa(sf.Status)} {
				if !strings.Contains(last, want) {
					t.Errorf("last line of stderr %q does not say %q", last, want)
				}
			}
			if sf.FinalURL != sf.URL && !strings.Contains(last, "redirected to "+sf.FinalURL) {
				t.Errorf("last line of stderr %q does not say where the redirect ended", last)
			}
			if res.stdout != "" {
				t.Errorf("a report went to stdout:\n%s", res.stdout)
			}
			if b, err := os.ReadFile(out); err == nil {
				t.Errorf("a report was written:\n%s", b)
			}
		})
	}
	if n := srv.Hits("https://www.edge.test/"); n != 0 {
		t.Errorf("the home page, linked from the error pages, was visited %d times", n)
	}
}

// TestBinaryBrowserKilled kills the browser of a running scan (SIGKILL,
// as the out-of-memory killer does) while the first consent phase is on
// its third page. The scan cannot vouch for the site: it exits 3 (no
// finding fails with --fail-on none), its last line says the browser
// exited and how many pages were not visited, and its JSON report is
// partial and lists every page of every phase with its phase, the lost
// ones with why. No browser process or profile is left behind.
func TestBinaryBrowserKilled(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	tmp := t.TempDir() // the binary's TMPDIR: its profile and browser files
	out := filepath.Join(t.TempDir(), "scan.json")
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "scan", fixtures.Portal().Start,
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
		"--consent", "all", "--concurrency", "1", "--wait", "1s", "--page-timeout", "60s",
		"--fail-on", "none", "--format", "json", "-o", out)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.Dir = t.TempDir()
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The first phase visits the home page alone, then its links one by
	// one: kill the browser once the second of them is asked for.
	killed := false
	for !killed && ctx.Err() == nil {
		if srv.Hits("https://www.portal.test/i18n/setlang/?language=fr&next=/") > 0 {
			pid, err := childWith(cmd.Process.Pid, "--remote-debugging-port")
			if err != nil {
				t.Fatal(err)
			}
			if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
		time.Sleep(50 * time.Millisecond)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 3 {
		t.Fatalf("exit %d, want 3\nstderr:\n%s", code, stderr.String())
	}
	last := lastLine(stderr.String())
	for _, want := range []string{"the browser exited during the scan (signal: killed)", "pages were not visited"} {
		if !strings.Contains(last, want) {
			t.Errorf("last line of stderr %q does not say %q", last, want)
		}
	}
	t.Logf("stderr:\n%s", stderr.String())

	rep := savedReport(t, out)
	if !rep.Partial || rep.Gate == nil || rep.Gate.Outcome != "incomplete" {
		t.Errorf("partial %v, gate %+v; want a partial report whose gate is incomplete", rep.Partial, rep.Gate)
	}
	perPhase := map[string]int{}
	lost := map[string]int{}
	for _, p := range rep.Pages {
		perPhase[p.Phase]++
		switch {
		case p.Lost:
			lost[p.Phase]++
			if p.Error != "" || !strings.HasPrefix(p.LostReason, "not visited: the browser exited") {
				t.Errorf("lost page %s (%s): error %q, lostReason %q", p.URL, p.Phase, p.Error, p.LostReason)
			}
		case strings.Contains(p.Error, "browser"):
			t.Errorf("page %s (%s) counts as a page error: %q", p.URL, p.Phase, p.Error)
		}
	}
	for _, ph := range []string{"before-consent", "after-accept", "after-reject"} {
		if perPhase[ph] == 0 || perPhase[ph] != perPhase["before-consent"] || lost[ph] == 0 {
			t.Errorf("phase %s: %d pages of which %d lost; want the %d pages of the first phase, some lost", ph, perPhase[ph], lost[ph], perPhase["before-consent"])
		}
	}
	if len(perPhase) != 3 {
		t.Errorf("pages of phases %v, want the three phases", perPhase)
	}

	// Nothing of the browser is left: no process runs with the binary's
	// temporary directory, and the directory is empty.
	deadline := time.Now().Add(10 * time.Second)
	for {
		left := leftIn(tmp)
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("left behind: %s", strings.Join(left, "; "))
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// childWith returns the child process of ppid whose command line holds
// arg.
func childWith(ppid int, arg string) (int, error) {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		stat, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces.
		i := bytes.LastIndexByte(stat, ')')
		fields := strings.Fields(string(stat[i+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(ppid) {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join(filepath.Dir(p), "cmdline"))
		if err == nil && bytes.Contains(cmdline, []byte(arg)) {
			return strconv.Atoi(filepath.Base(filepath.Dir(p)))
		}
	}
	return 0, errors.New("no child process of the scan has " + arg)
}

// leftIn lists what is left of browsers that used dir: processes whose
// command line names it, and its entries.
func leftIn(dir string) []string {
	var left []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(dir)) {
			left = append(left, "process "+filepath.Base(filepath.Dir(p)))
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, "file "+e.Name())
	}
	return left
}
