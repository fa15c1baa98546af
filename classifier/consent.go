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

// consentFindings records the consent findings of a cookie. A cookie counts
// by its effective category, so a marketing cookie declared necessary (a
// misclassified one) still needs consent; consent records of the
// platforms are necessary. A cookie of unknown purpose (unclassified) is
// not flagged: the undeclared finding already asks what it is. Neither is
// a cookie the browser refused, or a write that deleted one.
//
// before-consent: present in the before-consent phase, when nothing was
// clicked. after-reject: present in the after-reject phase, when "reject
// all" was clicked; without a reject button nothing was refused, and the
// crawler reports the missing button instead.
//
// Severity: high for statistics and marketing (medium when the category is
// a low-confidence guess), medium for preferences (low when guessed with
// low confidence).
func (c *classifier) consentFindings(ck crawler.Cookie, cl Classification) {
	cat := cl.Effective
	if cat == policy.Necessary || cat == policy.Unclassified || !cat.Valid() || !ck.Stored {
		return
	}
	if life, known := requestedLifetime(ck); known && life <= 0 {
		return
	}
	before := slices.Contains(ck.Phases, crawler.BeforeConsent)
	afterReject := slices.Contains(ck.Phases, crawler.AfterReject) && c.consent.rejectClicked
	if !before && !afterReject {
		return
	}
	sev := trackingSeverity(cat, cl.Confidence)
	what := string(cat)
	if cl.Provider != "" {
		what += ", " + cl.Provider
	}
	ev := []string{setBy(ck), c.categoryEvidence(cl)}

	if before {
		msg := fmt.Sprintf("%s (%s) is set before the visitor made any consent choice", ck.Name, what)
		bev := ev
		if c.consent.known && c.consent.banner == "" {
			bev = append(slices.Clip(ev), "no consent banner was found: the site never asked")
		}
		c.add(Finding{
			Kind: KindBeforeConsent, Severity: sev,
			Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
			Message: msg, Evidence: strings.Join(bev, "; "),
			SuggestedCategory: cat, Declaration: cl.Declaration,
		})
	}
	if afterReject {
		msg := fmt.Sprintf("%s (%s) is set after the visitor chose to reject all cookies", ck.Name, what)
		rev := ev
		if c.consent.rejectNote != "" {
			rev = append(slices.Clip(ev), c.consent.rejectNote)
		}
		c.add(Finding{
			Kind: KindAfterReject, Severity: sev,
			Cookie: ck.Name, Domain: ck.Domain, Path: ck.Path,
			Message: msg, Evidence: strings.Join(rev, "; "),
			SuggestedCategory: cat, Declaration: cl.Declaration,
		})
	}
}

// categoryEvidence says where a cookie's effective category comes from.
func (c *classifier) categoryEvidence(cl Classification) string {
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
