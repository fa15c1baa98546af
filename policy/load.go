package policy

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
)

// Kind is the kind of a policy source, as [Sniff] recognises it.
type Kind string

// The kinds of policy source.
const (
	// KindFile is a policy file, YAML or JSON.
	KindFile Kind = "policy file"
	// KindPlatformJSON is a consent platform's JSON data (OneTrust's
	// domain JSON).
	KindPlatformJSON Kind = "consent platform JSON"
	// KindData is other JSON or YAML data a site keeps its cookie list in
	// (a banner's configuration, a site generator's data file).
	KindData Kind = "JSON or YAML data"
	// KindHTML is an HTML page, or a template of one (JSP, ERB, PHP,
	// Blade, JSX).
	KindHTML Kind = "HTML page"
	// KindMarkdown is a Markdown page.
	KindMarkdown Kind = "Markdown page"
	// KindText is a plain-text page.
	KindText Kind = "plain-text page"
	// KindCode is a JavaScript or TypeScript module: a page's data, or a
	// banner's configuration, kept in code.
	KindCode Kind = "script module"
	// KindCSV is a table kept as CSV (a cookie scanner's export).
	KindCSV Kind = "CSV table"
)

// Load reads a policy from a file's name and content, whichever its kind
// ([Sniff]): a policy file is read with [Parse], a consent platform's JSON
// with [ExtractJSON], pages with [ExtractHTML], [ExtractMarkdown] or
// [ExtractText], and a CSV table with [ExtractCSV].
//
// The command line uses it for --policy FILE and policy extract; a policy
// URL is rendered by the crawler and handed to [ExtractHTML]. A source
// larger than [MaxSize] is refused with a *[SizeError].
func Load(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	if err := CheckSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	switch Sniff(name, data) {
	case KindPlatformJSON:
		return ExtractJSON(name, data)
	case KindData:
		return ExtractData(name, data, opts)
	case KindHTML:
		return ExtractHTML(name, data, opts)
	case KindMarkdown:
		return ExtractMarkdown(name, data, opts)
	case KindText:
		return ExtractText(name, data, opts)
	case KindCode:
		return ExtractCode(name, data, opts)
	case KindCSV:
		return ExtractCSV(name, data, opts)
	}
	return Parse(name, data)
}

var (
	htmlTag       = regexp.MustCompile(`(?i)<(?:!doctype|html|head|body|div|p|table|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|section|article|span|a|strong|b|em|i|code|br|details|summary|main)\b[^>]*>`)
	mdHeading     = regexp.MustCompile(`(?m)^#{1,6}[ \t]+\S`)
	mdTableRule   = regexp.MustCompile(`(?m)^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$`)
	mdEmphasis    = regexp.MustCompile("(\\*\\*|__)[^*_\\n]+(\\*\\*|__)|`[^`\\n]+`|\\[[^\\]\\n]+\\]\\([^)\\n]+\\)")
	mdList        = regexp.MustCompile(`(?m)^[ \t]*[-*+][ \t]+\S`)
	policyFileKey = regexp.MustCompile(`(?m)^(cookies|services):[ \t]*(#.*)?$`)
	// leadingServerTags are the tags of ERB, EJS, ASP and PHP that lead a
	// source.
	leadingServerTags = regexp.MustCompile(`^(?:\s*(?:<%(?s:.{0,1000}?)%>|<\?(?:php|=)(?s:.{0,1000}?)\?>))+`)
)

// copySuffixes end the names of a file's copies, which a repository keeps
// beside or instead of the file: "CookieConsent.yaml.sample",
// "cookies.html.dist".
var copySuffixes = map[string]bool{".sample": true, ".dist": true, ".example": true, ".default": true, ".orig": true, ".bak": true}

// sourceExt returns the extension a source is written by, in lower case:
// its name's, or the one before a copy's suffix.
func sourceExt(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if copySuffixes[ext] {
		return strings.ToLower(path.Ext(strings.TrimSuffix(name, path.Ext(name))))
	}
	return ext
}

// Sniff tells the kind of a policy source by its content, and by its name
// (without a copy's suffix, see copySuffixes) only where the content
// leaves a doubt:
//
//   - JSON holding OneTrust groups ("Groups" or "DomainData") and no
//     "cookies" key is consent platform JSON;
//   - data, JSON or YAML, that holds records (a list of mappings, or texts
//     under numbered keys) and has
//     no top-level key like a policy file's ("site", or "cookies" or
//     "services" misspelt) is data, as site generators and banners keep cookie
//     lists: in a file named .json, .yaml or .yml only when its top level
//     is a mapping, and YAML only when the content has no markup; a
//     mapping that holds a page's text and no policy file's key is data
//     too;
//   - content that starts with markup (after the tags of a server
//     template that lead it), or holds HTML elements in number,
//     is HTML (templates and JSX included);
//   - other JSON, YAML whose top level has a "cookies" or "services" key
//     (unless keys of a site's data file stand beside it: siteDataTop),
//     and any content of a file named .yaml, .yml or .json are a policy
//     file, so that its errors are reported;
//   - a file named as a JavaScript or TypeScript module (.js, .ts, …)
//     that holds few HTML elements is a script module;
//   - a file named .csv or .tsv that does not start as JSON does is a
//     CSV table;
//   - content with Markdown headings, tables, emphasis, links or lists, or
//     a file named .md or .markdown, is Markdown;
//   - anything else is plain text.
func Sniff(name string, data []byte) Kind {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	ext := sourceExt(name)
	parsed := parseOnce(trimmed)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if isOneTrustJSON(trimmed) {
			return KindPlatformJSON
		}
		if json.Valid(trimmed) && isDataYAML(parsed, ext == ".json") {
			return KindData
		}
		if ext == ".json" || json.Valid(trimmed) {
			return KindFile
		}
	}
	if ext == ".csv" || ext == ".tsv" {
		return KindCSV
	}
	// A server template's tags that lead a page (a Rails view's "<%
	// content_for … %>") say nothing of what the page is written in.
	lead := trimmed
	if m := leadingServerTags.FindIndex(trimmed); m != nil {
		lead = bytes.TrimLeft(trimmed[m[1]:], " \t\r\n")
	}
	if len(lead) > 0 && lead[0] == '<' {
		return KindHTML
	}
	head := trimmed[:min(len(trimmed), 1<<20)]
	tags := len(htmlTag.FindAllIndex(head, 50))
	switch {
	case (ext == ".yaml" || ext == ".yml") && !isPolicyYAML(parsed) && (isDataYAML(parsed, true) || isTextYAML(parsed)):
		return KindData
	case ext == ".yaml" || ext == ".yml" || ext == ".json":
		return KindFile
	case policyFileKey.Match(head) && isPolicyYAML(parsed):
		return KindFile
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".jsx" || ext == ".tsx" || ext == ".vue" || htmlTemplateExt[ext]:
		return KindHTML
	case codeExt[ext] && tags < 10:
		return KindCode
	case ext == ".md" || ext == ".markdown":
		return KindMarkdown
	case tags == 0 && !bytes.HasPrefix(trimmed, []byte("---")) && !policyFileKey.Match(head) && isDataYAML(parsed, false):
		return KindData
	}
	md := 0
	if mdHeading.Match(head) {
		md += 2
	}
	if mdTableRule.Match(head) {
		md += 2
	}
	md += min(len(mdEmphasis.FindAllIndex(head, 3)), 2) + min(len(mdList.FindAllIndex(head, 2)), 1)
	switch {
	case tags >= 10 && tags > md*3:
		return KindHTML
	case md >= 2:
		return KindMarkdown
	case tags >= 3:
		return KindHTML
	case policyFileKey.Match(head):
		return KindFile // a broken policy file: Parse says where
	}
	return KindText
}

// yamlTop is a source's content parsed as YAML (JSON is YAML), once for
// all the rules of Sniff that read it: v is its top level, err the
// parser's error.
type yamlTop func() (v any, err error)

// parseOnce returns data's yamlTop, parsed when first asked for.
func parseOnce(data []byte) yamlTop {
	return sync.OnceValues(func() (any, error) {
		var v any
		err := yaml.Unmarshal(data, &v)
		return v, err
	})
}

// isTextYAML reports whether data is YAML whose top level is a mapping
// that holds a page's text (a site generator's data file: "body: >" and
// the page in Markdown), or a locale file's one language holding texts
// at any depth, and no key of a policy file, even misspelt.
func isTextYAML(data yamlTop) bool {
	v, err := data()
	top, ok := v.(map[string]any)
	if err != nil || !ok {
		return false
	}
	text := false
	for k, v := range top {
		if k := strings.ToLower(k); k == "site" || nearWord(k, "cookies") || nearWord(k, "services") {
			return false
		}
		if s, ok := v.(string); ok && len(strings.Fields(s)) >= 20 {
			text = true
		}
		if m, ok := v.(map[string]any); ok && len(top) == 1 && languageKey.MatchString(k) && holdsText(m, 0) {
			// A locale file of Rails or i18next ("en: pages: cookies:
			// body: …"): the site's texts under their language.
			text = true
		}
	}
	return text
}

// holdsText reports whether a mapping holds a text of twenty words or
// more, at any depth up to eight.
func holdsText(m map[string]any, depth int) bool {
	if depth > 8 {
		return false
	}
	for _, v := range m {
		switch t := v.(type) {
		case string:
			if len(strings.Fields(t)) >= 20 {
				return true
			}
		case map[string]any:
			if holdsText(t, depth+1) {
				return true
			}
		}
	}
	return false
}

// codeExt are the extensions of JavaScript and TypeScript modules.
var codeExt = setOf(`.js .mjs .cjs .ts .mts .cts`)

// policyCookieKeys are the keys of a policy file's cookie.
var policyCookieKeys = []string{"name", "service", "type", "provider", "purpose", "category", "duration", "domain", "source"}

// foreignRecords reports whether a list's records are a site's data, not
// a policy file's cookies written as a list: a record has two keys or
// more that no policy file's cookie has, even misspelt ("expiration",
// "entity", "description", "links"), and no record a category (a policy
// file's cookies, mistyped, would have one: its error is reported).
func foreignRecords(items []any) bool {
	foreignSeen := false
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		foreign := 0
		for k := range m {
			if nearWord(strings.ToLower(k), "category") {
				return false
			}
			if !slices.ContainsFunc(policyCookieKeys, func(p string) bool { return nearWord(strings.ToLower(k), p) }) {
				foreign++
			}
		}
		foreignSeen = foreignSeen || foreign >= 2
	}
	return foreignSeen
}

// htmlTemplateExt are the extensions of HTML templates: Nunjucks, Jinja,
// Twig, Liquid, Handlebars, Mustache, EJS, ERB, Svelte and Astro pages.
var htmlTemplateExt = setOf(`.njk .nunjucks .jinja .jinja2 .j2 .twig .liquid .hbs .handlebars .mustache .ejs .erb .svelte .astro`)

// isPolicyYAML reports whether data is YAML whose top level is a mapping
// with a "cookies" or "services" key.
func isPolicyYAML(data yamlTop) bool {
	v, err := data()
	if err != nil {
		// Broken YAML with a policy file's key is a policy file with an
		// error to report.
		return true
	}
	top, ok := v.(map[string]any)
	if !ok {
		// A list: a policy file's cookies written as one unless its
		// records are a site's (see isDataYAML).
		return false
	}
	_, c := top["cookies"]
	_, s := top["services"]
	return (c || s) && !siteDataTop(top)
}

// siteDataTop reports whether a top level with a policy file's key is a
// site's data file all the same: beside it are two keys or more that are
// no policy file's, even misspelt, and one of them holds a mapping or a
// list ("title:", "settings: {…}", "cookies-policy: {sections: …}"), as a
// site keeps its banner's and its page's texts. A policy file with a stray
// key is not one: it has the key's error reported.
func siteDataTop(top map[string]any) bool {
	if _, ok := top["site"]; ok {
		return false // a policy file's own key: its stray keys are errors
	}
	foreign, nested := 0, false
	for k, v := range top {
		if k := strings.ToLower(k); k == "site" || nearWord(k, "cookies") || nearWord(k, "services") {
			continue
		}
		foreign++
		switch v.(type) {
		case map[string]any, []any:
			nested = true
		}
	}
	return foreign >= 2 && nested
}

// isDataYAML reports whether data is YAML (or JSON) whose top level is a
// list or mapping holding records: a list of mappings, as site generators
// keep cookie lists in data files ("cookieManager: necessaryCookies:
// cookies: - name: …"), or texts under numbered keys, as a site's
// translations keep a page's bullets ("bullet1": "_ga (Analytics): …").
// Prose and "Label: value" lines hold no such list, and a top level with
// a key like a policy file's ("site", or "cookies" or "services"
// misspelt, unless it holds a mapping of texts) is a policy file, as is
// a list in a file named as a policy file (named).
func isDataYAML(data yamlTop, named bool) bool {
	top, err := data()
	if err != nil {
		return false
	}
	if items, ok := top.([]any); ok && named && !foreignRecords(items) {
		return false // a policy file written as a list: an error to report
	}
	if m, ok := top.(map[string]any); ok {
		for k, v := range m {
			// A policy file with a misspelt key ("cookie:", "Services:")
			// is a policy file whose error is reported. A key so named
			// that holds a mapping of texts is a section of a site's
			// translations ({"cookies": {"banner": …}}), not a policy's,
			// and a site's data file may have one (siteDataTop).
			_, section := v.(map[string]any)
			if k := strings.ToLower(k); !section && (k == "site" || nearWord(k, "cookies") || nearWord(k, "services")) && !siteDataTop(m) {
				return false
			}
		}
	} else if _, ok := top.([]any); !ok {
		return false
	}
	var holdsRecords func(v any, depth int) bool
	holdsRecords = func(v any, depth int) bool {
		if depth > maxDataDepth {
			return false
		}
		switch t := v.(type) {
		case map[string]any:
			items := 0
			for k, c := range t {
				if holdsRecords(c, depth+1) {
					return true
				}
				if _, ok := c.(string); ok && itemKey.MatchString(k) {
					items++
				}
			}
			// Texts under numbered keys ("bullet1", "bullet2") are a
			// list's items, as a site's translations keep a page.
			if items >= 2 {
				return true
			}
		case []any:
			for _, c := range t {
				if _, ok := c.(map[string]any); ok {
					return true
				}
			}
		}
		return false
	}
	return holdsRecords(top, 0)
}

// nearWord reports whether a is b with at most two letters added, dropped
// or changed: a misspelt key ("cookie", "cokies", "Services").
func nearWord(a, b string) bool {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= 2
}

// isOneTrustJSON reports whether a JSON object has OneTrust's top-level
// keys rather than a policy file's.
func isOneTrustJSON(data []byte) bool {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return false
	}
	if _, ok := top["cookies"]; ok {
		return false
	}
	_, groups := top["Groups"]
	_, domain := top["DomainData"]
	return groups || domain
}
