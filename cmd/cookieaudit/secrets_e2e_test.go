package main

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// basicAuthFront is a TLS server on loopback in front of the fixture
// server: requests for host need the basic credentials user:pass (else
// 401 with a challenge, as a staging site behind basic authentication
// answers), other hosts pass as they are. It counts the requests it let
// through for host and those it refused.
type basicAuthFront struct {
	srv                *httptest.Server
	passed, challenged atomic.Int64
}

func newBasicAuthFront(t *testing.T, fx *fixtures.Server, host, user, pass string) *basicAuthFront {
	t.Helper()
	target := &url.URL{Scheme: "https", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(fx.Port()))}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host // the fixture server routes by Host
		},
		// The fixture server's certificate, on loopback.
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
	}
	f := &basicAuthFront{}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Host, host) {
			u, p, ok := r.BasicAuth()
			if !ok || u != user || p != pass {
				f.challenged.Add(1)
				w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
			f.passed.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// rules are the --host-resolver-rules that send every .test host to the
// front.
func (f *basicAuthFront) rules() string {
	return "MAP *.test " + f.srv.Listener.Addr().String()
}

// TestBinaryNoCredentials scans the demo portal, behind basic
// authentication, with the credentials in the target and the policy URL
// (https://user:secret@…), as a CI job scans a protected staging site. The
// browser uses them (the front lets the pages through, and the portal's
// cookies are recorded), and "secret" appears in no output: no report of
// any format, no annotation, debug log, warning or error on stderr, no
// report re-rendered by "report", no policy written by "policy extract".
func TestBinaryNoCredentials(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	fx := fixtures.NewServer()
	defer fx.Close()
	site := fixtures.Portal()
	front := newBasicAuthFront(t, fx, "www.portal.test", "user", "secret")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	withCreds := func(u string) string {
		return strings.Replace(u, "https://", "https://user:secret@", 1)
	}
	target, policyPage := withCreds(site.Start), withCreds(site.Policy)
	browse := []string{"--host-resolver-rules", front.rules(), "--insecure", "--page-timeout", "60s"}
	noSecret := func(t *testing.T, what, text string) {
		t.Helper()
		if i := strings.Index(text, "secret"); i >= 0 {
			t.Errorf("%s holds the credentials (%d times), first: …%s…", what, strings.Count(text, "secret"),
				text[max(0, i-80):min(len(text), i+20)])
		}
	}

	dir := t.TempDir()
	env := append(os.Environ(), "GITHUB_ACTIONS=true") // annotations on stderr too
	res := runBinaryEnv(ctx, t, bin, env, append([]string{"scan", target, "--policy", policyPage,
		"--consent", "none", "--wait", "auto", "--max-pages", "6", "-v",
		"--format", "table,json,html,markdown,sarif,junit", "--output-dir", dir}, browse...)...)
	// The portal breaks its own policy: findings fail the gate.
	res.wantExit(t, 1)
	if front.passed.Load() == 0 {
		t.Fatalf("the front let no request through (%d refused): the browser did not send the credentials", front.challenged.Load())
	}
	noSecret(t, "stdout", res.stdout)
	noSecret(t, "stderr", res.stderr)
	if !strings.Contains(res.stderr, "user:***@www.portal.test") {
		t.Errorf("stderr names no redacted URL (debug logs and annotations quote the pages):\n%s", res.stderr)
	}
	files, err := filepath.Glob(filepath.Join(dir, "cookieaudit.*"))
	if err != nil || len(files) != 6 {
		t.Fatalf("reports written: %v, %v; want 6", files, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		noSecret(t, filepath.Base(f), string(b))
	}

	rep := savedReport(t, filepath.Join(dir, "cookieaudit.json"))
	if want := "https://user:***@www.portal.test/"; rep.Target != want {
		t.Errorf("target %q, want %q", rep.Target, want)
	}
	if len(rep.Pages) == 0 || rep.Pages[0].Status != 200 {
		t.Errorf("start page %+v, want status 200: the front answers 401 without the credentials", rep.Pages)
	}
	seen := map[string]bool{}
	for _, c := range rep.Cookies {
		seen[c.Name] = true
	}
	if !seen["sessionid"] || !seen["csrftoken"] {
		t.Errorf("cookies %v: the portal's own cookies are missing, so its pages were not seen", seen)
	}
	if !strings.HasPrefix(rep.Policy, "https://user:***@www.portal.test/") {
		t.Errorf("policy %q, want the page's URL with its password redacted", rep.Policy)
	}

	// The saved report rendered again, to stdout.
	for _, format := range []string{"table", "markdown"} {
		res := runBinary(ctx, t, bin, "report", filepath.Join(dir, "cookieaudit.json"), "--format", format)
		res.wantExit(t, 0)
		noSecret(t, "report --format "+format, res.stdout+res.stderr)
	}

	// policy extract prints the page's URL in each entry's source.
	res = runBinary(ctx, t, bin, append([]string{"policy", "extract", policyPage}, browse...)...)
	res.wantExit(t, 0)
	noSecret(t, "policy extract", res.stdout+res.stderr)
	if !strings.Contains(res.stdout, "page: https://user:***@www.portal.test/pages/cookies-policy/") {
		t.Errorf("policy extract does not name its page, redacted:\n%s", res.stdout)
	}

	// Errors quote the URL too: a policy page that is not there.
	res = runBinary(ctx, t, bin, append([]string{"scan", target, "--policy", withCreds("https://www.portal.test/no-such-policy/"),
		"--consent", "none", "--wait", "auto", "--max-pages", "1"}, browse...)...)
	res.wantExit(t, 3)
	noSecret(t, "stderr of a missing policy page", res.stderr)
	if !strings.Contains(res.stderr, "user:***@www.portal.test/no-such-policy/") {
		t.Errorf("the error does not name the policy page:\n%s", res.stderr)
	}
}
