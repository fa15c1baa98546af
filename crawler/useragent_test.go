package crawler

import (
	"strings"
	"testing"
)

// TestVisitorUserAgent checks the User-Agent a started browser sends: a
// desktop Chrome's of the browser's own version, never "HeadlessChrome";
// nothing when the version cannot be read.
func TestVisitorUserAgent(t *testing.T) {
	t.Parallel()
	ua := desktopUserAgent("156")
	if !strings.Contains(ua, " Chrome/156.0.0.0 ") || strings.Contains(ua, "Headless") || !strings.HasPrefix(ua, "Mozilla/5.0 (") {
		t.Errorf("desktopUserAgent(156) = %q", ua)
	}
	if got := visitorUserAgent(t.Context(), "/nonexistent/chromium"); got != "" {
		t.Errorf("visitorUserAgent of a missing browser = %q, want none", got)
	}
	path, err := FindBrowser("")
	if err != nil {
		t.Skipf("no browser to ask for its version: %v", err)
	}
	got := visitorUserAgent(t.Context(), path)
	if !strings.Contains(got, " Chrome/") || strings.Contains(got, "Headless") {
		t.Errorf("visitorUserAgent(%s) = %q, want a desktop Chrome's", path, got)
	}
}
