package crawler

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// PresetCookie is a cookie the scan puts in each phase's jar before
// anything is loaded (see Options.Cookies): a staging session, a feature
// flag. It is set on the target's host, path "/", secure on https.
type PresetCookie struct {
	Name, Value string
}

// CheckPresetCookie checks a preset cookie's name and value as a
// Set-Cookie line needs them: a token for the name; no control character,
// space, double quote, comma, semicolon or backslash in the value. The
// error never holds the value.
func CheckPresetCookie(p PresetCookie) error {
	if err := checkToken("cookie", p.Name); err != nil {
		return err
	}
	for _, r := range p.Value {
		if r < 0x21 || r >= 0x7f || r == '"' || r == ',' || r == ';' || r == '\\' {
			return fmt.Errorf("the value of cookie %s holds a character a cookie value cannot (a space, a control character, \" , ; or \\)", p.Name)
		}
	}
	return nil
}

// checkToken checks the name of a cookie or header (what): an HTTP token,
// as RFC 9110 defines it.
func checkToken(what, name string) error {
	if name == "" {
		return fmt.Errorf("the %s has no name", what)
	}
	for _, r := range name {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r) {
			return fmt.Errorf("the %s name %q holds %q, which a %s name cannot", what, name, r, what)
		}
	}
	return nil
}

// presetCookies puts Options.Cookies in the browser context bcid.
func (c *crawler) presetCookies(ctx context.Context, bcid cdp.BrowserContextID) error {
	if len(c.opts.Cookies) == 0 {
		return nil
	}
	origin := (&url.URL{Scheme: c.start.Scheme, Host: c.start.Host}).String()
	var params []*network.CookieParam
	for _, p := range c.opts.Cookies {
		params = append(params, &network.CookieParam{Name: p.Name, Value: p.Value, URL: origin + "/", Path: "/", Secure: c.start.Scheme == "https"})
	}
	if _, err := chromedp.CallBrowser(ctx, storage.SetCookies, storage.SetCookiesParams{Cookies: params, BrowserContextID: bcid}); err != nil {
		return fmt.Errorf("presetting the cookies of --cookie: %w: %w", err, ErrIncomplete)
	}
	return nil
}

// withoutPresets drops from a phase's cookies those the scan preset that
// no page was seen writing: they are the user's, not the site's. One the
// site wrote again is the site's, and stays.
func (c *crawler) withoutPresets(cookies []Cookie) []Cookie {
	if len(c.opts.Cookies) == 0 {
		return cookies
	}
	host := strings.ToLower(c.start.Hostname())
	return slices.DeleteFunc(cookies, func(ck Cookie) bool {
		if ck.SetBy != SetByUnknown || !ck.HostOnly || ck.Domain != host || ck.Path != "/" {
			return false
		}
		return slices.ContainsFunc(c.opts.Cookies, func(p PresetCookie) bool { return p.Name == ck.Name })
	})
}
