package crawler

import (
	"fmt"
	"strings"
)

// PageListError is a page of Options.Pages that cannot be visited: not an
// absolute http(s) URL, or outside the crawl's scope. Index is its
// position in Options.Pages, from 0.
type PageListError struct {
	Index  int
	URL    string
	Reason string
}

func (e *PageListError) Error() string {
	return fmt.Sprintf("page %q cannot be visited: %s", e.URL, e.Reason)
}

// CheckPages checks opts.Pages against the scan of target: each must be an
// absolute http(s) URL within the scope (--scope, --include, --exclude,
// no download). It returns them normalised and without repeats (the
// target among them), in their order, or a *PageListError for the first
// that cannot be visited.
func CheckPages(target string, opts Options) ([]string, error) {
	start, err := ParseTarget(target)
	if err != nil {
		return nil, err
	}
	sc := newScope(start, withDefaults(opts))
	seen := map[string]bool{start.String(): true}
	var out []string
	for i, raw := range opts.Pages {
		u, err := normalizeURL(raw)
		if err != nil {
			reason := strings.TrimPrefix(err.Error(), fmt.Sprintf("%q ", raw))
			return nil, &PageListError{Index: i, URL: raw, Reason: strings.TrimPrefix(reason, "is ")}
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return nil, &PageListError{Index: i, URL: raw, Reason: "not an http or https URL"}
		}
		if ok, why := sc.allows(u); !ok {
			if why == "out of scope host" {
				why = fmt.Sprintf("its host is outside the scan's scope (%s)", scopeName(sc))
			}
			return nil, &PageListError{Index: i, URL: raw, Reason: why}
		}
		if s := u.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// scopeName describes a scope for a message.
func scopeName(s scope) string {
	if s.byHost {
		return "--scope host: " + s.host
	}
	return "--scope domain: " + s.site
}
