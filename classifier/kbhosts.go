package classifier

// The advertising and measurement hosts of the knowledge base.

import (
	"fmt"
	"strings"

	"github.com/cookieaudit/cookieaudit/policy"
)

// HostEntry is a host known for advertising or audience measurement.
type HostEntry struct {
	// Host is a domain; it covers its subdomains.
	Host     string
	Provider string
	Category policy.Category
	// Source names the list the host comes from: "cookieaudit" (ours),
	// "tpw" (Third Party Web) or "ocd" (the Open Cookie Database).
	Source string
}

// Host returns the known advertising or measurement host that domain is,
// or is under; the most specific one when several are. It walks up the
// domain's labels in an index, so its cost does not grow with the list.
func (kb *KB) Host(domain string) (HostEntry, bool) {
	if kb == nil {
		return HostEntry{}, false
	}
	kb.hostsOnce.Do(func() {
		kb.hostIndex = make(map[string]int, len(kb.hosts))
		for i, h := range kb.hosts {
			if _, dup := kb.hostIndex[h.Host]; !dup {
				kb.hostIndex[h.Host] = i
			}
		}
	})
	for d := NormalizeHost(domain); d != ""; {
		if i, ok := kb.hostIndex[d]; ok {
			return kb.hosts[i], true
		}
		dot := strings.IndexByte(d, '.')
		if dot < 0 {
			break
		}
		d = d[dot+1:]
	}
	return HostEntry{}, false
}

var hostsHeader = []string{"host", "provider", "category", "source"}

func parseHosts(name string, b []byte) ([]HostEntry, error) {
	var hosts []HostEntry
	err := readCSV(name, b, hostsHeader, func(line int, rec []string) error {
		if !hostLike(rec[0]) {
			return fmt.Errorf("host %q is not a domain name", rec[0])
		}
		c := policy.Category(rec[2])
		if !c.Valid() {
			return fmt.Errorf("category %q is not a canonical category", rec[2])
		}
		hosts = append(hosts, HostEntry{Host: NormalizeHost(rec[0]), Provider: rec[1], Category: c, Source: rec[3]})
		return nil
	})
	return hosts, err
}
