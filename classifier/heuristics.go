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
	// overEntry is set on a guess that reads the knowledge base's own
	// entry in the cookie's context (see embedGuess): it gives the category
	// in the entry's place.
	overEntry bool
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
// A rule with unless does not apply to a name that holds one of those
// words: "auth" names a sign-in, but "auth_token" and "rl_auth_token" are
// trackers' identifiers, as "token" often is. A prefix rule takes the
// words of the name that start with one of its words ("csrftoken"); a
// within rule those that hold one anywhere ("scratchcsrftoken",
// "idccsrf": every name of the database that holds "csrf" is a request
// forgery token; "cookie_consentstatus", "gdprconsent": so do 47 of the 48
// that hold "consent").
var nameWords = []nameRule{
	{words: []string{"csrf", "xsrf", "antiforgery"}, within: true, category: policy.Necessary, confidence: ConfidenceMedium, what: "request forgery protection"},
	{words: []string{"auth"}, prefix: true, unless: []string{"token"}, category: policy.Necessary, confidence: ConfidenceLow, what: "a sign-in"},
	{words: []string{"cookieconsent", "consented", "policy", "notice", "banner", "cookies"}, category: policy.Necessary, confidence: ConfidenceMedium, what: "a consent record"},
	{words: []string{"consent"}, within: true, category: policy.Necessary, confidence: ConfidenceMedium, what: "a consent record"},
	{words: []string{"cookie"}, also: []string{"accept", "accepted", "agreed", "allowed", "check", "choice", "control", "dismissed", "functional", "law", "level", "marketing", "message", "necessary", "option", "options", "performance", "preference", "seen", "status", "statistics", "analytics"}, category: policy.Necessary, confidence: ConfidenceMedium, what: "a consent record"},
	{words: []string{"cart", "checkout"}, category: policy.Necessary, confidence: ConfidenceLow, what: "a shopping cart"},
	{words: []string{"phpsessid", "jsessionid", "sessionid", "login", "saml", "sso"}, category: policy.Necessary, confidence: ConfidenceLow, what: "a session or a sign-in"},
	{words: []string{"affinity", "serverid"}, category: policy.Necessary, confidence: ConfidenceLow, what: "load balancing"},
	{words: []string{"lang", "language", "theme", "preference", "preferences", "currency", "layout", "mode", "country", "settings", "state", "tz", "recently", "recent", "viewed", "hide", "dismissed"}, category: policy.Preferences, confidence: ConfidenceLow, what: "a remembered choice"},
	{words: []string{"ad", "conversion", "audience"}, category: policy.Marketing, confidence: ConfidenceLow, what: "advertising"},
	{words: []string{"tracker", "metrics", "abtest"}, category: policy.Statistics, confidence: ConfidenceLow, what: "audience measurement"},
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
			return guess{Category: h.Category, Confidence: ConfidenceHigh, Reason: fmt.Sprintf("set on %s, a known %s host (%s)", h.Host, hostRole(h.Category), h.Provider), Provider: h.Provider}, true
		}
	}
	words := nameWordSet(c.Name)
	for _, nw := range nameWords {
		for _, w := range nw.words {
			if nw.holds(words, w) {
				return guess{Category: nw.category, Confidence: nw.confidence, Reason: fmt.Sprintf("its name has the word %q, usual for %s", w, nw.what)}, true
			}
		}
	}
	return guess{}, false
}

// embedGuess reads an entry that names an advertising or social company's
// cookie of its own site, necessary or a preference there (YouTube's YSC
// and PREF, LinkedIn's li_gc, Google's AEC on google.com), when the
// cookie is not of that site: a third-party cookie of the company's host,
// or a site's cookie whose name the knowledge base knows only on the
// company's hosts (a policy page that declares YouTube's cookies). There
// it comes with the company's embed or tag (a video, a share button, a
// sign-in), which the site needs consent for, and the cookie is of the
// company's category for the site, as the host list gives it: what it
// does for the company on its own site is not necessary to the site the
// visitor came to. The guess has low confidence; Classify lets a guess
// from the words of the name come first where the entry is of another
// host (a site's own "lang" is not LinkedIn's).
//
// A site's cookie is read so only when the database marks the entry's
// domain "(3rd party)", set through embeds: a name known only from the
// company's own web site (an ad network's "DNT" for its visitors' choice)
// says nothing of a site's cookie of that name.
func embedGuess(c crawler.Cookie, e *Entry, kb *KB) (guess, bool) {
	if e == nil || !e.HostOnly || (e.Category != policy.Necessary && e.Category != policy.Preferences) {
		return guess{}, false
	}
	var hosts []string
	switch {
	case e.OtherHost && e.embedded:
		hosts = e.Hosts
	case c.Party == crawler.ThirdParty:
		hosts = []string{c.Domain}
	}
	for _, d := range hosts {
		if h, ok := kb.Host(d); ok && h.Category == policy.Marketing {
			return guess{
				Category:   h.Category,
				Confidence: ConfidenceLow,
				Reason: fmt.Sprintf("known as %s's cookie %s on its own hosts (%s there); elsewhere it comes with the embeds and tags of %s, a known %s host, which need consent",
					e.Provider, e.Pattern(), e.Category, h.Host, hostRole(h.Category)),
				Provider:  e.Provider,
				overEntry: true,
			}, true
		}
	}
	return guess{}, false
}

// nameRule is a rule of nameWords.
type nameRule struct {
	words      []string
	prefix     bool
	within     bool
	also       []string
	unless     []string
	category   policy.Category
	confidence Confidence
	what       string
}

// holds reports whether a name of the given words (see nameWordSet) holds
// the rule's word w, with the rule's also and unless words as they ask.
func (r *nameRule) holds(words map[string]bool, w string) bool {
	if r.also != nil && !slices.ContainsFunc(r.also, func(a string) bool { return words[a] }) {
		return false
	}
	if slices.ContainsFunc(r.unless, func(a string) bool { return words[a] }) {
		return false
	}
	if !r.prefix && !r.within {
		return words[w]
	}
	for nw := range words {
		if r.within && strings.Contains(nw, w) || strings.HasPrefix(nw, w) {
			return true
		}
	}
	return false
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
	// "cookie" is often glued to the words beside it ("cookieoption",
	// "controlcookieanalytics"): those words are the name's too.
	for w := range words {
		if w == "cookie" || w == "cookies" || !strings.Contains(w, "cookie") {
			continue
		}
		for _, part := range strings.Split(w, "cookie") {
			if part = strings.TrimPrefix(part, "s"); part != "" {
				words[part] = true
			}
		}
		words["cookie"] = true
	}
	return words
}
