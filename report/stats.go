package report

import (
	"fmt"
	"sort"
	"strings"
)

// stats are the counts the summaries of the HTML and Markdown reports show.
type stats struct {
	pages, pageErrors   int
	cookies, first      int
	third, undeclared   int
	findings, failing   int
	ignored             int
	newSince, unchanged int
	resolved            int
	// byKind counts findings per kind, in kindsOf order; kinds without
	// findings are left out.
	byKind []kindCount
}

type kindCount struct {
	kind string
	n    int
}

func statsOf(rep *Report) stats {
	var s stats
	for _, p := range rep.Pages {
		// The site's pages are those the first phase visited (the later
		// phases visit the same ones again); a lost page was not visited,
		// and is no page error either (its error is empty).
		if !p.Lost && (p.Phase == "" || p.Phase == "before-consent") {
			s.pages++
		}
		if p.Error != "" {
			s.pageErrors++
		}
	}
	s.cookies = len(rep.Cookies)
	for _, c := range rep.Cookies {
		switch c.Party {
		case "first":
			s.first++
		case "third":
			s.third++
		}
		if !c.Declared {
			s.undeclared++
		}
	}
	s.findings = len(rep.Findings)
	counts := map[string]int{}
	for _, f := range rep.Findings {
		counts[f.Kind]++
		if failing(rep, f) {
			s.failing++
		}
		if f.Ignored != nil {
			s.ignored++
		}
		switch f.Baseline {
		case BaselineNew:
			s.newSince++
		case BaselineUnchanged:
			s.unchanged++
		}
	}
	for _, k := range kindsOf(rep.Findings) {
		if counts[k] > 0 {
			s.byKind = append(s.byKind, kindCount{k, counts[k]})
		}
	}
	if rep.Gate != nil {
		s.resolved = len(rep.Gate.Resolved)
	}
	return s
}

// kindSummary is "3 undeclared, 1 before-consent", or "none".
func (s stats) kindSummary() string {
	if len(s.byKind) == 0 {
		return "none"
	}
	var parts []string
	for _, kc := range s.byKind {
		parts = append(parts, fmt.Sprintf("%d %s", kc.n, kc.kind))
	}
	return strings.Join(parts, ", ")
}

// failingByKind counts the findings that fail the gate per kind, in
// kindsOf order; kinds without a failing finding are left out.
func failingByKind(rep *Report) []kindCount {
	counts := map[string]int{}
	for _, f := range rep.Findings {
		if failing(rep, f) {
			counts[f.Kind]++
		}
	}
	var out []kindCount
	for _, k := range kindsOf(rep.Findings) {
		if counts[k] > 0 {
			out = append(out, kindCount{k, counts[k]})
		}
	}
	return out
}

// FailingSummary counts the findings that fail the gate by kind, e.g.
// "7 undeclared, 5 before-consent"; "none" when none fails.
func FailingSummary(rep *Report) string {
	return stats{byKind: failingByKind(rep)}.kindSummary()
}

// outcome is the gate's outcome, or what the default gate would decide for
// a report that went through none.
func outcome(rep *Report, s stats) string {
	if rep.Gate != nil {
		return rep.Gate.Outcome
	}
	switch {
	case s.failing > 0:
		return OutcomeFail
	case rep.Partial || len(ConsentFailures(rep)) > 0:
		return OutcomeIncomplete
	}
	return OutcomePass
}

// sortedFindings are the findings most worth reading first: those that
// fail the gate, then by severity, then in the report's order.
func sortedFindings(rep *Report) []Finding {
	fs := append([]Finding(nil), rep.Findings...)
	sort.SliceStable(fs, func(i, j int) bool {
		fi, fj := failing(rep, fs[i]), failing(rep, fs[j])
		if fi != fj {
			return fi
		}
		return SeverityRank(fs[i].Severity) > SeverityRank(fs[j].Severity)
	})
	return fs
}

// clip shortens s to at most n runes, ending it with "…" when cut: one
// cookie name of a megabyte must not make a report unreadable.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n-1 {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}
