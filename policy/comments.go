package policy

import (
	"bytes"
	"regexp"
)

// templateComments are the comments of the template languages a page may
// be written in: what they hold is never shown. A row of a cookie table
// commented out in a React component (`{/* <tr>…</tr> */}`), a Blade,
// Twig, JSP, Liquid or Razor template is no declaration. HTML's own
// comments are the parser's.
var templateComments = regexp.MustCompile(`(?s)` + // one pattern per syntax
	`\{/\*.*?\*/\}` + // JSX
	`|\{\{-?\s*/\*.*?\*/\s*-?\}\}` + // Go templates
	`|\{\{!--.*?--\}\}|\{\{![^-].*?\}\}` + // Handlebars, Mustache
	`|\{\{--.*?--\}\}` + // Blade
	`|\{#.*?#\}` + // Twig, Jinja, Nunjucks
	`|<%--.*?--%>|<%#.*?%>` + // JSP, ASP.NET; ERB
	`|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}` + // Liquid, Django
	`|@\*.*?\*@`) // Razor

// phpBlocks are PHP's code blocks; the block comments inside one
// (`<?php /* <tr>…</tr> */ ?>`) hide what they hold.
var (
	phpBlocks   = regexp.MustCompile(`(?s)<\?(?:php\b|=)?.*?(?:\?>|$)`)
	cBlockComms = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// dropTemplateComments blanks the template comments of data, keeping its
// line breaks so that positions in the page stay where they were.
func dropTemplateComments(data []byte) []byte {
	blank := func(b []byte) []byte {
		out := make([]byte, len(b))
		for i, c := range b {
			if c == '\n' {
				out[i] = '\n'
			} else {
				out[i] = ' '
			}
		}
		return out
	}
	if bytes.Contains(data, []byte("<?")) {
		data = phpBlocks.ReplaceAllFunc(data, func(b []byte) []byte {
			return cBlockComms.ReplaceAllFunc(b, blank)
		})
	}
	return templateComments.ReplaceAllFunc(data, blank)
}
