package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/report"
)

// TestBinaryLogin scans a staging site behind a login form with the
// binary: with --login (the password from the environment) the account
// page is crawled and its cookie found, and the password is written
// nowhere; without it, the account page redirects to the form; a session
// preset with --cookie opens it too and is not reported; a login that does
// not get through stops the scan (exit 3) naming the step.
func TestBinaryLogin(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	dir := t.TempDir()
	steps := func(name string) string {
		return writeFile(t, dir, name, `- goto: `+fixtures.LoginForm+`
- fill: "#user"
  value: `+fixtures.LoginUser+`
- fill: "#password"
  env: CA_LOGIN_PASSWORD
- click: "#submit"
- wait: "#account"
`)
	}
	scan := func(password string, args ...string) (binaryResult, string) {
		out := filepath.Join(t.TempDir(), "scan.json")
		env := append(os.Environ(), "CA_LOGIN_PASSWORD="+password)
		all := append([]string{"scan", fixtures.LoginHome, "--host-resolver-rules", srv.HostResolverRules(), "--insecure",
			"--consent", "none", "--wait", "500ms", "--page-timeout", "60s", "--fail-on", "none", "-f", "json", "-o", out}, args...)
		return runBinaryEnv(ctx, t, bin, env, all...), out
	}
	account := func(rep *report.Report) (status int, final string) {
		for _, p := range rep.Pages {
			if p.URL == fixtures.LoginAccount {
				return p.Status, p.FinalURL
			}
		}
		return 0, ""
	}
	hasCookie := func(rep *report.Report, name string) bool {
		for _, c := range rep.Cookies {
			if c.Name == name {
				return true
			}
		}
		return false
	}

	// -v: not even the debug logs may show the password.
	r, out := scan(fixtures.LoginPassword, "--login", steps("login.yaml"), "-v")
	r.wantExit(t, 0)
	rep := savedReport(t, out)
	// The report leaves finalUrl out when it is the page's own URL.
	if status, final := account(rep); status != 200 || (final != "" && final != fixtures.LoginAccount) {
		t.Errorf("logged in, the account page answered %d at %q, want 200 at %s", status, final, fixtures.LoginAccount)
	}
	if !hasCookie(rep, "account_pref") {
		t.Errorf("logged in, the account page's cookie account_pref is missing")
	}
	// The session the login got is reported with who set it: the form's
	// response, seen on the page where the login ended.
	for _, c := range rep.Cookies {
		if c.Name == "login_session" && (c.SetBy != "header" || c.Source != fixtures.LoginForm || c.FirstSeenOn != fixtures.LoginAccount) {
			t.Errorf("login_session: set by %q from %q, first seen on %q; want header from %s, first seen on %s",
				c.SetBy, c.Source, c.FirstSeenOn, fixtures.LoginForm, fixtures.LoginAccount)
		}
	}
	if !hasCookie(rep, "login_session") {
		t.Errorf("logged in, the session cookie login_session is missing")
	}
	b, _ := os.ReadFile(out)
	for _, where := range []string{r.stdout, r.stderr, string(b)} {
		if strings.Contains(where, fixtures.LoginPassword) {
			t.Errorf("the password appears in the output: %.300s", where)
		}
	}

	r, out = scan(fixtures.LoginPassword)
	r.wantExit(t, 0)
	rep = savedReport(t, out)
	if _, final := account(rep); final != fixtures.LoginForm {
		t.Errorf("without --login, the account page ended at %q, want the form %s", final, fixtures.LoginForm)
	}
	if hasCookie(rep, "account_pref") {
		t.Errorf("without --login, account_pref was set")
	}

	// A session preset with --cookie opens the account page too; the
	// preset cookie is not the site's, and its value is written nowhere.
	r, out = scan("", "--cookie", "login_session="+fixtures.LoginSession, "--show-values")
	r.wantExit(t, 0)
	rep = savedReport(t, out)
	if status, final := account(rep); status != 200 || (final != "" && final != fixtures.LoginAccount) {
		t.Errorf("with the session preset, the account page answered %d at %q, want 200 at %s", status, final, fixtures.LoginAccount)
	}
	if !hasCookie(rep, "account_pref") || hasCookie(rep, "login_session") {
		t.Errorf("with the session preset: account_pref %v (want it), login_session %v (want it left out)", hasCookie(rep, "account_pref"), hasCookie(rep, "login_session"))
	}
	b, _ = os.ReadFile(out)
	for _, where := range []string{r.stdout, r.stderr, string(b)} {
		if strings.Contains(where, fixtures.LoginSession) {
			t.Errorf("the preset cookie's value appears in the output: %.300s", where)
		}
	}

	r, _ = scan("wrong password", "--login", steps("login.yaml"), "--page-timeout", "5s")
	r.wantExit(t, 3)
	if want := `login.yaml:7 wait "#account": not done after 5s (--page-timeout)`; !strings.Contains(r.stderr, want) {
		t.Errorf("a failed login: stderr %q, want it to name the step (%s)", r.stderr, want)
	}
}

// TestBinaryHeader scans a staging site that answers only requests with
// its header: with --header the gated page loads and its cookie is found,
// and the image it embeds from another site is requested without the
// header; the header's value is written nowhere. Without it, the start
// page's 403 stops the scan.
func TestBinaryHeader(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	scan := func(args ...string) (binaryResult, string) {
		out := filepath.Join(t.TempDir(), "scan.json")
		all := append([]string{"scan", fixtures.LoginGated, "--host-resolver-rules", srv.HostResolverRules(), "--insecure",
			"--consent", "none", "--wait", "1s", "--max-pages", "1", "--page-timeout", "60s", "--fail-on", "none", "-f", "json", "-o", out}, args...)
		return runBinary(ctx, t, bin, all...), out
	}

	r, out := scan("--header", fixtures.LoginHeaderName+": "+fixtures.LoginHeaderValue, "-v")
	r.wantExit(t, 0)
	rep := savedReport(t, out)
	if len(rep.Pages) == 0 || rep.Pages[0].Status != 200 {
		t.Fatalf("with the header, pages %+v; want the gated page with status 200", rep.Pages)
	}
	found := false
	for _, c := range rep.Cookies {
		found = found || c.Name == "gated_pref"
	}
	if !found {
		t.Errorf("with the header, the gated page's cookie gated_pref is missing")
	}
	if n := srv.Hits(fixtures.LoginThirdSaw); n != 0 {
		t.Errorf("the other site's image got the header (%d requests)", n)
	}
	if n := srv.Hits(fixtures.LoginThirdDidNot); n == 0 {
		t.Errorf("the other site's image was not requested: the test proves nothing")
	}
	b, _ := os.ReadFile(out)
	for _, where := range []string{r.stdout, r.stderr, string(b)} {
		if strings.Contains(where, fixtures.LoginHeaderValue) {
			t.Errorf("the header's value appears in the output: %.300s", where)
		}
	}

	// The headers of a request the scan changes keep its cookies: the
	// account page, which needs the preset session, loads with a header.
	out = filepath.Join(t.TempDir(), "account.json")
	r = runBinary(ctx, t, bin, "scan", fixtures.LoginAccount, "--host-resolver-rules", srv.HostResolverRules(), "--insecure",
		"--consent", "none", "--wait", "0", "--max-pages", "1", "--page-timeout", "60s", "--fail-on", "none", "-f", "json", "-o", out,
		"--header", fixtures.LoginHeaderName+": "+fixtures.LoginHeaderValue, "--cookie", "login_session="+fixtures.LoginSession)
	r.wantExit(t, 0)
	if rep := savedReport(t, out); len(rep.Pages) == 0 || rep.Pages[0].Status != 200 || rep.Pages[0].FinalURL != "" {
		t.Errorf("the account page with a header and the preset session: %+v, want 200 without a redirect", rep.Pages)
	}

	r, _ = scan()
	r.wantExit(t, 3)
	if !strings.Contains(r.stderr, "403") {
		t.Errorf("without the header: stderr %q, want the start page's 403", r.stderr)
	}
}
