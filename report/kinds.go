package report

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// The finding kinds of the report contract (DESIGN.md). The classifier
// decides which findings there are; the report only needs their names to
// describe them (SARIF rules, JUnit test cases) and to check --fail-on.
const (
	KindUndeclared     = "undeclared"
	KindMisclassified  = "misclassified"
	KindExpiryMismatch = "expiry-mismatch"
	KindNotObserved    = "not-observed"
	KindBeforeConsent  = "before-consent"
	KindAfterReject    = "after-reject"
	KindAmbiguous      = "ambiguous"
)

// KindInfo describes a finding kind for people and for CI systems.
type KindInfo struct {
	Kind string
	// Title is a short name, e.g. "Undeclared cookie".
	Title string
	// Description says what the kind means and what to do about it.
	Description string
}

// Kinds describes every finding kind, in the order reports list them.
var Kinds = []KindInfo{
	{KindUndeclared, "Undeclared cookie",
		"The site set a cookie that no declaration of its cookie policy matches. Declare it (name, provider, category, duration, purpose) or stop setting it."},
	{KindMisclassified, "Misclassified cookie",
		"The policy declares the cookie in a category that strong evidence contradicts, e.g. a well-known marketing cookie declared strictly necessary. Correct the category, and the consent it needs."},
	{KindExpiryMismatch, "Lifetime differs from the policy",
		"The lifetime the site asked for differs from the declared duration: a declared session cookie that persists, or a lifetime far from the declared one. Correct the policy or the cookie."},
	{KindBeforeConsent, "Cookie set before consent",
		"A cookie that is not strictly necessary was set before the visitor made any consent choice. Set it only after consent."},
	{KindAfterReject, "Cookie set after rejection",
		`A cookie that is not strictly necessary was set after the visitor chose "reject all". Respect the choice.`},
	{KindAmbiguous, "Ambiguous declaration",
		"The cookie matches several declarations of different categories. The policy contradicts itself: keep one declaration."},
	{KindNotObserved, "Declared cookie not observed",
		"The policy declares a cookie that the scan never saw. Informational: the cookie may be set on pages the scan did not visit, or the declaration may be stale."},
}

// DefaultFailOn are the finding kinds that fail the gate unless --fail-on
// says otherwise: every kind but the informational not-observed and
// ambiguous, which is about the policy's wording rather than the site.
var DefaultFailOn = []string{KindUndeclared, KindMisclassified, KindExpiryMismatch, KindBeforeConsent, KindAfterReject}

// kindInfo describes kind, or makes up a description for a kind this
// version does not know (a report written by a newer version).
func kindInfo(kind string) KindInfo {
	for _, k := range Kinds {
		if k.Kind == kind {
			return k
		}
	}
	return KindInfo{Kind: kind, Title: kind, Description: "Finding of kind " + kind + "."}
}

// kindsOf returns the kinds of Kinds followed by any other kind the
// findings have, in order of appearance: writers list every known kind,
// even those without a finding, so that a CI system sees a stable set.
func kindsOf(findings ...[]Finding) []string {
	var kinds []string
	seen := map[string]bool{}
	for _, k := range Kinds {
		kinds = append(kinds, k.Kind)
		seen[k.Kind] = true
	}
	for _, fs := range findings {
		for _, f := range fs {
			if !seen[f.Kind] {
				seen[f.Kind] = true
				kinds = append(kinds, f.Kind)
			}
		}
	}
	return kinds
}

// The severities of findings, from the most to the least serious.
const (
	SeverityHigh   = "high"
	SeverityMedium = "medium"
	SeverityLow    = "low"
	SeverityInfo   = "info"
)

// Severities lists the severities from the least to the most serious.
var Severities = []string{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh}

// SeverityRank orders severities: info 0, low 1, medium 2, high 3; -1 for
// anything else.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}

// FindingFingerprint is f's fingerprint: f.Fingerprint when the classifier
// set one, else one computed as classifier.Fingerprint does, from the site
// host, the cookie name, domain and path and the rule id, so that a report
// whose findings lack fingerprints (written by hand or by an older
// version) can still serve as a baseline. Neither the cookie value nor a
// time is part of it: both change between scans of an unchanged site.
func FindingFingerprint(target string, f Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	host := normalizeHost(target)
	if strings.Contains(target, "://") {
		if u, err := url.Parse(target); err == nil {
			host = strings.ToLower(u.Hostname())
		}
	}
	rule := f.RuleID
	if rule == "" {
		rule = f.Kind
	}
	// NUL cannot occur in a host, cookie name, domain or path, so no two
	// different tuples give the same input.
	sum := sha256.Sum256([]byte(strings.Join([]string{host, f.Cookie, normalizeHost(f.Domain), f.Path, rule}, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// normalizeHost is a domain in lower case without surrounding dots.
func normalizeHost(d string) string {
	return strings.Trim(strings.ToLower(strings.TrimSpace(d)), ".")
}
