package policy

import (
	"bytes"
	"html"
	"regexp"
)

// scriptElement is a script element and its text.
var scriptElement = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`)

// markupLiteral is a template literal of a script ("`<p>…</p>`"), and the
// title keyed just before it in the same object, if any ("title:
// "Cookies we use", content: `<table>…`").
var markupLiteral = regexp.MustCompile("(?s)(?:title\\s*:\\s*[\"']([^\"'\\n]{1,120})[\"']\\s*,\\s*)?[\\w$]+\\s*:\\s*`([^`]*)`")

// interpolation is a template literal's expression ("${year}").
var interpolation = regexp.MustCompile(`\$\{[^}]*\}`)

// scriptMarkup appends to a page the markup its scripts keep as text to
// draw it (a Vue page whose sections are objects of a title and content
// in markup, shown with v-html): each such text, under its title, is
// read as the page's, after the page. A text counts when it holds
// markup (three tags or more) and names cookies.
func scriptMarkup(data []byte) []byte {
	if !bytes.Contains(data, []byte("`")) || !bytes.Contains(data, []byte("<script")) {
		return data
	}
	var extra bytes.Buffer
	for _, s := range scriptElement.FindAllSubmatch(data, 64) {
		for _, m := range markupLiteral.FindAllSubmatch(s[1], 256) {
			text := interpolation.ReplaceAll(m[2], nil)
			if len(htmlTag.FindAllIndex(text, 3)) < 3 || find(words(string(text)), cookieWords) < 0 {
				continue
			}
			extra.WriteString("<section>")
			if len(m[1]) > 0 {
				extra.WriteString("<h2>" + html.EscapeString(string(m[1])) + "</h2>")
			}
			extra.Write(text)
			extra.WriteString("</section>\n")
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
// markup it keeps as text to draw a page (see scriptMarkup). Its other
// text is code, not a page's prose: its keys ("autoclear_cookies",
// "consent_modal") are no cookie names.
func ExtractCode(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	src := bytes.ReplaceAll(data, []byte("</script"), []byte(`<\/script`))
	page := append(append([]byte("<script>\n"), src...), "\n</script>\n"...)
	return ExtractHTML(name, page, opts)
}
