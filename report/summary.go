package report

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// SummarySchema identifies the JSON summary contract of a run over several
// sites, in every summary's "schema" field. Fields are added to it, never
// renamed or removed.
const SummarySchema = "cookieaudit/summary/v1"

// OutcomeError is the outcome of a site whose audit could not start
// because of its input (an unreadable or invalid policy, login steps that
// do not parse): exit code 2. The other outcomes are those of the gate
// (OutcomePass, OutcomeFail, OutcomeIncomplete).
const OutcomeError = "error"

// Summary is the outcome of a run over several sites ("scan --sites", or
// "merge" of several runs' summaries): one entry per site, in the order of
// their targets, whatever the order they ran or were merged in.
type Summary struct {
	Schema string `json:"schema"`
	Tool   Tool   `json:"tool"`
	// Outcome and ExitCode are the worst site's (see Worst).
	Outcome  string `json:"outcome"`
	ExitCode int    `json:"exitCode"`
	// Sites are the sites' outcomes and reports, ordered by Target.
	Sites []SiteResult `json:"sites"`
}

// SiteResult is one site of a Summary: its outcome, the counts a summary
// table shows, and its whole report when the scan gave one.
type SiteResult struct {
	// Target is the URL the site's scan started from.
	Target string `json:"target"`
	// Outcome is "pass", "fail", "incomplete" or "error"; ExitCode is the
	// code a scan of this site alone would have exited with.
	Outcome  string `json:"outcome"`
	ExitCode int    `json:"exitCode"`
	// Error says why the site failed or is incomplete, in one line; empty
	// for a site that passed.
	Error string `json:"error,omitempty"`
	// Pages, Cookies and Findings count the report's pages visited (in the
	// first consent phase), distinct cookies and findings; Failing the
	// findings that fail the gate.
	Pages    int `json:"pages"`
	Cookies  int `json:"cookies"`
	Findings int `json:"findings"`
	Failing  int `json:"failing"`
	// Files are the site's reports written beside the summary (file names
	// relative to the summary's directory), one per format.
	Files []string `json:"files,omitempty"`
	// Report is the site's report; nil when its scan gave none (the site
	// could not be loaded, or its inputs were invalid).
	Report *Report `json:"report,omitempty"`
}

// NewSiteResult is the entry of the site whose scan gave rep (nil when it
// gave none) and ended with exitCode and err (nil when it passed).
func NewSiteResult(target string, rep *Report, exitCode int, err error) SiteResult {
	r := SiteResult{Target: target, ExitCode: exitCode, Report: rep}
	if err != nil {
		r.Error = err.Error()
	}
	switch {
	case exitCode == 0:
		r.Outcome = OutcomePass
	case exitCode == 2:
		r.Outcome = OutcomeError
	case exitCode == 3:
		r.Outcome = OutcomeIncomplete
	default:
		r.Outcome = OutcomeFail // 1, or the code of --exit-code
	}
	if rep != nil {
		s := statsOf(rep)
		r.Pages, r.Cookies, r.Findings, r.Failing = s.pages, s.cookies, s.findings, s.failing
		if r.Target == "" {
			r.Target = rep.Target
		}
	}
	return r
}

// SiteResultOf is the entry of a site known only by its JSON report (a
// run of "scan" on one site given to "merge"): its outcome is the gate's
// when one ran (exit code 1 for a failing gate, whatever --exit-code was),
// else incomplete for a partial report, else pass.
func SiteResultOf(rep *Report) SiteResult {
	code := 0
	switch {
	case rep.Gate != nil && rep.Gate.Outcome == OutcomeFail && !rep.Gate.ReportOnly:
		code = 1
	case rep.Gate != nil && rep.Gate.Outcome == OutcomeIncomplete, rep.Partial:
		code = 3
	}
	var err error
	if code != 0 {
		err = errors.New(gateText(rep, painter(false)))
	}
	return NewSiteResult(rep.Target, rep, code, err)
}

// outcomeRank orders outcomes from the best: a site that could not be
// audited for its input is the worst, then one whose findings fail the
// gate (as in one scan, failing findings outrank an incomplete scan),
// then an incomplete one.
func outcomeRank(outcome string) int {
	switch outcome {
	case OutcomePass:
		return 0
	case OutcomeIncomplete:
		return 1
	case OutcomeFail:
		return 2
	case OutcomeError:
		return 3
	}
	return 3
}

// Worst is the outcome and exit code of a run over sites: the worst site's
// ("error" 2, then "fail" with its code, then "incomplete" 3), or pass and
// 0 for no site.
func Worst(sites []SiteResult) (outcome string, exitCode int) {
	outcome = OutcomePass
	for _, s := range sites {
		if r := outcomeRank(s.Outcome); r > outcomeRank(outcome) || r == outcomeRank(outcome) && s.ExitCode > exitCode {
			outcome, exitCode = s.Outcome, s.ExitCode
		}
	}
	return outcome, exitCode
}

// NewSummary orders sites by target and gives the run the worst site's
// outcome. Two entries of the same target are an error: each site is
// audited once per run, and merged summaries must come from one split.
func NewSummary(tool Tool, sites []SiteResult) (*Summary, error) {
	sites = slices.Clone(sites)
	slices.SortStableFunc(sites, func(a, b SiteResult) int { return cmp.Compare(a.Target, b.Target) })
	for i := 1; i < len(sites); i++ {
		if sites[i].Target == sites[i-1].Target {
			return nil, fmt.Errorf("site %s appears twice", sites[i].Target)
		}
	}
	s := &Summary{Schema: SummarySchema, Tool: tool, Sites: sites}
	if s.Sites == nil {
		s.Sites = []SiteResult{}
	}
	s.Outcome, s.ExitCode = Worst(sites)
	return s, nil
}

// WriteSummaryJSON writes s as indented JSON followed by a newline.
func WriteSummaryJSON(w io.Writer, s *Summary) error {
	return writeIndentedJSON(w, s)
}

// SummaryFormats are the formats a summary is written in.
func SummaryFormats() []string { return []string{FormatTable, FormatJSON, FormatHTML} }

// WriteSummary writes s in format: table, json or html.
func WriteSummary(w io.Writer, s *Summary, format string) error {
	switch format {
	case FormatTable:
		return WriteSummaryTable(w, s)
	case FormatJSON:
		return WriteSummaryJSON(w, s)
	case FormatHTML:
		return WriteSummaryHTML(w, s)
	}
	return fmt.Errorf("unknown summary format %q (valid: %s)", format, strings.Join(SummaryFormats(), ", "))
}
