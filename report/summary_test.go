package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWorst(t *testing.T) {
	t.Parallel()
	site := func(code int) SiteResult { return NewSiteResult("https://x.example/", nil, code, nil) }
	for _, tc := range []struct {
		codes   []int
		outcome string
		code    int
	}{
		{nil, OutcomePass, 0},
		{[]int{0, 0}, OutcomePass, 0},
		{[]int{0, 3}, OutcomeIncomplete, 3},
		// Failing findings outrank an incomplete scan, as in one scan; a
		// site that could not be audited outranks both.
		{[]int{3, 1, 0}, OutcomeFail, 1},
		{[]int{1, 5, 3}, OutcomeFail, 5},
		{[]int{1, 2, 3}, OutcomeError, 2},
	} {
		var sites []SiteResult
		for _, c := range tc.codes {
			sites = append(sites, site(c))
		}
		if o, c := Worst(sites); o != tc.outcome || c != tc.code {
			t.Errorf("Worst(%v) = %s %d, want %s %d", tc.codes, o, c, tc.outcome, tc.code)
		}
	}
}

func TestSummaryOrderAndRoundTrip(t *testing.T) {
	t.Parallel()
	rep := audited(t)
	sites := []SiteResult{
		NewSiteResult("https://b.example/", nil, 3, errors.New("loading https://b.example/: HTTP 404")),
		NewSiteResult(rep.Target, rep, 1, errors.New("2 findings fail the gate")),
	}
	sum, err := NewSummary(Tool{Name: "cookieaudit", Version: "test"}, sites)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[0].Target > sum.Sites[1].Target || sum.Outcome != OutcomeFail || sum.ExitCode != 1 {
		t.Fatalf("summary not ordered by target, or wrong outcome: %s %d, %s then %s", sum.Outcome, sum.ExitCode, sum.Sites[0].Target, sum.Sites[1].Target)
	}
	var buf bytes.Buffer
	if err := WriteSummaryJSON(&buf, sum); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSites(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	back, err := NewSummary(sum.Tool, got)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteSummaryJSON(&again, back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(buf.String(), again.String()); diff != "" {
		t.Errorf("summary JSON changed through ReadSites (-first +again):\n%s", diff)
	}
	if _, err := NewSummary(sum.Tool, append(got, got[0])); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("a site twice: %v", err)
	}
}

func TestReadSites(t *testing.T) {
	t.Parallel()
	var one bytes.Buffer
	if err := WriteJSON(&one, audited(t)); err != nil {
		t.Fatal(err)
	}
	sites, err := ReadSites(one.Bytes())
	if err != nil || len(sites) != 1 || sites[0].Target != audited(t).Target || sites[0].Report == nil {
		t.Fatalf("one report: %v, %+v", err, sites)
	}
	for _, tc := range []struct{ in, want string }{
		{`{"schema":"cookieaudit/summary/v1"}`, `not a valid cookieaudit/summary/v1 summary: missing properties 'tool', 'outcome', 'exitCode', 'sites'`},
		{`{"schema":"cookieaudit/summary/v9","sites":[]}`, "not supported"},
		{summaryWith(`{"target":"https://a.example/","outcome":"great","exitCode":0,"pages":0,"cookies":0,"findings":0,"failing":0}`), `sites[0].outcome: value must be one of`},
		{summaryWith(`{"outcome":"pass","exitCode":0,"pages":0,"cookies":0,"findings":0,"failing":0}`), "sites[0]: missing property 'target'"},
		{summaryWith(`{"target":"https://a.example/","outcome":"pass","exitCode":0,"pages":0,"cookies":0,"findings":0,"failing":0,"report":{"schema":"cookieaudit/report/v1"}}`), "sites[0].report: missing properties"},
		{`{"schema":"other"}`, "not a cookieaudit summary or report"},
		{`[1,`, "not JSON"},
	} {
		if _, err := ReadSites([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadSites(%s) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

// TestSummaryEscapes checks that a site's strings cannot drive a terminal
// or inject markup, and that the index links only to plain file names.
func TestSummaryEscapes(t *testing.T) {
	t.Parallel()
	hostile := NewSiteResult("https://x.example/\x1b[2J<script>alert(1)</script>", nil, 3, errors.New("title \x1b]0;owned\x07 <img src=x onerror=alert(1)>"))
	hostile.Files = []string{"javascript:alert(1)", "/etc/passwd", `..\\..\\boot.ini`, "x.example.json", "shard-2/x example.html"}
	sum, err := NewSummary(Tool{Name: "cookieaudit"}, []SiteResult{hostile})
	if err != nil {
		t.Fatal(err)
	}
	var table, page bytes.Buffer
	if err := WriteSummaryTable(&table, sum); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(table.String(), 0x1b) || strings.ContainsRune(table.String(), 0x07) {
		t.Errorf("the table holds a control character:\n%q", table.String())
	}
	if err := WriteSummaryHTML(&page, sum); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "javascript:", "/etc/passwd", "boot.ini", "\x1b"} {
		if strings.Contains(page.String(), bad) {
			t.Errorf("the index holds %q", bad)
		}
	}
	for _, link := range []string{`href="x.example.json"`, `href="shard-2/x%20example.html"`} {
		if !strings.Contains(page.String(), link) {
			t.Errorf("the index lacks the link %s", link)
		}
	}
}

// summaryWith is a summary of one site, the JSON object site.
func summaryWith(site string) string {
	return `{"schema":"cookieaudit/summary/v1","tool":{"name":"cookieaudit","version":"test"},"outcome":"pass","exitCode":0,"sites":[` + site + `]}`
}
