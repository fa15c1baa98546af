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
// "reject all"; and the design of the consent banner (no way to refuse,
// purposes ticked in advance, a reject only behind the settings or harder
// to reach than the accept). Every finding has a stable rule id and a
// fingerprint ([Fingerprint]) so that later scans can be compared with
// earlier ones.
//
// The knowledge base ([Builtin]) is embedded: several hundred well-known
// cookies of analytics and advertising services, consent platforms, CDNs,
// load balancers and web platforms, with their provider, category, usual
// lifetime and setting hosts, and a list of advertising and measurement
// hosts. Its format is documented in data/README.md. A user's file in the
// Open Cookie Database's CSV format ([ParseOpenCookieDB]) can be layered on
// top with [KB.Override]: its entries win over the built-in ones, and the
// site's own declarations win over both. Cookies nothing knows about are
// guessed from their host, the words of their name and their attributes,
// with a confidence that says how much the guess is worth.
//
// The package is pure: no browser, no network, no file system but its
// embedded data. It renders nothing; the report package does.
package classifier
