//go:build unix

package main

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// startOwnChromium starts a headless Chromium with a DevTools port on
// loopback, as a container or a browser pool runs one, mapping the fixture
// hosts to srv. It returns the DevTools address (http://127.0.0.1:PORT)
// and a channel closed when the process exits; the browser is killed when
// the test ends.
func startOwnChromium(t *testing.T, srv *fixtures.Server) (string, <-chan struct{}) {
	t.Helper()
	path, err := crawler.FindBrowser("")
	if err != nil {
		t.Fatal(err)
	}
	b, err := fixtures.StartDevToolsBrowser(path, t.TempDir(), srv.ChromiumFlags()...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Kill)
	return b.HTTPAddress(), b.Exited
}

// TestBinaryBrowserURL scans the portal, policy page included, in a
// Chromium started apart from cookieaudit (--browser-url): the report has
// the portal's cookies and the browser's version, and the browser still
// runs and answers afterwards. Flags that only a browser's start can
// honour are refused with it (more in TestRunUsageErrors), and an address
// where no browser listens exits 3 naming it.
func TestBinaryBrowserURL(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	addr, exited := startOwnChromium(t, srv)
	site := fixtures.Portal()

	out := filepath.Join(t.TempDir(), "scan.json")
	r := runBinary(ctx, t, bin, "scan", site.Start, "--browser-url", addr, "--policy", site.Policy,
		"--consent", "none", "--max-pages", "3", "--wait", "1s", "--page-timeout", "60s",
		"--fail-on", "none", "-f", "json", "-o", out)
	r.wantExit(t, 0)
	rep := savedReport(t, out)
	var names []string
	for _, c := range rep.Cookies {
		names = append(names, c.Name)
	}
	for _, want := range []string{"sessionid", "csrftoken", "cookies_preferences"} {
		if !slices.Contains(names, want) {
			t.Errorf("the report's cookies %v lack %s", names, want)
		}
	}
	if !strings.Contains(rep.Browser, "Chrome/") {
		t.Errorf("report browser %q, want the running browser's product", rep.Browser)
	}
	select {
	case <-exited:
		t.Fatal("the running browser exited with the scan")
	case <-time.After(time.Second):
	}
	resp, err := http.Get(addr + "/json/version")
	if err != nil {
		t.Fatalf("the browser no longer answers after the scan: %v", err)
	}
	resp.Body.Close()

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--browser-url", addr, "--insecure"}, 2, "--insecure cannot be used with --browser-url"},
		{[]string{"--browser-url", "http://127.0.0.1:9"}, 3, "127.0.0.1:9"},
	} {
		r := runBinary(ctx, t, bin, append([]string{"scan", site.Start}, tc.args...)...)
		r.wantExit(t, tc.code)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("cookieaudit scan %v: stderr %q, want it to say %q", tc.args, r.stderr, tc.want)
		}
	}
}
