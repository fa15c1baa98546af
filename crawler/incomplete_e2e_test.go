package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestCrawlStartFailures crawls from start pages that answer an HTTP
// error, directly or after a redirect: the target cannot be loaded, so
// Crawl returns a LoadError with the status and where the redirects
// ended, follows none of the page's links and runs no consent phase.
func TestCrawlStartFailures(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	for _, sf := range fixtures.EdgeStartFailures() {
		t.Run(strings.TrimPrefix(sf.URL, "https://www.edge.test/"), func(t *testing.T) {
			opts := fixtureOptions(t, srv)
			opts.Consent = crawler.ConsentAll // phases that must not run
			opts.Wait = crawler.NoWait
			res, err := crawler.Crawl(ctx, sf.URL, opts)
			var le *crawler.LoadError
			if !errors.As(err, &le) || !errors.Is(err, crawler.ErrIncomplete) {
				t.Fatalf("err = %v, want a LoadError wrapping ErrIncomplete", err)
			}
			if le.URL != sf.URL || le.Status != sf.Status || le.FinalURL != sf.FinalURL {
				t.Errorf("LoadError %+v, want URL %s, status %d, final URL %s", le, sf.URL, sf.Status, sf.FinalURL)
			}
			for _, want := range []string{sf.URL, strconv.Itoa(sf.Status)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %s", err, want)
				}
			}
			if res == nil || len(res.Pages) != 1 || res.Pages[0].Status != sf.Status || res.Pages[0].Lost {
				t.Fatalf("result %+v, want the one page that failed", res)
			}
			if len(res.Consent.Phases) != 1 || len(res.PhasePages) != 0 {
				t.Errorf("consent phases %v ran after a start page that failed", res.Consent.Phases)
			}
		})
	}
	if n := srv.Hits("https://www.edge.test/"); n != 0 {
		t.Errorf("the home page, linked from the error pages, was visited %d times", n)
	}
}

// TestCrawlBrowserKilled kills the browser (SIGKILL, as the kernel's
// out-of-memory killer does) while the first phase of a consent scan is
// on its fourth page. The pages not loaded, in every phase, are lost, not
// page errors; the result is partial, and the error says the browser
// exited and how.
func TestCrawlBrowserKilled(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	// The browser of this test, and no other test's, is found by a user
	// agent no other browser has, among the children of this process.
	marker := fmt.Sprintf("cookieaudit-kill-test-%d", time.Now().UnixNano())
	opts := ownBrowserOptions(srv)
	opts.Consent = crawler.ConsentAll
	opts.Concurrency = 1
	opts.Wait = time.Second
	opts.UserAgent = "Mozilla/5.0 " + marker
	var once sync.Once
	killed := make(chan error, 1)
	opts.Progress = func(ph crawler.Phase, done, planned, cookies int) {
		if ph == crawler.BeforeConsent && done == 3 {
			once.Do(func() { killed <- killChild(marker) })
		}
	}
	res, err := crawler.Crawl(ctx, fixtures.Portal().Start, opts)
	select {
	case kerr := <-killed:
		if kerr != nil {
			t.Fatalf("killing the browser: %v", kerr)
		}
	default:
		t.Fatalf("the scan ended before its browser was killed: %v", err)
	}

	var be *crawler.BrowserExitError
	if !errors.As(err, &be) || !errors.Is(err, crawler.ErrIncomplete) {
		t.Fatalf("err = %v, want a BrowserExitError wrapping ErrIncomplete", err)
	}
	if !strings.Contains(be.Status, "killed") {
		t.Errorf("exit status %q, want the signal", be.Status)
	}
	if res == nil || !res.Partial {
		t.Fatalf("result %+v, want a partial result", res)
	}
	if len(res.Consent.Phases) != 3 {
		t.Fatalf("phases %v, want all three (the banner was found before the kill)", res.Consent.Phases)
	}
	lost, visited := 0, 0
	for _, ph := range res.Consent.Phases {
		pages := res.Pages
		if ph != crawler.BeforeConsent {
			pages = res.PhasePages[ph]
		}
		if len(pages) != len(res.Pages) {
			t.Errorf("phase %s lists %d pages, want the %d the first phase planned", ph, len(pages), len(res.Pages))
		}
		phaseLost := 0
		for i, p := range pages {
			if i < len(res.Pages) && p.URL != res.Pages[i].URL {
				t.Errorf("phase %s page %d is %s, want %s", ph, i, p.URL, res.Pages[i].URL)
			}
			if p.Phase != ph {
				t.Errorf("page %s of phase %s says phase %q", p.URL, ph, p.Phase)
			}
			switch {
			case p.Lost:
				phaseLost++
				if !strings.HasPrefix(p.Error, "not visited: the browser exited") {
					t.Errorf("lost page %s (%s): error %q, want why it was not visited", p.URL, ph, p.Error)
				}
			case p.Error != "":
				t.Errorf("page %s (%s) is a page error, %q, not a lost page", p.URL, ph, p.Error)
			default:
				visited++
			}
		}
		if phaseLost == 0 {
			t.Errorf("phase %s lost no page", ph)
		}
		lost += phaseLost
	}
	if be.Lost != lost || be.Planned != lost+visited {
		t.Errorf("error counts %d of %d pages lost, the result %d of %d", be.Lost, be.Planned, lost, lost+visited)
	}
	t.Logf("%v", err)
}

// killChild sends SIGKILL to the child process of this test process whose
// command line holds marker: the browser a test started, and only it.
func killChild(marker string) error {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		stat, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so read after
		// its closing parenthesis.
		i := strings.LastIndexByte(string(stat), ')')
		fields := strings.Fields(string(stat[i+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(os.Getpid()) {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join(filepath.Dir(p), "cmdline"))
		if err != nil || !strings.Contains(string(cmdline), marker) {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		return syscall.Kill(pid, syscall.SIGKILL)
	}
	return errors.New("no browser process with the marker")
}
