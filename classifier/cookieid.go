package classifier

import "github.com/cookieaudit/cookieaudit/crawler"

// CookieID identifies a cookie as the browser's jar does: a write of a
// cookie with the same name, domain, host-only flag, path and partition
// replaces the one before it, and any of them differing makes another
// cookie. Two cookies of one scan never share an identity, so a
// [Classification] is found by its cookie's identity, whatever the order of
// the cookies it was made from.
type CookieID struct {
	Name string
	// Domain is written as [NormalizeHost] writes it.
	Domain   string
	HostOnly bool
	Path     string
	// PartitionKey is the top-level site of a partitioned cookie, "" for
	// an unpartitioned one.
	PartitionKey string
}

// IDOf returns the identity of a cookie of the crawler.
func IDOf(c crawler.Cookie) CookieID {
	return CookieID{Name: c.Name, Domain: NormalizeHost(c.Domain), HostOnly: c.HostOnly, Path: c.Path, PartitionKey: c.PartitionKey}
}
