package main

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cookieaudit/cookieaudit/internal/yamlpos"
)

// maxSitesFile bounds a --sites file: a list of a million sites is far
// larger than any run, and a mistake (a report given as the list).
const maxSitesFile = 16 << 20

// siteSpec is one site of a run over several sites: its URL, where it was
// given ("argument 2", "sites.yaml:14:5") for errors, and the settings of
// its entry in a --sites config.
type siteSpec struct {
	URL  string
	From string
	Over siteOverrides
}

// siteOverrides are the settings a cookieaudit.yaml gives for every site
// (defaults) or for one (its entry under sites). A field left out (nil)
// keeps the value below it: a site's own entry, else a flag given on the
// command line, else the file's defaults, else the flag's default.
// Relative paths are relative to the config file's directory.
type siteOverrides struct {
	URL            string   `yaml:"url"` // a site entry's URL; not a default
	Policy         *string  `yaml:"policy"`
	Consent        *string  `yaml:"consent"`
	Include        []string `yaml:"include"`
	Exclude        []string `yaml:"exclude"`
	Login          *string  `yaml:"login"`
	URLs           *string  `yaml:"urls"`
	Sitemap        *bool    `yaml:"sitemap"`
	MaxPages       *int     `yaml:"max-pages"`
	MaxDepth       *int     `yaml:"max-depth"`
	Scope          *string  `yaml:"scope"`
	AcceptSelector *string  `yaml:"accept-selector"`
	RejectSelector *string  `yaml:"reject-selector"`
}

// siteConfigKeys are the keys of an entry, for errors.
const siteConfigKeys = "policy, consent, include, exclude, login, urls, sitemap, max-pages, max-depth, scope, accept-selector, reject-selector"

// sitesConfig is a --sites file read: the sites, and the defaults of a
// YAML config (zero for a plain list).
type sitesConfig struct {
	Sites    []siteSpec
	Defaults siteOverrides
}

// isConfigFile tells a cookieaudit.yaml from a plain list of URLs.
func isConfigFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// loadSites reads --sites FILE: a YAML config when its name ends in .yaml
// or .yml, else a list of URLs, one a line, with # comments. Errors name
// the file and the line (and column, in YAML).
func loadSites(path string) (*sitesConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --sites %s: %w", path, bareErr(err))
	}
	if len(data) > maxSitesFile {
		return nil, fmt.Errorf("invalid --sites %s: larger than %d MiB", path, maxSitesFile>>20)
	}
	var cfg *sitesConfig
	if isConfigFile(path) {
		cfg, err = parseSitesConfig(path, data)
	} else {
		cfg, err = parseSitesList(path, data)
	}
	if err != nil {
		return nil, err
	}
	if len(cfg.Sites) == 0 {
		return nil, fmt.Errorf("invalid --sites %s: it lists no site", path)
	}
	return cfg, nil
}

// trailingComment is a comment after a URL on its line: a # after blanks
// (a # right after the URL is its fragment).
var trailingComment = regexp.MustCompile(`\s+#.*$`)

func parseSitesList(path string, data []byte) (*sitesConfig, error) {
	cfg := &sitesConfig{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxSitesFile)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(trailingComment.ReplaceAllString(sc.Text(), ""))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.ContainsAny(l, " \t") {
			return nil, fmt.Errorf("invalid --sites %s:%d: %q is not one URL (one URL a line; for per-site settings use a YAML config, sites.yaml)", path, n, l)
		}
		cfg.Sites = append(cfg.Sites, siteSpec{URL: l, From: fmt.Sprintf("%s:%d", path, n)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read --sites %s: %w", path, err)
	}
	return cfg, nil
}

// parseSitesConfig reads a cookieaudit.yaml:
//
//	defaults:
//	  consent: all
//	  max-pages: 50
//	sites:
//	  - https://www.example.org/
//	  - url: https://shop.example.org/
//	    policy: shop-cookies.yaml
//	    exclude: ['/cart']
func parseSitesConfig(path string, data []byte) (*sitesConfig, error) {
	fail := func(n ast.Node, format string, args ...any) error {
		line, col := yamlpos.Of(n)
		return fmt.Errorf("invalid --sites %s:%d:%d: %s", path, line, col, fmt.Sprintf(format, args...))
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, col, msg := yamlpos.OfError(err)
		return nil, fmt.Errorf("invalid --sites %s:%d:%d: %s", path, line, col, msg)
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil && body == nil {
			body = doc.Body
		}
	}
	cfg := &sitesConfig{}
	if body == nil {
		return cfg, nil
	}
	var pairs []*ast.MappingValueNode
	switch m := body.(type) {
	case *ast.MappingNode:
		pairs = m.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{m}
	default:
		return nil, fail(body, "want a mapping with sites: (a list) and, optionally, defaults:")
	}
	dir := filepath.Dir(path)
	for _, kv := range pairs {
		switch key := kv.Key.String(); key {
		case "defaults":
			if err := yaml.NodeToValue(kv.Value, &cfg.Defaults, yaml.DisallowUnknownField()); err != nil {
				return nil, configError(path, err)
			}
			if cfg.Defaults.URL != "" {
				return nil, fail(kv.Value, "defaults cannot have a url: list the sites under sites:")
			}
			cfg.Defaults.resolve(dir)
		case "sites":
			seq, ok := kv.Value.(*ast.SequenceNode)
			if !ok {
				return nil, fail(kv.Value, "sites must be a list of URLs or of entries with url: and settings (%s)", siteConfigKeys)
			}
			for _, n := range seq.Values {
				line, col := yamlpos.Of(n)
				spec := siteSpec{From: fmt.Sprintf("%s:%d:%d", path, line, col)}
				if s, ok := n.(*ast.StringNode); ok {
					spec.URL = s.Value
				} else {
					if err := yaml.NodeToValue(n, &spec.Over, yaml.DisallowUnknownField()); err != nil {
						return nil, configError(path, err)
					}
					if spec.Over.URL == "" {
						return nil, fail(n, "site entry without url: (settings: %s)", siteConfigKeys)
					}
					spec.URL = spec.Over.URL
					spec.Over.resolve(dir)
				}
				spec.URL = strings.TrimSpace(spec.URL)
				cfg.Sites = append(cfg.Sites, spec)
			}
		default:
			return nil, fail(kv.Key, "unknown key %q (valid: defaults, sites)", key)
		}
	}
	return cfg, nil
}

// configError is a decoding error of goccy/go-yaml at its position.
func configError(path string, err error) error {
	line, col, msg := yamlpos.OfError(err)
	if strings.Contains(msg, "unknown field") {
		msg += " (valid: url, " + siteConfigKeys + ")"
	}
	return fmt.Errorf("invalid --sites %s:%d:%d: %s", path, line, col, msg)
}

// resolve makes the relative paths of the entry relative to dir, the
// config file's directory; a policy given by its URL stays as it is.
func (o *siteOverrides) resolve(dir string) {
	for _, p := range []*string{o.Login, o.URLs} {
		if p != nil && *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	if p := o.Policy; p != nil && *p != "" && !isURL(*p) && !filepath.IsAbs(*p) {
		*p = filepath.Join(dir, *p)
	}
}

// apply sets the fields of o that are set on opts, except those whose
// flag was given on the command line when o are the file's defaults
// (given is nil for a site's own entry, which always wins).
func (o siteOverrides) apply(opts *scanOptions, given map[string]bool) {
	setStr := func(flag string, v *string, dst *string) {
		if v != nil && !given[flag] {
			*dst = *v
		}
	}
	setStr("policy", o.Policy, &opts.Policy)
	setStr("consent", o.Consent, &opts.Consent)
	setStr("login", o.Login, &opts.LoginFile)
	setStr("urls", o.URLs, &opts.URLsFile)
	setStr("scope", o.Scope, &opts.Scope)
	setStr("accept-selector", o.AcceptSelector, &opts.AcceptSelector)
	setStr("reject-selector", o.RejectSelector, &opts.RejectSelector)
	if o.Include != nil && !given["include"] {
		opts.Include = o.Include
	}
	if o.Exclude != nil && !given["exclude"] {
		opts.Exclude = o.Exclude
	}
	if o.Sitemap != nil && !given["sitemap"] {
		opts.Sitemap = *o.Sitemap
	}
	if o.MaxPages != nil && !given["max-pages"] {
		opts.MaxPages = *o.MaxPages
		opts.maxPagesSet = true
	}
	if o.MaxDepth != nil && !given["max-depth"] {
		opts.MaxDepth = *o.MaxDepth
	}
}

// shard is --shard I/N: this run audits the sites whose URL hashes to
// share I of N. The share of a URL depends on it alone, so N runs with
// I = 1…N audit every site once, whatever the order of the list.
type shard struct{ I, N int }

func parseShard(s string) (shard, error) {
	i, n, ok := strings.Cut(s, "/")
	a, errA := strconv.Atoi(strings.TrimSpace(i))
	b, errB := strconv.Atoi(strings.TrimSpace(n))
	if !ok || errA != nil || errB != nil || b < 1 || a < 1 || a > b {
		return shard{}, fmt.Errorf("invalid --shard %q: want I/N with 1 ≤ I ≤ N, e.g. 2/3", s)
	}
	return shard{a, b}, nil
}

// has reports whether url falls in the shard (every URL does in 1/1).
func (s shard) has(url string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(url))
	return int(h.Sum64()%uint64(s.N)) == s.I-1
}
