package main

import (
	"fmt"
	"net/url"
)

// checkBrowserURL refuses a --browser-url that is not a DevTools address,
// and the flags that only a browser's start can honour: a running browser
// keeps the settings it was started with, and they would be dropped
// without a word.
func (o *scanOptions) checkBrowserURL() error {
	if o.BrowserURL == "" {
		return nil
	}
	u, err := url.Parse(o.BrowserURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") {
		return fmt.Errorf("invalid --browser-url %q: want a DevTools address, http://host:port or ws://host:port/devtools/browser/ID", o.BrowserURL)
	}
	for _, f := range []struct {
		flag string
		set  bool
	}{
		{"chrome", o.Chrome != ""},
		{"host-resolver-rules", o.HostResolverRules != ""},
		{"insecure", o.Insecure},
		{"block-third-party-cookies", o.BlockThirdPartyCookies},
		{"user-agent", o.UserAgent != ""},
	} {
		if f.set {
			return fmt.Errorf("--%s cannot be used with --browser-url: a running browser keeps the settings it was started with; start it with them", f.flag)
		}
	}
	return nil
}
