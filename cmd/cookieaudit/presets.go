package main

import (
	"fmt"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// parsePresetCookies reads the repeated --cookie NAME=VALUE. An entry that
// cannot be a cookie is an error naming its position and name, never its
// value, which may be a session token.
func (o *scanOptions) parsePresetCookies() error {
	o.PresetCookies = nil
	seen := map[string]bool{}
	for i, raw := range o.CookieFlags {
		name, value, ok := strings.Cut(raw, "=")
		name = strings.TrimSpace(name)
		if !ok {
			return fmt.Errorf("invalid --cookie #%d: want NAME=VALUE", i+1)
		}
		p := crawler.PresetCookie{Name: name, Value: value}
		if err := crawler.CheckPresetCookie(p); err != nil {
			return fmt.Errorf("invalid --cookie #%d: %w", i+1, err)
		}
		if seen[name] {
			return fmt.Errorf("invalid --cookie #%d: cookie %s is given twice", i+1, name)
		}
		seen[name] = true
		o.PresetCookies = append(o.PresetCookies, p)
	}
	return nil
}

// parseHeaders reads the repeated --header "NAME: VALUE". An entry that
// cannot be a header is an error naming its position and name, never its
// value, which may be a token.
func (o *scanOptions) parseHeaders() error {
	o.Headers = nil
	for i, raw := range o.HeaderFlags {
		name, value, ok := strings.Cut(raw, ":")
		if !ok {
			return fmt.Errorf("invalid --header #%d: want \"NAME: VALUE\"", i+1)
		}
		h := crawler.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)}
		if err := crawler.CheckHeader(h); err != nil {
			return fmt.Errorf("invalid --header #%d: %w", i+1, err)
		}
		o.Headers = append(o.Headers, h)
	}
	return nil
}
