package classifier

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/cookieaudit/cookieaudit/policy"
)

// Kind is the kind of a finding. The kinds are part of the report contract
// (DESIGN.md); a report written by a later version may hold others, so the
// type stays open.
type Kind string

// The kinds of finding this package produces.
const (
	// KindUndeclared: a cookie was seen that no declaration matches.
	KindUndeclared Kind = "undeclared"
	// KindMisclassified: the declared category contradicts strong evidence
	// (a high-confidence knowledge-base entry, or a third-party
	// advertising host).
	KindMisclassified Kind = "misclassified"
	// KindExpiryMismatch: a cookie declared as a session cookie persists,
	// or lives far longer than declared.
	KindExpiryMismatch Kind = "expiry-mismatch"
	// KindNotObserved: a declaration that no cookie of the scan matches
	// (informational).
	KindNotObserved Kind = "not-observed"
	// KindAmbiguous: a cookie matches several declarations of different
	// categories with the same precedence. The policy contradicts itself;
	// the classifier counts the cookie in the most privacy-invasive of the
	// categories and says so, rather than picking one silently.
	KindAmbiguous Kind = "ambiguous"
	// KindBeforeConsent: a cookie that is not necessary (by its effective
	// category) was present before the visitor made any consent choice.
	KindBeforeConsent Kind = "before-consent"
	// KindAfterReject: a cookie that is not necessary was present after
	// the visitor chose "reject all".
	KindAfterReject Kind = "after-reject"

	// The kinds of findings about web storage: localStorage and
	// sessionStorage keys and IndexedDB databases (see Kind.AboutStorage).

	// KindUndeclaredStorage: a web storage entry was seen that no
	// declaration of local storage, session storage or IndexedDB
	// matches.
	KindUndeclaredStorage Kind = "undeclared-storage"
	// KindStorageBeforeConsent: a web storage entry that is not necessary
	// was present before the visitor made any consent choice.
	KindStorageBeforeConsent Kind = "storage-before-consent"
	// KindStorageAfterReject: a web storage entry that is not necessary
	// was present after the visitor chose "reject all".
	KindStorageAfterReject Kind = "storage-after-reject"

	// The kinds of banner design findings: they are about the consent
	// banner, not a cookie (see Kind.AboutBanner).

	// KindNoRejectOption: the banner offers no way to refuse, neither a
	// reject button nor settings in which to refuse.
	KindNoRejectOption Kind = "no-reject-option"
	// KindPretickedPurposes: the banner's second layer opened with
	// optional purposes already ticked.
	KindPretickedPurposes Kind = "preticked-purposes"
	// KindRejectNotInFirstLayer: the banner's first layer has an accept
	// button but no reject button, whether or not a reject is found
	// behind its settings.
	KindRejectNotInFirstLayer Kind = "reject-not-in-first-layer"
	// KindRejectHarderThanAccept: rejecting took more clicks than
	// accepting.
	KindRejectHarderThanAccept Kind = "reject-harder-than-accept"
)

// ruleIDs are the stable rule ids of the kinds, in kebab case.
var ruleIDs = map[Kind]string{
	KindUndeclared:     "undeclared-cookie",
	KindMisclassified:  "misclassified-cookie",
	KindExpiryMismatch: "expiry-mismatch",
	KindNotObserved:    "declared-not-observed",
	KindAmbiguous:      "ambiguous-declaration",
	KindBeforeConsent:  "cookie-before-consent",
	KindAfterReject:    "cookie-after-reject",

	KindUndeclaredStorage:    "undeclared-storage",
	KindStorageBeforeConsent: "storage-before-consent",
	KindStorageAfterReject:   "storage-after-reject",

	KindNoRejectOption:         "consent-no-reject-option",
	KindPretickedPurposes:      "consent-preticked-purposes",
	KindRejectNotInFirstLayer:  "consent-reject-not-in-first-layer",
	KindRejectHarderThanAccept: "consent-reject-harder-than-accept",
}

// RuleID returns the stable rule id of findings of kind k
// ("undeclared-cookie"); for a kind this package does not produce, the
// kind itself.
func (k Kind) RuleID() string {
	if id, ok := ruleIDs[k]; ok {
		return id
	}
	return string(k)
}

// AboutBanner reports whether findings of kind k are about the design of
// the site's consent banner rather than about a cookie: such findings have
// no cookie name or path, and the scanned site's host as their domain.
func (k Kind) AboutBanner() bool {
	switch k {
	case KindNoRejectOption, KindPretickedPurposes, KindRejectNotInFirstLayer, KindRejectHarderThanAccept:
		return true
	}
	return false
}

// AboutStorage reports whether findings of kind k are about a web storage
// entry rather than a cookie: their Cookie is the storage key (or the
// IndexedDB database's name), their Domain its origin's host, and Storage
// says which storage holds it. A not-observed finding about a declaration
// of storage says so by its Storage alone.
func (k Kind) AboutStorage() bool {
	switch k {
	case KindUndeclaredStorage, KindStorageBeforeConsent, KindStorageAfterReject:
		return true
	}
	return false
}

// kindOrder is the order findings are sorted and reported in: what needs
// fixing first, the informational last.
var kindOrder = []Kind{
	KindUndeclared, KindMisclassified, KindExpiryMismatch, KindBeforeConsent, KindAfterReject,
	KindUndeclaredStorage, KindStorageBeforeConsent, KindStorageAfterReject,
	KindNoRejectOption, KindPretickedPurposes, KindRejectNotInFirstLayer, KindRejectHarderThanAccept,
	KindAmbiguous, KindNotObserved,
}

// Severity is how serious a finding is.
type Severity string

// The severities, from the most serious.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
	SeverityInfo   Severity = "info"
)

// Rank orders severities: info 0, low 1, medium 2, high 3; -1 for an
// unknown one.
func (s Severity) Rank() int {
	switch s {
	case SeverityInfo:
		return 0
	case SeverityLow:
		return 1
	case SeverityMedium:
		return 2
	case SeverityHigh:
		return 3
	}
	return -1
}

// Finding is one discrepancy between the cookies seen and the declared
// policy.
type Finding struct {
	Kind Kind
	// RuleID is the stable rule id of Kind ("undeclared-cookie").
	RuleID   string
	Severity Severity
	// Cookie, Domain and Path name the cookie. For a not-observed finding,
	// Cookie is the declared name or pattern and Domain the declared
	// domain, if any; Path is empty. For a finding about the consent
	// banner (Kind.AboutBanner), Cookie and Path are empty and Domain is
	// the scanned site's host. For a finding about a web storage entry
	// (Kind.AboutStorage), Cookie is its key (or its IndexedDB database's
	// name), Domain its origin's host, and Path is empty.
	Cookie string
	Domain string
	Path   string
	// Storage is the kind of web storage a finding about a storage entry
	// is about (localStorage, sessionStorage, indexedDB), or the type of
	// the storage declaration a not-observed finding is about (which may
	// be otherStorage); empty for a cookie. Origin is the storage entry's
	// origin (https://www.example.org), empty for a declaration.
	Storage string
	Origin  string
	// Message says what is wrong, in one sentence.
	Message string
	// Evidence says what the finding rests on: how the cookie was set, the
	// knowledge-base entry or heuristic, the declaration and where it is.
	Evidence string
	// Fingerprint identifies the finding across scans (see Fingerprint).
	Fingerprint string
	// SuggestedCategory is the category the evidence points to: for an
	// undeclared cookie the best guess (Unclassified when there is none),
	// for a misclassified one the category it should have, for an
	// ambiguous one the category it was counted in. Empty otherwise.
	SuggestedCategory policy.Category
	// Declaration is the declaration the finding is about (the matched one,
	// or the one not observed); nil for an undeclared cookie. Its Source
	// gives the policy file's line, or the page's heading.
	Declaration *policy.Declaration
}

// Fingerprint identifies a finding across scans of the same site, so that
// a later run can tell new findings from known ones (a baseline) and an
// ignore entry keeps matching. It is a SHA-256 over the site's host, the
// cookie's name, domain and path, and the kind's rule id ([Kind.RuleID]),
// truncated to 128 bits and written in hex; the report package computes
// the same value for findings of older reports ([RuleFingerprint]). A
// finding about the consent banner has no cookie: its fingerprint is the
// site's and the rule's, so that it stays the same
// whatever the banner's labels, platform or clicks: the platform rules of
// a later version may name or reach them differently.
//
// What it leaves out is as deliberate as what it keeps: never the cookie's
// value (it changes on every visit, and can be a session token that must
// not be derived from), never a time (every scan has others), nor the page
// that first set the cookie (it depends on crawl order and timing), the
// severity or the category (a knowledge-base update would make every
// finding look new).
//
// A finding about web storage has no path: [FingerprintPath] puts its kind
// of storage in the path's place, so that the same key in localStorage and
// in sessionStorage are two findings.
func Fingerprint(site, cookie, domain, path string, kind Kind) string {
	return RuleFingerprint(site, cookie, domain, path, kind.RuleID())
}

// FingerprintPath is what a finding's fingerprint holds in its path's
// place: the cookie's path, or, for a finding about web storage, the
// finding's Storage ("localStorage"). A cookie path starts with "/", so
// the two never meet; a finding with neither (a not-observed cookie, a
// banner finding) holds "".
func FingerprintPath(path, storage string) string {
	if path != "" {
		return path
	}
	return storage
}

// RuleFingerprint is [Fingerprint] of a finding known by its rule id
// ("undeclared-cookie") rather than its kind: the fingerprint holds the
// rule id, so a report's finding that names its rule needs no kind to be
// fingerprinted. The site and the domain are compared as [NormalizeHost]
// writes them.
func RuleFingerprint(site, cookie, domain, path, ruleID string) string {
	// NUL cannot occur in a host, cookie name, domain or path, so no two
	// different tuples give the same input.
	sum := sha256.Sum256([]byte(strings.Join([]string{
		NormalizeHost(site), cookie, NormalizeHost(domain), path, ruleID,
	}, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// sortFindings sorts findings by kind (kindOrder, then other kinds by
// name), then cookie, domain, path and fingerprint, and drops findings
// whose fingerprint repeats an earlier one's (the same cookie recorded
// twice, in two partitions).
func sortFindings(fs []Finding) []Finding {
	order := func(k Kind) int {
		if i := slices.Index(kindOrder, k); i >= 0 {
			return i
		}
		return len(kindOrder)
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(order(a.Kind), order(b.Kind)),
			strings.Compare(string(a.Kind), string(b.Kind)),
			strings.Compare(a.Cookie, b.Cookie),
			strings.Compare(a.Domain, b.Domain),
			strings.Compare(a.Path, b.Path),
			strings.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
	return slices.CompactFunc(fs, func(a, b Finding) bool { return a.Fingerprint == b.Fingerprint })
}
