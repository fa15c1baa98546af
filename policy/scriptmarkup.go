package policy

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// scriptElement is a script element and its text.
var scriptElement = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`)

// markupLiteral is a template literal of a script that a key, a return
// or an assignment gives ("`<p>…</p>`"; escapes and all), and the title
// keyed just before it in the same object, if any ("title: "Cookies we
// use", content: `<table>…`").
var markupLiteral = regexp.MustCompile("(?s)(?:title\\s*:\\s*[\"']([^\"'\\n]{1,120})[\"']\\s*,\\s*)?(?:[\\w$]+\\s*:|\\breturn|=)\\s*`((?:[^`\\\\]|\\\\.)*)`")

// templateEscapes are a template literal's escapes of its own delimiters:
// a Markdown text in one writes its code spans "\`ot_session\`".
var templateEscapes = strings.NewReplacer("\\`", "`", "\\$", "$", "\\\\", "\\")

// jsModule is a statement only a module's code starts a line with: a page
// written as a component.
var jsModule = regexp.MustCompile(`(?m)^(?:import\s+[\w{*"']|export\s+(?:default|const|function)\b)`)

// interpolation is a template literal's expression ("${year}").
var interpolation = regexp.MustCompile(`\$\{[^}]*\}`)

// quotedText is a string literal of a script in double quotes whose
// text runs over lines, an escaped line break in it ("# Cookies\n\n|
// Name | …"), its escapes not yet read: a page kept as one string.
var quotedText = regexp.MustCompile(`"(?:[^"\\\n]|\\.)*\\n(?:[^"\\\n]|\\.)*"`)

// scriptMarkup appends to a page the markup its scripts keep as text to
// draw it (a Vue page whose sections are objects of a title and content
// in markup, shown with v-html), and the Markdown they keep for it (a
// module of sections whose content is Markdown, a page embedded as one
// string): each such text, under its title, is read as the page's,
// after the page. A text counts when it holds markup (three tags or
// more) or Markdown's tables or headings and lists (see markdownText),
// and names cookies.
func scriptMarkup(data []byte) []byte {
	if !bytes.Contains(data, []byte("`")) && !bytes.Contains(data, []byte(`\n`)) {
		return data
	}
	scripts := scriptElement.FindAllSubmatch(data, 64)
	if len(scripts) == 0 && jsModule.Match(data) {
		// A React or Preact page's module (JSX or TSX): its code is
		// the page's script, its markup what the component returns.
		scripts = [][][]byte{{data, data}}
	}
	if len(scripts) == 0 {
		return data
	}
	var extra bytes.Buffer
	var render func(string) string
	add := func(title, text []byte) {
		switch {
		case find(words(string(text)), cookieWords) < 0:
			return
		case len(htmlTag.FindAllIndex(text, 3)) < 3:
			if !markdownText(text) {
				return
			}
			if render == nil {
				render = markdownRenderer()
			}
			text = []byte(render(string(text)))
		}
		extra.WriteString("<section>")
		if len(title) > 0 {
			extra.WriteString("<h2>" + html.EscapeString(string(title)) + "</h2>")
		}
		extra.Write(text)
		extra.WriteString("</section>\n")
	}
	for _, s := range scripts {
		for _, m := range markupLiteral.FindAllSubmatch(s[1], 256) {
			add(m[1], []byte(templateEscapes.Replace(string(interpolation.ReplaceAll(m[2], nil)))))
		}
		for _, m := range quotedText.FindAll(s[1], 64) {
			if v, _, err := parseJSLiteral(string(m)); err == nil {
				add(nil, []byte(v.(string)))
			}
		}
	}
	if extra.Len() == 0 {
		return data
	}
	out := append([]byte{}, data...)
	return append(append(out, '\n'), extra.Bytes()...)
}

// ExtractCode extracts the cookie declarations of a JavaScript or
// TypeScript module: the records its data holds (see dataArrays), and the
// markup or Markdown it keeps as text to draw a page (see scriptMarkup). Its other
// text is code, not a page's prose: its keys ("autoclear_cookies",
// "consent_modal") are no cookie names.
func ExtractCode(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	src := bytes.ReplaceAll(data, []byte("</script"), []byte(`<\/script`))
	page := append(append([]byte("<script>\n"), src...), "\n</script>\n"...)
	return ExtractHTML(name, page, opts)
}

// markdownText reports whether a script's text is Markdown that draws a
// page's tables, or its sections' headings and lists.
func markdownText(text []byte) bool {
	return mdTableRule.Match(text) || mdHeading.Match(text) && mdList.Match(text)
}
