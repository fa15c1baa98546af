package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml"
)

// Site generators and content systems keep pages as data: the front
// matter of a Markdown page may hold the whole cookie list ("cookies: -
// name: _ga, purpose: …") or a component whose text is Markdown with an
// HTML table. dataToHTML turns such data into markup the extraction reads:
// the keys of mappings become headings ("analyticsCookies" is "analytics
// cookies"), titles and headers become headings under them, text becomes
// paragraphs (rendered as Markdown), and each item of a list of mappings
// becomes a description list of its scalar fields, which reads as a
// record of labels and values.

// maxDataDepth bounds the nesting of data turned into markup.
const maxDataDepth = 16

// frontMatterHTML returns the front matter of a page rendered as markup,
// or "" when it holds nothing but short settings. Front matter that is no
// YAML is code (an Astro page's script, "const categories = [ … ]"): it
// is kept as a script, whose data is read as a module's is.
func frontMatterHTML(fm []byte, render func(string) string) string {
	var v any
	if err := yaml.UnmarshalWithOptions(fm, &v, yaml.UseOrderedMap()); err != nil {
		if bytes.Contains(bytes.ToLower(fm), []byte("</script")) {
			return ""
		}
		return "<script>\n" + string(fm) + "\n</script>\n"
	}
	var b strings.Builder
	dataToHTML(&b, "", v, 1, render)
	return b.String()
}

// ExtractData extracts the cookie declarations of JSON data that is no
// policy file: a site's cookie list kept in a banner's configuration or a
// content file ({"categories": [{"name": "Performance cookies",
// "cookies": [{"name": "_ga", …}]}]}). The data is turned into markup as
// front matter is (see dataToHTML) and read as [ExtractHTML] reads a page.
func ExtractData(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	var v any
	if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// A site generator's data (YAML) keeps its texts in Markdown; a
	// banner's configuration (JSON) keeps them plain.
	render := escapedParagraph
	if !json.Valid(bytes.TrimSpace(data)) {
		render = markdownRenderer()
	}
	var b strings.Builder
	dataToHTML(&b, "", cookieSections(oneLanguage(v, 0)), 1, render)
	return ExtractHTML(name, []byte(b.String()), opts)
}

// escapedParagraph renders a text of data as a paragraph of markup.
func escapedParagraph(s string) string { return "<p>" + html.EscapeString(s) + "</p>\n" }

// genericKeys name lists without saying what their items are for.
var genericKeys = setOf(`cookies items list entries components rows data content blocks sections`)

// itemKey is the key of an item of a list kept as numbered keys of a
// mapping ("bullet1", "item_2", "li3").
var itemKey = regexp.MustCompile(`(?i)^(bullet|item|li|point|entry|list[-_]?item)[-_]?\d{1,3}$`)

// titleKeys name the title of the mapping that holds them.
var titleKeys = setOf(`title header heading headline name label caption`)

// necessityKeys are a record's keys whose true says the cookie is
// necessary: exempt from consent, required, mandatory (compared in lower
// case without underscores and hyphens).
var necessityKeys = setOf(`exempt required necessary essential strictlynecessary mandatory ismandatory isrequired isnecessary isessential exento exenta esencial erforderlich notwendig`)

func dataToHTML(b *strings.Builder, key string, v any, depth int, render func(string) string) {
	if depth > maxDataDepth {
		return
	}
	switch t := v.(type) {
	case yaml.MapSlice:
		if isRichNode(t) {
			richToHTML(b, t, 0)
			return
		}
		if key != "" {
			fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(depth, 6), html.EscapeString(humanKey(key)), min(depth, 6))
		}
		inList := false
		for _, item := range t {
			k := fmt.Sprint(item.Key)
			// Texts under numbered keys ("bullet1", "item2") are the
			// items of a list, as a translation file keeps a page's
			// bullets.
			text := strings.TrimSpace(fmt.Sprint(item.Value))
			if _, scalar := item.Value.(string); scalar && itemKey.MatchString(k) && text != "" {
				if !inList {
					b.WriteString("<ul>\n")
					inList = true
				}
				b.WriteString("<li>" + html.EscapeString(text) + "</li>\n")
				continue
			}
			if inList {
				b.WriteString("</ul>\n")
				inList = false
			}
			switch val := item.Value.(type) {
			case yaml.MapSlice, []any:
				dataToHTML(b, k, val, depth+1, render)
			default:
				switch {
				case val == nil || text == "":
				case titleKeys[strings.ToLower(k)] && len(strings.Fields(text)) <= 12:
					fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(depth+1, 6), html.EscapeString(titleText(text)), min(depth+1, 6))
				case len(strings.Fields(text)) >= 4 || strings.ContainsAny(text, "<|#"):
					b.WriteString(render(text))
				}
			}
		}
		if inList {
			b.WriteString("</ul>\n")
		}
	case []any:
		if key != "" && !genericKeys[strings.ToLower(key)] {
			// A list of plain values is a field of the mapping that
			// holds it ("ControlVuFindServices: [matomo]"), headed one
			// level below the mapping's title, which stays the heading of
			// the lists after it.
			level := depth
			if !slices.ContainsFunc(t, func(v any) bool { _, m := v.(yaml.MapSlice); _, l := v.([]any); return m || l }) {
				level++
			}
			fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(level, 6), html.EscapeString(humanKey(key)), min(level, 6))
		}
		var scalars []string
		for _, item := range t {
			switch val := item.(type) {
			case yaml.MapSlice:
				if isRichNode(val) {
					richToHTML(b, val, 0)
					continue
				}
				listItemHTML(b, val, depth+1, render)
			case []any:
				dataToHTML(b, "", val, depth+1, render)
			default:
				if val != nil {
					scalars = append(scalars, fmt.Sprint(val))
				}
			}
		}
		if len(scalars) > 0 {
			b.WriteString("<ul>\n")
			for _, s := range scalars {
				b.WriteString("<li>" + html.EscapeString(s) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		}
	}
}

// listItemHTML writes an item of a list of mappings: its short scalar
// fields as a description list, then its texts and nested data. An item
// that holds a list is a section: its title ("name": "Performance
// cookies") heads the list rather than being a field of a record.
func listItemHTML(b *strings.Builder, m yaml.MapSlice, depth int, render func(string) string) {
	var rest yaml.MapSlice
	section := slices.ContainsFunc(m, func(item yaml.MapItem) bool { _, ok := item.Value.([]any); return ok })
	// A record with no field of a name may name its cookie by its id
	// ({"id": "cc_cookie", "purpose": …}), as a site's content
	// collection does; a section's id, or a number, names no cookie.
	named := section || slices.ContainsFunc(m, func(item yaml.MapItem) bool {
		k := strings.ToLower(fmt.Sprint(item.Key))
		return titleKeys[k] || nearWord(k, "cookie")
	})
	typed := slices.ContainsFunc(m, func(item yaml.MapItem) bool { return columnRole(humanKey(fmt.Sprint(item.Key))) == roleCategory })
	b.WriteString("<dl>\n")
	for _, item := range m {
		k := fmt.Sprint(item.Key)
		switch val := item.Value.(type) {
		case yaml.MapSlice, []any:
			rest = append(rest, item)
		case bool:
			// A flag that the cookie needs no consent ("exempt": true,
			// Klaro's "required": true) is its category where the
			// record gives none; its false says only that it is not
			// necessary.
			if val && !typed && necessityKeys[strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(k))] {
				b.WriteString("<dt>Category</dt><dd>necessary</dd>\n")
			}
		default:
			text := strings.TrimSpace(fmt.Sprint(val))
			if val == nil || text == "" {
				continue
			}
			if section && titleKeys[strings.ToLower(k)] && len(strings.Fields(text)) <= 12 {
				fmt.Fprintf(b, "</dl>\n<h%d>%s</h%d>\n<dl>\n", min(depth, 6), html.EscapeString(titleText(text)), min(depth, 6))
				continue
			}
			if strings.ContainsAny(text, "<\n") && len(text) > 200 {
				rest = append(rest, item)
				continue
			}
			if !named && strings.EqualFold(k, "id") && idName.MatchString(text) {
				k = "name"
			}
			fmt.Fprintf(b, "<dt>%s</dt><dd>%s</dd>\n", html.EscapeString(humanKey(k)), html.EscapeString(text))
		}
	}
	b.WriteString("</dl>\n")
	for _, item := range rest {
		k := fmt.Sprint(item.Key)
		switch val := item.Value.(type) {
		case yaml.MapSlice, []any:
			dataToHTML(b, k, val, depth+1, render)
		default:
			b.WriteString(render(fmt.Sprint(val)))
		}
	}
}

// titleText is a title as a heading shows it: a translation's key in
// place of its text ("CookieConsent::analytics_cookies_title_html", as
// VuFind's CookieConsent.yaml titles its categories;
// "consent.groups.analytics.title") is read as its words, which may name
// the category, and never as a cookie's name; a namespace before "::" is
// not among them.
func titleText(t string) string {
	if !translationKey.MatchString(t) || !strings.Contains(t, "::") && strings.Count(t, ".")+strings.Count(t, ":") < 2 {
		return t
	}
	if i := strings.LastIndex(t, "::"); i >= 0 {
		t = t[i+2:]
	}
	return humanKey(strings.ReplaceAll(t, ":", " "))
}

// translationKey is a key of a translation: words joined by "::", ":"
// or ".", without spaces.
var translationKey = regexp.MustCompile(`^[A-Za-z][\w-]*(?:(?:::|[:.])[\w-]+)+$`)

// idName is a record's id that may be a cookie's name: one word, not a
// number.
var idName = regexp.MustCompile(`^[^\s]*[^\s\d][^\s]*$`)

// humanKey spells a data key as words: "analyticsCookies" and
// "analytics_cookies" are "analytics cookies".
func humanKey(k string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range k {
		switch {
		case r == '_' || r == '-' || r == '.':
			b.WriteByte(' ')
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return strings.TrimSpace(b.String())
}

// splitFrontMatter separates a leading YAML front matter block (between
// "---" lines) from the rest of a page; TOML front matter ("+++") is
// dropped.
func splitFrontMatter(data []byte) (fm, body []byte) {
	for _, fence := range []string{"---", "+++"} {
		if !bytes.HasPrefix(data, []byte(fence+"\n")) && !bytes.HasPrefix(data, []byte(fence+"\r\n")) {
			continue
		}
		start := bytes.IndexByte(data, '\n') + 1
		for off := start; off < len(data); {
			line := data[off:]
			end := bytes.IndexByte(line, '\n')
			if end < 0 {
				end = len(line)
			}
			if strings.TrimSpace(string(line[:end])) == fence {
				if fence == "+++" {
					return nil, data[min(off+end+1, len(data)):]
				}
				return data[start:off], data[min(off+end+1, len(data)):]
			}
			off += end + 1
		}
	}
	return nil, data
}

// Rich-text editors (ProseMirror, Tiptap, Statamic's Bard) keep documents
// as data: nodes with a "type", their "content" and, for text, "text" and
// "marks". richToHTML writes such a node as the markup it stands for.

// richTags are the elements of the rich-text node types.
var richTags = map[string]string{
	"heading": "h2", "paragraph": "p", "bulletlist": "ul", "bullet_list": "ul", "orderedlist": "ol",
	"ordered_list": "ol", "listitem": "li", "list_item": "li", "table": "table", "tablerow": "tr",
	"table_row": "tr", "tablecell": "td", "table_cell": "td", "tableheader": "th", "table_header": "th",
	"blockquote": "blockquote", "codeblock": "pre", "code_block": "pre",
}

// richMarks are the elements of the marks of rich text.
var richMarks = map[string]string{"bold": "strong", "strong": "strong", "italic": "em", "em": "em", "code": "code", "underline": "u"}

// isRichNode reports whether a mapping is a rich-text node: a node of a
// type holding content nodes, or a "text" node. A component whose text
// is Markdown ({type: Text, text: "# Cookie list …"}) is not one.
func isRichNode(m yaml.MapSlice) bool {
	typ, content, text := "", false, ""
	for _, item := range m {
		switch fmt.Sprint(item.Key) {
		case "type":
			typ, _ = item.Value.(string)
		case "content":
			_, content = item.Value.([]any)
		case "text":
			text, _ = item.Value.(string)
		}
	}
	return typ != "" && (content || (typ == "text" && !strings.ContainsAny(text, "<\n")))
}

func richToHTML(b *strings.Builder, m yaml.MapSlice, depth int) {
	if depth > 4*maxDataDepth {
		return
	}
	var typ, text string
	var content []any
	var attrs yaml.MapSlice
	var marks []any
	for _, item := range m {
		switch fmt.Sprint(item.Key) {
		case "type":
			typ, _ = item.Value.(string)
		case "text":
			text, _ = item.Value.(string)
		case "content":
			content, _ = item.Value.([]any)
		case "attrs":
			attrs, _ = item.Value.(yaml.MapSlice)
		case "marks":
			marks, _ = item.Value.([]any)
		}
	}
	if strings.EqualFold(typ, "text") {
		var open, close string
		for _, mk := range marks {
			mm, _ := mk.(yaml.MapSlice)
			for _, item := range mm {
				if fmt.Sprint(item.Key) == "type" {
					if tag := richMarks[strings.ToLower(fmt.Sprint(item.Value))]; tag != "" {
						open += "<" + tag + ">"
						close = "</" + tag + ">" + close
					}
				}
			}
		}
		b.WriteString(open + html.EscapeString(text) + close)
		return
	}
	if strings.EqualFold(typ, "hardbreak") || typ == "hard_break" {
		b.WriteString("<br>")
		return
	}
	tag := richTags[strings.ToLower(typ)]
	if tag == "h2" {
		for _, item := range attrs {
			if fmt.Sprint(item.Key) == "level" {
				if l, ok := item.Value.(uint64); ok && l >= 1 && l <= 6 {
					tag = fmt.Sprintf("h%d", l)
				}
			}
		}
	}
	if tag != "" {
		b.WriteString("<" + tag + ">")
	}
	for _, c := range content {
		if cm, ok := c.(yaml.MapSlice); ok {
			richToHTML(b, cm, depth+1)
		}
	}
	// A custom node ("set") may keep more rich text in its attributes.
	if tag == "" && len(attrs) > 0 {
		var inner strings.Builder
		dataToHTML(&inner, "", attrs, 1, func(s string) string { return "<p>" + html.EscapeString(s) + "</p>" })
		b.WriteString(inner.String())
	}
	if tag != "" {
		b.WriteString("</" + tag + ">\n")
	}
}
