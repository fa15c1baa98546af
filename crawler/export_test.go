package crawler

// WriteProfilePrefs lets the benchmarks give a bare Chromium the crawler's
// cookie settings (third-party cookies allowed, as a default desktop
// browser does).
var WriteProfilePrefs = writeProfilePrefs
