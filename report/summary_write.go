package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// WriteSummaryTable writes the summary as a table, one row per site
// (target, outcome, exit code, pages, cookies, findings, failing), the
// reason of every site that did not pass under it, and a last line with
// the counts of each outcome and the run's exit code. Site strings are
// sanitized.
func WriteSummaryTable(w io.Writer, s *Summary) error {
	ew := &errWriter{w: w}
	if len(s.Sites) == 0 {
		ew.printf("No site was audited.\n")
	} else {
		t := newTextTable(ew)
		t.Header("Site", "Outcome", "Exit", "Pages", "Cookies", "Findings", "Failing")
		for _, site := range s.Sites {
			if err := t.Append([]string{
				sanitize(site.Target), sanitize(site.Outcome), strconv.Itoa(site.ExitCode),
				strconv.Itoa(site.Pages), strconv.Itoa(site.Cookies), strconv.Itoa(site.Findings), strconv.Itoa(site.Failing),
			}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		var notes []string
		for _, site := range s.Sites {
			if site.Error != "" {
				notes = append(notes, fmt.Sprintf("  %s: %s", sanitize(site.Target), sanitize(site.Error)))
			}
		}
		if len(notes) > 0 {
			ew.printf("\n%s\n", strings.Join(notes, "\n"))
		}
	}
	ew.printf("\n%s\n", summaryCounts(s))
	return ew.err
}

// summaryCounts is the last line of a summary: "6 sites: 3 pass, 2 fail,
// 1 incomplete · exit code 1".
func summaryCounts(s *Summary) string {
	counts := map[string]int{}
	for _, site := range s.Sites {
		counts[site.Outcome]++
	}
	var parts []string
	for _, o := range []string{OutcomePass, OutcomeFail, OutcomeIncomplete, OutcomeError} {
		if counts[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[o], o))
		}
	}
	line := english.Count(len(s.Sites), "site")
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s · exit code %d", line, s.ExitCode)
}

//go:embed html/summary.html.tmpl
var summaryTemplateText string

// summaryTemplate draws the HTML index of a run over several sites; like
// the trend page it has no script and loads nothing.
var summaryTemplate = template.Must(template.New("summary").Parse(summaryTemplateText))

type summaryView struct {
	Tool, Outcome, Counts, CSP string
	ExitCode                   int
	Style                      template.CSS
	Rows                       []summaryRow
}

type summaryRow struct {
	Target, Outcome, Err              string
	ExitCode                          int
	Pages, Cookies, Findings, Failing int
	Files                             []summaryFile
}

type summaryFile struct{ Name, Href string }

// WriteSummaryHTML writes the summary as a self-contained HTML index: one
// row per site with its outcome, counts and links to its reports written
// beside the summary (Files). Every site string is sanitized and escaped.
func WriteSummaryHTML(w io.Writer, s *Summary) error {
	v := summaryView{
		Tool: htmlString(s.Tool.Name + " " + s.Tool.Version), Outcome: htmlString(s.Outcome), ExitCode: s.ExitCode,
		Counts: htmlString(summaryCounts(s)), CSP: trendCSP, Style: template.CSS(htmlStyle),
	}
	for _, site := range s.Sites {
		row := summaryRow{
			Target: htmlString(site.Target), Outcome: oneOf(site.Outcome, OutcomePass, OutcomeFail, OutcomeIncomplete, OutcomeError),
			Err: htmlString(site.Error), ExitCode: site.ExitCode,
			Pages: site.Pages, Cookies: site.Cookies, Findings: site.Findings, Failing: site.Failing,
		}
		for _, f := range site.Files {
			// A relative path of the run's own making ("x.html", or
			// "shard-2/x.html" in a merge): never a scheme or an
			// absolute path, which a summary handed over could hold.
			if f == "" || strings.ContainsAny(f, ":\\") || strings.HasPrefix(f, "/") {
				continue
			}
			row.Files = append(row.Files, summaryFile{Name: htmlString(f), Href: (&url.URL{Path: f}).String()})
		}
		v.Rows = append(v.Rows, row)
	}
	var buf bytes.Buffer
	if err := summaryTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("rendering the summary page: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
