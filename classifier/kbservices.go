package classifier

// Services: the providers of the knowledge base's entries, as a policy
// names them when it declares a service rather than its cookies.

import (
	"strings"
	"unicode"
)

// Service returns the provider of the knowledge base that text names, and
// whether there is one: "Google Analytics 4" and "google analytics" name
// "Google Analytics". Up to two trailing words ("4", "API", "cookies") may
// be dropped to find it. It makes a KB a [policy.Knowledge].
func (kb *KB) Service(text string) (string, bool) {
	if kb == nil {
		return "", false
	}
	providers := kb.providerIndex()
	ws := strings.Fields(normalizeService(text))
	for drop := 0; drop <= 2 && drop < len(ws); drop++ {
		if p, ok := providers[strings.Join(ws[:len(ws)-drop], " ")]; ok {
			return p, true
		}
	}
	return "", false
}

// ServiceCookies returns the entries of the knowledge base whose provider
// is service (as [KB.Service] names it).
func (kb *KB) ServiceCookies(service string) []Entry {
	if kb == nil {
		return nil
	}
	want := normalizeService(service)
	var out []Entry
	for _, e := range kb.entries {
		if normalizeService(e.Provider) == want {
			out = append(out, e.Entry)
		}
	}
	return out
}

// providerIndex maps the normalized provider names of the entries to
// their spelling, built once per KB.
func (kb *KB) providerIndex() map[string]string {
	kb.providersOnce.Do(func() {
		kb.providers = map[string]string{}
		for _, e := range kb.entries {
			if n := normalizeService(e.Provider); n != "" {
				if _, ok := kb.providers[n]; !ok {
					kb.providers[n] = e.Provider
				}
			}
		}
	})
	return kb.providers
}

// normalizeService lower-cases a service name and reduces its punctuation
// to single spaces.
func normalizeService(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// sameService reports whether a declared service names provider: their
// names are of one family once normalized ("Google Analytics" covers the
// cookies of "Google Analytics 4"), or the declared one names provider in
// the way [KB.Service] reads it.
func (kb *KB) sameService(declared, provider string) bool {
	p := serviceFamily(provider)
	if p == "" {
		return false
	}
	if serviceFamily(declared) == p {
		return true
	}
	s, ok := kb.Service(declared)
	return ok && serviceFamily(s) == p
}

// serviceNoise are trailing words of service names that name a version, a
// part or a legal form rather than another service.
var serviceNoise = map[string]bool{"api": true, "apis": true, "cookie": true, "cookies": true, "inc": true, "llc": true,
	"ltd": true, "gmbh": true, "classic": true, "universal": true, "sdk": true, "pixel": true, "tag": true}

// serviceFamily is a service's normalized name without trailing version
// numbers and noise words: "Google Analytics 4" and "Google Analytics
// (Universal)" are "google analytics".
func serviceFamily(s string) string {
	ws := strings.Fields(normalizeService(s))
	for len(ws) > 1 {
		last := ws[len(ws)-1]
		if serviceNoise[last] || strings.Trim(last, "0123456789v") == "" {
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	return strings.Join(ws, " ")
}
