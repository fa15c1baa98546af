// Package classifier compares the cookies a scan saw with what the site
// declares, and with what is known about cookies in general.
//
// [Classify] takes the crawler's cookies, the declared [policy.Policy] and
// a knowledge base ([KB]), and returns, for every cookie, whether it is
// declared, its category and where that category came from (the policy,
// the knowledge base, a heuristic, or nothing), and the findings: cookies
// that are undeclared, misclassified, or live longer than declared,
// declarations that match no cookie, and cookies the policy declares in
// contradictory ways; cookies set before any consent choice or after
// "reject all"; the same for the web storage entries of the scan
// (localStorage and sessionStorage keys, IndexedDB databases), matched
// against the declarations the policy types as storage
// ([StorageClassification]; see [Classify]); and the design of the
// consent banner (no way to refuse,
// purposes ticked in advance, a reject only behind the settings or harder
// to reach than the accept). Every finding has a stable rule id
// ([Kind.RuleID]) and a fingerprint ([Fingerprint]) so that later scans
// can be compared with earlier ones.
//
// The knowledge base ([Builtin]) is embedded and built in layers: the Open
// Cookie Database's two thousand cookies as its base, our own entries for
// several hundred more (consent platforms, CDNs, load balancers, web
// platforms), our overrides of the database, each with its reason, and a
// list of advertising and measurement hosts; data/README.md documents the
// files. [WithDatabase] puts a newer copy of the database in the base
// layer's place, and a user's file in the Open Cookie Database's CSV format
// ([ParseOpenCookieDB]) goes on top with [KB.Override]: its entries win over
// the built-in ones, and the site's own declarations win over all of them.
// A cookie nothing knows about is guessed from its host (a known
// advertising or measurement host) or the words of its name, with a
// confidence that says how much the guess is worth; its other attributes
// say too little about its purpose to be read.
//
// Cookies and their classifications are paired by the cookie's identity
// ([CookieID]), and hosts everywhere are compared as [NormalizeHost]
// writes them.
//
// The package is pure: no browser, no network, no file system but its
// embedded data. It renders nothing; the report package does.
package classifier
