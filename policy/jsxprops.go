package policy

import (
	"bytes"
	"html"
	"regexp"
)

var (
	// jsxRowsProp is a JSX element's rows passed as a prop: "rows={[[".
	jsxRowsProp = regexp.MustCompile(`\brows=\{\s*\[\s*\[`)
	// jsxHeadProp is its header passed beside them: "head={[",
	// "headers={[", "columns={[".
	jsxHeadProp = regexp.MustCompile(`\b(?:head|header|headers|columns|headings)=\{\s*\[`)
)

// jsxPropTables rewrites a JSX component that draws a table from its
// props (<LegalTable head={["Cookie", "Purpose"]} rows={[["_ga", "…"]]}
// />) as the table it draws, so that its rows are read under its header
// where the page shows them. Other components are left as they are.
func jsxPropTables(data []byte) []byte {
	if !jsxRowsProp.Match(data) {
		return data
	}
	return rewriteMatches(data, jsxRowsProp, 64, func(m []int, last int) (int, int, []byte, bool) {
		start := bytes.LastIndexByte(data[last:m[0]], '<')
		if start < 0 {
			return 0, 0, nil, false
		}
		start += last
		if componentAt(data[start+1:]) == "" {
			return 0, 0, nil, false
		}
		end, _ := tagEnd(data, start+1)
		if end < m[1] {
			return 0, 0, nil, false
		}
		open := m[0] + bytes.IndexByte(data[m[0]:], '[')
		v, _, err := parseJSLiteral(string(data[open:end]))
		rows, ok := propRows(v)
		if err != nil || !ok {
			return 0, 0, nil, false
		}
		var head []any
		if h := jsxHeadProp.FindIndex(data[start:end]); h != nil {
			hv, _, err := parseJSLiteral(string(data[start+h[1]-1 : end]))
			head, _ = hv.([]any)
			if err != nil {
				head = nil
			}
		}
		var out bytes.Buffer
		out.WriteString("<table>")
		if len(head) > 0 {
			out.WriteString("<thead>")
			textRow(&out, texts(head), "th")
			out.WriteString("</thead>")
		}
		out.WriteString("<tbody>")
		for _, r := range rows {
			textRow(&out, texts(r), "td")
		}
		out.WriteString("</tbody></table>")
		return start, end + 1, out.Bytes(), true
	})
}

// propRows returns the rows of an array of arrays of two texts or more.
func propRows(v any) ([][]any, bool) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	var rows [][]any
	for _, it := range list {
		cells, ok := it.([]any)
		if !ok || len(cells) < 2 {
			return nil, false
		}
		rows = append(rows, cells)
	}
	return rows, true
}

// texts returns the texts of a literal's scalars (see scalarString).
func texts(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = scalarString(v)
	}
	return out
}

// jsxRowComponent is a self-closed JSX component whose attributes are all
// texts: `<Row name="_ga" type="Analítica" duration="13 meses" />`.
var (
	jsxRowComponent = regexp.MustCompile(`<[A-Z][\w.]*((?:\s+[A-Za-z_][\w-]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))+)\s*/>`)
	jsxTextAttr     = regexp.MustCompile(`[A-Za-z_][\w-]*\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')`)
)

// jsxComponentRows rewrites the components a table's body draws a row
// each with (<tbody><Row name="_ga" type="Analítica" … /></tbody>, a
// component that renders a row of its props) as the rows they draw, a
// cell per attribute in the order the source writes them, so that they
// are read under the table's header. A component of two texts or fewer,
// or outside a table's body, is left as it is.
func jsxComponentRows(data []byte) []byte {
	if !bytes.Contains(data, []byte("<tbody")) {
		return data
	}
	return rewriteMatches(data, jsxRowComponent, 256, func(m []int, _ int) (int, int, []byte, bool) {
		before := data[:m[0]]
		if bytes.LastIndex(before, []byte("<tbody")) <= bytes.LastIndex(before, []byte("</tbody")) {
			return 0, 0, nil, false
		}
		var cells []string
		for _, a := range jsxTextAttr.FindAllSubmatch(data[m[2]:m[3]], -1) {
			cells = append(cells, html.UnescapeString(string(a[1])+string(a[2])))
		}
		if len(cells) < 3 {
			return 0, 0, nil, false
		}
		var out bytes.Buffer
		textRow(&out, cells, "td")
		return m[0], m[1], out.Bytes(), true
	})
}
