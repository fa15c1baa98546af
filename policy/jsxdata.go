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
	return rewriteMatches(data, jsxArrayProp, 256, func(m []int, _ int) (int, int, []byte, bool) {
		eq := bytes.IndexByte(data[m[0]:m[1]], '=') + m[0]
		open := m[1] - 1
		v, n, err := parseJSLiteral(string(data[open:]))
		if err != nil {
			return 0, 0, nil, false
		}
		items, ok := v.([]any)
		if !ok {
			return 0, 0, nil, false
		}
		if _, computed, ok := objectRecords(items); !ok || computed {
			return 0, 0, nil, false
		}
		closeBrace := bytes.IndexByte(data[open+n:], '}')
		if closeBrace < 0 {
			return 0, 0, nil, false
		}
		after := open + n + closeBrace + 1
		end, _ := tagEnd(data, after)
		if end < 0 {
			return 0, 0, nil, false
		}
		repl := append(slices.Clip(data[after:end+1]), recordTable(items)...)
		return eq, end + 1, repl, true
	})
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
	head := make([]string, len(keys))
	for i, k := range keys {
		head[i] = keyWords(k)
	}
	var b bytes.Buffer
	b.WriteString("<table><thead>")
	textRow(&b, head, "th")
	b.WriteString("</thead><tbody>")
	for _, it := range items {
		obj := it.(map[string]any)
		cells := make([]string, len(keys))
		for i, k := range keys {
			cells[i] = scalarString(obj[k])
		}
		textRow(&b, cells, "td")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

// textRow writes a table row of texts, escaped, each in a cell of the
// tag given ("td", "th").
func textRow(b *bytes.Buffer, cells []string, tag string) {
	b.WriteString("<tr>")
	for _, c := range cells {
		b.WriteString("<" + tag + ">" + html.EscapeString(c) + "</" + tag + ">")
	}
	b.WriteString("</tr>")
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
		name := bytes.TrimLeft(b, "</")
		el := jsxTableElements[string(name)]
		if shadcn && string(name) == "TableHead" {
			el = "th"
		}
		return append(b[:len(b)-len(name):len(b)-len(name)], el...)
	})
}

// jsxTableTag is the opening or closing of a table component.
var jsxTableTag = regexp.MustCompile(`</?(?:Table(?:Head|Header|Body|Footer|Row|Cell|Container)|Table\.(?:Thead|Tbody|Tfoot|Tr|Th|Td))\b`)

var jsxTableElements = map[string]string{
	"TableHead": "thead", "TableHeader": "thead", "TableBody": "tbody", "TableFooter": "tfoot",
	"TableRow": "tr", "TableCell": "td", "TableContainer": "div",
	"Table.Thead": "thead", "Table.Tbody": "tbody", "Table.Tfoot": "tfoot",
	"Table.Tr": "tr", "Table.Th": "th", "Table.Td": "td",
}

// maxRowExpression bounds the JSX expression jsxRowTables rewrites: a
// brace it finds further on is no longer the expression's.
const maxRowExpression = 16 << 10

// jsxRowLiteral finds a JSX expression that starts with an array of
// arrays: `{[ ['_ga', 'Google', …], … ].map(`.
var jsxRowLiteral = regexp.MustCompile(`\{\s*\[\s*\[`)

// jsxRowTables rewrites the rows a JSX table draws from an array of
// arrays of texts mapped to cells (`<tbody>{[['_ga', 'Google', '2
// Jahre'], …].map((row) => <tr>{row.map((cell) => <td>{cell}</td>)}</tr>)}`)
// as the table rows they draw, one cell per item, so that the rows are
// read under the table's header. Other expressions are left as they are.
func jsxRowTables(data []byte) []byte {
	if !jsxRowLiteral.Match(data) {
		return data
	}
	return rewriteMatches(data, jsxRowLiteral, 64, func(m []int, _ int) (int, int, []byte, bool) {
		open := bytes.IndexByte(data[m[0]+1:m[1]], '[') + m[0] + 1
		v, n, err := parseJSLiteral(string(data[open:]))
		if err != nil {
			return 0, 0, nil, false
		}
		rows, ok := textRows(v)
		if !ok || !bytes.HasPrefix(bytes.TrimLeft(data[open+n:], " \t\r\n"), []byte(".map(")) {
			return 0, 0, nil, false
		}
		expr := &jsParser{s: string(data[m[0]:min(len(data), m[0]+maxRowExpression)])}
		if !expr.skipBraces() {
			return 0, 0, nil, false
		}
		var out bytes.Buffer
		for _, r := range rows {
			textRow(&out, r, "td")
		}
		return m[0], m[0] + expr.i, out.Bytes(), true
	})
}

// textRows returns the rows of an array of two or more arrays of the same
// length, two or more texts or numbers each.
func textRows(v any) ([][]string, bool) {
	list, ok := v.([]any)
	if !ok || len(list) < 2 {
		return nil, false
	}
	var rows [][]string
	for _, it := range list {
		cells, ok := it.([]any)
		if !ok || len(cells) < 2 || len(rows) > 0 && len(cells) != len(rows[0]) {
			return nil, false
		}
		row := make([]string, len(cells))
		for i, c := range cells {
			switch c.(type) {
			case string, float64, int, int64:
				row[i] = scalarString(c)
			default:
				return nil, false
			}
		}
		rows = append(rows, row)
	}
	return rows, true
}
