package classifier

import (
	"fmt"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// Source says where a cookie's category came from.
type Source string

// The sources of a category, from the most authoritative.
const (
	// SourcePolicy: the site's own declaration.
	SourcePolicy Source = "policy"
	// SourceKnowledgeBase: an entry of the knowledge base (built-in or
	// --cookie-db).
	SourceKnowledgeBase Source = "knowledge-base"
	// SourceHeuristic: a guess from the cookie's host or the words of its
	// name.
	SourceHeuristic Source = "heuristic"
	// SourceNone: nothing is known; the category is Unclassified.
	SourceNone Source = "none"
)

// Tolerance says how much longer than declared a cookie may live before it
// is an expiry mismatch: a lifetime is a mismatch when it is more than Ratio
// times the declared one and at least Slack longer. The zero value is
// [DefaultTolerance].
type Tolerance struct {
	Ratio float64
	Slack time.Duration
}

// DefaultTolerance is CookieBlock's rule: a lifetime more than 1.5 times the
// declared one and at least a day longer. The ratio forgives rounding ("13
// months" for 400 days), the day forgives short declared lifetimes
// ("session" or "1 hour" for a cookie that lives a few hours).
var DefaultTolerance = Tolerance{Ratio: 1.5, Slack: 24 * time.Hour}

// String writes t as the --expiry-tolerance flag takes it: "1.5,1d".
func (t Tolerance) String() string {
	return fmt.Sprintf("%g,%s", t.Ratio, policy.Duration{D: t.Slack}.String())
}

// Options configure a classification. The zero value works.
type Options struct {
	// Site is the scanned site, a host or a URL; its host goes into every
	// finding's fingerprint. Empty: the policy's Site.
	Site string
	// Tolerance is the expiry tolerance; zero fields take
	// DefaultTolerance's.
	Tolerance Tolerance
	// Consent is what the scan found and did about the consent banner
	// (crawler.Result.Consent). It says whether "reject all" was really
	// chosen: without a reject click, the after-reject phase is a visit
	// with no choice made, and its cookies are not after-reject findings.
	// Its banner and clicks give the banner design findings.
	// Nil: the consent phases are known only from the cookies' Phases,
	// and there are no banner findings.
	Consent *crawler.Consent
	// Storage are the web storage entries the scan saw
	// (crawler.Result.Storage): each is matched against the policy's
	// declarations of local storage, session storage and IndexedDB (see
	// [Classify]).
	Storage []crawler.StorageItem
}

// Classification is what the classifier concluded about one cookie.
type Classification struct {
	// Cookie is the identity of the cookie classified: a report pairs the
	// crawler's cookies with their classifications by it.
	Cookie CookieID
	Verdict
}

// Verdict is what the classifier concluded about a cookie or a web
// storage entry: whether the policy declares it, and its category.
type Verdict struct {
	// Declared is true when a declaration of the policy matches the
	// cookie or storage entry.
	Declared bool
	// Category is the declared category; for a cookie or entry that is
	// not declared (or declared without a category), the knowledge
	// base's, else (for a cookie) a heuristic guess, else Unclassified.
	Category policy.Category
	// CategorySource says where Category came from.
	CategorySource Source
	// Confidence is how much Category can be trusted: high for a
	// declaration, the entry's confidence for the knowledge base, the
	// heuristic's own otherwise; empty for SourceNone.
	Confidence Confidence
	// Reason explains Category in words: the knowledge-base entry's
	// description or what the heuristic saw.
	Reason string
	// Effective is the category the consent audit should count the cookie
	// in: Category, unless strong evidence contradicts the declaration (a
	// misclassified finding), in which case it is the evidence's category.
	// A marketing cookie declared necessary still needs consent.
	Effective policy.Category
	// Provider is who sets the cookie: the declaration's provider, else
	// the knowledge base's, else the known host's.
	Provider string
	// Declaration is the matching declaration; nil when none matches.
	Declaration *policy.Declaration
	// KBEntry is the knowledge-base entry for the cookie, nil when there is
	// none. It is looked up for declared cookies too: it is the evidence
	// for misclassified findings.
	KBEntry *Entry
}

// Result is the outcome of [Classify].
type Result struct {
	// Cookies has one classification per cookie, in the order given; each
	// names its cookie (Classification.Cookie).
	Cookies []Classification
	// Storage has one classification per web storage entry of
	// Options.Storage, in the order given; each names its entry
	// (StorageClassification.Item).
	Storage []StorageClassification
	// Findings are sorted by kind (undeclared, misclassified,
	// expiry-mismatch, before-consent, after-reject, the storage kinds,
	// the banner design kinds, ambiguous, not-observed), then cookie name
	// (or storage key), domain and path.
	// Without a policy there are only the consent and banner findings.
	Findings []Finding
	// Policy is the policy the cookies were compared with; nil when none
	// was given.
	Policy *policy.Policy
	// KnowledgeBase says which knowledge base classified the cookies
	// ([KB.Source]).
	KnowledgeBase string
}

// Classify compares the cookies a scan saw with a declared policy and a
// knowledge base of known cookies. pol may be nil (no policy: every
// cookie is classified from the knowledge base and heuristics, and the
// only findings are the consent and banner ones); kb may be nil (no
// knowledge base).
//
// A cookie matches a declaration when the declaration's name or pattern
// matches its name and, when the declaration names domains, one of them is
// the cookie's domain or a parent of it. Among matching declarations an
// exact name beats a glob beats a regular expression, and a declaration
// naming the domain beats one that does not. When the best matches disagree
// on the category, the cookie counts in the most intrusive of them and a
// finding of KindAmbiguous says so.
//
// Findings:
//   - undeclared: a cookie no declaration matches. High severity when it is
//     probably marketing or statistics (medium when that guess has low
//     confidence), medium when it looks necessary or is unknown, low or
//     medium for preferences by the guess's confidence.
//   - misclassified: a declared cookie whose evidence (a high-confidence
//     knowledge-base entry, else a third-party cookie on a known
//     advertising host) says statistics or marketing while the declaration
//     says something less intrusive. Preferences evidence never
//     contradicts a necessary declaration: a remembered language or
//     consent choice may be declared strictly necessary (Article 29
//     Working Party, opinion 04/2012). High severity when declared
//     necessary (it would be set without consent), else medium.
//   - expiry-mismatch: a cookie declared as a session cookie that asks
//     for a persistent lifetime (medium; low when it lives no longer
//     than the tolerance's slack), or a lifetime longer than the declared
//     one beyond the tolerance (medium). The lifetime is the one the site
//     asked for (RequestedExpires minus SetAt), not the browser's capped
//     one.
//   - not-observed: a declaration no cookie matches, by name and domain
//     (info). A pattern counts as observed when any cookie matches it. A
//     declaration of web storage is observed when a storage entry of
//     opts.Storage matches it.
//   - before-consent and after-reject, with or without a policy: a cookie
//     present in the before-consent phase, or in the after-reject phase
//     once "reject all" was clicked, whose effective category is not
//     necessary (see consentFindings).
//   - undeclared-storage, storage-before-consent and storage-after-reject:
//     the same as undeclared, before-consent and after-reject, for the web
//     storage entries of opts.Storage, matched against the declarations
//     typed as storage (see storageCovers): localStorage keys,
//     sessionStorage keys and IndexedDB database names, each by its name
//     and its origin's host. A storage entry's category is its
//     declaration's, else the knowledge base's entry for its key on its
//     origin's host; no heuristic guesses it, and no entry is
//     misclassified, ambiguous or of the wrong lifetime.
//   - no-reject-option, preticked-purposes, reject-not-in-first-layer and
//     reject-harder-than-accept, with or without a policy: the design of
//     the consent banner, from opts.Consent (see bannerFindings). They
//     have no cookie.
func Classify(cookies []crawler.Cookie, pol *policy.Policy, kb *KB, opts Options) Result {
	tol := opts.Tolerance
	if tol.Ratio <= 0 {
		tol.Ratio = DefaultTolerance.Ratio
	}
	if tol.Slack <= 0 {
		tol.Slack = DefaultTolerance.Slack
	}
	site := opts.Site
	var declared, serviceDecls []policy.Declaration
	if pol != nil {
		if site == "" {
			site = pol.Site
		}
		declared, serviceDecls = pol.Cookies, pol.Services
	}
	// Local storage and pixels are declared beside cookies: each audit
	// matches (and misses) only the declarations of its own kind.
	decls := newDeclSet(declared, (*policy.Declaration).IsCookie)
	storageDecls := newDeclSet(declared, isStorageDeclaration)
	services := newDeclSet(serviceDecls, nil)
	c := classifier{site: site, kb: kb, tol: tol, havePolicy: pol != nil, consent: consentFacts(opts.Consent)}
	res := Result{Cookies: make([]Classification, len(cookies)), Policy: pol, KnowledgeBase: kb.Source()}
	for i, ck := range cookies {
		matched := decls.match(ck.Name, ck.Domain, nil)
		if len(matched) == 0 && len(services.decls) > 0 {
			// A cookie no name declares may be declared by its service.
			if e, ok := kb.Lookup(ck.Name, ck.Domain); ok && !e.Loose && !e.Stem {
				for j := range services.decls {
					d := &services.decls[j]
					if kb.sameService(d.Service, e.Provider) && d.covers(ck.Domain) {
						matched = append(matched, d)
						services.observed[j] = true
					}
				}
			}
		}
		res.Cookies[i] = c.cookie(ck, matched)
		res.Cookies[i].Cookie = IDOf(ck)
	}
	res.Storage = make([]StorageClassification, len(opts.Storage))
	for i, it := range opts.Storage {
		res.Storage[i] = c.storage(it, storageDecls)
	}
	for _, set := range []*declSet{decls, services, storageDecls} {
		for _, d := range set.unobserved() {
			c.notObserved(d)
		}
	}
	c.bannerFindings(opts.Consent)
	res.Findings = sortFindings(c.findings)
	return res
}

// classifier holds the state of one Classify call.
type classifier struct {
	site       string
	kb         *KB
	tol        Tolerance
	havePolicy bool
	consent    consentState
	findings   []Finding
}

func (c *classifier) add(f Finding) {
	f.RuleID = f.Kind.RuleID()
	f.Domain = NormalizeHost(f.Domain)
	f.Fingerprint = Fingerprint(c.site, f.Cookie, f.Domain, FingerprintPath(f.Path, f.Storage), f.Kind)
	c.findings = append(c.findings, f)
}

// cookie classifies one cookie given the declarations that match it, and
// records its findings.
func (c *classifier) cookie(ck crawler.Cookie, matched []*declaration) Classification {
	decl, ambiguous := choose(matched)
	e := c.lookup(ck.Name, ck.Domain)
	// The heuristics only matter when the knowledge base does not name the
	// cookie on its host.
	var g guess
	guessed := false
	if e == nil || e.weak() {
		g, guessed = heuristic(ck, c.kb)
	}
	// A guess from the cookie's own name beats a name known only on an
	// advertising host, as it beats the entry itself.
	if eg, ok := embedGuess(ck, e, c.kb); ok && !(guessed && e.OtherHost) {
		g, guessed = eg, true
	}
	cl := Classification{Verdict: verdict(decl, e, g, guessed)}
	if c.havePolicy {
		c.policyFindings(ck, &cl, decl, ambiguous)
	}
	c.cookieConsent(ck, cl.Verdict)
	return cl
}

// lookup is the knowledge base's entry for a name on a host, nil when it
// has none.
func (c *classifier) lookup(name, domain string) *Entry {
	if e, ok := c.kb.Lookup(name, domain); ok {
		return &e
	}
	return nil
}

// verdict decides the category of a cookie or storage entry from, in this
// order, the declaration that matches it (when it gives a category), the
// knowledge base's entry, the heuristic guess, or nothing. A name the
// knowledge base knows only on another host is weaker evidence than a
// guess from what the cookie itself shows, and so is a name known only
// in another spelling.
func verdict(decl *declaration, e *Entry, g guess, guessed bool) Verdict {
	v := Verdict{KBEntry: e}
	if decl != nil {
		v.Declared, v.Declaration, v.Provider = true, decl.Declaration, decl.Provider
	}
	switch {
	case decl != nil && decl.Category != policy.Unclassified && decl.Category.Valid():
		v.Category, v.CategorySource, v.Confidence = decl.Category, SourcePolicy, ConfidenceHigh
		v.Reason = "declared " + declaredAs(decl.Declaration)
	case e != nil && !((e.weak() || g.overEntry) && guessed):
		v.Category, v.CategorySource, v.Confidence = e.Category, SourceKnowledgeBase, e.Confidence
		v.Reason = kbEvidence(e)
	case guessed:
		v.Category, v.CategorySource, v.Confidence = g.Category, SourceHeuristic, g.Confidence
		v.Reason = g.Reason
	default:
		v.Category, v.CategorySource = policy.Unclassified, SourceNone
	}
	if v.Provider == "" {
		if e != nil && !e.OtherHost {
			v.Provider = e.Provider
		} else if guessed {
			v.Provider = g.Provider
		}
	}
	v.Effective = v.Category
	return v
}
