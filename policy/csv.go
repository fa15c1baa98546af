package policy

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
)

// ExtractCSV extracts the cookie declarations of a table kept as CSV, as
// cookie scanners export their lists and sites keep them for a page
// ("Name,Description,Expiration" over a row per cookie): its first row is
// the header, its columns are separated by commas, semicolons or tabs,
// whichever splits its first lines alike, and quoted values may hold any
// of them. The table is read as [ExtractHTML] reads a page's. A file that
// does not parse as CSV is read as plain text ([ExtractText]).
func ExtractCSV(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	rows, ok := csvRows(data)
	if !ok {
		return ExtractText(name, data, opts)
	}
	var b strings.Builder
	b.WriteString("<table>\n")
	for i, row := range rows {
		cell := "td"
		if i == 0 {
			cell = "th"
		}
		b.WriteString("<tr>")
		for _, c := range row {
			b.WriteString("<" + cell + ">" + html.EscapeString(strings.TrimSpace(c)) + "</" + cell + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return extractMarkup(name, []byte(b.String()), string(data), opts)
}

// csvRows parses data as CSV with the separator that gives its first
// lines one count of columns, two or more; false when none does.
func csvRows(data []byte) ([][]string, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	best, bestWidth := rune(0), 0
	for _, sep := range []rune{',', ';', '\t'} {
		r := csvReader(data, sep)
		width, lines := 0, 0
		for lines < 5 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if lines == 0 {
				width = len(rec)
			} else if len(rec) != width {
				width = 0
				break
			}
			lines++
		}
		if width > bestWidth && lines >= 2 {
			best, bestWidth = sep, width
		}
	}
	if bestWidth < 2 {
		return nil, false
	}
	rows, err := csvReader(data, best).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, false
	}
	return rows, true
}

func csvReader(data []byte, sep rune) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r
}
