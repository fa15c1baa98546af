package policy

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// templateCall finds a template's call of a macro with an object
// ("{{ govukTable({", "{{ nhsukRadios({"), as design systems' Nunjucks
// pages draw their tables and forms.
var templateCall = regexp.MustCompile(`\{\{-?\s*([A-Za-z_$][\w$.]*)\(\s*\{`)

// formMacro names a macro that draws a form's control: its arguments are
// the control's name, id and labels, not the page's text.
var formMacro = regexp.MustCompile(`(?i)(radios|checkboxes|checkbox|button|input|select|textarea|fieldset|cookiebanner|errorsummary)$`)

// templateTables rewrites a template's macro calls that draw a table of
// rows (GOV.UK Frontend's "govukTable({ caption, head: [{ text }], rows:
// [[{ text }, …]] })", and any macro whose object has a head and rows of
// cells so) into the table they draw, where the page shows it, under its
// headings; and drops the calls that draw a form's control (its
// "name: 'cookies[analytics]'" is the form's). Other calls are left as
// they are.
func templateTables(data []byte) []byte {
	if !bytes.Contains(data, []byte("{{")) {
		return data
	}
	return rewriteMatches(data, templateCall, 256, func(m []int, _ int) (int, int, []byte, bool) {
		open := m[1] - 1
		v, n, err := parseJSLiteral(string(data[open:]))
		if err != nil {
			return 0, 0, nil, false
		}
		end := bytes.Index(data[open+n:], []byte("}}"))
		if end < 0 || strings.TrimSpace(strings.Trim(string(data[open+n:open+n+end]), ")-")) != "" {
			return 0, 0, nil, false
		}
		obj, _ := v.(map[string]any)
		table, ok := macroTable(obj)
		if !ok && !formMacro.Match(data[m[2]:m[3]]) {
			return 0, 0, nil, false
		}
		return m[0], open + n + end + 2, []byte(table), true
	})
}

// macroTable writes a macro's object that holds a head and rows of cells
// ({text} or {html} each) as a table, with its caption.
func macroTable(obj map[string]any) (string, bool) {
	rows, _ := obj["rows"].([]any)
	if len(rows) == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("<table>")
	if c, ok := obj["caption"].(string); ok && c != "" {
		b.WriteString("<caption>" + html.EscapeString(c) + "</caption>")
	}
	if head, ok := obj["head"].([]any); ok {
		b.WriteString("<thead>")
		if !macroRow(&b, head, "th") {
			return "", false
		}
		b.WriteString("</thead>")
	}
	b.WriteString("<tbody>")
	for _, r := range rows {
		row, ok := r.([]any)
		if !ok || !macroRow(&b, row, "td") {
			return "", false
		}
	}
	b.WriteString("</tbody></table>")
	return b.String(), true
}

// macroRow writes a row of a macro's cells ({text} or {html} each) as a
// table row of cells of the tag given: a cell's text escaped, or its
// html as it is. It reports false, having written nothing, when a cell is
// no such object.
func macroRow(b *strings.Builder, row []any, tag string) bool {
	var r strings.Builder
	r.WriteString("<tr>")
	for _, c := range row {
		cell, ok := c.(map[string]any)
		if !ok {
			return false
		}
		text := ""
		switch {
		case cell["text"] != nil:
			text = html.EscapeString(scalarString(cell["text"]))
		case cell["html"] != nil:
			text = scalarString(cell["html"])
		}
		r.WriteString("<" + tag + ">" + text + "</" + tag + ">")
	}
	r.WriteString("</tr>")
	b.WriteString(r.String())
	return true
}
