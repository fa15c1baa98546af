package policy

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// A PHP page may draw a table's rows by calling a function of its own once
// per row, the row's cells its arguments, in the columns' order (a
// function the page does not define, such as "_e('Note', 'theme')" or
// printf, prints or translates a text):
//
//	<tbody><?php
//	  row('_ga', 'Google', 'Tells visitors apart', '2 years');
//	  row('_gid', 'Google', 'Tells visitors apart', '24 hours');
//	?></tbody>
var (
	// phpRowBlock is a PHP block where a table's rows go: after the
	// table's start, its head, its body's start or a row.
	phpRowBlock = regexp.MustCompile(`(?s)(?:<tbody\b[^>]*>|<table\b[^>]*>|</thead>|</tr>)\s*(<\?php\b.*?\?>)`)
	// phpCallHead is the start of a call of a function by its name.
	phpCallHead = regexp.MustCompile(`^([A-Za-z_]\w*)\s*\(`)
	// phpFunction is a function's definition, by its name.
	phpFunction = regexp.MustCompile(`\bfunction\s+([A-Za-z_]\w*)\s*\(`)
)

// maxPHPRows bounds the rows one block may draw.
const maxPHPRows = 2000

// phpRowCalls rewrites each PHP block in a table that holds only calls of
// one function the page defines, with literal strings (the same number in
// each, two or more), as the rows those calls draw. Any other block is
// left as it is.
func phpRowCalls(data []byte) []byte {
	if !bytes.Contains(data, []byte("<?php")) || !bytes.Contains(data, []byte("function")) {
		return data
	}
	var defined map[string]bool // read at the first block in a table
	return rewriteMatches(data, phpRowBlock, -1, func(m []int, _ int) (int, int, []byte, bool) {
		if defined == nil {
			defined = map[string]bool{}
			for _, d := range phpFunction.FindAllSubmatch(data, -1) {
				defined[string(d[1])] = true
			}
		}
		block := string(data[m[2]:m[3]])
		rows, ok := phpCalls(strings.TrimSuffix(strings.TrimPrefix(block, "<?php"), "?>"), defined)
		if !ok {
			return 0, 0, nil, false
		}
		var b strings.Builder
		for _, cells := range rows {
			b.WriteString("<tr>")
			for _, c := range cells {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>\n")
		}
		return m[2], m[3], []byte(b.String()), true
	})
}

// phpCalls reads code that is only calls of one function of those
// defined, each with the same number (two or more) of literal strings,
// into those strings.
func phpCalls(code string, defined map[string]bool) ([][]string, bool) {
	var rows [][]string
	name := ""
	s := strings.TrimSpace(code)
	for s != "" {
		h := phpCallHead.FindStringSubmatch(s)
		if h == nil || name != "" && h[1] != name || !defined[h[1]] {
			return nil, false
		}
		name = h[1]
		cells, rest, ok := phpStringArgs(s[len(h[0]):])
		if !ok || len(cells) < 2 || len(rows) > 0 && len(cells) != len(rows[0]) || len(rows) == maxPHPRows {
			return nil, false
		}
		rows = append(rows, cells)
		s = strings.TrimSpace(rest)
		if strings.HasPrefix(s, ";") {
			s = strings.TrimSpace(s[1:])
		} else if s != "" {
			return nil, false
		}
	}
	return rows, len(rows) > 0
}

// phpStringArgs reads a call's arguments, after its parenthesis, when
// each is a literal string, and returns them with the code after the
// call.
func phpStringArgs(s string) ([]string, string, bool) {
	var args []string
	for {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, ")") && len(args) > 0 {
			return args, s[1:], true // after a trailing comma
		}
		v, n, err := parseJSLiteral(s)
		str, isString := v.(string)
		if err != nil || !isString {
			return nil, "", false
		}
		args = append(args, str)
		s = strings.TrimSpace(s[n:])
		switch {
		case strings.HasPrefix(s, ","):
			s = s[1:]
		case strings.HasPrefix(s, ")"):
			return args, s[1:], true
		default:
			return nil, "", false
		}
	}
}
