package crawler

import (
	"context"
	"errors"
	"fmt"
)

// Browser is a running Chromium that several crawls can share: give it as
// Options.Browser. Every phase of every crawl runs in a browser context of
// its own, with its own cookie jar, so crawls in one browser do not see
// each other's cookies. Start one with [StartBrowser] and end it with
// [Browser.Close].
type Browser struct {
	s    *session
	opts Options // the options it was started with
}

// StartBrowser starts a headless Chromium for crawls to share. It takes the
// browser's options from opts: BrowserPath, HostResolverRules, Insecure,
// BlockThirdPartyCookies, UserAgent and Logger; the other fields are the
// crawls' own. The browser runs until Close is called or ctx ends. Errors
// wrap ErrNoBrowser, as Crawl's do.
func StartBrowser(ctx context.Context, opts Options) (*Browser, error) {
	opts = withDefaults(opts)
	if opts.Browser != nil {
		return nil, errors.New("StartBrowser: Options.Browser is set: a browser cannot be started inside another")
	}
	s, err := startBrowser(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Browser{s: s, opts: opts}, nil
}

// Version is the browser's product and version ("Chrome/131.0.6778.85").
func (b *Browser) Version() string { return b.s.version }

// Close ends the browser, its processes and its temporary profile, and
// waits for them to be gone. Crawls still running in it end with an error.
// Calling it more than once is safe.
func (b *Browser) Close() { b.s.cancel() }

// checkShared refuses crawl options that only a browser's start can honour
// when the crawl runs in a browser started before: they would otherwise be
// dropped without a word.
func checkShared(opts Options) error {
	b := opts.Browser
	if b.s.ctx.Err() != nil {
		return fmt.Errorf("Options.Browser was closed: %w", ErrNoBrowser)
	}
	for _, f := range []struct {
		name      string
		set, same bool
	}{
		{"BrowserPath", opts.BrowserPath != "", opts.BrowserPath == b.opts.BrowserPath},
		{"HostResolverRules", opts.HostResolverRules != "", opts.HostResolverRules == b.opts.HostResolverRules},
		{"Insecure", opts.Insecure, opts.Insecure == b.opts.Insecure},
		{"BlockThirdPartyCookies", opts.BlockThirdPartyCookies, opts.BlockThirdPartyCookies == b.opts.BlockThirdPartyCookies},
		{"UserAgent", opts.UserAgent != "", opts.UserAgent == b.opts.UserAgent},
	} {
		if f.set && !f.same {
			return fmt.Errorf("Options.%s differs from the shared browser's: it is set when the browser starts (StartBrowser)", f.name)
		}
	}
	return nil
}
