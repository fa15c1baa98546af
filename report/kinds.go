package report

import (
	"cmp"

	"github.com/cookieaudit/cookieaudit/classifier"
)

// The finding kinds of the report contract (DESIGN.md), as the classifier
// names them. The classifier decides which findings there are; the report
// only needs their names to describe them (SARIF rules, JUnit test cases)
// and to check --fail-on.
const (
	KindUndeclared     = string(classifier.KindUndeclared)
	KindMisclassified  = string(classifier.KindMisclassified)
	KindExpiryMismatch = string(classifier.KindExpiryMismatch)
	KindNotObserved    = string(classifier.KindNotObserved)
	KindBeforeConsent  = string(classifier.KindBeforeConsent)
	KindAfterReject    = string(classifier.KindAfterReject)
	KindAmbiguous      = string(classifier.KindAmbiguous)

	// The web storage kinds: findings about a localStorage or
	// sessionStorage key or an IndexedDB database (see AboutStorage).
	KindUndeclaredStorage    = string(classifier.KindUndeclaredStorage)
	KindStorageBeforeConsent = string(classifier.KindStorageBeforeConsent)
	KindStorageAfterReject   = string(classifier.KindStorageAfterReject)

	// The banner design kinds: findings about the consent banner, which
	// have no cookie (see AboutBanner).
	KindNoRejectOption         = string(classifier.KindNoRejectOption)
	KindPretickedPurposes      = string(classifier.KindPretickedPurposes)
	KindRejectNotInFirstLayer  = string(classifier.KindRejectNotInFirstLayer)
	KindRejectHarderThanAccept = string(classifier.KindRejectHarderThanAccept)
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
	{KindUndeclaredStorage, "Undeclared web storage",
		"The site wrote a localStorage or sessionStorage key, or opened an IndexedDB database, that no declaration of local storage in its cookie policy matches. Declare it (name, type, category, purpose) or stop writing it."},
	{KindStorageBeforeConsent, "Web storage written before consent",
		"A localStorage or sessionStorage key or an IndexedDB database that is not strictly necessary was written before the visitor made any consent choice. Storing on the visitor's device needs consent, whatever the storage: write it only after consent."},
	{KindStorageAfterReject, "Web storage written after rejection",
		`A localStorage or sessionStorage key or an IndexedDB database that is not strictly necessary was written after the visitor chose "reject all". Respect the choice.`},
	{KindNoRejectOption, "Consent banner offers no way to refuse",
		"The consent banner has an accept button but no way to refuse: no reject button, and no reject (or way to untick every purpose and save) behind its settings. Refusing must be as possible as accepting."},
	{KindPretickedPurposes, "Purposes ticked in advance",
		"The consent banner's settings opened with optional purposes already ticked. Consent must be given by the visitor: leave every optional purpose unticked until the visitor ticks it."},
	{KindRejectNotInFirstLayer, "Reject not in the banner's first layer",
		`The consent banner's first layer has an accept button but no reject button: refusing needs the settings, or is not possible. Put a "reject all" beside "accept all".`},
	{KindRejectHarderThanAccept, "Rejecting takes more clicks than accepting",
		"Refusing took more clicks than accepting. Make refusing as easy as accepting: one click each, in the same layer."},
	{KindAmbiguous, "Ambiguous declaration",
		"The cookie matches several declarations of different categories. The policy contradicts itself: keep one declaration."},
	{KindNotObserved, "Declared cookie not observed",
		"The policy declares a cookie that the scan never saw. Informational: the cookie may be set on pages the scan did not visit, or the declaration may be stale."},
}

// DefaultFailOn are the finding kinds that fail the gate unless --fail-on
// says otherwise: every kind but the informational not-observed and
// ambiguous, which is about the policy's wording rather than the site. The
// web storage kinds and the banner design kinds are about the site, and
// fail by default too.
var DefaultFailOn = []string{KindUndeclared, KindMisclassified, KindExpiryMismatch, KindBeforeConsent, KindAfterReject,
	KindUndeclaredStorage, KindStorageBeforeConsent, KindStorageAfterReject,
	KindNoRejectOption, KindPretickedPurposes, KindRejectNotInFirstLayer, KindRejectHarderThanAccept}

// AboutBanner reports whether f is about the design of the site's consent
// banner rather than a cookie (its kind is one of the banner design kinds):
// it has no cookie name or path, and the site's host as its domain.
func AboutBanner(f Finding) bool {
	return classifier.Kind(f.Kind).AboutBanner()
}

// AboutStorage reports whether f is about a web storage entry (or a
// declaration of storage never observed) rather than a cookie: its Cookie
// is the storage key and its Domain the origin's host.
func AboutStorage(f Finding) bool {
	return f.Storage != "" || classifier.Kind(f.Kind).AboutStorage()
}

// bannerSubject is what the writers show in place of the cookie name of a
// finding about the consent banner.
const bannerSubject = "consent banner"

// subject is what a finding is about, for people: the cookie name,
// "consent banner", or a storage key after its kind of storage
// ("localStorage st_uid"). It is not sanitized.
func subject(f Finding) string {
	switch {
	case AboutBanner(f):
		return bannerSubject
	case AboutStorage(f):
		return cmp.Or(f.Storage, "web storage") + " " + f.Cookie
	}
	return f.Cookie
}

// aboutCookie reports whether f is about the cookie c: the same name,
// domain and (when the finding has one) path. A finding about the banner
// is about no cookie, even a nameless one, and one about web storage none
// either, even a key of the cookie's name.
func aboutCookie(f Finding, c Cookie) bool {
	return !AboutBanner(f) && !AboutStorage(f) && f.Cookie == c.Name && classifier.NormalizeHost(f.Domain) == classifier.NormalizeHost(c.Domain) &&
		(f.Path == "" || f.Path == c.Path)
}

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

// The severities of findings, from the most to the least serious, as the
// classifier names them.
const (
	SeverityHigh   = string(classifier.SeverityHigh)
	SeverityMedium = string(classifier.SeverityMedium)
	SeverityLow    = string(classifier.SeverityLow)
	SeverityInfo   = string(classifier.SeverityInfo)
)

// Severities lists the severities from the least to the most serious.
var Severities = []string{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh}

// SeverityRank orders severities: info 0, low 1, medium 2, high 3; -1 for
// anything else.
func SeverityRank(s string) int { return classifier.Severity(s).Rank() }

// ruleID is the rule id of f, the one place every writer takes it from:
// the id the finding carries (the classifier's Kind.RuleID, copied into
// the JSON report's ruleId), else its kind's, for a finding of a report
// written before findings carried one. SARIF names its rules and results
// by it, JUnit failures give it as their type and in their lists of
// findings, and fingerprints hold it. Annotations and the table, Markdown
// and HTML reports name the kind instead: it is what --fail-on and ignore
// files take.
func ruleID(f Finding) string {
	return cmp.Or(f.RuleID, classifier.Kind(f.Kind).RuleID())
}

// FindingFingerprint is f's fingerprint: f.Fingerprint when the classifier
// set one, else classifier.RuleFingerprint of the site host, the cookie
// name, domain and path (classifier.FingerprintPath: the kind of storage
// of a finding about web storage) and the finding's rule id (ruleID), so
// that a report whose findings lack fingerprints (written by hand or by an
// older version) can still serve as a baseline and match a new scan's. Neither
// the cookie value nor a time is part of it: both change between scans of
// an unchanged site.
func FindingFingerprint(target string, f Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return classifier.RuleFingerprint(target, f.Cookie, f.Domain, classifier.FingerprintPath(f.Path, f.Storage), ruleID(f))
}
