package report

// The cells every format shows of a cookie: its lifetime and its category
// with where the category came from.

import (
	"fmt"
	"time"

	"github.com/cookieaudit/cookieaudit/policy"
)

// lifetime is a cookie's lifetime for people: "session", or the lifetime
// the site asked for, measured from the cookie's first write (from the start
// of the scan when that is unknown) and written by policy.FormatLifetime
// ("1y", "13mo", "14d", "24h"), as the classifier's findings write it;
// followed by "(stored 400d)" when the browser shortened it (in days, the
// unit of Chromium's 400-day cap) and "(blocked)" when the browser refused
// the cookie.
func lifetime(c Cookie, startedAt time.Time) string {
	s := "session"
	if c.SetAt != nil {
		startedAt = *c.SetAt
	}
	if !c.Session && c.RequestedExpires != nil {
		s = policy.FormatLifetime(c.RequestedExpires.Sub(startedAt))
		// Chromium caps lifetimes at 400 days; say so, since a policy is
		// compared with what the site asked for, not with the cap.
		if c.Stored && c.Expires != nil && c.RequestedExpires.Sub(*c.Expires) > time.Hour {
			s += fmt.Sprintf(" (stored %dd)", days(c.Expires.Sub(startedAt)))
		}
	}
	if !c.Stored {
		s += " (blocked)"
	}
	return s
}

// days is d in whole days, rounded.
func days(d time.Duration) int64 {
	return int64(d.Round(24*time.Hour) / (24 * time.Hour))
}

// categoryNote says where a cookie's category came from and how much it
// can be trusted: "declared", "known, high", "guessed, low"; "" for an
// unclassified cookie.
func categoryNote(c Cookie) string {
	var src string
	switch c.CategorySource {
	case "policy":
		return "declared"
	case "knowledge-base":
		src = "known"
	case "heuristic":
		src = "guessed"
	default:
		return ""
	}
	if c.CategoryConfidence != "" {
		src += ", " + c.CategoryConfidence
	}
	return src
}

// categoryLabel writes a cookie's category with its note:
// "necessary (declared)", "statistics (known, high)", "preferences
// (guessed, low)", "unclassified". Every format that shows a category
// shows this.
func categoryLabel(c Cookie) string {
	if note := categoryNote(c); note != "" {
		return c.Category + " (" + note + ")"
	}
	return c.Category
}
