package policy

import (
	"bytes"
	"html"
	"regexp"
	"slices"
)

// jsxArrayProp finds a JSX attribute whose value is an array literal:
// `cookies={[`.
var jsxArrayProp = regexp.MustCompile(`\s[A-Za-z_$][\w$-]*=\{\s*\[`)

// jsxDataTables rewrites the JSX elements of a page whose attribute holds
// an array of cookie records (`<CookieTable cookies={[{ name: "_ga",
// purpose: "…" }]} />`): the attribute is dropped and a table of the
// records is written right after the element, so that the records are
// read where the page shows them, under its headings. An array that is
// no list of records (see objectRecords) is left as it is.
func jsxDataTables(data []byte) []byte {
	if !bytes.Contains(data, []byte("={")) {
		return data
	}
	var out bytes.Buffer
	last := 0
	for _, m := range jsxArrayProp.FindAllIndex(data, 256) {
		if m[0] < last {
			continue
		}
		eq := bytes.IndexByte(data[m[0]:m[1]], '=') + m[0]
		open := m[1] - 1
		v, n, err := parseJSLiteral(string(data[open:]))
		if err != nil {
			continue
		}
		items, ok := v.([]any)
		if !ok {
			continue
		}
		if _, ok := objectRecords(items); !ok {
			continue
		}
		closeBrace := bytes.IndexByte(data[open+n:], '}')
		if closeBrace < 0 {
			continue
		}
		after := open + n + closeBrace + 1
		end, _ := tagEnd(data, after)
		if end < 0 {
			continue
		}
		out.Write(data[last:eq])
		out.Write(data[after : end+1])
		out.WriteString(recordTable(items))
		last = end + 1
	}
	if last == 0 {
		return data
	}
	out.Write(data[last:])
	return out.Bytes()
}

// recordTable writes records as a table: a column for each key, in the
// order the records first use them.
func recordTable(items []any) string {
	var keys []string
	for _, it := range items {
		for _, k := range sortedKeys(it.(map[string]any)) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("<table><thead><tr>")
	for _, k := range keys {
		b.WriteString("<th>" + html.EscapeString(keyWords(k)) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, it := range items {
		obj := it.(map[string]any)
		b.WriteString("<tr>")
		for _, k := range keys {
			b.WriteString("<td>" + html.EscapeString(scalarString(obj[k])) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}
