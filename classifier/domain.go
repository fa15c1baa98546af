package classifier

import (
	"net/url"
	"strings"
)

// normalizeDomain writes a cookie or declared domain the way cookies are
// compared: lower case, without a leading dot or a trailing one.
func normalizeDomain(d string) string {
	return strings.Trim(strings.ToLower(strings.TrimSpace(d)), ".")
}

// domainCovers reports whether a declared (or known) domain covers a
// cookie's domain: the same domain, or a subdomain of it. A declaration of
// example.org covers cookies of www.example.org; one of www.example.org
// does not cover a cookie of example.org.
func domainCovers(declared, domain string) bool {
	declared, domain = normalizeDomain(declared), normalizeDomain(domain)
	if declared == "" || domain == "" {
		return false
	}
	return domain == declared || strings.HasSuffix(domain, "."+declared)
}

// domainsOf extracts the domain names of a declaration's or a database's
// domain text, which policies write in many ways: "example.org",
// ".example.org", "*.example.org", "https://www.example.org/",
// "google.com, doubleclick.net", "example.org (first party)". Words that
// are not domain names ("Third party", "advertiser's website") are left
// out, so a text naming none gives no domain.
func domainsOf(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '|' || r == '(' || r == ')'
	}) {
		if strings.Contains(tok, "://") {
			if u, err := url.Parse(tok); err == nil {
				tok = u.Hostname()
			}
		}
		tok = strings.TrimPrefix(tok, "*")
		tok = normalizeDomain(tok)
		if hostLike(tok) && !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	}
	return out
}

// hostLike reports whether s looks like a domain name: at least two labels
// of letters, digits and hyphens.
func hostLike(s string) bool {
	s = normalizeDomain(s)
	if !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// siteHost returns the host of a site given as a host or a URL, in lower
// case.
func siteHost(site string) string {
	if strings.Contains(site, "://") {
		if u, err := url.Parse(site); err == nil {
			return strings.ToLower(u.Hostname())
		}
	}
	return normalizeDomain(site)
}
