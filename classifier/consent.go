package classifier

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// consentState is what the consent audit needs to know of a scan's consent
// phases.
type consentState struct {
	// known is false when no crawler.Consent was given.
	known bool
	// banner is the platform of the banner found ("" when none was found).
	banner string
	// rejectClicked is true when "reject all" was clicked in the
	// after-reject phase; rejectNote says how the click went otherwise.
	rejectClicked bool
	rejectNote    string
	// records are the site's consent records that verified a choice
	// (crawler.ConsentAction.Records).
	records []crawler.ConsentRecord
}

// isRecord reports whether the cookie or storage entry of the given kind,
// name and host is one of the site's consent records: what it keeps of
// the visitor's choice needs no consent, and is never a consent finding.
// A record is one the document that read it sees: a cookie whose domain
// covers the document's host, a storage entry of its origin.
func (st consentState) isRecord(kind, name, host string) bool {
	return slices.ContainsFunc(st.records, func(r crawler.ConsentRecord) bool {
		return r.Kind == kind && r.Name == name && domainCovers(host, r.Frame)
	})
}

func consentFacts(c *crawler.Consent) consentState {
	if c == nil {
		return consentState{rejectClicked: true}
	}
	st := consentState{known: true}
	if c.Banner != nil {
		st.banner = c.Banner.Platform
	}
	for _, a := range c.Actions {
		st.records = append(st.records, a.Records...)
		if a.Phase != crawler.AfterReject {
			continue
		}
		st.rejectClicked = a.Clicked
		switch {
		case a.Clicked && !a.Verified:
			st.rejectNote = "the reject click could not be verified"
			if a.Error != "" {
				st.rejectNote += ": " + a.Error
			}
		case !a.Clicked:
			st.rejectNote = a.Error
		}
	}
	return st
}

// cookieConsent records the consent findings of a cookie (see
// consentFindings). Neither a cookie the browser refused, nor a write that
// deleted one, nor the site's consent record is flagged.
func (c *classifier) cookieConsent(ck crawler.Cookie, v Verdict) {
	if !ck.Stored {
		return
	}
	if life, known := requestedLifetime(ck); known && life <= 0 {
		return
	}
	if c.consent.isRecord("cookie", ck.Name, ck.Domain) {
		return
	}
	c.consentFindings(cookieSubject(ck), v, KindBeforeConsent, KindAfterReject)
}

// consentFindings records the consent findings of a cookie or a web
// storage entry, of kind before (before-consent, storage-before-consent)
// or afterReject (after-reject, storage-after-reject). It counts by the
// effective category, so a marketing cookie declared necessary (a
// misclassified one) still needs consent; consent records of the
// platforms are necessary. Something of unknown purpose (unclassified) is
// not flagged: the undeclared finding already asks what it is.
//
// before: present in the before-consent phase, when nothing was clicked.
// afterReject: present in the after-reject phase, when "reject all" was
// clicked; without a reject button nothing was refused, and the crawler
// reports the missing button instead.
//
// Severity: high for statistics and marketing (medium when the category is
// a low-confidence guess), medium for preferences (low when guessed with
// low confidence).
func (c *classifier) consentFindings(s subject, v Verdict, before, afterReject Kind) {
	cat := v.Effective
	if cat == policy.Necessary || cat == policy.Unclassified || !cat.Valid() {
		return
	}
	isBefore := slices.Contains(s.phases, crawler.BeforeConsent)
	isAfterReject := slices.Contains(s.phases, crawler.AfterReject) && c.consent.rejectClicked
	if !isBefore && !isAfterReject {
		return
	}
	sev := trackingSeverity(cat, v.Confidence)
	what := string(cat)
	if v.Provider != "" {
		what += ", " + v.Provider
	}
	ev := []string{s.setBy, c.categoryEvidence(v)}

	if isBefore {
		msg := fmt.Sprintf("%s (%s) is %s before the visitor made any consent choice", s.label, what, s.set)
		bev := ev
		if c.consent.known && c.consent.banner == "" {
			bev = append(slices.Clip(ev), "no consent banner was found: the site never asked")
		}
		f := s.finding(before, sev, msg, strings.Join(bev, "; "))
		f.SuggestedCategory, f.Declaration = cat, v.Declaration
		c.add(f)
	}
	if isAfterReject {
		msg := fmt.Sprintf("%s (%s) is %s after the visitor chose to reject all cookies", s.label, what, s.set)
		rev := ev
		if c.consent.rejectNote != "" {
			rev = append(slices.Clip(ev), c.consent.rejectNote)
		}
		f := s.finding(afterReject, sev, msg, strings.Join(rev, "; "))
		f.SuggestedCategory, f.Declaration = cat, v.Declaration
		c.add(f)
	}
}

// categoryEvidence says where the effective category of a cookie or
// storage entry comes from.
func (c *classifier) categoryEvidence(cl Verdict) string {
	switch {
	case cl.Effective != cl.Category && cl.KBEntry != nil:
		return fmt.Sprintf("counted as %s despite its declaration, on the evidence of the %s", cl.Effective, kbEvidence(cl.KBEntry))
	case cl.Effective != cl.Category:
		return fmt.Sprintf("counted as %s despite its declaration as %s", cl.Effective, cl.Category)
	case cl.CategorySource == SourcePolicy:
		return cl.Reason
	case cl.CategorySource == SourceHeuristic:
		return fmt.Sprintf("heuristic (%s confidence): %s", cl.Confidence, cl.Reason)
	}
	return cl.Reason
}
