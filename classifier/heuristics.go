package classifier

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// guess is a heuristic category for a cookie the knowledge base does not
// know.
type guess struct {
	Category   policy.Category
	Confidence Confidence
	// Reason says what the guess rests on, for the finding's evidence.
	Reason   string
	Provider string
}

// nameWords are the words of cookie names that say what a cookie is for,
// in the order they are tried: a name holding both "session" and "ads" is
// taken for a session. Each word is compared with the whole words of the
// name (split at punctuation and at lower-to-upper case changes), so "ad"
// does not match "loaded".
var nameWords = []struct {
	words      []string
	category   policy.Category
	confidence Confidence
	what       string
}{
	{[]string{"consent", "cookieconsent", "gdpr", "ccpa", "cmp", "cookiebanner", "cookienotice",
		// "consent" in French, Spanish, Italian, German and Dutch: home-made
		// banners name their record in the site's language.
		"consentement", "consentimiento", "consenso", "einwilligung", "zustimmung", "toestemming"}, policy.Necessary, ConfidenceMedium, "a consent record"},
	{[]string{"csrf", "xsrf", "csrftoken", "xsrftoken", "antiforgery"}, policy.Necessary, ConfidenceMedium, "request forgery protection"},
	{[]string{"session", "sess", "sessid", "sessionid", "sid", "phpsessid", "jsessionid"}, policy.Necessary, ConfidenceMedium, "a session"},
	{[]string{"token", "auth", "login", "logged", "oauth", "nonce", "saml", "sso"}, policy.Necessary, ConfidenceLow, "authentication"},
	{[]string{"lb", "affinity", "sticky", "route", "routeid", "balancer", "loadbalancer", "backend", "node", "server", "serverid"}, policy.Necessary, ConfidenceLow, "load balancing"},
	{[]string{"lang", "language", "locale", "i18n", "theme", "pref", "prefs", "preference", "preferences", "currency", "timezone", "tz", "view", "layout", "display", "mode", "dark", "font", "fontsize", "region", "country", "settings", "state"}, policy.Preferences, ConfidenceLow, "a remembered choice"},
	{[]string{"ad", "ads", "adv", "advert", "advertising", "campaign", "retarget", "retargeting", "remarketing", "pixel", "gclid", "fbclid", "msclkid", "dclid", "affiliate", "aff", "conversion", "dmp", "audience"}, policy.Marketing, ConfidenceLow, "advertising"},
	{[]string{"analytics", "stats", "stat", "track", "tracking", "tracker", "visitor", "visit", "visits", "pageview", "pageviews", "utm", "metrics", "abtest", "experiment"}, policy.Statistics, ConfidenceLow, "audience measurement"},
}

// Lifetimes the attribute heuristics look at.
const (
	// longLived is "a year or more": identifiers of analytics tools live
	// one or two years. A day of slack absorbs the time between the
	// write and the measure.
	longLived = 364 * 24 * time.Hour
	// trackingLived is the shortest lifetime for which a third-party
	// identifier is taken for cross-site tracking.
	trackingLived = 30 * 24 * time.Hour
	// shortLived bounds the lifetime of a server-side state cookie.
	shortLived = 24 * time.Hour
)

// heuristic guesses the category of a cookie the knowledge base does not
// name, from, in order:
//
//  1. its domain being a known advertising or measurement host (high
//     confidence for a third-party cookie, medium for a first-party one);
//  2. the words of its name: consent (in six languages), csrf/xsrf and
//     session words mean necessary (medium); token, auth, lb, affinity
//     mean necessary (low);
//     lang, locale, theme, pref, view, state mean preferences (low); ad,
//     campaign, pixel, gclid mean marketing (low); analytics, track,
//     visitor, utm mean statistics (low);
//  3. its attributes: a persistent third-party cookie holding an
//     identifier-like value and living 30 days or more is cross-site
//     tracking, marketing (low); a first-party one living a year or more
//     is an analytics client id, statistics (low); a first-party HttpOnly
//     cookie living a day or less is server-side state scripts cannot
//     read, necessary (low).
//
// It returns false when nothing applies.
func heuristic(c crawler.Cookie, kb *KB) (guess, bool) {
	if h, ok := kb.Host(c.Domain); ok {
		conf := ConfidenceMedium
		if c.Party == crawler.ThirdParty {
			conf = ConfidenceHigh
		}
		return guess{h.Category, conf, fmt.Sprintf("set on %s, a known %s host (%s)", h.Host, hostRole(h.Category), h.Provider), h.Provider}, true
	}
	words := nameWordSet(c.Name)
	for _, nw := range nameWords {
		for _, w := range nw.words {
			if words[w] {
				return guess{nw.category, nw.confidence, fmt.Sprintf("its name has the word %q, usual for %s", w, nw.what), ""}, true
			}
		}
	}
	life, persistent := requestedLifetime(c)
	switch {
	case persistent && c.Party == crawler.ThirdParty && life >= trackingLived && identifierLike(c.Value):
		return guess{policy.Marketing, ConfidenceLow, fmt.Sprintf("a third-party cookie holding an identifier for %s: cross-site tracking", humanLifetime(life)), ""}, true
	case persistent && c.Party != crawler.ThirdParty && life >= longLived && identifierLike(c.Value):
		return guess{policy.Statistics, ConfidenceLow, fmt.Sprintf("holds an identifier for %s, as analytics client ids do", humanLifetime(life)), ""}, true
	case c.HTTPOnly && c.Party != crawler.ThirdParty && (c.Session || (persistent && life <= shortLived)):
		return guess{policy.Necessary, ConfidenceLow, "HttpOnly and short-lived: server-side state that scripts cannot read", ""}, true
	}
	return guess{}, false
}

func hostRole(c policy.Category) string {
	if c == policy.Marketing {
		return "advertising"
	}
	return "audience measurement"
}

// requestedLifetime is the lifetime the site asked for: the requested
// expiry minus the time of the first write. persistent is false for a
// session cookie and for a cookie whose lifetime is unknown.
func requestedLifetime(c crawler.Cookie) (life time.Duration, persistent bool) {
	if c.Session || c.RequestedExpires == nil || c.SetAt.IsZero() {
		return 0, false
	}
	return c.RequestedExpires.Sub(c.SetAt), true
}

// nameWordSet splits a cookie name into lower-case words: at every
// character that is not a letter or a digit, and where a lower-case letter
// is followed by an upper-case one ("sessionId" → session, id). The
// __Host- and __Secure- prefixes are dropped: they say how a cookie is
// protected, not what it is for.
func nameWordSet(name string) map[string]bool {
	for _, p := range []string{"__Host-", "__Secure-"} {
		name = strings.TrimPrefix(name, p)
	}
	words := map[string]bool{}
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words[strings.ToLower(string(cur))] = true
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return words
}

// identifierLike reports whether a cookie value looks like an identifier:
// at least 16 characters (after URL-decoding) of letters, digits and the
// separators identifiers use (. - _ : = + /), with at least 4 digits and
// either at least 4 letters or at least 10 digits. "GA1.1.1234567890.1700000000",
// UUIDs, hex and base64 tokens qualify; words, flags, short numbers, JSON
// and lists of choices do not.
func identifierLike(v string) bool {
	if u, err := url.QueryUnescape(v); err == nil {
		v = u
	}
	if len(v) < 16 {
		return false
	}
	var letters, digits int
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		case strings.ContainsRune(".-_:=+/", r):
		default:
			return false
		}
	}
	return digits >= 4 && (letters >= 4 || digits >= 10)
}

// humanLifetime writes a lifetime in the policy-file syntax, rounded to
// its largest sensible unit: "2y", "13mo", "30d", "1h", "30m".
func humanLifetime(d time.Duration) string {
	switch {
	case d >= 2*policy.Day:
		d = d.Round(policy.Day)
	case d >= 2*time.Hour:
		d = d.Round(time.Hour)
	case d >= 2*time.Minute:
		d = d.Round(time.Minute)
	default:
		d = d.Round(time.Second)
	}
	if d <= 0 {
		return "0s"
	}
	return policy.Duration{D: d}.String()
}
