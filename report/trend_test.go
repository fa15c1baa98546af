package report

// Tests of what scan --history adds to the report package: the changes
// since the previous run (ChangesSince, and their section in each format)
// and the trend page (WriteTrend).

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// previousRun is the portal scan of the day before, as the previous run of
// a history: without _pk_ses.1.abcd and lang, with a cookie since gone
// (_fbp), and with sessionid's value.
func previousRun(t testing.TB) *Report {
	t.Helper()
	res := portal(t)
	res.StartedAt = res.StartedAt.Add(-24 * time.Hour)
	var cookies []crawler.Cookie
	for _, c := range res.Cookies {
		if c.Name != "_pk_ses.1.abcd" && c.Name != "lang" {
			cookies = append(cookies, c)
		}
	}
	cookies = append(cookies, observed(t, "_fbp=fb.1.2; Domain=.portal.test; Path=/; Max-Age=7776000", crawler.FirstParty,
		crawler.SetByScript, "https://connect.facebook.test/fbevents.js", "https://www.portal.test/"))
	res.Cookies = cookies
	return New(res, Options{ShowValues: true})
}

// withChanges is rep with the changes since previousRun.
func withChanges(t testing.TB, rep *Report) *Report {
	t.Helper()
	rep.Changes = ChangesSince("20260301T093000Z.json", previousRun(t), rep)
	return rep
}

func names(cs []Cookie) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func TestChangesSince(t *testing.T) {
	t.Parallel()
	prev := previousRun(t)
	prev.Findings = []Finding{{Kind: KindUndeclared, Cookie: "_fbp", Domain: "portal.test", Path: "/", Severity: SeverityHigh,
		RuleID: "undeclared-cookie", Fails: true, Baseline: BaselineNew, Ignored: &IgnoreRule{Cookie: "_fbp", Kind: "*", Reason: "old"}}}
	cur := New(portal(t), Options{ShowValues: true})
	cur.Findings = []Finding{{Kind: KindUndeclared, Cookie: "lang", Domain: "www.portal.test", Path: "/explore", Severity: SeverityHigh, RuleID: "undeclared-cookie"}}
	ch := ChangesSince("20260301T093000Z.json", prev, cur)

	want := DiffSide{Name: "20260301T093000Z.json", Target: "https://www.portal.test/", StartedAt: "2026-03-01T09:30:00Z",
		Cookies: len(prev.Cookies), Findings: 1}
	if diff := cmp.Diff(want, ch.Since); diff != "" {
		t.Errorf("since (-want +got):\n%s", diff)
	}
	if got := names(ch.CookiesAdded); !slices.Equal(got, []string{"_pk_ses.1.abcd", "lang"}) {
		t.Errorf("cookies added %v, want _pk_ses.1.abcd, lang", got)
	}
	if got := names(ch.CookiesRemoved); !slices.Equal(got, []string{"_fbp"}) {
		t.Errorf("cookies removed %v, want _fbp", got)
	}
	if len(ch.FindingsAdded) != 1 || ch.FindingsAdded[0].Cookie != "lang" || len(ch.FindingsRemoved) != 1 || ch.FindingsRemoved[0].Cookie != "_fbp" {
		t.Errorf("findings added %+v, removed %+v; want lang's added, _fbp's removed", ch.FindingsAdded, ch.FindingsRemoved)
	}
	for _, c := range slices.Concat(ch.CookiesAdded, ch.CookiesRemoved) {
		if c.Value != nil {
			t.Errorf("the changes hold the value of %s", c.Name)
		}
	}
	if f := ch.FindingsRemoved[0]; f.Fails || f.Baseline != "" || f.Ignored != nil {
		t.Errorf("a removed finding keeps the previous run's gate marks: %+v", f)
	}
	// The report's own cookies keep their values, and the previous
	// report is left as it was.
	if cur.Cookies[0].Value == nil || prev.Findings[0].Fails != true {
		t.Error("ChangesSince changed the reports it compares")
	}
}

// TestChangesInEveryFormat: the table, Markdown and HTML reports have a
// section "Changes since the previous run (FILE, DATE)" with the counts
// and the cookies and findings added and removed; SARIF and JUnit have
// nothing of it; the JSON report has "changes" as the schema says, and no
// "changes" without a previous run.
func TestChangesInEveryFormat(t *testing.T) {
	t.Parallel()
	rep := withChanges(t, audited(t))
	const title = "Changes since the previous run (20260301T093000Z.json, 2026-03-01T09:30:00Z)"
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{FormatTable, []string{title + ":\n", "  cookies: 2 added, 1 removed, 7 changed; findings: ",
			"  + cookie _pk_ses.1.abcd (www.portal.test/)\n", "  - cookie _fbp (portal.test/)\n", "  + finding undeclared-cookie __Host-embed (embed.maps.test/)\n",
			"  ~ cookie _ga (portal.test/): category unclassified → statistics\n"}},
		{FormatMarkdown, []string{"\n### Changes since the previous run (`20260301T093000Z.json`, 2026-03-01T09:30:00Z)\n\nCookies: 2 added, 1 removed, 7 changed; findings: ",
			"- added cookie `lang` (`www.portal.test/explore`)\n", "- removed cookie `_fbp` (`portal.test/`)\n", "- added finding undeclared-cookie `__Host-embed` (`embed.maps.test/`)\n",
			"- changed cookie `_ga` (`portal.test/`): category unclassified → statistics\n"}},
		{FormatHTML, []string{"<h2>" + title + "</h2>\n<p>Cookies: 2 added, 1 removed, 7 changed; findings: ",
			"<li>added cookie <code>lang</code> <span class=\"muted\">www.portal.test/explore</span></li>", "<li>removed cookie <code>_fbp</code>",
			"<li>changed cookie <code>_ga</code> <span class=\"muted\">portal.test/</span>: category unclassified → statistics</li>"}},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, rep, tc.format); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s: lacks %q", tc.format, w)
			}
		}
		// The section of the report without changes is not there.
		buf.Reset()
		if err := Write(&buf, audited(t), tc.format); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "Changes since") {
			t.Errorf("%s: a changes section without a previous run", tc.format)
		}
	}
	for _, format := range []string{FormatSARIF, FormatJUnit} {
		var with, without bytes.Buffer
		if err := Write(&with, rep, format); err != nil {
			t.Fatal(err)
		}
		if err := Write(&without, audited(t), format); err != nil {
			t.Fatal(err)
		}
		if with.String() != without.String() {
			t.Errorf("%s: the changes since the previous run change the report", format)
		}
	}

	sch, schemaDoc := reportSchema(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	inst := decodeJSON(t, buf.Bytes())
	if err := sch.Validate(inst); err != nil {
		t.Errorf("a report with changes does not match the schema: %v", err)
	}
	undocumented := map[string]bool{}
	undocumentedFields(schemaDoc, schemaDoc, inst, "$", undocumented)
	for _, u := range slices.Sorted(maps.Keys(undocumented)) {
		t.Errorf("field %s is not in report.schema.json", u)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc["changes"] == nil {
		t.Errorf("no \"changes\" in the JSON report (%v)", err)
	}
	back, err := ReadValid(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep.Changes, back.Changes); diff != "" {
		t.Errorf("changes read back (-wrote +read):\n%s", diff)
	}
}

// TestChangesNoChange: a run like the previous one says so.
func TestChangesNoChange(t *testing.T) {
	t.Parallel()
	rep := New(portal(t), Options{})
	rep.Changes = ChangesSince("20260301T093000Z.json", New(portal(t), Options{}), rep)
	for format, want := range map[string]string{
		FormatTable:    "  no change\n",
		FormatMarkdown: "\n\nNo change\n\n",
		FormatHTML:     "<p>No change.</p>",
	} {
		var buf bytes.Buffer
		if err := Write(&buf, rep, format); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s: lacks %q", format, want)
		}
	}
}

// TestChangesHostile: the changes of the hostile report, whose cookie
// names and findings carry markup and escape sequences, and a previous
// run's name that does too (a report edited by hand), are escaped as the
// rest of each format.
func TestChangesHostile(t *testing.T) {
	t.Parallel()
	rep := hostileReport(t)
	rep.Changes = ChangesSince("20260301T093000Z.json", New(portal(t), Options{}), rep)
	rep.Changes.Since.Name = `<script>document.documentElement.setAttribute("data-pwned","script")</script>` + "\x1b[2J"
	if len(rep.Changes.CookiesAdded) == 0 || len(rep.Changes.FindingsAdded) == 0 {
		t.Fatal("the hostile report adds no cookie or finding")
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, rep); err != nil {
		t.Fatal(err)
	}
	checkNoInjection(t, buf.String())
	if !strings.Contains(buf.String(), "Changes since the previous run (&lt;script&gt;") {
		t.Error("the HTML report does not show the previous run's name as text")
	}
	buf.Reset()
	if err := WriteTable(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\r\u202e") {
		t.Errorf("the table writes a control character of the site:\n%q", buf.String())
	}
	buf.Reset()
	if err := WriteMarkdown(&buf, rep); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	i := strings.Index(md, "### Changes since")
	if i < 0 {
		t.Fatal("no changes section in the Markdown report")
	}
	section := md[i:]
	section = section[:strings.Index(section, "\n### Findings")]
	for _, line := range strings.Split(section, "\n") {
		for j := range line {
			if strings.HasPrefix(line[j:], "<script>") && !insideCode(line, j) {
				t.Errorf("markup outside a code span: %q", line)
			}
		}
	}
	if strings.ContainsAny(section, "\x1b\r") {
		t.Errorf("control characters in the Markdown section: %q", section)
	}
}

// trendTags and trendAttrs are the elements and attributes of the trend
// page: anything else can only come from site data.
var (
	trendTags = map[string]bool{
		"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "header": true,
		"h1": true, "h2": true, "p": true, "span": true, "code": true, "main": true, "section": true,
		"svg": true, "g": true, "line": true, "text": true, "polyline": true, "circle": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "a": true, "br": true, "footer": true,
	}
	trendAttrs = map[string]bool{
		"lang": true, "charset": true, "http-equiv": true, "content": true, "name": true, "class": true, "id": true,
		"colspan": true, "href": true, "xmlns": true, "viewBox": true, "width": true, "height": true, "role": true,
		"aria-label": true, "x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true, "text-anchor": true,
		"transform": true, "points": true, "fill": true, "stroke": true, "stroke-width": true, "stroke-dasharray": true,
		"cx": true, "cy": true, "r": true, "font-size": true, "font-family": true,
	}
)

// TestWriteTrend writes the trend page of four runs, one of them
// unreadable and one of a hostile site, and reads it back as a browser
// would: every run is listed newest first with its counts and a link to
// its file, the chart has a point per readable run on each line, site
// strings are text, and the page has no script and refers to nothing but
// the runs' files.
func TestWriteTrend(t *testing.T) {
	t.Parallel()
	hostileRep := hostileReport(t)
	hostileRep.StartedAt = start.Add(48 * time.Hour)
	latest := withChanges(t, audited(t))
	latest.StartedAt = start.Add(72 * time.Hour)
	runs := []TrendRun{
		{File: "20260301T093000Z.json", Report: previousRun(t)},
		{File: "20260302T093000Z.json", Err: `not a JSON report: <img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">`},
		{File: "20260304T093000Z.json", Report: hostileRep},
		{File: "20260305T093000Z.json", Report: latest},
	}
	var buf bytes.Buffer
	if err := WriteTrend(&buf, "www.portal.test<script>alert(1)</script>", runs); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows, links, polylines []*html.Node
	var csp, style string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if !trendTags[n.Data] {
			t.Errorf("element <%s> is not one of the trend page's", n.Data)
		}
		for _, a := range n.Attr {
			if !trendAttrs[a.Key] {
				t.Errorf("<%s> has attribute %q, not one of the trend page's", n.Data, a.Key)
			}
			if a.Key == "content" && strings.HasPrefix(a.Val, "default-src") {
				csp = a.Val
				continue
			}
			for _, m := range hostileMarkers {
				if strings.Contains(strings.ToLower(a.Val), m) {
					t.Errorf("<%s %s=%q> holds site data (%q)", n.Data, a.Key, a.Val, m)
				}
			}
		}
		switch n.Data {
		case "tr":
			if n.Parent != nil && n.Parent.Data == "tbody" {
				rows = append(rows, n)
			}
		case "a":
			links = append(links, n)
		case "polyline":
			polylines = append(polylines, n)
		case "style":
			style = textOf(n)
		}
	})
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe") ||
		!strings.Contains(csp, "'"+cspHash(style)+"'") {
		t.Errorf("CSP %q is not strict, or does not allow the page's own style", csp)
	}
	if len(rows) != 4 {
		t.Fatalf("%d runs listed, want 4", len(rows))
	}
	var hrefs []string
	for _, a := range links {
		for _, at := range a.Attr {
			if at.Key == "href" {
				hrefs = append(hrefs, at.Val)
			}
		}
	}
	if want := []string{"20260305T093000Z.json", "20260304T093000Z.json", "20260302T093000Z.json", "20260301T093000Z.json"}; !slices.Equal(hrefs, want) {
		t.Errorf("links %v, want the runs' files newest first %v", hrefs, want)
	}
	newest := textOf(rows[0])
	for _, w := range []string{"2026-03-05T09:30:00Z", latest.Gate.Outcome, "cookies +2 −1"} {
		if !strings.Contains(newest, w) {
			t.Errorf("the newest run's row %q lacks %q", newest, w)
		}
	}
	if got := textOf(rows[2]); !strings.Contains(got, "cannot read: not a JSON report: <img src=x") {
		t.Errorf("the unreadable run's row %q does not say why as text", got)
	}
	text := textOf(doc)
	for _, w := range []string{"Cookie audit history of www.portal.test<script>alert(1)</script>",
		`https://evil.test/<script>document.documentElement.setAttribute("data-pwned","script")</script>`} {
		if !strings.Contains(text, w) {
			t.Errorf("the page does not show %q as text", w)
		}
	}
	if len(polylines) != 2 {
		t.Fatalf("%d polylines, want 2 (cookies, findings)", len(polylines))
	}
	for _, pl := range polylines {
		for _, a := range pl.Attr {
			if a.Key == "points" && len(strings.Fields(a.Val)) != 3 {
				t.Errorf("polyline points %q, want one per readable run (3)", a.Val)
			}
		}
	}

	// A file name that is a script URL is not a link to it.
	buf.Reset()
	if err := WriteTrend(&buf, "x", []TrendRun{{File: "javascript:alert(1)", Report: previousRun(t)}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `href="javascript`) {
		t.Error("the trend page links to a script URL")
	}
}
