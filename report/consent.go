package report

// What every format says of the consent choices: which were made, how they
// were verified, and which could not be made.

import (
	"cmp"
	"fmt"
	"strings"
)

// ConsentFailure is a consent choice the scan was to make and could not.
type ConsentFailure struct {
	// Phase is the consent phase ("after-reject"), Action the choice
	// ("reject").
	Phase  string
	Action string
	// Error is what went wrong, as the crawler says.
	Error string
}

// String says what failed in words: "the after-reject phase could not
// reject (the banner has no reject button)".
func (f ConsentFailure) String() string {
	s := fmt.Sprintf("the %s phase could not %s", f.Phase, f.Action)
	if f.Error != "" {
		s += " (" + f.Error + ")"
	}
	return s
}

// ConsentFailures returns the consent choices of rep that were asked for
// and not made. Every consent phase after the first was asked for: by
// --consent accept, reject or all, or by --consent auto once a banner was
// found. A phase fails when its choice was not clicked (ConsentAction.
// Clicked is false: no banner, no such button, a click that did not
// happen) or when it recorded no choice at all. A choice clicked but not
// verified is not a failure: the reports say "clicked, not verified".
//
// Such a scan is incomplete: the cookies of the failed phase are those of a
// visit with no choice made, so the scan cannot vouch for the site (see
// ApplyGate).
func ConsentFailures(rep *Report) []ConsentFailure {
	c := rep.Consent
	if c == nil {
		return nil
	}
	var out []ConsentFailure
	for _, ph := range c.Phases {
		action := phaseAction(ph)
		if action == "" {
			continue // before-consent: nothing to choose
		}
		var a *ConsentAction
		for i := range c.Actions {
			if c.Actions[i].Phase == ph {
				a = &c.Actions[i]
			}
		}
		switch {
		case a == nil:
			out = append(out, ConsentFailure{Phase: ph, Action: action, Error: "no choice was recorded"})
		case !a.Clicked:
			out = append(out, ConsentFailure{Phase: ph, Action: cmp.Or(a.Action, action), Error: cmp.Or(a.Error, "the choice was not made")})
		}
	}
	return out
}

// phaseAction is the choice a consent phase makes: "accept" for
// after-accept, "reject" for after-reject, "" for before-consent and
// phases this version does not know.
func phaseAction(phase string) string {
	switch phase {
	case "after-accept":
		return "accept"
	case "after-reject":
		return "reject"
	}
	return ""
}

// incompleteReasons says why a scan cannot vouch for its site: it stopped
// early, or a consent choice could not be made.
func incompleteReasons(rep *Report) []string {
	var out []string
	if rep.Partial {
		out = append(out, "the scan stopped before visiting every page")
	}
	for _, f := range ConsentFailures(rep) {
		out = append(out, f.String())
	}
	return out
}

// incompleteText is the reason of an incomplete outcome, without the
// gate's part: "the scan stopped before visiting every page, so it cannot
// vouch for the site".
func incompleteText(rep *Report) string {
	reasons := incompleteReasons(rep)
	if len(reasons) == 1 && rep.Partial {
		return reasons[0] + ", so it cannot vouch for the site"
	}
	return strings.Join(reasons, "; ") + ", so the scan cannot vouch for the site"
}

// actionOutcome says how a consent choice went, for people: "not
// clicked", "clicked, not verified", "clicked, choice verified", or
// "clicked, verified by the TCF API (rejected)" when the report says how.
func actionOutcome(a ConsentAction) string {
	switch {
	case !a.Clicked:
		return "not clicked"
	case !a.Verified:
		return "clicked, not verified"
	}
	how := verifiedByText(a.VerifiedBy)
	if how == "" {
		return "clicked, choice verified"
	}
	s := "clicked, verified by " + how
	if a.State != "" {
		s += " (" + a.State + ")"
	}
	return s
}

// verifiedByText is how a choice was verified, in words; "" when the
// report does not say (an older report) or nothing did.
func verifiedByText(by string) string {
	switch by {
	case "platform-api":
		return "the platform's API"
	case "tcf":
		return "the TCF API"
	case "consent-record":
		return "a consent record"
	case "", "none":
		return ""
	}
	return by
}

// actionDetails says where a choice was made and what it took: `second
// layer, 3 clicks: "Settings" → "Reject all" → "Save"; 2 purposes were
// pre-ticked`; "" when the report says nothing of it (an older report).
// Strings from the site are sanitized.
func actionDetails(a ConsentAction) string {
	var parts []string
	var where string
	switch a.Layer {
	case 1:
		where = "first layer"
	case 2:
		where = "second layer"
	}
	clicks := ""
	if a.Clicks > 0 {
		clicks = plural(a.Clicks, "click")
	}
	if len(a.Steps) > 0 {
		quoted := make([]string, len(a.Steps))
		for i, st := range a.Steps {
			quoted[i] = `"` + sanitize(st) + `"`
		}
		if clicks == "" {
			clicks = "steps" // a choice not made, or of an older crawler
		}
		clicks += ": " + strings.Join(quoted, " → ")
	}
	switch {
	case where != "" && clicks != "":
		parts = append(parts, where+", "+clicks)
	case where != "" || clicks != "":
		parts = append(parts, where+clicks)
	}
	if a.Preticked > 0 {
		verb := "were"
		if a.Preticked == 1 {
			verb = "was"
		}
		parts = append(parts, fmt.Sprintf("%s %s pre-ticked", plural(a.Preticked, "optional purpose"), verb))
	}
	if a.NoReject {
		parts = append(parts, "the banner offers no reject")
	}
	return strings.Join(parts, "; ")
}

// bannerName names a banner's platform: "OneTrust (onetrust)", or the
// platform alone. Sanitized.
func bannerName(b *Banner) string {
	if b.Title != "" && !strings.EqualFold(b.Title, b.Platform) {
		return sanitize(b.Title) + " (" + sanitize(b.Platform) + ")"
	}
	if b.Title != "" {
		return sanitize(b.Title)
	}
	return sanitize(b.Platform)
}
