package crawler

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// downloadExt lists path extensions that are downloads, not pages: a crawl
// never navigates them (a download would end the page and add nothing).
var downloadExt = map[string]bool{
	".csv": true, ".zip": true, ".pdf": true, ".xls": true, ".xlsx": true, ".json": true,
	".geojson": true, ".xml": true, ".gz": true, ".tgz": true, ".tar": true, ".7z": true,
	".rar": true, ".doc": true, ".docx": true, ".ppt": true, ".pptx": true, ".odt": true,
	".ods": true, ".exe": true, ".dmg": true, ".msi": true, ".apk": true, ".iso": true,
	".mp3": true, ".mp4": true, ".avi": true, ".mov": true, ".wav": true, ".kml": true,
	".kmz": true, ".shp": true, ".parquet": true, ".jpg": true, ".jpeg": true, ".png": true,
	".gif": true, ".svg": true, ".webp": true, ".ico": true, ".bz2": true, ".xz": true,
}

// scope decides which URLs a crawl may navigate.
type scope struct {
	host    string // target host, lower case
	site    string // registrable domain of the target
	byHost  bool
	include []*regexp.Regexp
	exclude []*regexp.Regexp
}

func newScope(target *url.URL, opts Options) scope {
	h := strings.ToLower(target.Hostname())
	return scope{
		host:    h,
		site:    registrableDomain(h),
		byHost:  opts.Scope == ScopeHost,
		include: opts.Include,
		exclude: opts.Exclude,
	}
}

// allows reports whether u may be navigated, and why not.
func (s scope) allows(u *url.URL) (bool, string) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false, "scheme " + u.Scheme
	}
	h := strings.ToLower(u.Hostname())
	if s.byHost {
		if h != s.host {
			return false, "out of scope host"
		}
	} else if h != s.site && !strings.HasSuffix(h, "."+s.site) {
		return false, "out of scope host"
	}
	if downloadExt[strings.ToLower(path.Ext(u.Path))] {
		return false, "download"
	}
	str := u.String()
	if len(s.include) > 0 {
		match := false
		for _, re := range s.include {
			if re.MatchString(str) {
				match = true
				break
			}
		}
		if !match {
			return false, "not included"
		}
	}
	for _, re := range s.exclude {
		if re.MatchString(str) {
			return false, "excluded"
		}
	}
	return true, ""
}

// normalizeURL parses an absolute URL and puts it in the form used to tell
// pages apart: fragment dropped, scheme and host lower case, default port
// dropped, empty path as "/".
func normalizeURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, err
	}
	if !u.IsAbs() {
		return nil, fmt.Errorf("%q is not an absolute URL", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme == "http" || u.Scheme == "https" {
		if u.Host == "" {
			return nil, fmt.Errorf("%q has no host", raw)
		}
		host := strings.ToLower(u.Hostname())
		port := u.Port()
		if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
			port = ""
		}
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		if port != "" {
			host += ":" + port
		}
		u.Host = host
		if u.Path == "" && u.RawPath == "" {
			u.Path = "/"
		}
	}
	return u, nil
}

// ParseTarget checks a scan target: an absolute http or https URL. The
// error names the input.
func ParseTarget(raw string) (*url.URL, error) {
	u, err := normalizeURL(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid target URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid target URL %q: scheme must be http or https", raw)
	}
	return u, nil
}
