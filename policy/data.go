package policy

import (
	"bytes"
	"fmt"
	"html"
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
// or "" when it holds nothing but short settings.
func frontMatterHTML(fm []byte, render func(string) string) string {
	var v any
	if err := yaml.UnmarshalWithOptions(fm, &v, yaml.UseOrderedMap()); err != nil {
		return ""
	}
	var b strings.Builder
	dataToHTML(&b, "", v, 1, render)
	return b.String()
}

// genericKeys name lists without saying what their items are for.
var genericKeys = setOf(`cookies items list entries components rows data content blocks sections`)

// titleKeys name the title of the mapping that holds them.
var titleKeys = setOf(`title header heading headline name label caption`)

func dataToHTML(b *strings.Builder, key string, v any, depth int, render func(string) string) {
	if depth > maxDataDepth {
		return
	}
	switch t := v.(type) {
	case yaml.MapSlice:
		if key != "" {
			fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(depth, 6), html.EscapeString(humanKey(key)), min(depth, 6))
		}
		for _, item := range t {
			k := fmt.Sprint(item.Key)
			switch val := item.Value.(type) {
			case yaml.MapSlice, []any:
				dataToHTML(b, k, val, depth+1, render)
			default:
				text := strings.TrimSpace(fmt.Sprint(val))
				switch {
				case val == nil || text == "":
				case titleKeys[strings.ToLower(k)] && len(strings.Fields(text)) <= 12:
					fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(depth+1, 6), html.EscapeString(text), min(depth+1, 6))
				case len(strings.Fields(text)) >= 4 || strings.ContainsAny(text, "<|#"):
					b.WriteString(render(text))
				}
			}
		}
	case []any:
		if key != "" && !genericKeys[strings.ToLower(key)] {
			fmt.Fprintf(b, "<h%d>%s</h%d>\n", min(depth, 6), html.EscapeString(humanKey(key)), min(depth, 6))
		}
		var scalars []string
		for _, item := range t {
			switch val := item.(type) {
			case yaml.MapSlice:
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
// fields as a description list, then its texts and nested data.
func listItemHTML(b *strings.Builder, m yaml.MapSlice, depth int, render func(string) string) {
	var rest yaml.MapSlice
	b.WriteString("<dl>\n")
	for _, item := range m {
		k := fmt.Sprint(item.Key)
		switch val := item.Value.(type) {
		case yaml.MapSlice, []any:
			rest = append(rest, item)
		default:
			text := strings.TrimSpace(fmt.Sprint(val))
			if val == nil || text == "" {
				continue
			}
			if strings.ContainsAny(text, "<\n") && len(text) > 200 {
				rest = append(rest, item)
				continue
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
