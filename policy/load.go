package policy

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"strings"

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
	// KindData is other JSON data a site keeps its cookie list in (a
	// banner's configuration, a content file).
	KindData Kind = "JSON data"
	// KindHTML is an HTML page, or a template of one (JSP, ERB, PHP,
	// Blade, JSX).
	KindHTML Kind = "HTML page"
	// KindMarkdown is a Markdown page.
	KindMarkdown Kind = "Markdown page"
	// KindText is a plain-text page.
	KindText Kind = "plain-text page"
)

// Load reads a policy from a file's name and content, whichever its kind
// ([Sniff]): a policy file is read with [Parse], a consent platform's JSON
// with [ExtractJSON], and pages with [ExtractHTML], [ExtractMarkdown] or
// [ExtractText].
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
)

// Sniff tells the kind of a policy source by its content, and by its name
// only where the content leaves a doubt:
//
//   - JSON holding OneTrust groups ("Groups" or "DomainData") and no
//     "cookies" key is consent platform JSON; JSON whose top level has a
//     "cookies" or "services" key, or in a file named
//     .json, is a policy file; other JSON is data;
//   - content that starts with markup, or holds HTML elements in number,
//     is HTML (templates and JSX included);
//   - YAML whose top level has a "cookies" or "services" key is a policy
//     file, as is any content of a file named .yaml, .yml or .json, so
//     that its errors are reported;
//   - content with Markdown headings, tables, emphasis, links or lists, or
//     a file named .md or .markdown, is Markdown;
//   - anything else is plain text.
func Sniff(name string, data []byte) Kind {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	ext := strings.ToLower(path.Ext(name))
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if isOneTrustJSON(trimmed) {
			return KindPlatformJSON
		}
		if ext == ".json" || (json.Valid(trimmed) && hasPolicyKey(trimmed)) {
			return KindFile
		}
		if json.Valid(trimmed) {
			return KindData
		}
	}
	if len(trimmed) > 0 && trimmed[0] == '<' {
		return KindHTML
	}
	head := trimmed[:min(len(trimmed), 1<<20)]
	tags := len(htmlTag.FindAllIndex(head, 50))
	switch {
	case ext == ".yaml" || ext == ".yml" || ext == ".json":
		return KindFile
	case policyFileKey.Match(head) && isPolicyYAML(trimmed):
		return KindFile
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".jsx" || ext == ".tsx" || ext == ".vue":
		return KindHTML
	case ext == ".md" || ext == ".markdown":
		return KindMarkdown
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

// isPolicyYAML reports whether data is YAML whose top level is a mapping
// with a "cookies" or "services" key.
func isPolicyYAML(data []byte) bool {
	var top map[string]any
	if err := yaml.Unmarshal(data, &top); err != nil {
		// Broken YAML with a policy file's key is a policy file with an
		// error to report.
		return true
	}
	_, c := top["cookies"]
	_, s := top["services"]
	return c || s
}

// hasPolicyKey reports whether a JSON value is an object with a key of the
// policy file's top level.
func hasPolicyKey(data []byte) bool {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return false
	}
	for _, k := range []string{"cookies", "services"} {
		if _, ok := top[k]; ok {
			return true
		}
	}
	return false
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
