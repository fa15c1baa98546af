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

// jsxTableTags writes the table components of React's UI kits as the
// table elements they draw, so that their rows are read as a table's:
// MUI's TableHead, TableBody, TableRow and TableCell; shadcn/ui's
// TableHeader, TableHead (a header cell there), TableRow and TableCell;
// Mantine's Table.Thead, Table.Tr, Table.Td… Pages without them are left
// as they are.
func jsxTableTags(data []byte) []byte {
	if !jsxTableTag.Match(data) {
		return data
	}
	shadcn := bytes.Contains(data, []byte("<TableHeader"))
	return jsxTableTag.ReplaceAllFunc(data, func(b []byte) []byte {
		m := jsxTableTag.FindSubmatch(b)
		el, ok := jsxTableElements[string(m[2])]
		if string(m[2]) == "TableHead" && shadcn {
			el = "th"
		}
		if !ok {
			return b
		}
		return append(append([]byte{}, m[1]...), el...)
	})
}

// jsxTableTag is the opening or closing of a table component.
var jsxTableTag = regexp.MustCompile(`(</?)(Table(?:Head|Header|Body|Footer|Row|Cell|Container)|Table\.(?:Thead|Tbody|Tfoot|Tr|Th|Td))\b`)

var jsxTableElements = map[string]string{
	"TableHead": "thead", "TableHeader": "thead", "TableBody": "tbody", "TableFooter": "tfoot",
	"TableRow": "tr", "TableCell": "td", "TableContainer": "div",
	"Table.Thead": "thead", "Table.Tbody": "tbody", "Table.Tfoot": "tfoot",
	"Table.Tr": "tr", "Table.Th": "th", "Table.Td": "td",
}
