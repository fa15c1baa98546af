package crawler

import (
	"context"
	"os/exec"
	"regexp"
	"runtime"
	"sync"
	"time"
)

// A headless Chromium says "HeadlessChrome" in its User-Agent, and the
// bot lists that sites and consent libraries use (crawler-user-agents,
// isbot) name it: such a site may hide its banner or its tags from the
// scan, which would then audit a site no visitor sees. A started browser
// sends the User-Agent of a desktop Chrome of its own version instead, in
// the reduced form browsers send today ("Chrome/156.0.0.0"), unless
// Options.UserAgent says otherwise.

var (
	chromeVersion = regexp.MustCompile(`\b(\d{2,4})\.\d+\.\d+\.\d+\b`)
	visitorUAs    sync.Map // browser path → User-Agent, "" when unknown
)

// visitorUserAgent returns the User-Agent of a desktop Chrome of the
// version of the browser at path, or "" when its version cannot be read
// (the browser's own User-Agent is then left as it is).
func visitorUserAgent(ctx context.Context, path string) string {
	if ua, ok := visitorUAs.Load(path); ok {
		return ua.(string)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	ua := ""
	if m := chromeVersion.FindSubmatch(out); err == nil && m != nil {
		ua = desktopUserAgent(string(m[1]))
	}
	if ctx.Err() == nil {
		visitorUAs.Store(path, ua) // a scan stopped meanwhile says nothing of the browser
	}
	return ua
}

// desktopUserAgent is the reduced User-Agent of a desktop Chrome of the
// given major version on this machine's platform.
func desktopUserAgent(major string) string {
	platform := "X11; Linux x86_64"
	switch runtime.GOOS {
	case "darwin":
		platform = "Macintosh; Intel Mac OS X 10_15_7"
	case "windows":
		platform = "Windows NT 10.0; Win64; x64"
	}
	return "Mozilla/5.0 (" + platform + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major + ".0.0.0 Safari/537.36"
}
