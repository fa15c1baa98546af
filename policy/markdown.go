package policy

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// ExtractMarkdown extracts the cookie declarations of a cookie-policy page
// written in Markdown (GitHub's dialect: tables, and HTML blocks, which
// many pages use for their cookie tables). A YAML front matter block is
// read as data (see dataToHTML): site generators keep whole cookie lists
// there. Tables that blank lines or a miscounted delimiter row break are
// mended first, as readers of the page see them whole. The page is then
// rendered to HTML and read as [ExtractHTML] reads a page.
func ExtractMarkdown(name string, data []byte, opts ExtractOptions) (*Policy, error) {
	render := markdownRenderer()
	fm, body := splitFrontMatter(data)
	page := ""
	if markupBody(body) {
		// Markdown files of content systems often hold the page as
		// markup (Nuxt Content, MDX): rendered as Markdown, its indented
		// lines after a blank one would turn into code blocks.
		page = string(body)
	} else {
		page = render(string(body))
	}
	if len(fm) > 0 {
		page = frontMatterHTML(fm, render) + page
	}
	return ExtractHTML(name, []byte(page), opts)
}

// markdownRenderer returns a function that renders a page's Markdown, or
// a text of its data, as markup, its names' underscores and its broken
// tables mended first.
func markdownRenderer() func(string) string {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
	return func(src string) string {
		var out bytes.Buffer
		if err := md.Convert([]byte(escapeNameUnderscores(mendTables(markdocTables(unfenceMarkdown(withoutAttributeLists(src)))))), &out); err != nil {
			return ""
		}
		return out.String()
	}
}

// markdownFence opens a fenced block of Markdown ("```markdown").
var markdownFence = regexp.MustCompile("^\\s{0,3}(```+|~~~+)\\s*(?i:markdown|md)\\s*$")

// unfenceMarkdown takes the fences off blocks of Markdown shown as code:
// a policy kept as a template to copy ("```markdown", then the page) is
// the page, its headings and tables read as the page's.
func unfenceMarkdown(src string) string {
	if !strings.Contains(src, "```") && !strings.Contains(src, "~~~") {
		return src
	}
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		m := markdownFence.FindStringSubmatch(lines[i])
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		end := -1
		for j := i + 1; j < len(lines); j++ {
			if c := strings.TrimSpace(lines[j]); strings.HasPrefix(c, m[1]) && strings.Trim(c, m[1][:1]) == "" {
				end = j
				break
			}
		}
		if end < 0 {
			out = append(out, lines[i])
			continue
		}
		out = append(out, lines[i+1:end]...)
		i = end
	}
	return strings.Join(out, "\n")
}

// attributeList is a Kramdown attribute list ({:target="_blank"},
// {: .note}), which Jekyll sites put after links and paragraphs, or a
// link's attributes written after it ("[guide](…){target=_blank}", as
// documentation sites write them): markup, not text of the page.
var attributeList = regexp.MustCompile(`\{:[^{}\n]*\}|\)\{(?:target|rel|class|id|title)=[^{}\n]*\}`)

// withoutAttributeLists drops the attribute lists of src, keeping the
// parenthesis that closes a link before one.
func withoutAttributeLists(src string) string {
	return attributeList.ReplaceAllStringFunc(src, func(m string) string {
		if strings.HasPrefix(m, ")") {
			return ")"
		}
		return ""
	})
}

// markupBody reports whether the body of a Markdown file is markup: it
// starts with a tag and has no Markdown heading or table.
func markupBody(body []byte) bool {
	t := bytes.TrimLeft(body, " \t\r\n")
	return len(t) > 0 && t[0] == '<' && len(htmlTag.FindAllIndex(t, 10)) >= 10 && !mdHeading.Match(t) && !mdTableRule.Match(t)
}

var (
	pipeRow      = regexp.MustCompile(`^\s*\|?.*\|.*$`)
	delimiterRow = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
)

// pipeCells counts the cells of a pipe-table row.
func pipeCells(line string) int {
	return len(pipeRowCells(line))
}

// pipeRowCells splits a pipe-table row into its cells' texts, trimmed: the
// bars that open and close the row are no cells' bounds, and an escaped
// bar (\|) is text.
func pipeRowCells(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(strings.TrimSuffix(t, "|"), "|")
	var cells []string
	start := 0
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(t[start:i]))
			start = i + 1
		}
	}
	return append(cells, strings.TrimSpace(t[start:]))
}

// markdocTable is a table of Markdoc ({% table %} … {% /table %}): each
// cell a list item, rows apart by "---", the first row the header.
var markdocTable = regexp.MustCompile(`(?s)\{%\s*table\b[^%]*%\}(.*?)\{%\s*/table\s*%\}`)

// markdocTables rewrites Markdoc's tables as pipe tables, whose cells
// Markdown renders as it renders Markdoc's.
func markdocTables(src string) string {
	if !strings.Contains(src, "{%") {
		return src
	}
	return markdocTable.ReplaceAllStringFunc(src, func(block string) string {
		body := markdocTable.FindStringSubmatch(block)[1]
		var rows [][]string
		var row []string
		for _, l := range strings.Split(body, "\n") {
			t := strings.TrimSpace(l)
			switch {
			case t == "---":
				if len(row) > 0 {
					rows = append(rows, row)
				}
				row = nil
			case strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "- "):
				row = append(row, strings.TrimSpace(t[2:]))
			case t != "" && len(row) > 0:
				row[len(row)-1] += " " + t // a cell's next line
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		if len(rows) < 2 {
			return block
		}
		var b strings.Builder
		b.WriteString("\n")
		for r, cells := range rows {
			for _, c := range cells {
				b.WriteString("| " + strings.ReplaceAll(c, "|", `\|`) + " ")
			}
			b.WriteString("|\n")
			if r == 0 {
				b.WriteString(strings.Repeat("| --- ", len(cells)) + "|\n")
			}
		}
		return b.String() + "\n"
	})
}

// joinRow returns the table row that starts at lines[i], of a table of n
// columns, and the index of the line after it. Converters write a cell's
// line breaks as they are, so a row with fewer cells than the table may
// go on over the next lines:
//   - a row that starts with a pipe and has no closing pipe goes on, blank
//     lines included, to the line that ends with one ("| Used for login |
//     sid  \n\nsid_legacy | 1 day |"); a line that starts with a pipe
//     begins a row of its own;
//   - a row written without its outer pipes goes on while the next line
//     is blank, starts with a pipe, or follows a blank line ("_utma\n| 1st
//     |\n\nGoogle Analytics\n\n| 2 years |"); a line after it with no
//     blank line before it begins a row of its own.
func joinRow(lines []string, i, n int) (string, int) {
	row := strings.TrimRight(lines[i], " \t")
	if pipeCells(row) >= n {
		return lines[i], i + 1
	}
	blank := func(j int) bool { return strings.TrimSpace(lines[j]) == "" }
	join := func(parts []string) string {
		joined := row
		for _, p := range parts {
			if strings.HasPrefix(p, "|") || strings.HasSuffix(joined, "|") {
				joined += " " + p
			} else {
				joined += "<br>" + p
			}
		}
		return joined
	}
	var parts []string
	if strings.HasPrefix(strings.TrimSpace(row), "|") {
		if strings.HasSuffix(row, "|") {
			return lines[i], i + 1
		}
		for j := i + 1; j < len(lines) && j <= i+20; j++ {
			t := strings.TrimSpace(lines[j])
			if strings.HasPrefix(t, "|") {
				break
			}
			if t != "" {
				parts = append(parts, t)
			}
			if strings.HasSuffix(t, "|") {
				return join(parts), j + 1
			}
		}
		return lines[i], i + 1
	}
	if i+1 >= len(lines) || !(blank(i+1) || strings.HasPrefix(strings.TrimSpace(lines[i+1]), "|")) {
		return lines[i], i + 1
	}
	j := i + 1
	for ; j < len(lines) && j <= i+20; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "|") && !blank(j-1) {
			break
		}
		parts = append(parts, t)
	}
	for j > i+1 && blank(j-1) {
		j--
	}
	if len(parts) == 0 {
		return lines[i], i + 1
	}
	return join(parts), j
}

// mendTables repairs the pipe tables of a Markdown page as a reader sees
// them: a delimiter row with a wrong number of cells is rewritten to match
// the header, and rows separated from a table by blank lines are joined
// to it.
func mendTables(src string) string {
	lines := delimitHeaders(strings.Split(src, "\n"))
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && strings.Contains(l, "|") && delimiterRow.MatchString(lines[i+1]) && strings.Contains(lines[i+1], "-") {
			n := pipeCells(l)
			out = append(out, l, "|"+strings.Repeat(" --- |", n))
			i += 2
			// The rows, and rows after blank lines that have as many cells.
			for i < len(lines) {
				if strings.TrimSpace(lines[i]) == "" {
					j := i
					for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
						j++
					}
					if j < len(lines) && pipeRow.MatchString(lines[j]) && strings.Contains(lines[j], "|") && pipeCells(lines[j]) == n {
						i = j
						continue
					}
					break
				}
				// A name alone on its line, its row's cells on the next
				// ("_utma\n| 1st | ..."), starts a row too.
				if !strings.Contains(lines[i], "|") && (i+1 >= len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "|")) {
					break
				}
				row, next := joinRow(lines, i, n)
				out = append(out, row)
				i = next
			}
			i--
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// delimitHeaders gives a delimiter row to a pipe table written without
// one: a row of column labels, a cookie's name among them ("| Cookie |
// Expires | Notes |"), that starts a run of pipe rows. Markdown renders
// the run as a paragraph of text; the page's reader sees a table.
func delimitHeaders(lines []string) []string {
	var out []string
	for i, l := range lines {
		out = append(out, l)
		if i+1 >= len(lines) || !pipeLine(l) || !pipeLine(lines[i+1]) || delimiterRow.MatchString(lines[i+1]) {
			continue
		}
		if i > 0 && pipeLine(lines[i-1]) {
			continue
		}
		if n := pipeCells(l); n >= 2 && labelRow(l) {
			out = append(out, "|"+strings.Repeat(" --- |", n))
		}
	}
	return out
}

// pipeLine reports whether a line is a row of a pipe table that starts
// with its bar.
func pipeLine(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2
}

// labelRow reports whether a pipe row's cells are column labels: one
// names the cookies, another has a role of its own, and no more than one
// has none.
func labelRow(l string) bool {
	cells := pipeRowCells(l)
	known, name := countRoles(cells)
	return name && known >= 2 && len(cells)-known <= 1
}

// nameUnderscores finds words that start with an underscore and are
// written as cookie names ("_ga_*", "_gat_gtag_[ID]", "__utmz"), outside
// code spans.
var nameUnderscores = regexp.MustCompile(`(^|[\s|(*,;])(_{1,2}[A-Za-z0-9][A-Za-z0-9_\-.*\[\]#<>{}]*)`)

// escapeNameUnderscores escapes the underscores of cookie names written
// without code spans, which Markdown would take for emphasis: "_ga_*"
// renders as "ga*" in italics, though the page means the cookie. Only
// names with a second underscore within five characters, a digit or a
// wildcard are escaped: "_important_" is emphasis.
//
// Lines of an HTML block (from a line opening a block-level tag to the next
// blank line) are left as they are: Markdown passes them through as
// markup, where a backslash would stay in the name.
func escapeNameUnderscores(src string) string {
	if !strings.Contains(src, "_") {
		return src
	}
	var out, md []string
	flush := func() {
		if len(md) > 0 {
			out = append(out, escapeMarkdownNames(strings.Join(md, "\n")))
			md = md[:0]
		}
	}
	inBlock := false
	for _, l := range strings.Split(src, "\n") {
		switch {
		case inBlock && strings.TrimSpace(l) == "":
			inBlock = false
		case !inBlock && htmlBlockStart.MatchString(l):
			inBlock = true
		}
		if inBlock {
			flush()
			out = append(out, l)
			continue
		}
		md = append(md, l)
	}
	flush()
	return strings.Join(out, "\n")
}

// htmlBlockStart is a line that opens an HTML block of a block-level tag
// (CommonMark's sixth kind of HTML block), which runs to the next blank
// line.
var htmlBlockStart = regexp.MustCompile(`(?i)^ {0,3}</?(address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|legend|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(\s|/?>|$)`)

// escapeMarkdownNames escapes the underscores of names in Markdown text
// (see escapeNameUnderscores).
func escapeMarkdownNames(src string) string {
	parts := strings.Split(src, "`")
	for i := 0; i < len(parts); i += 2 { // even parts are outside code spans
		parts[i] = nameUnderscores.ReplaceAllStringFunc(parts[i], func(m string) string {
			prefix := m[:len(m)-len(strings.TrimLeft(m, " \t\n|(*,;"))]
			word := m[len(prefix):]
			second := strings.IndexByte(strings.TrimLeft(word, "_"), '_')
			if !(second >= 0 && second <= 5) && !strings.ContainsAny(word, "0123456789*[#{<") {
				return m
			}
			return prefix + strings.ReplaceAll(word, "_", `\_`)
		})
	}
	return strings.Join(parts, "`")
}
