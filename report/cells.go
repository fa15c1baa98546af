package report

// The cells every format shows of a cookie: its lifetime and its category
// with where the category came from.

import (
	"fmt"
	"math"
	"time"
)

// lifetime is a cookie's lifetime for people: "session", or the lifetime
// the site asked for, measured from the cookie's first write (from the start
// of the scan when that is unknown) ("1y", "13mo",
// "14d", "24h"), followed by "(stored 400d)" when the browser shortened it
// and "(blocked)" when the browser refused the cookie.
func lifetime(c Cookie, startedAt time.Time) string {
	s := "session"
	if c.SetAt != nil {
		startedAt = *c.SetAt
	}
	if !c.Session && c.RequestedExpires != nil {
		s = humanDuration(c.RequestedExpires.Sub(startedAt))
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

// humanDuration writes d in its most natural unit, rounded: seconds below a
// minute, minutes below an hour ("30m", and "90m" rather than "2h"), hours
// below two days ("24h"), then days ("14d"), months ("13mo", 30.44 days
// each) from 60 days on, and years ("1y", "2y") when d is within 1% of a
// whole number of them. Durations are measured from the start of the scan,
// not from the moment the cookie was set, so small offsets are rounded away.
func humanDuration(d time.Duration) string {
	if d <= 0 {
		return "expired"
	}
	if s := int64(d.Round(time.Second) / time.Second); s < 60 {
		return fmt.Sprintf("%ds", max(1, s))
	}
	if m := int64(d.Round(time.Minute) / time.Minute); m < 60 || (m < 120 && m%60 != 0) {
		return fmt.Sprintf("%dm", m)
	}
	if h := int64(d.Round(time.Hour) / time.Hour); h < 48 {
		return fmt.Sprintf("%dh", h)
	}
	n := days(d)
	const daysPerYear, daysPerMonth = 365.25, 365.25 / 12
	if y := math.Round(float64(n) / daysPerYear); y >= 1 && math.Abs(float64(n)-y*daysPerYear) <= max(2, float64(n)/100) {
		return fmt.Sprintf("%dy", int64(y))
	}
	if n < 60 {
		return fmt.Sprintf("%dd", n)
	}
	return fmt.Sprintf("%dmo", int64(math.Round(float64(n)/daysPerMonth)))
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
