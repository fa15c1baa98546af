package classifier

import (
	"net/url"
	"strings"
)

// NormalizeHost writes a host the way cookies, declarations, ignore
// entries and fingerprints compare hosts: the host of a URL
// ("https://WWW.Example.org:8443/x" is "www.example.org"), or a cookie's or
// a declaration's domain, in lower case, without surrounding white space, a
// leading dot (".example.org", the Domain attribute's old spelling) or a
// trailing one (the root of the DNS).
func NormalizeHost(s string) string {
	if strings.Contains(s, "://") {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil {
			s = u.Hostname()
		}
	}
	return strings.Trim(strings.ToLower(strings.TrimSpace(s)), ".")
}

// domainCovers reports whether a declared (or known) domain covers a
// cookie's domain: the same domain, or a subdomain of it. A declaration of
// example.org covers cookies of www.example.org; one of www.example.org
// does not cover a cookie of example.org.
func domainCovers(declared, domain string) bool {
	declared, domain = NormalizeHost(declared), NormalizeHost(domain)
	if declared == "" || domain == "" {
		return false
	}
	return domain == declared || strings.HasSuffix(domain, "."+declared)
}

// domainsOf extracts the domain names of a declaration's or a database's
// domain text, which policies write in many ways: "example.org",
// ".example.org", "*.example.org", "https://www.example.org/",
// "google.com, doubleclick.net", "example.org (first party)",
// "ads-[account].example.org" (example.org). Words that
// are not domain names ("Third party", "advertiser's website") are left
// out, so a text naming none gives no domain.
func domainsOf(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '|' || r == '(' || r == ')'
	}) {
		tok = NormalizeHost(strings.TrimPrefix(tok, "*"))
		if i := strings.LastIndexAny(tok, "[]<>{}"); i >= 0 {
			// A label standing for many ("ads-[account].adhese.com"):
			// the domain is what follows it.
			_, tok, _ = strings.Cut(tok[i:], ".")
		}
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
	s = NormalizeHost(s)
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
