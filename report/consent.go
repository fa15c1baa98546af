package report

// The consent section of a report, the banner the scan found and the
// choices it made, and what every format says of them: which choices were
// made, how they were verified, and which could not be made.

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/internal/english"
)

// Consent is what the scan found and did about the consent banner.
type Consent struct {
	// Mode is what ran: none, accept, reject or all.
	Mode string `json:"mode"`
	// Phases are the phases that ran, in order.
	Phases []string `json:"phases"`
	// Banner is the banner found before any choice; nil when none was.
	Banner *Banner `json:"banner"`
	// Actions are the choices made or attempted, one per phase after the
	// first (see ConsentFailures for those not made).
	Actions []ConsentAction `json:"actions"`
}

// Banner is a consent banner. A nil Reject is a banner with no reject
// button in its first layer.
type Banner struct {
	Platform string `json:"platform"`
	// Title is the platform's product name as its vendor writes it
	// ("OneTrust"); empty for generic and custom banners, and in reports
	// of older versions.
	Title  string         `json:"title"`
	Frame  string         `json:"frame"`
	Accept *ConsentButton `json:"accept"`
	Reject *ConsentButton `json:"reject"`
	// Settings is the first layer's button that opens the second layer
	// ("Settings", "Customise"); null when there is none.
	Settings *ConsentButton `json:"settings"`
}

// ConsentButton is a button of a banner.
type ConsentButton struct {
	Selector string `json:"selector"`
	Label    string `json:"label"`
}

// ConsentAction is one choice made on a banner, and whether it worked.
type ConsentAction struct {
	Phase    string         `json:"phase"`
	Action   string         `json:"action"`
	Platform string         `json:"platform"`
	Button   *ConsentButton `json:"button"`
	Frame    string         `json:"frame"`
	// Clicked is true when the choice was made: every click it took was
	// made. Verified is true when the platform then recorded the choice;
	// a choice clicked but not verified is reported as such, not as an
	// error.
	Clicked  bool `json:"clicked"`
	Verified bool `json:"verified"`
	// VerifiedBy says how the choice was checked: "platform-api", "tcf",
	// "consent-record", or "none" when nothing said what was recorded;
	// empty in reports of older versions.
	VerifiedBy string `json:"verifiedBy"`
	// State is what the platform recorded: "accepted", "rejected",
	// "partial", "none", or "" when nothing could tell.
	State string `json:"state"`
	// Layer is where the choice was made: 1 in the banner's first layer, 2
	// behind its settings, 0 when it was not made.
	Layer int `json:"layer"`
	// Clicks is the number of clicks the choice took, toggles unticked in
	// the second layer included; Steps are the labels of what was clicked,
	// in order (never null).
	Clicks int      `json:"clicks"`
	Steps  []string `json:"steps"`
	// Preticked is the number of optional purposes already ticked when the
	// second layer opened (0 when it was not opened).
	Preticked int `json:"preticked"`
	// NoReject is true when a reject was asked for and the banner offers
	// none, in its first layer or behind its settings.
	NoReject bool `json:"noReject"`
	// BannerBack is true when a refusal behind the settings brought the
	// banner's first layer back (a consent-or-pay wall); omitted otherwise.
	BannerBack bool `json:"bannerBack,omitempty"`
	// Records are the site's consent records that the click wrote, when
	// one of them verified the choice (verifiedBy "consent-record"): the
	// audit raises no consent finding on them. Omitted otherwise.
	Records []ConsentRecord `json:"records,omitempty"`
	// Error says what went wrong, empty when nothing did.
	Error string `json:"error"`
}

// ConsentRecord is a cookie or web storage entry in which the site keeps
// the visitor's consent choice.
type ConsentRecord struct {
	// Kind is "cookie", "localStorage" or "sessionStorage".
	Kind string `json:"kind"`
	// Name is the cookie's name or the storage key.
	Name string `json:"name"`
	// Frame is the URL of the document that read it.
	Frame string `json:"frame"`
}

func button(b *crawler.ConsentButton) *ConsentButton {
	if b == nil {
		return nil
	}
	return &ConsentButton{Selector: b.Selector, Label: b.Label}
}

func records(rs []crawler.ConsentRecord) []ConsentRecord {
	var out []ConsentRecord
	for _, r := range rs {
		out = append(out, ConsentRecord{Kind: r.Kind, Name: r.Name, Frame: r.Frame})
	}
	return out
}

// consentOf is the report's view of the scan's consent phases.
func consentOf(res *crawler.Result) *Consent {
	c := res.Consent
	if c.Mode == "" {
		return nil
	}
	rc := &Consent{Mode: c.Mode, Phases: phaseNames(c.Phases), Actions: []ConsentAction{}}
	if b := c.Banner; b != nil {
		rc.Banner = &Banner{Platform: b.Platform, Title: b.Title, Frame: b.Frame,
			Accept: button(b.Accept), Reject: button(b.Reject), Settings: button(b.Settings)}
	}
	for _, a := range c.Actions {
		rc.Actions = append(rc.Actions, ConsentAction{
			Phase: string(a.Phase), Action: a.Action, Platform: a.Platform, Button: button(a.Button),
			Frame: a.Frame, Clicked: a.Clicked, Verified: a.Verified,
			VerifiedBy: a.VerifiedBy, State: a.State, Layer: a.Layer, Clicks: a.Clicks,
			Steps: append([]string{}, a.Steps...), Preticked: a.Preticked, NoReject: a.NoReject, BannerBack: a.BannerBack,
			Records: records(a.Records), Error: a.Error,
		})
	}
	return rc
}

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
	if a.VerifiedBy == "consent-record" && len(a.Records) > 0 {
		how = "the consent record " + recordNames(a.Records)
		if len(a.Records) > 1 {
			how = "the consent records " + recordNames(a.Records)
		}
	}
	if how == "" {
		return "clicked, choice verified"
	}
	s := "clicked, verified by " + how
	if a.State != "" {
		s += " (" + a.State + ")"
	}
	return s
}

// recordNames names consent records for people: "cookie cpref", "cookie a
// and localStorage b", the first three and how many more. Names from the
// site are sanitized.
func recordNames(rs []ConsentRecord) string {
	var names []string
	for i, r := range rs {
		if i == 3 {
			names = append(names, fmt.Sprintf("%d more", len(rs)-3))
			break
		}
		names = append(names, sanitize(r.Kind)+" "+sanitize(r.Name))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
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
		clicks = english.Count(a.Clicks, "click")
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
		parts = append(parts, fmt.Sprintf("%s %s pre-ticked", english.Count(a.Preticked, "optional purpose"), verb))
	}
	switch {
	case a.BannerBack:
		parts = append(parts, "the banner came back after the refusal")
	case a.NoReject:
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
