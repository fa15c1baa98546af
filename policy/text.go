package policy

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// ExtractText extracts the cookie declarations of a cookie-policy page kept
// as plain text, read line by line: lines of tab-separated (or
// space-aligned) columns are table rows, short lines standing alone are
// headings, lines starting with a bullet are list items, and other lines
// are paragraphs. The result is read as [ExtractHTML] reads a page.
func ExtractText(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	return extractMarkup(name, []byte(textToHTML(string(data))), string(data), opts)
}

var (
	csvCell    = regexp.MustCompile(`"([^"]*)"`)
	bulletLine = regexp.MustCompile(`^\s*(?:[-*•·–]|\d+[.)])\s+`)
	wideGap    = regexp.MustCompile(`\S(\t+| {2,})\S`)
	// underline is a line under a heading: "====" or "----" (Markdown's
	// setext headings), or any of reStructuredText's adornments.
	underline = regexp.MustCompile(`^\s*(={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|#{3,}|\+{3,}|"{3,}|'{3,}|\.{3,}|:{3,}|_{3,})\s*$`)
)

// textLine is a line of a plain-text page.
type textLine struct {
	text  string
	cells []string // columns, for a line of a table
}

// csvRow is a line of quoted values separated by commas, as
// reStructuredText's csv-table directive and exports write tables
// ("jwt", "Keeps you signed in", "24 hours"), perhaps after ":header:".
var csvRow = regexp.MustCompile(`^\s*(?::header:\s*)?"[^"]*"(\s*,\s*"[^"]*")+\s*$`)

// columns splits a line into its columns: quoted values separated by
// commas, or at tabs, or at runs of two spaces or more when the line has
// no tab.
func columns(line string) []string {
	if csvRow.MatchString(line) {
		var cells []string
		for _, m := range csvCell.FindAllStringSubmatch(line, -1) {
			cells = append(cells, strings.TrimSpace(m[1]))
		}
		return cells
	}
	sep := "\t"
	if !strings.Contains(line, "\t") {
		if !wideGap.MatchString(line) {
			return nil
		}
		sep = "  "
	}
	var cells []string
	for _, c := range strings.Split(line, sep) {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 2 {
		return nil
	}
	return cells
}

// textToHTML turns a plain-text page into HTML (see [ExtractText]).
func textToHTML(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]textLine, len(raw))
	for i, l := range raw {
		lines[i] = textLine{text: strings.TrimRight(l, " \t")}
		if strings.Contains(l, "\t") || csvRow.MatchString(l) {
			lines[i].cells = columns(l)
		}
	}
	// Space-aligned columns count only on two lines or more in a row with
	// as many columns: prose has double spaces too.
	for i := range lines {
		if lines[i].cells != nil || strings.Contains(lines[i].text, "\t") {
			continue
		}
		c := columns(lines[i].text)
		if len(c) < 3 {
			continue
		}
		next := i + 1
		for next < len(lines) && strings.TrimSpace(lines[next].text) == "" {
			next++
		}
		prev := i - 1
		for prev >= 0 && strings.TrimSpace(lines[prev].text) == "" {
			prev--
		}
		if (next < len(lines) && len(columns(lines[next].text)) == len(c)) || (prev >= 0 && len(lines[prev].cells) == len(c)) {
			lines[i].cells = c
		}
	}

	var b strings.Builder
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i].text) == "" }
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case blank(i):
			continue
		case l.cells != nil:
			// A table runs over its rows, and over blank lines between
			// rows of as many columns.
			b.WriteString("<table>\n")
			width := len(l.cells)
			for ; i < len(lines); i++ {
				if blank(i) {
					j := i
					for j < len(lines) && blank(j) {
						j++
					}
					if j < len(lines) && len(lines[j].cells) == width {
						i = j - 1
						continue
					}
					break
				}
				if lines[i].cells == nil {
					break
				}
				b.WriteString("<tr>")
				for _, c := range lines[i].cells {
					b.WriteString("<td>" + html.EscapeString(c) + "</td>")
				}
				b.WriteString("</tr>\n")
			}
			i--
			b.WriteString("</table>\n")
		case bulletLine.MatchString(l.text):
			b.WriteString("<ul>\n")
			for ; i < len(lines) && !blank(i) && bulletLine.MatchString(lines[i].text); i++ {
				b.WriteString("<li>" + html.EscapeString(bulletLine.ReplaceAllString(lines[i].text, "")) + "</li>\n")
			}
			i--
			b.WriteString("</ul>\n")
		case i+1 < len(lines) && underline.MatchString(lines[i+1].text) && !blank(i):
			tag := "h2"
			if strings.Contains(lines[i+1].text, "=") {
				tag = "h1"
			}
			b.WriteString("<" + tag + ">" + html.EscapeString(strings.TrimSpace(l.text)) + "</" + tag + ">\n")
			i++
		case blank(i-1) && (blank(i+1) || (i+1 < len(lines) && lines[i+1].cells != nil)) && textHeading(l.text) && !afterLabel(lines, i):
			b.WriteString("<h2>" + html.EscapeString(strings.TrimSpace(l.text)) + "</h2>\n")
		default:
			b.WriteString("<p>")
			for first := i; i < len(lines) && !blank(i) && lines[i].cells == nil && !bulletLine.MatchString(lines[i].text); i++ {
				if i > first {
					b.WriteString("<br>\n")
				}
				b.WriteString(html.EscapeString(strings.TrimSpace(lines[i].text)))
			}
			i--
			b.WriteString("</p>\n")
		}
	}
	return b.String()
}

// afterLabel reports whether the line before line i (blank lines apart)
// is a field's label alone ("Cookie", "- Duration"): line i is then that
// field's value, not a heading. Consent platforms' cookie lists, saved as
// text, put each label and each value on a line of its own.
func afterLabel(lines []textLine, i int) bool {
	j := i - 1
	for j >= 0 && strings.TrimSpace(lines[j].text) == "" {
		j--
	}
	if j < 0 || lines[j].cells != nil {
		return false
	}
	t := strings.TrimSpace(bulletLine.ReplaceAllString(lines[j].text, ""))
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	return len(strings.Fields(t)) <= 3 && columnRole(t) != roleNone
}

// textHeading reports whether a line standing alone reads as a heading:
// short, and not a sentence or the lead of a list.
func textHeading(s string) bool {
	s = strings.TrimSpace(s)
	if !titleLike(s) || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return false
	}
	return !strings.HasSuffix(s, ".") || len(strings.Fields(s)) <= 3
}

// preText finds a <pre> element whose content holds no markup.
var preText = regexp.MustCompile(`(?is)<pre(?:\s[^>]*)?>([^<]{200,})</pre>`)

// proseInPre rewrites a page's <pre> blocks of prose (a whole policy kept
// as preformatted text, "Όνομα: cookieConsent" on a line of its own) as
// the markup a plain-text page becomes (see [ExtractText]), so that its
// headings, lists and records of labelled lines are read. A block that
// reads as program source is left as it is: what it names is an
// example's.
func proseInPre(data []byte) []byte {
	if !bytes.Contains(data, []byte("<pre")) {
		return data
	}
	return preText.ReplaceAllFunc(data, func(m []byte) []byte {
		text := html.UnescapeString(string(preText.FindSubmatch(m)[1]))
		if codeLike(text) {
			return m
		}
		return []byte(textToHTML(text))
	})
}
