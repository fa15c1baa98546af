package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"regexp/syntax"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// validate checks the flag values and compiles the patterns. Its errors
// name the flag and the value at fault.
func (o *scanOptions) validate() error {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		hint := "e.g. https://www.example.org/"
		if err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" && !strings.HasPrefix(u.Path, "/") {
			hint = fmt.Sprintf("did you mean %q?", "https://"+o.URL)
		}
		return fmt.Errorf("invalid URL %q: want an absolute http:// or https:// URL (%s)", o.URL, hint)
	}
	if _, err := crawler.ParseTarget(o.URL); err != nil {
		return err // so that Crawl cannot fail on the URL after the checks here
	}
	for _, n := range []struct {
		flag   string
		v, min int
	}{
		{"max-pages", o.MaxPages, 1},
		{"max-depth", o.MaxDepth, 0},
		{"concurrency", o.Concurrency, 1},
	} {
		if n.v < n.min {
			return fmt.Errorf("invalid --%s %d: must be at least %d", n.flag, n.v, n.min)
		}
	}
	for _, d := range []struct {
		flag     string
		v        time.Duration
		positive bool
	}{
		{"wait", o.Wait, false},
		{"page-timeout", o.PageTimeout, true},
		{"timeout", o.Timeout, false},
	} {
		if d.v < 0 || (d.positive && d.v == 0) {
			want := "0 or more"
			if d.positive {
				want = "more than 0"
			}
			return fmt.Errorf("invalid --%s %s: must be %s", d.flag, d.v, want)
		}
	}
	switch crawler.ConsentMode(o.Consent) {
	case crawler.ConsentAuto, crawler.ConsentNone, crawler.ConsentAccept, crawler.ConsentReject, crawler.ConsentAll:
	default:
		return fmt.Errorf("invalid --consent %q (valid: auto, none, accept, reject, all)", o.Consent)
	}
	switch crawler.Scope(o.Scope) {
	case crawler.ScopeDomain, crawler.ScopeHost:
	default:
		return fmt.Errorf("invalid --scope %q (valid: %s, %s)", o.Scope, crawler.ScopeDomain, crawler.ScopeHost)
	}
	// The obvious mistakes now; the browser parses the selectors before
	// the first page (see selectorError).
	for _, sel := range []struct{ flag, v string }{{"accept-selector", o.AcceptSelector}, {"reject-selector", o.RejectSelector}} {
		if sel.v == "" {
			continue
		}
		if err := crawler.CheckSelector(sel.v); err != nil {
			return fmt.Errorf("invalid --%s %q: not a CSS selector: %w", sel.flag, sel.v, err)
		}
	}
	if o.targets, err = parseOutputs(o.Format, o.Output, o.OutputDir); err != nil {
		return err
	}
	if err := o.Gate.validate(); err != nil {
		return err
	}
	if o.IncludeRE, err = compileAll("include", o.Include); err != nil {
		return err
	}
	if o.ExcludeRE, err = compileAll("exclude", o.Exclude); err != nil {
		return err
	}
	if o.Tolerance, err = parseTolerance(o.ExpiryTolerance); err != nil {
		return err
	}
	if err := o.checkBrowserURL(); err != nil {
		return err
	}
	if err := o.loadURLs(); err != nil {
		return err
	}
	if err := o.parsePresetCookies(); err != nil {
		return err
	}
	if err := o.parseHeaders(); err != nil {
		return err
	}
	return o.loadLogin()
}

func compileAll(flag string, patterns []string) ([]*regexp.Regexp, error) {
	var res []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			msg := err.Error()
			var se *syntax.Error
			if errors.As(err, &se) {
				msg = se.Code.String() // the message without the pattern, named here already
				if se.Expr != p {
					msg += ": `" + se.Expr + "`"
				}
			}
			return nil, fmt.Errorf("invalid --%s %q: %s", flag, p, msg)
		}
		res = append(res, re)
	}
	return res, nil
}

// crawlOptions are the crawler's options for these flags.
func (o *scanOptions) crawlOptions(logger *slog.Logger) crawler.Options {
	co := crawler.Options{
		BrowserPath:            o.Chrome,
		MaxPages:               o.MaxPages,
		MaxDepth:               o.MaxDepth,
		Scope:                  crawler.Scope(o.Scope),
		Include:                o.IncludeRE,
		Exclude:                o.ExcludeRE,
		Concurrency:            o.Concurrency,
		Wait:                   o.Wait,
		AutoWait:               o.AutoWait,
		PageTimeout:            o.PageTimeout,
		HostResolverRules:      o.HostResolverRules,
		Insecure:               o.Insecure,
		BlockThirdPartyCookies: o.BlockThirdPartyCookies,
		UserAgent:              o.UserAgent,
		Consent:                crawler.ConsentMode(o.Consent),
		AcceptSelector:         o.AcceptSelector,
		RejectSelector:         o.RejectSelector,
		Logger:                 logger,
		Browser:                o.browser,
		Pages:                  o.Pages,
		NoLinks:                o.URLsFile != "",
		Sitemap:                o.Sitemap,
		Login:                  o.Login,
		Cookies:                o.PresetCookies,
		Headers:                o.Headers,
	}
	// The crawler reads a zero as "default"; on the command line 0 means 0.
	if co.MaxDepth == 0 {
		co.MaxDepth = crawler.NoDepth
	}
	if co.Wait == 0 {
		co.Wait = crawler.NoWait
	}
	return co
}
