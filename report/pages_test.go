package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// killedMidScan is a consent scan whose browser died while the
// after-accept phase was on its second page: the before-consent phase had
// planned three pages and loaded two, the after-reject phase none. The
// crawler's Partial is left false, as a crawler that forgot would: the
// lost pages must make the report partial by themselves.
func killedMidScan() *crawler.Result {
	const home, a, b = "https://www.portal.test/", "https://www.portal.test/a", "https://www.portal.test/b"
	lost := "not visited: the browser exited (signal: killed)"
	return &crawler.Result{
		Target:    home,
		StartedAt: start,
		Pages: []crawler.Page{
			{URL: home, FinalURL: home, Status: 200, Phase: crawler.BeforeConsent},
			{URL: a, FinalURL: a, Depth: 1, Status: 404, Phase: crawler.BeforeConsent},
			{URL: b, Depth: 1, Phase: crawler.BeforeConsent, Lost: true, Error: lost},
		},
		PhasePages: map[crawler.Phase][]crawler.Page{
			crawler.AfterAccept: {
				{URL: home, FinalURL: home, Status: 200, Phase: crawler.AfterAccept},
				{URL: a, Depth: 1, Status: 0, Phase: crawler.AfterAccept, Lost: true, Error: lost},
				{URL: b, Depth: 1, Phase: crawler.AfterAccept, Lost: true, Error: lost},
			},
			// Pages of a fake crawler that does not name their phase.
			crawler.AfterReject: {
				{URL: home, Lost: true, Error: lost},
				{URL: a, Depth: 1, Lost: true, Error: lost},
				{URL: b, Depth: 1, Lost: true, Error: lost},
			},
		},
		Consent: crawler.Consent{Mode: "all", Phases: []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept, crawler.AfterReject}},
	}
}

// TestPagesOfEveryPhase checks what DESIGN.md promises of pages: every page
// of every phase is listed with its phase, a lost page says why and is not
// a page error, and any lost page makes the report partial.
func TestPagesOfEveryPhase(t *testing.T) {
	t.Parallel()
	rep := New(killedMidScan(), Options{})
	if !rep.Partial {
		t.Error("a report with lost pages is not partial")
	}
	type page struct {
		URL, Phase string
		Status     int
		Error      string
		Lost       bool
		Why        string
	}
	lost := "not visited: the browser exited (signal: killed)"
	want := []page{
		{"https://www.portal.test/", "before-consent", 200, "", false, ""},
		{"https://www.portal.test/a", "before-consent", 404, "", false, ""},
		{"https://www.portal.test/b", "before-consent", 0, "", true, lost},
		{"https://www.portal.test/", "after-accept", 200, "", false, ""},
		{"https://www.portal.test/a", "after-accept", 0, "", true, lost},
		{"https://www.portal.test/b", "after-accept", 0, "", true, lost},
		{"https://www.portal.test/", "after-reject", 0, "", true, lost},
		{"https://www.portal.test/a", "after-reject", 0, "", true, lost},
		{"https://www.portal.test/b", "after-reject", 0, "", true, lost},
	}
	var got []page
	for _, p := range rep.Pages {
		got = append(got, page{p.URL, p.Phase, p.Status, p.Error, p.Lost, p.LostReason})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	s := statsOf(rep)
	if s.pages != 2 || s.pageErrors != 0 {
		t.Errorf("counted %d pages and %d page errors, want the 2 the first phase visited and no error (lost pages are neither)", s.pages, s.pageErrors)
	}

	// The JSON names the fields as the schema does.
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Partial bool             `json:"partial"`
		Pages   []map[string]any `json:"pages"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Partial || len(doc.Pages) != len(want) {
		t.Fatalf("JSON: partial %v, %d pages; want partial and %d pages", doc.Partial, len(doc.Pages), len(want))
	}
	if p := doc.Pages[2]; p["phase"] != "before-consent" || p["lost"] != true || p["lostReason"] != lost || p["error"] != "" {
		t.Errorf("JSON of a lost page: %v", p)
	}
	if p := doc.Pages[0]; p["phase"] != "before-consent" || p["lost"] != nil || p["lostReason"] != nil {
		t.Errorf("JSON of a visited page: %v", p)
	}
}

// TestLostPagesInEveryFormat: the Markdown and HTML reports say which
// pages were not visited, in which phase and why, and show each page's
// phase.
func TestLostPagesInEveryFormat(t *testing.T) {
	t.Parallel()
	rep := New(killedMidScan(), Options{})
	var md, html bytes.Buffer
	if err := WriteMarkdown(&md, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&html, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"### Pages not visited",
		"- `https://www.portal.test/b` (after-accept): not visited: the browser exited (signal: killed)",
		"- `https://www.portal.test/` (after-reject): not visited",
	} {
		if !bytes.Contains(md.Bytes(), []byte(want)) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	for _, want := range []string{
		"<th>Phase</th>",
		`<td class="s">https://www.portal.test/b</td><td>after-accept</td><td>1</td><td>0</td><td></td><td>not visited: the browser exited (signal: killed)</td>`,
	} {
		if !bytes.Contains(html.Bytes(), []byte(want)) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}
