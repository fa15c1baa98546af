package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// browserNames are the executables looked up on PATH, in order.
//
// Chromium's headless shell comes first: the same engine (Blink, V8, the
// network stack and its cookie rules) built for automation, without the
// desktop browser's windows, tab helpers and profile services. Each browser
// context, and a scan starts one per consent phase, costs it about a third
// of the CPU that the desktop build spends (measured on the consent
// replicas: 20 CPU-seconds against 66 for the same eleven sites).
var browserNames = []string{
	"chromium-headless-shell", "chrome-headless-shell",
	"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
}

// FindBrowser returns the Chromium executable to use: path when not empty,
// else $CHROME_PATH, else the first of chromium-headless-shell,
// chrome-headless-shell, chromium, chromium-browser, google-chrome on PATH.
// The error wraps ErrNoBrowser.
func FindBrowser(path string) (string, error) {
	if path == "" {
		path = os.Getenv("CHROME_PATH")
	}
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("browser %q: %w: %w", path, err, ErrNoBrowser)
		}
		return p, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: none of %s found on PATH (install Debian's package \"chromium\" or \"chromium-headless-shell\", or give --chrome PATH or CHROME_PATH)",
		ErrNoBrowser, strings.Join(browserNames[:5], ", "))
}

// session is one running browser with the connection tap in front of it.
type session struct {
	ctx     context.Context // the browser's first tab; parent of every scan context
	cancel  context.CancelFunc
	tap     *tap
	version string

	mu       sync.Mutex
	cmd      *exec.Cmd // the browser process, once started
	prefsErr error     // writing the profile's preferences failed
}

// exitStatus says how the browser process ended ("exit status 1",
// "signal: killed"), "" when it did not run or is unknown. Call it after
// cancel, which waits for the process to be reaped.
func (s *session) exitStatus() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil || s.cmd.ProcessState == nil {
		return ""
	}
	return s.cmd.ProcessState.String()
}

// browserFlags are the flags a started browser gets beyond chromedp's
// defaults: they keep Chromium's own traffic (updates, field trials, safe
// browsing) out of the scan, fail fast on a closed network, and give every
// window the size of a common laptop screen.
//
// disable-features keeps chromedp's list and adds the spare renderer:
// Chromium starts a renderer process ahead of the next navigation, which a
// crawl, whose tabs go from page to page and whose phases each start a
// browser context, mostly never uses. Without it a consent replica's three
// phases start half the processes and cost about 6% less CPU.
//
// disable-blink-features=AutomationControlled keeps navigator.webdriver
// false, as in a visitor's browser: a headless Chromium driven over the
// protocol sets it, and consent libraries hide their banners from it
// (cookieconsent v3's default hideFromBots), so the scan would audit a
// site no visitor sees.
var browserFlags = []chromedp.ExecAllocatorOption{
	chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,SpareRendererForSitePerProcess"),
	chromedp.Flag("disable-blink-features", "AutomationControlled"),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-domain-reliability", true),
	chromedp.Flag("no-pings", true),
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("mute-audio", true),
	chromedp.Flag("hide-scrollbars", true),
	chromedp.WindowSize(1280, 900),
}

// startBrowser starts a headless Chromium with a fresh temporary profile.
// The profile directory and every process of the browser are removed when
// the returned session's cancel is called.
func startBrowser(ctx context.Context, opts Options) (*session, error) {
	path, err := FindBrowser(opts.BrowserPath)
	if err != nil {
		return nil, err
	}
	s := new(session)
	var tapMu sync.Mutex
	dial := func(ctx context.Context, wsURL string) (chromedp.Transport, error) {
		conn, err := remote.DialContext(ctx, wsURL)
		if err != nil {
			return nil, err
		}
		t := newTap(conn)
		tapMu.Lock()
		s.tap = t
		tapMu.Unlock()
		return t, nil
	}
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WithDialer(dial),
		chromedp.WSURLReadTimeout(browserStartTimeout),
	)
	allocOpts = append(allocOpts, browserFlags...)
	allocOpts = append(allocOpts,
		chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) {
			setProcAttr(cmd)
			err := writeProfilePrefs(cmd.Args)
			s.mu.Lock()
			s.cmd, s.prefsErr = cmd, err
			s.mu.Unlock()
		}),
	)
	if opts.HostResolverRules != "" {
		allocOpts = append(allocOpts, chromedp.Flag("host-resolver-rules", opts.HostResolverRules))
	}
	if opts.BlockThirdPartyCookies {
		// Chromium's switch for its third-party cookie phase-out blocks
		// them in both builds, over the profile preferences, which the
		// headless shell does not read (the cookie's blocked reason is
		// then ThirdPartyPhaseout).
		allocOpts = append(allocOpts, chromedp.Flag("test-third-party-cookie-phaseout", true))
	}
	if opts.Insecure {
		allocOpts = append(allocOpts, chromedp.IgnoreCertErrors)
	}
	ua := opts.UserAgent
	if ua == "" {
		ua = visitorUserAgent(ctx, path)
	}
	if ua != "" {
		allocOpts = append(allocOpts, chromedp.UserAgent(ua))
	}
	// Chromium keeps its shared-memory files in TMPDIR (chromedp turns
	// /dev/shm off) and leaves some behind when it is killed: give it a
	// directory of its own, removed once the browser is gone.
	tmp, err := os.MkdirTemp("", "ca-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary directory for the browser: %w", err)
	}
	allocOpts = append(allocOpts, chromedp.Env("TMPDIR="+tmp))
	allocCtx, allocCancel := chromedp.NewExecAllocator(ctx, allocOpts...)
	// chromedp reports its own troubles (a tab whose document it could not
	// read as the scan stopped) with the log package, on stderr, where the
	// command writes one line per error: they go to the debug log instead.
	bctx, bcancel := browserContext(allocCtx, opts.Logger)
	s.ctx = bctx
	s.cancel = func() {
		bcancel()
		allocCancel() // waits for the browser process and its profile removal
		os.RemoveAll(tmp)
	}
	// Start the browser with no deadline: the first Do binds the browser's
	// life to the context it runs with.
	if err := chromedp.Do(bctx); err != nil {
		s.cancel() // waits for the process: its exit status is known after
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("starting the browser %s: %s: %w", path, s.startFailure(ctx, err), ErrNoBrowser)
	}
	s.mu.Lock()
	prefsErr := s.prefsErr
	s.mu.Unlock()
	if prefsErr != nil {
		// Without its preferences the desktop build would block
		// third-party cookies that a default desktop browser stores.
		s.cancel()
		return nil, fmt.Errorf("preparing the browser profile: %w: %w", prefsErr, ErrNoBrowser)
	}
	s.readVersion()
	if s.tap == nil {
		s.cancel()
		return nil, errors.New("browser connection has no tap")
	}
	return s, nil
}

// browserContext is the context of a browser's first tab, whose own
// troubles chromedp reports to the debug log.
func browserContext(allocCtx context.Context, logger *slog.Logger) (context.Context, context.CancelFunc) {
	logf := func(format string, args ...any) { logger.Debug("chromedp: " + fmt.Sprintf(format, args...)) }
	return chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf), chromedp.WithLogf(logf))
}

// readVersion asks the browser for its product and version.
func (s *session) readVersion() {
	if v, err := chromedp.CallBrowser(s.ctx, browser.GetVersion, cdp.Empty{}); err == nil {
		s.version = v.Product
	}
}

// startFailure says why the browser did not start, from chromedp's error
// and the process's exit status: chromedp only says "chrome failed to
// start:" followed by what it read of the process's output, which may be
// cut short (see rerunForOutput). Call it after cancel.
func (s *session) startFailure(ctx context.Context, err error) string {
	output, exited := strings.CutPrefix(err.Error(), "chrome failed to start:")
	if !exited {
		return err.Error() // it did not start at all, or hung
	}
	msg := "it exited before it was ready"
	if status := s.exitStatus(); status != "" {
		msg = "it ended (" + status + ") before it was ready"
	}
	// What chromedp read can be cut anywhere: start again for all of it.
	s.mu.Lock()
	cmd := s.cmd
	s.mu.Unlock()
	if cmd != nil {
		if again := rerunForOutput(ctx, cmd); strings.TrimSpace(again) != "" {
			output = again
		}
	}
	last := lastLines(output, 5)
	if last != "" {
		msg += "; its last output: " + strconv.Quote(last)
		if strings.Contains(output, "No usable sandbox") {
			msg += sandboxHint
		}
		return msg
	}
	return msg + ", printing nothing"
}

// browserStartTimeout is how long Chromium may take to say it is ready.
// chromedp's default, 20 seconds, is passed on a loaded machine (a CI
// runner whose other jobs keep its cores busy: it was seen so), and a
// browser that never starts is told all the same, only later.
const browserStartTimeout = time.Minute

// sandboxHint follows the error of a Chromium that found no sandbox to
// use: run as a user other than root, it builds its sandbox from user
// namespaces, which a container's default seccomp profile refuses.
const sandboxHint = " (Chromium, run as a user other than root, needs user namespaces for its sandbox: " +
	"in a container, allow them with a seccomp profile such as deploy/kubernetes/seccomp/cookieaudit-chromium.json; " +
	"on the host, allow unprivileged user namespaces)"

// lastLines returns the last n lines of s that are not blank, each cut to
// 200 bytes, joined by " | ".
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			for i := range l {
				if i > 200 {
					l = l[:i] + "…"
					break
				}
			}
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// writeProfilePrefs writes the profile preferences before Chromium starts.
// The desktop build of Chromium here blocks third-party cookies by default;
// a default desktop browser does not, and an audit must see what such a
// browser stores, so the preferences allow them. (The headless shell
// ignores the file and allows them too.) --block-third-party-cookies
// blocks them with a switch instead, in both builds (see startBrowser).
func writeProfilePrefs(args []string) error {
	var dir string
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "--user-data-dir="); ok {
			dir = v
		}
	}
	if dir == "" {
		return errors.New("the browser's command line names no profile directory (--user-data-dir)")
	}
	prefs := map[string]any{
		"profile": map[string]any{
			"cookie_controls_mode":      0, // allow all cookies
			"block_third_party_cookies": false,
		},
	}
	buf, err := json.Marshal(prefs)
	if err != nil {
		return err
	}
	def := filepath.Join(dir, "Default")
	if err := os.MkdirAll(def, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(def, "Preferences"), buf, 0o600)
}
