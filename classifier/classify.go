package classifier

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	// SourceHeuristic: a guess from the cookie's host, name or attributes.
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
}

// Classification is what the classifier concluded about one cookie.
type Classification struct {
	// Declared is true when a declaration of the policy matches the
	// cookie.
	Declared bool
	// Category is the declared category; for a cookie that is not
	// declared (or declared without a category), the knowledge base's,
	// else a heuristic guess, else Unclassified.
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
	// Cookies has one classification per cookie, in the order given.
	Cookies []Classification
	// Findings are sorted by kind (undeclared, misclassified,
	// expiry-mismatch, before-consent, after-reject, the banner design
	// kinds, ambiguous, not-observed), then cookie name, domain and path.
	// Without a policy there are only the consent and banner findings.
	Findings []Finding
	// Policy is the policy the cookies were compared with; nil when none
	// was given.
	Policy *policy.Policy
	// KnowledgeBase says which knowledge base classified the cookies
	// ([KB.Source]).
	KnowledgeBase string
}

// declaration is a policy declaration ready for matching.
type declaration struct {
	*policy.Declaration
	index   int
	domains []string // empty: any domain
}

// covers reports whether the declaration covers a cookie domain.
func (d *declaration) covers(domain string) bool {
	if len(d.domains) == 0 {
		return true
	}
	for _, dd := range d.domains {
		if domainCovers(dd, domain) {
			return true
		}
	}
	return false
}

// precedence ranks the declarations matching one cookie, lower first: an
// exact name beats a glob beats a regular expression, and at the same name
// kind a declaration that names the cookie's domain beats one that names
// none.
func (d *declaration) precedence() int {
	p := 2 * int(d.Name.Kind())
	if len(d.domains) == 0 {
		p++
	}
	return p
}

// intrusiveness orders categories by what they do to privacy; a consent
// audit must count a cookie in the most intrusive category it may be in.
func intrusiveness(c policy.Category) int {
	switch c {
	case policy.Necessary:
		return 0
	case policy.Preferences:
		return 1
	case policy.Statistics:
		return 2
	case policy.Marketing:
		return 3
	}
	return -1
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
//     (info). A pattern counts as observed when any cookie matches it.
//   - before-consent and after-reject, with or without a policy: a cookie
//     present in the before-consent phase, or in the after-reject phase
//     once "reject all" was clicked, whose effective category is not
//     necessary (see consentFindings).
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
	var decls []declaration
	if pol != nil {
		if site == "" {
			site = pol.Site
		}
		for i := range pol.Cookies {
			d := &pol.Cookies[i]
			if !d.IsCookie() {
				// Local storage and pixels are declared beside cookies;
				// the cookie audit neither matches nor misses them.
				continue
			}
			decls = append(decls, declaration{Declaration: d, index: i, domains: domainsOf(d.Domain)})
		}
	}
	var services []declaration
	if pol != nil {
		for i := range pol.Services {
			d := &pol.Services[i]
			services = append(services, declaration{Declaration: d, index: i, domains: domainsOf(d.Domain)})
		}
	}
	c := classifier{site: site, kb: kb, tol: tol, havePolicy: pol != nil, consent: consentFacts(opts.Consent)}
	res := Result{Cookies: make([]Classification, len(cookies)), Policy: pol, KnowledgeBase: kb.Source()}
	observed := make([]bool, len(decls))
	serviceObserved := make([]bool, len(services))
	index := indexDeclarations(decls)
	var cand []int
	for i, ck := range cookies {
		var matched []*declaration
		cand = index.candidates(ck.Name, cand[:0])
		for _, j := range cand {
			d := &decls[j]
			if d.Name.Match(ck.Name) && d.covers(ck.Domain) {
				matched = append(matched, d)
				observed[j] = true
			}
		}
		if len(matched) == 0 && len(services) > 0 {
			// A cookie no name declares may be declared by its service.
			if e, ok := kb.Lookup(ck.Name, ck.Domain); ok {
				for j := range services {
					d := &services[j]
					if kb.sameService(d.Service, e.Provider) && d.covers(ck.Domain) {
						matched = append(matched, d)
						serviceObserved[j] = true
					}
				}
			}
		}
		res.Cookies[i] = c.cookie(ck, matched)
	}
	for j, d := range decls {
		if !observed[j] {
			c.notObserved(d)
		}
	}
	for j, d := range services {
		if !serviceObserved[j] {
			c.notObserved(d)
		}
	}
	c.bannerFindings(opts.Consent)
	res.Findings = sortFindings(c.findings)
	return res
}

// declIndex finds the declarations whose names may match a cookie name
// without matching every one: a site can declare hundreds of names, and
// a large scan sees thousands of cookies.
type declIndex struct {
	exact   map[string][]int // exact names
	byFirst [256][]int       // globs by the first byte of their prefix
	any     []int            // regular expressions and globs with no prefix
}

func indexDeclarations(decls []declaration) *declIndex {
	x := &declIndex{exact: map[string][]int{}}
	for j, d := range decls {
		prefix := d.Name.Prefix()
		switch {
		case d.Name.Kind() == policy.Exact:
			x.exact[prefix] = append(x.exact[prefix], j)
		case prefix != "":
			x.byFirst[prefix[0]] = append(x.byFirst[prefix[0]], j)
		default:
			x.any = append(x.any, j)
		}
	}
	return x
}

// candidates appends to buf the indexes of the declarations that may match
// name, in the policy's order.
func (x *declIndex) candidates(name string, buf []int) []int {
	buf = append(buf, x.exact[name]...)
	if name != "" {
		buf = append(buf, x.byFirst[name[0]]...)
	}
	buf = append(buf, x.any...)
	slices.Sort(buf)
	return buf
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
	f.Domain = normalizeDomain(f.Domain)
	f.Fingerprint = Fingerprint(c.site, f.Cookie, f.Domain, f.Path, f.Kind)
	c.findings = append(c.findings, f)
}

// cookie classifies one cookie given the declarations that match it, and
// records its findings.
func (c *classifier) cookie(ck crawler.Cookie, matched []*declaration) Classification {
	var cl Classification
	decl, ambiguous := choose(matched)
	if decl != nil {
		cl.Declared = true
		cl.Declaration = decl.Declaration
		cl.Provider = decl.Provider
	}
	if e, ok := c.kb.Lookup(ck.Name, ck.Domain); ok {
		cl.KBEntry = &e
	}
	// The heuristics only matter when the knowledge base does not name the
	// cookie on its host.
	var g guess
	guessed := false
	if cl.KBEntry == nil || cl.KBEntry.OtherHost {
		g, guessed = heuristic(ck, c.kb)
	}

	switch {
	case decl != nil && decl.Category != policy.Unclassified && decl.Category.Valid():
		cl.Category, cl.CategorySource, cl.Confidence = decl.Category, SourcePolicy, ConfidenceHigh
		cl.Reason = "declared " + declaredAs(decl.Declaration)
	case cl.KBEntry != nil && !(cl.KBEntry.OtherHost && guessed):
		// A name known only on another host is weaker evidence than what
		// the cookie itself shows.
		cl.Category, cl.CategorySource, cl.Confidence = cl.KBEntry.Category, SourceKnowledgeBase, cl.KBEntry.Confidence
		cl.Reason = kbEvidence(cl.KBEntry)
	case guessed:
		cl.Category, cl.CategorySource, cl.Confidence = g.Category, SourceHeuristic, g.Confidence
		cl.Reason = g.Reason
	default:
		cl.Category, cl.CategorySource = policy.Unclassified, SourceNone
	}
	if cl.Provider == "" {
		if cl.KBEntry != nil && !cl.KBEntry.OtherHost {
			cl.Provider = cl.KBEntry.Provider
		} else if guessed {
			cl.Provider = g.Provider
		}
	}
	cl.Effective = cl.Category

	if c.havePolicy {
		c.policyFindings(ck, &cl, decl, ambiguous)
	}
	c.consentFindings(ck, cl)
	return cl
}

// policyFindings records the findings of comparing a cookie with the
// policy, and sets cl.Effective when strong evidence contradicts the
// declared category.
func (c *classifier) policyFindings(ck crawler.Cookie, cl *Classification, decl *declaration, ambiguous []*declaration) {
	if decl == nil {
		c.undeclared(ck, *cl)
		return
	}
	if len(ambiguous) > 1 {
		c.ambiguous(ck, decl, ambiguous)
	}
	if cat, provider, evidence, ok := c.strongEvidence(ck, cl.KBEntry); ok && cl.CategorySource == SourcePolicy &&
		(cat == policy.Statistics || cat == policy.Marketing) && intrusiveness(cat) > intrusiveness(cl.Category) {
		cl.Effective = cat
		c.misclassified(ck, decl.Declaration, cat, provider, evidence)
	}
	c.expiry(ck, decl.Declaration)
}

// choose picks the declaration a cookie counts under from those that match
// it: the best by precedence; among several of the best with different
// categories, the first of the most intrusive category, and then all of
// the best are returned as ambiguous. Declarations without a category
// give way to those with one.
func choose(matched []*declaration) (best *declaration, ambiguous []*declaration) {
	if len(matched) == 0 {
		return nil, nil
	}
	top := matched[0].precedence()
	for _, d := range matched {
		top = min(top, d.precedence())
	}
	var tied []*declaration
	for _, d := range matched {
		if d.precedence() == top {
			tied = append(tied, d)
		}
	}
	best = tied[0]
	cats := map[policy.Category]bool{}
	for _, d := range tied {
		if d.Category.Valid() && d.Category != policy.Unclassified {
			cats[d.Category] = true
			if intrusiveness(d.Category) > intrusiveness(best.Category) {
				best = d
			}
		}
	}
	if len(cats) > 1 {
		return best, tied
	}
	return best, nil
}

// strongEvidence returns the category that evidence strong enough to
// contradict a declaration gives a cookie: a high-confidence knowledge-base
// entry, else, for a third-party cookie, its domain being a known
// advertising host.
func (c *classifier) strongEvidence(ck crawler.Cookie, e *Entry) (cat policy.Category, provider, evidence string, ok bool) {
	if e != nil {
		if e.Confidence == ConfidenceHigh {
			return e.Category, e.Provider, kbEvidence(e), true
		}
		return "", "", "", false
	}
	if h, ok := c.kb.Host(ck.Domain); ok && ck.Party == crawler.ThirdParty && h.Category == policy.Marketing {
		return h.Category, h.Provider, fmt.Sprintf("third-party cookie set on %s, a known advertising host (%s)", h.Host, h.Provider), true
	}
	return "", "", "", false
}

func (c *classifier) undeclared(ck crawler.Cookie, cl Classification) {
	sev := SeverityMedium // necessary-looking or unknown
	switch cl.Category {
	case policy.Marketing, policy.Statistics, policy.Preferences:
		sev = trackingSeverity(cl.Category, cl.Confidence)
	}
	msg := fmt.Sprintf("%s is set but the policy does not declare it", ck.Name)
	if cl.Category == policy.Unclassified {
		msg += "; what it is for is unknown"
	} else {
		msg += fmt.Sprintf("; it is probably %s", cl.Category)
		if cl.Provider != "" {
			msg += fmt.Sprintf(" (%s)", cl.Provider)
		}
	}
	ev := []string{setBy(ck)}
	switch cl.CategorySource {
	case SourceKnowledgeBase:
		ev = append(ev, cl.Reason)
	case SourceHeuristic:
		ev = append(ev, fmt.Sprintf("heuristic (%s confidence): %s", cl.Confidence, cl.Reason))
	}
	c.add(Finding{
		Kind: KindUndeclared, Severity: sev,
		Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
		Message: msg, Evidence: strings.Join(ev, "; "),
		SuggestedCategory: cl.Category,
	})
}

// trackingSeverity is the severity of a finding about a cookie of a
// category that needs consent: high for statistics and marketing, medium
// for preferences, one step lower when the category is a low-confidence
// guess.
func trackingSeverity(cat policy.Category, conf Confidence) Severity {
	low := conf == ConfidenceLow
	switch {
	case cat == policy.Preferences && low:
		return SeverityLow
	case cat == policy.Preferences || low:
		return SeverityMedium
	}
	return SeverityHigh
}

func (c *classifier) misclassified(ck crawler.Cookie, d *policy.Declaration, cat policy.Category, provider, evidence string) {
	sev := SeverityMedium
	if d.Category == policy.Necessary {
		sev = SeverityHigh
	}
	msg := fmt.Sprintf("%s is declared %s but is %s", ck.Name, d.Category, cat)
	if provider != "" {
		msg += fmt.Sprintf(" (%s)", provider)
	}
	c.add(Finding{
		Kind: KindMisclassified, Severity: sev,
		Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
		Message:           msg,
		Evidence:          evidence + "; declared " + declaredAs(d),
		SuggestedCategory: cat,
		Declaration:       d,
	})
}

func (c *classifier) ambiguous(ck crawler.Cookie, chosen *declaration, tied []*declaration) {
	var cats, where []string
	for _, d := range tied {
		if s := string(d.Category); !slices.Contains(cats, s) {
			cats = append(cats, s)
		}
		where = append(where, fmt.Sprintf("%s as %s", declName(d.Declaration), declaredAs(d.Declaration)))
	}
	c.add(Finding{
		Kind: KindAmbiguous, Severity: SeverityLow,
		Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
		Message: fmt.Sprintf("%s matches %d declarations of different categories (%s); it is counted as %s, the most intrusive",
			ck.Name, len(tied), strings.Join(cats, ", "), chosen.Category),
		Evidence:          "declared " + strings.Join(where, "; and "),
		SuggestedCategory: chosen.Category,
		Declaration:       chosen.Declaration,
	})
}

func (c *classifier) expiry(ck crawler.Cookie, d *policy.Declaration) {
	if ck.Session || ck.RequestedExpires == nil {
		return
	}
	life, known := requestedLifetime(ck)
	if known && life <= 0 {
		return // a deletion, not a lifetime
	}
	f := Finding{
		Kind: KindExpiryMismatch, Severity: SeverityMedium,
		Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
		Declaration: d,
	}
	asked := "a persistent lifetime"
	if known {
		asked = "a lifetime of " + humanLifetime(life)
	}
	decl := strings.TrimSpace(fmt.Sprintf("declared duration %q %s", d.Duration.Text, declLocation(d)))
	switch {
	case d.Duration.Session:
		if known && life <= c.tol.Slack {
			f.Severity = SeverityLow
		}
		f.Message = fmt.Sprintf("%s is declared as a session cookie but asks for %s", ck.Name, asked)
		f.Evidence = fmt.Sprintf("%s; it asked for %s; %s", setBy(ck), asked, decl)
	case d.Duration.D > 0 && known:
		if float64(life) <= c.tol.Ratio*float64(d.Duration.D) || life-d.Duration.D < c.tol.Slack {
			return
		}
		f.Message = fmt.Sprintf("%s asks for %s but the policy declares %s", ck.Name, asked, d.Duration.String())
		f.Evidence = fmt.Sprintf("%s; it asked for %s, more than %g times the declared %s and at least %s longer; %s",
			setBy(ck), asked, c.tol.Ratio, d.Duration.String(), humanLifetime(c.tol.Slack), decl)
	default:
		return
	}
	c.add(f)
}

func (c *classifier) notObserved(d declaration) {
	domain := ""
	if len(d.domains) > 0 {
		domain = d.domains[0]
	}
	name, msg := d.Name.Text, fmt.Sprintf("%s is declared but no cookie of the scan matches it", d.Name.Text)
	if d.Service != "" {
		name = d.Service
		msg = fmt.Sprintf("the service %s is declared but no cookie the knowledge base attributes to it was seen", d.Service)
	}
	c.add(Finding{
		Kind: KindNotObserved, Severity: SeverityInfo,
		Cookie: name, Domain: domain,
		Message:     msg,
		Evidence:    "declared " + declaredAs(d.Declaration),
		Declaration: d.Declaration,
	})
}

// setBy says how a cookie was set, for evidence.
func setBy(ck crawler.Cookie) string {
	var s string
	switch ck.SetBy {
	case crawler.SetByHeader:
		s = "set by a Set-Cookie header of " + ck.Source
	case crawler.SetByScript:
		s = "set by the script " + ck.Source
	default:
		s = "seen in the cookie jar"
	}
	if ck.FirstSeenOn != "" {
		s += ", first on " + ck.FirstSeenOn
	}
	return s
}

// kbEvidence describes a knowledge-base entry. It runs for every cookie
// the knowledge base names, so it is written without fmt.
func kbEvidence(e *Entry) string {
	var b strings.Builder
	b.Grow(96 + len(e.Description) + len(e.Reason))
	b.WriteString("knowledge base: ")
	b.WriteString(e.Provider)
	b.WriteByte(' ')
	b.WriteString(e.Pattern())
	b.WriteString(" is ")
	b.WriteString(string(e.Category))
	b.WriteString(" (")
	b.WriteString(string(e.Confidence))
	b.WriteString(" confidence")
	switch {
	case e.Origin == OriginOverride:
		b.WriteString(", our override of the Open Cookie Database: ")
		b.WriteString(e.Reason)
	case e.Origin != "" && e.Origin != OriginBuiltin:
		b.WriteString(", from ")
		b.WriteString(e.Origin)
	}
	if e.OtherHost {
		b.WriteString(", where it is set on ")
		b.WriteString(strings.Join(e.Hosts, ", "))
	}
	b.WriteByte(')')
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	return b.String()
}

// declName names a declaration: its cookie name or pattern, or its
// service.
func declName(d *policy.Declaration) string {
	if d.Service != "" {
		return "the service " + strconv.Quote(d.Service)
	}
	return d.Name.Text
}

// declaredAs describes a declaration: its category, in the policy's words
// when they differ, and where it is; for a service declaration, the
// service that declares the cookie.
func declaredAs(d *policy.Declaration) string {
	s := string(d.Category)
	if d.Service != "" {
		s += " through the service " + strconv.Quote(d.Service)
	}
	if d.CategoryText != "" && !strings.EqualFold(d.CategoryText, s) {
		s += fmt.Sprintf(" (%q)", d.CategoryText)
	}
	if loc := declLocation(d); loc != "" {
		s += " " + loc
	}
	return s
}

// declLocation says where a declaration is: "at policy.yaml:12:5", or "on
// https://example.org/cookies under \"Analytics\"".
func declLocation(d *policy.Declaration) string {
	src := d.Source
	switch {
	case src.File != "" && src.Line > 0:
		return fmt.Sprintf("at %s:%d:%d", src.File, src.Line, max(src.Column, 1))
	case src.Page != "" && src.Heading != "":
		return fmt.Sprintf("on %s under %q", src.Page, src.Heading)
	case src.Page != "":
		return "on " + src.Page
	}
	return ""
}
