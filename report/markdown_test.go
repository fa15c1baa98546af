package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMdCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in      string
		inTable bool
		want    string
	}{
		{"_ga", true, "`_ga`"},
		{"", true, "—"},
		{"a|b", true, "`a\\|b`"},
		{"a|b", false, "`a|b`"},
		{"a`b", false, "``a`b``"},
		{"`a``", false, "``` `a`` ```"},
		{" a", false, "`  a `"},
		{"<b>&amp;", false, "`<b>&amp;`"},
		{"x\ny", false, "`x\\x0ay`"},
	}
	for _, tc := range cases {
		if got := mdCode(tc.in, tc.inTable); got != tc.want {
			t.Errorf("mdCode(%q, %v) = %q, want %q", tc.in, tc.inTable, got, tc.want)
		}
	}
}

func TestMdText(t *testing.T) {
	t.Parallel()
	got := mdText("a|b <i>*x*</i> [l](u) `c` ~s~ $m$ &amp; !x _y_ \\ {z}\r\n")
	want := `a\|b \<i\>\*x\*\</i\> \[l\](u) \` + "`c\\`" + ` \~s\~ \$m\$ \&amp; \!x \_y\_ \\ \{z\}\\x0d\\x0a`
	if got != want {
		t.Errorf("mdText = %q\n          want %q", got, want)
	}
}

// TestMarkdownTableCells checks that no site string adds or removes a
// table cell: every row of a table has as many unescaped pipes as its
// header.
func TestMarkdownTableCells(t *testing.T) {
	t.Parallel()
	out := markdown(hostileReport(t), MarkdownLimit)
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(line, "|") - strings.Count(line, `\|`)
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row has %d cells, header %d: %s", n-1, cols-1, line)
		}
	}
	for _, bad := range []string{"\r", "<script", "<img", "<b>x"} {
		for _, line := range strings.Split(out, "\n") {
			if i := strings.Index(line, bad); i > 0 && line[i-1] != '\\' && !insideCode(line, i) {
				t.Errorf("raw %q outside a code span: %s", bad, line)
			}
		}
	}
}

// insideCode reports whether byte i of line is inside a code span.
func insideCode(line string, i int) bool {
	open := false
	for j := 0; j < i; {
		if line[j] == '\\' {
			j += 2
			continue
		}
		if line[j] == '`' {
			k := j
			for k < len(line) && line[k] == '`' {
				k++
			}
			if !open {
				fence := line[j:k]
				end := strings.Index(line[k:], fence)
				if end >= 0 && k+end >= i {
					return true
				}
				if end >= 0 {
					j = k + end + len(fence)
					continue
				}
			}
			j = k
			continue
		}
		j++
	}
	return open
}

// TestMarkdownLimit checks that a report of a huge site stays within the
// limit, says what it left out, and still ends with its footer.
func TestMarkdownLimit(t *testing.T) {
	t.Parallel()
	rep := audited(t)
	base := rep.Cookies
	for i := range 3000 {
		c := base[i%len(base)]
		c.Name = fmt.Sprintf("%s_%d_%s", c.Name, i, strings.Repeat("x", 50))
		rep.Cookies = append(rep.Cookies, c)
		rep.Findings = append(rep.Findings, Finding{Kind: KindUndeclared, Cookie: c.Name, Domain: c.Domain, Severity: SeverityHigh,
			RuleID: "undeclared-cookie", Message: c.Name + " is set but the policy does not declare it; what it is for is unknown"})
	}
	for _, limit := range []int{MarkdownLimit, 5000} {
		out := markdown(rep, limit)
		if len(out) > limit {
			t.Errorf("limit %d: %d bytes", limit, len(out))
		}
		if !utf8.ValidString(out) {
			t.Errorf("limit %d: invalid UTF-8", limit)
		}
		if !strings.Contains(out, "more findings") || !strings.Contains(out, "_Not shown, to stay within GitHub's") || !strings.HasSuffix(out, "</sub>\n") {
			t.Errorf("limit %d: no note about the cut, or no footer:\n%s", limit, out[len(out)-500:])
		}
		if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
			t.Errorf("limit %d: unbalanced <details>", limit)
		}
	}
	if out := markdown(audited(t), MarkdownLimit); strings.Contains(out, "Not shown") {
		t.Error("a small report was cut")
	}
}
