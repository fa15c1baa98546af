package classifier

import (
	"fmt"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/internal/english"
)

// bannerFindings records the findings about the design of the consent
// banner, from what the scan saw of it: the buttons of its first layer,
// found before any choice (crawler.Banner), and what each choice took
// (crawler.ConsentAction). They need no policy.
//
//   - no-reject-option (high): the reject phase found no way to refuse
//     (ConsentAction.NoReject); or, when no reject phase ran, the first
//     layer has an accept button and neither a reject button nor settings.
//   - preticked-purposes (high): the second layer opened with optional
//     purposes already ticked (ConsentAction.Preticked).
//   - reject-not-in-first-layer (medium): the first layer has an accept
//     button and no reject button, whether or not a reject was reached
//     behind the settings; not when the reject phase itself clicked a
//     reject in the first layer (the first look missed it).
//   - reject-harder-than-accept (medium): both choices were made and the
//     reject took more clicks than the accept.
//
// A banner that was not found, or whose accept button was not, tells
// nothing about its design: no finding.
func (c *classifier) bannerFindings(cs *crawler.Consent) {
	if cs == nil {
		return
	}
	var accept, reject *crawler.ConsentAction
	for i := range cs.Actions {
		switch a := &cs.Actions[i]; a.Action {
		case "accept":
			accept = a
		case "reject":
			reject = a
		}
	}
	b := cs.Banner
	about := bannerAbout(b, accept, reject)
	firstLayer := ""
	if b != nil {
		firstLayer = "first layer: " + firstLayerButtons(b)
	}
	add := func(kind Kind, sev Severity, msg string, ev ...string) {
		c.add(Finding{
			Kind: kind, Severity: sev,
			Domain:  NormalizeHost(c.site),
			Message: msg, Evidence: joinNonEmpty(append([]string{about}, ev...)),
		})
	}

	switch {
	case reject != nil && reject.NoReject:
		msg := "the consent banner offers no way to refuse"
		behind := "the reject phase found no reject button"
		switch {
		case reject.BannerBack:
			msg += ": a refusal behind its settings brings it back (consent or pay)"
			behind = "the reject phase refused behind the settings, and the banner's first layer came back and stayed"
		case b != nil && b.Settings != nil:
			msg += fmt.Sprintf(": no reject button, and none behind %s", buttonName(b.Settings))
			behind = fmt.Sprintf("the reject phase found no reject button, and behind %s neither a reject nor a way to untick and save", buttonName(b.Settings))
		case b != nil:
			msg += ": no reject button, and no settings"
		}
		add(KindNoRejectOption, SeverityHigh, msg, firstLayer, behind, clicked("reject", reject))
	case reject == nil && b != nil && b.Accept != nil && b.Reject == nil && b.Settings == nil:
		add(KindNoRejectOption, SeverityHigh,
			fmt.Sprintf("the consent banner offers no way to refuse: only %s, with neither a reject button nor settings", buttonName(b.Accept)),
			firstLayer, "no reject phase ran to look further")
	}

	pretick := accept
	if reject != nil && (pretick == nil || reject.Preticked >= pretick.Preticked) {
		pretick = reject
	}
	if pretick != nil && pretick.Preticked > 0 {
		opened := "the banner's settings"
		if b != nil && b.Settings != nil {
			opened = buttonName(b.Settings)
		}
		add(KindPretickedPurposes, SeverityHigh,
			fmt.Sprintf("%s already ticked when the consent banner's settings opened", english.Count(pretick.Preticked, "optional purpose was", "optional purposes were")),
			fmt.Sprintf("the %s phase opened %s", pretick.Phase, opened), clicked(pretick.Action, pretick))
	}

	if b != nil && b.Accept != nil && b.Reject == nil && !(reject != nil && reject.Clicked && reject.Layer == 1) {
		var behind string
		switch {
		case reject != nil && reject.Clicked && reject.Layer == 2:
			behind = "the reject was reached behind the settings: " + clicked("reject", reject)
		case reject != nil && reject.NoReject:
			behind = "no reject was found behind the settings either"
		case reject != nil && !reject.Clicked:
			behind = errorNote(reject)
		case reject == nil:
			behind = "no reject phase ran"
		}
		add(KindRejectNotInFirstLayer, SeverityMedium,
			fmt.Sprintf("the consent banner's first layer offers %s but no reject button", buttonName(b.Accept)),
			firstLayer, behind)
	}

	if accept != nil && reject != nil && accept.Clicked && reject.Clicked &&
		accept.Clicks > 0 && reject.Clicks > accept.Clicks {
		add(KindRejectHarderThanAccept, SeverityMedium,
			fmt.Sprintf("rejecting takes %s, accepting %s", english.Count(reject.Clicks, "click"), english.Count(accept.Clicks, "click")),
			clicked("accept", accept), clicked("reject", reject))
	}
}

// bannerAbout names the banner for evidence: "consent banner of OneTrust
// in https://www.example.org/", "consent banner (generic) in …".
func bannerAbout(b *crawler.Banner, actions ...*crawler.ConsentAction) string {
	platform, title, frame := "", "", ""
	if b != nil {
		platform, title, frame = b.Platform, b.Title, b.Frame
	}
	for _, a := range actions {
		if a == nil {
			continue
		}
		if platform == "" {
			platform = a.Platform
		}
		if frame == "" {
			frame = a.Frame
		}
	}
	s := "consent banner"
	switch {
	case title != "" && platform != "" && !strings.EqualFold(title, platform):
		s += fmt.Sprintf(" of %s (%s)", title, platform)
	case title != "":
		s += " of " + title
	case platform != "":
		s += " (" + platform + ")"
	}
	if frame != "" {
		s += " in " + frame
	}
	return s
}

// firstLayerButtons lists the buttons of a banner's first layer:
// `accept "Accept all", settings "Customise", no reject`.
func firstLayerButtons(b *crawler.Banner) string {
	var parts []string
	for _, btn := range []struct {
		name string
		b    *crawler.ConsentButton
	}{{"accept", b.Accept}, {"reject", b.Reject}, {"settings", b.Settings}} {
		if btn.b == nil {
			parts = append(parts, "no "+btn.name)
			continue
		}
		parts = append(parts, btn.name+" "+buttonName(btn.b))
	}
	return strings.Join(parts, ", ")
}

// clicked describes the clicks of a choice: `reject took 3 clicks:
// "Settings" → "Reject all" → "Save" (second layer)`, or for a choice not
// made `the reject phase clicked "Settings"`; "" when nothing is known of
// them.
func clicked(what string, a *crawler.ConsentAction) string {
	if a == nil || a.Clicks == 0 && len(a.Steps) == 0 {
		return ""
	}
	quoted := make([]string, len(a.Steps))
	for i, st := range a.Steps {
		quoted[i] = fmt.Sprintf("%q", st)
	}
	var s string
	switch {
	case a.Clicks > 0:
		s = what + " took " + english.Count(a.Clicks, "click")
		if len(quoted) > 0 {
			s += ": " + strings.Join(quoted, " → ")
		}
	default:
		s = fmt.Sprintf("the %s phase clicked %s", a.Phase, strings.Join(quoted, " → "))
	}
	if a.Layer == 2 {
		s += " (second layer)"
	}
	return s
}

// buttonName names a button for people: its label, quoted ("Accept all"),
// or its selector when it has no label.
func buttonName(b *crawler.ConsentButton) string {
	if b.Label == "" {
		return b.Selector
	}
	return fmt.Sprintf("%q", b.Label)
}

// errorNote is what the crawler said went wrong with a choice, "" when
// nothing did.
func errorNote(a *crawler.ConsentAction) string {
	if a == nil || a.Error == "" {
		return ""
	}
	return "the crawler says: " + a.Error
}

func joinNonEmpty(parts []string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}
