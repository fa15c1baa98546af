package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
)

// TrendRun is one run of a scheduled check kept by scan --history, as the
// trend page shows it.
type TrendRun struct {
	// File is the run's JSON report, relative to the trend page (a file
	// of the same directory): the page links to it.
	File string
	// Report is the run's report; nil when it could not be read.
	Report *Report
	// Err says why the report could not be read.
	Err string
}

//go:embed html/trend.html.tmpl
var trendTemplateText string

var (
	trendTemplate = template.Must(template.New("trend").Parse(trendTemplateText))
	// trendCSP allows the page's own style, by hash (the HTML report's
	// style sheet), and nothing else: the page has no script, and its
	// chart is inline SVG drawn with presentation attributes.
	trendCSP = "default-src 'none'; style-src '" + cspHash(htmlStyle) + "'; base-uri 'none'; form-action 'none'"
)

// trendView is what the trend page shows. Site strings are plain strings,
// sanitized and then escaped by html/template.
type trendView struct {
	Site, Target, Tool, CSP string
	Style                   template.CSS
	Rows                    []trendRow // newest first
	Chart                   *trendChart
}

type trendRow struct {
	Date, File, Target, Outcome, Changes, Err string
	Pages, Cookies, Findings                  int
	Partial                                   bool
}

// trendChart is the SVG chart of cookies and findings per run, oldest to
// newest. Its coordinates are numbers the writer computes, never site
// data. The template draws the axes at the plot's bounds below.
type trendChart struct {
	// Max is the top of the y axis: the most cookies or findings of a run.
	Max, Runs         int
	Cookies, Findings string // polyline points, "x,y x,y …"
	CookieDots        []trendPoint
	FindingDots       []trendPoint
	// First and Last are the dates of the first and the last run ("" for
	// a single run), under the ends of the x axis.
	First, Last string
}

// The plot's bounds in the chart's 640×230 view box, as the template
// draws its axes.
const (
	plotLeft, plotRight = 56, 620
	plotTop, plotBottom = 28, 170
)

type trendPoint struct{ X, Y int }

// WriteTrend writes the trend page of the runs of one site, given oldest
// first: a self-contained HTML page (no script, no external asset, a
// Content-Security-Policy that allows only its own style) that lists
// every run newest first (date, pages, cookies, findings, partial, the
// gate's outcome when known, the changes since the run before, a link to
// its JSON report) under a small SVG chart of the cookies and findings of
// each run, oldest to newest. site names the site (the history
// directory's host); every string of the reports is escaped.
func WriteTrend(w io.Writer, site string, runs []TrendRun) error {
	v := trendView{Site: htmlString(site), CSP: trendCSP, Style: template.CSS(htmlStyle)}
	var points []TrendRun
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		row := trendRow{Date: runDate(r), File: htmlString(r.File), Err: htmlString(r.Err)}
		if r.Report == nil {
			v.Rows = append(v.Rows, row)
			continue
		}
		rep := r.Report
		s := statsOf(rep)
		row.Target = htmlString(rep.Target)
		row.Pages, row.Cookies, row.Findings, row.Partial = s.pages, s.cookies, s.findings, rep.Partial
		if rep.Gate != nil {
			row.Outcome = htmlString(rep.Gate.Outcome)
		}
		if ch := rep.Changes; ch != nil {
			row.Changes = fmt.Sprintf("cookies +%d −%d, findings +%d −%d",
				len(ch.CookiesAdded), len(ch.CookiesRemoved), len(ch.FindingsAdded), len(ch.FindingsRemoved))
		}
		if v.Target == "" {
			v.Target, v.Tool = row.Target, htmlString(rep.Tool.Name+" "+rep.Tool.Version)
		}
		v.Rows = append(v.Rows, row)
	}
	for _, r := range runs {
		if r.Report != nil {
			points = append(points, r)
		}
	}
	v.Chart = newTrendChart(points)
	var buf bytes.Buffer
	if err := trendTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("rendering the trend page: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// runDate is when the run started, in RFC 3339, or the time its file's
// name gives when its report does not say.
func runDate(r TrendRun) string {
	if r.Report == nil || r.Report.StartedAt.IsZero() {
		return fileDate(r.File)
	}
	return r.Report.StartedAt.UTC().Format(time.RFC3339)
}

// fileDate is the time a history file's name gives (20261130T102233Z.json
// is 2026-11-30T10:22:33Z), or "" for another name.
func fileDate(file string) string {
	if len(file) < 16 {
		return ""
	}
	t, err := time.Parse("20060102T150405Z", file[:16])
	if err != nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

// newTrendChart lays out the chart of runs (oldest first, all readable);
// nil when there is none.
func newTrendChart(runs []TrendRun) *trendChart {
	if len(runs) == 0 {
		return nil
	}
	c := &trendChart{Max: 1, Runs: len(runs)}
	for _, r := range runs {
		c.Max = max(c.Max, len(r.Report.Cookies), len(r.Report.Findings))
	}
	x := func(i int) int {
		if len(runs) == 1 {
			return (plotLeft + plotRight) / 2
		}
		return plotLeft + i*(plotRight-plotLeft)/(len(runs)-1)
	}
	y := func(n int) int { return plotBottom - n*(plotBottom-plotTop)/c.Max }
	var cookies, findings []string
	for i, r := range runs {
		cp := trendPoint{x(i), y(len(r.Report.Cookies))}
		fp := trendPoint{x(i), y(len(r.Report.Findings))}
		cookies = append(cookies, strconv.Itoa(cp.X)+","+strconv.Itoa(cp.Y))
		findings = append(findings, strconv.Itoa(fp.X)+","+strconv.Itoa(fp.Y))
		c.CookieDots = append(c.CookieDots, cp)
		c.FindingDots = append(c.FindingDots, fp)
	}
	c.Cookies, c.Findings = strings.Join(cookies, " "), strings.Join(findings, " ")
	c.First = runDate(runs[0])
	if len(runs) > 1 {
		c.Last = runDate(runs[len(runs)-1])
	}
	return c
}
