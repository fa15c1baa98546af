package crawler

// WriteProfilePrefs lets the benchmarks give a bare Chromium the crawler's
// cookie settings (third-party cookies allowed, as a default desktop
// browser does).
var WriteProfilePrefs = writeProfilePrefs

// BrowserFlags are the flags the crawler starts Chromium with, beyond
// chromedp's defaults.
var BrowserFlags = browserFlags
