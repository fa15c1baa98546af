package classifier

// The findings of comparing a cookie with the declared policy:
// undeclared, misclassified, ambiguous, expiry-mismatch and not-observed.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// policyFindings records the findings of comparing a cookie with the
// policy, and sets cl.Effective when strong evidence contradicts the
// declared category.
func (c *classifier) policyFindings(ck crawler.Cookie, cl *Classification, decl *declaration, ambiguous []*declaration) {
	if decl == nil {
		c.undeclared(cookieSubject(ck), cl.Verdict, KindUndeclared)
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

// undeclared records a finding of kind (undeclared, undeclared-storage)
// about a cookie or storage entry that no declaration matches: of the
// severity of its tracking when it probably tracks (see trackingSeverity),
// medium when it looks necessary or is unknown.
func (c *classifier) undeclared(s subject, v Verdict, kind Kind) {
	sev := SeverityMedium // necessary-looking or unknown
	switch v.Category {
	case policy.Marketing, policy.Statistics, policy.Preferences:
		sev = trackingSeverity(v.Category, v.Confidence)
	}
	msg := fmt.Sprintf("%s is %s but the policy does not declare it", s.label, s.set)
	if v.Category == policy.Unclassified {
		msg += "; what it is for is unknown"
	} else {
		msg += fmt.Sprintf("; it is probably %s", v.Category)
		if v.Provider != "" {
			msg += fmt.Sprintf(" (%s)", v.Provider)
		}
	}
	ev := []string{s.setBy}
	switch v.CategorySource {
	case SourceKnowledgeBase:
		ev = append(ev, v.Reason)
	case SourceHeuristic:
		ev = append(ev, fmt.Sprintf("heuristic (%s confidence): %s", v.Confidence, v.Reason))
	}
	f := s.finding(kind, sev, msg, strings.Join(ev, "; "))
	f.SuggestedCategory = v.Category
	c.add(f)
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
		asked = "a lifetime of " + policy.FormatLifetime(life)
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
		declared := policy.FormatLifetime(d.Duration.D)
		f.Message = fmt.Sprintf("%s asks for %s but the policy declares %s", ck.Name, asked, declared)
		f.Evidence = fmt.Sprintf("%s; it asked for %s, more than %g times the declared %s and at least %s longer; %s",
			setBy(ck), asked, c.tol.Ratio, declared, policy.FormatLifetime(c.tol.Slack), decl)
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
	switch {
	case d.Service != "":
		name = d.Service
		msg = fmt.Sprintf("the service %s is declared but no cookie the knowledge base attributes to it was seen", d.Service)
	case !d.IsCookie():
		msg = fmt.Sprintf("%s is declared as %s but no web storage entry of the scan matches it", d.Name.Text, d.Type)
	}
	f := Finding{
		Kind: KindNotObserved, Severity: SeverityInfo,
		Cookie: name, Domain: domain,
		Message:     msg,
		Evidence:    "declared " + declaredAs(d.Declaration),
		Declaration: d.Declaration,
	}
	if !d.IsCookie() {
		// Apart from a cookie declared with the same name.
		f.Storage = string(d.Type)
	}
	c.add(f)
}
