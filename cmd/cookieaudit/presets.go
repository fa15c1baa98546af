package main

import (
	"fmt"
	"os"
	"regexp"
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
		value, err := expandEnv(value, os.LookupEnv)
		if err != nil {
			return fmt.Errorf("invalid --cookie #%d (%s): %w", i+1, name, err)
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
		value, err := expandEnv(strings.TrimSpace(value), os.LookupEnv)
		if err != nil {
			return fmt.Errorf("invalid --header #%d (%s): %w", i+1, strings.TrimSpace(name), err)
		}
		h := crawler.Header{Name: strings.TrimSpace(name), Value: value}
		if err := crawler.CheckHeader(h); err != nil {
			return fmt.Errorf("invalid --header #%d: %w", i+1, err)
		}
		o.Headers = append(o.Headers, h)
	}
	return nil
}

// envRef is a reference to an environment variable in a --cookie or
// --header value: ${NAME}.
var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces each ${NAME} of s with the environment variable's
// value, so that a token given as --header 'Authorization: Bearer
// ${STAGING_TOKEN}' appears in no process list or shell history. Any other
// $ is kept as it is. A variable that is not set is an error naming it.
func expandEnv(s string, lookup func(string) (string, bool)) (string, error) {
	var missing []string
	out := envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[2 : len(ref)-1]
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("the environment variable %s is not set", strings.Join(missing, ", "))
	}
	return out, nil
}
