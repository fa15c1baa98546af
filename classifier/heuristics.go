package classifier

import (
	"fmt"
	"slices"
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
// in the order they are tried. Each word is compared with the whole words
// of the name (split at punctuation and at lower-to-upper case changes),
// so "ad" does not match "loaded".
//
// A word earns its place by its precision on the Open Cookie Database,
// with the database held out: of the database's cookies whose names hold
// the word, at least 90% must have a category compatible with the word's
// (TestHeuristicsEarnTheirPlace measures it). Words that fail ("session":
// ABTastySession, taboola_session_id; "token": auth_token of X; "visitor":
// VISITOR_INFO1_LIVE) are left out: a wrong guess is worse than none.
//
// A rule with also needs a word of each list: "cookie" alone is right for
// 62% of the database's names that hold it, but "cookie" with a word of
// choice ("cookie_accepted", "cookie-performance") names a consent record.
var nameWords = []struct {
	words      []string
	also       []string
	category   policy.Category
	confidence Confidence
	what       string
}{
	{[]string{"csrf", "xsrf", "antiforgery"}, nil, policy.Necessary, ConfidenceMedium, "request forgery protection"},
	{[]string{"cookieconsent", "consent", "consented", "policy", "notice", "banner", "cookies"}, nil, policy.Necessary, ConfidenceMedium, "a consent record"},
	{[]string{"cookie"}, []string{"accept", "accepted", "agreed", "allowed", "choice", "control", "dismissed", "functional", "law", "level", "marketing", "message", "necessary", "performance", "preference", "seen", "status", "statistics", "analytics"}, policy.Necessary, ConfidenceMedium, "a consent record"},
	{[]string{"cart", "checkout"}, nil, policy.Necessary, ConfidenceLow, "a shopping cart"},
	{[]string{"phpsessid", "jsessionid", "login", "saml", "sso"}, nil, policy.Necessary, ConfidenceLow, "a session or a sign-in"},
	{[]string{"affinity", "serverid"}, nil, policy.Necessary, ConfidenceLow, "load balancing"},
	{[]string{"lang", "language", "theme", "preference", "preferences", "currency", "layout", "mode", "country", "settings", "state", "tz", "recently"}, nil, policy.Preferences, ConfidenceLow, "a remembered choice"},
	{[]string{"ad", "conversion", "audience"}, nil, policy.Marketing, ConfidenceLow, "advertising"},
	{[]string{"tracker", "metrics", "abtest"}, nil, policy.Statistics, ConfidenceLow, "audience measurement"},
}

// heuristic guesses the category of a cookie the knowledge base does not
// name, from its domain being a known advertising or measurement host,
// for a third-party cookie (high confidence), else from the words of its
// name (see nameWords). It returns false when nothing applies: the
// attributes of a cookie (its lifetime, HttpOnly, an identifier-like
// value) cannot be shown to say its purpose often enough, and are not
// read.
func heuristic(c crawler.Cookie, kb *KB) (guess, bool) {
	// The host lists name whole sites; a site's own cookies are not the
	// tracking its domain does on other sites.
	if c.Party == crawler.ThirdParty {
		if h, ok := kb.Host(c.Domain); ok {
			return guess{h.Category, ConfidenceHigh, fmt.Sprintf("set on %s, a known %s host (%s)", h.Host, hostRole(h.Category), h.Provider), h.Provider}, true
		}
	}
	words := nameWordSet(c.Name)
	for _, nw := range nameWords {
		if nw.also != nil && !slices.ContainsFunc(nw.also, func(w string) bool { return words[w] }) {
			continue
		}
		for _, w := range nw.words {
			if words[w] {
				return guess{nw.category, nw.confidence, fmt.Sprintf("its name has the word %q, usual for %s", w, nw.what), ""}, true
			}
		}
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
	for _, p := range cookiePrefixes {
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
