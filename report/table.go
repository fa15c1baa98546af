package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// TableOptions configure WriteTableWith. The zero value writes plain text.
type TableOptions struct {
	// Color marks severities, finding kinds, undeclared cookies and the
	// gate's outcome with ANSI colours. Set it only for a terminal: the
	// caller knows where the output goes (cookieaudit sets it when the
	// report goes to stdout, stdout is a terminal and NO_COLOR is unset).
	// Colour codes come only from the writer: site strings are sanitized
	// either way.
	Color bool
}

// WriteTable writes rep for people, without colour: see WriteTableWith.
func WriteTable(w io.Writer, rep *Report) error {
	return WriteTableWith(w, rep, TableOptions{})
}

// WriteTableWith writes rep for people: one row per cookie (name, domain,
// party, category, lifetime, how it was set, the first page that saw it),
// the number of web storage keys and, with a policy, how many of them are
// undeclared (listed in the JSON report), the findings grouped by kind (in
// the order of Kinds) then by cookie (a storage finding names its key and
// kind of storage),
// each with its status when it has one (new or unchanged since the
// baseline, ignored and why), the baseline's findings now resolved, the
// ignore file's stale and expired entries, the pages that failed, the
// changes since the previous run (scan --history), and last a one-line
// summary: pages, cookies, findings by kind and the gate's outcome, the
// reason of the exit code. Every
// site-controlled string is passed through sanitize first, so a cookie
// name holding an escape sequence cannot colour or rewrite the terminal.
// The column order is stable, and there is colour only with opts.Color.
func WriteTableWith(w io.Writer, rep *Report, opts TableOptions) error {
	ew := &errWriter{w: w}
	p := painter(opts.Color)
	if rep.Partial {
		ew.printf("%s\n\n", p.paint(ansiYellow, "Scan incomplete: the report covers only the pages visited before it stopped."))
	}
	if len(rep.Cookies) == 0 {
		ew.printf("No cookies were set.\n")
	} else {
		t := newTextTable(ew)
		t.Header("Name", "Domain", "Party", "Category", "Lifetime", "Set by", "First seen on")
		for _, c := range rep.Cookies {
			category := sanitize(categoryLabel(c))
			if rep.Policy != "" && !c.Declared {
				// tablewriter measures cells without their colour codes,
				// so the columns line up the same with colour or without.
				if note := categoryNote(c); note != "" {
					category = sanitize(c.Category+" ("+note+"; ") + p.paint(ansiYellow, "undeclared") + ")"
				} else {
					category = sanitize(c.Category) + " " + p.paint(ansiYellow, "(undeclared)")
				}
			}
			if err := t.Append([]string{
				sanitize(c.Name),
				sanitize(c.Domain),
				sanitize(c.Party),
				category,
				lifetime(c, rep.StartedAt),
				sanitize(c.SetBy),
				sanitize(c.FirstSeenOn),
			}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if n := len(rep.Storage); n > 0 {
		undeclared := ""
		if rep.Policy != "" {
			k := 0
			for _, it := range rep.Storage {
				if !it.Declared {
					k++
				}
			}
			undeclared = fmt.Sprintf(", %d undeclared", k)
		}
		ew.printf("\n%s%s (see the JSON report)\n", english.Count(n, "web storage key"), undeclared)
	}
	writeConsent(ew, rep, p)
	writeFindings(ew, rep, p)
	writeResolved(ew, rep)
	if ws := rep.Gate.Warnings(); len(ws) > 0 {
		ew.printf("\n%s\n", p.paint(ansiBold, "Ignore file:"))
		for _, w := range ws {
			ew.printf("  %s\n", sanitize(w))
		}
	}
	var failed []Page
	for _, pg := range rep.Pages {
		if pg.Error != "" {
			failed = append(failed, pg)
		}
	}
	if len(failed) > 0 {
		ew.printf("\nPage errors:\n")
		for _, pg := range failed {
			ew.printf("  %s: %s\n", sanitize(pg.URL), sanitize(pg.Error))
		}
	}
	writeChanges(ew, rep, p)
	ew.printf("\n%s\n", summaryLine(rep, p))
	return ew.err
}

// newTextTable is the ASCII table of the text reports: headers as
// given, left-aligned, cells never wrapped.
func newTextTable(w io.Writer) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Symbols: tw.NewSymbols(tw.StyleASCII),
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
	)
}

// summary counts pages and cookies, e.g.
// "12 pages, 30 cookies (18 first-party, 12 third-party), 1 page error".
func summary(rep *Report) string {
	s := statsOf(rep)
	return fmt.Sprintf("%s, %s (%d first-party, %d third-party), %s",
		english.Count(s.pages, "page"), english.Count(s.cookies, "cookie"),
		s.first, s.third, english.Count(s.pageErrors, "page error"))
}

// summaryLine is the last line of the table report: the counts of
// summary, the findings by kind and what the gate decided, e.g.
// "4 pages, 10 cookies (7 first-party, 3 third-party), 1 page error ·
// Findings: 2 undeclared, 1 not-observed · gate: failed — 2 findings of
// kind undeclared match --fail-on".
func summaryLine(rep *Report, p painter) string {
	findings := sanitize(statsOf(rep).kindSummary())
	if len(rep.Findings) == 0 && rep.Policy == "" {
		findings += " (no policy)" // nothing was compared
	}
	return fmt.Sprintf("%s · Findings: %s · %s", summary(rep), findings, gateText(rep, p))
}

// gateText says what the gate decided and why: the reason of the exit
// code (1 for "failed", 3 for "incomplete", 0 otherwise, unless
// --exit-code changed the first). A report that went through no gate (one
// built by hand, or written before gates existed) says "no gate".
func gateText(rep *Report, p painter) string {
	g := rep.Gate
	if g == nil {
		return "no gate"
	}
	s := statsOf(rep)
	var why string
	switch g.Outcome {
	case OutcomeFail:
		var kinds []string
		for _, kc := range failingByKind(rep) {
			kinds = append(kinds, sanitize(kc.kind))
		}
		noun, verb := "findings", "match"
		if g.Failing == 1 {
			noun, verb = "finding", "matches"
		}
		if g.Baseline != "" || s.newSince > 0 { // compared with a baseline
			noun = "new " + noun
		}
		kindNoun := "kinds"
		if len(kinds) == 1 {
			kindNoun = "kind"
		}
		why = fmt.Sprintf("%d %s of %s %s %s --fail-on", g.Failing, noun, kindNoun, strings.Join(kinds, ", "), verb)
		if SeverityRank(g.MinSeverity) > 0 {
			why += " and --min-severity " + sanitize(g.MinSeverity)
		}
		if rep.Partial {
			why += "; the scan was incomplete"
		}
		if g.ReportOnly {
			why += "; reported only (--exit-code 0)"
		}
	case OutcomeIncomplete:
		why = sanitize(incompleteText(rep)) + "; no finding matches --fail-on"
	default:
		if len(g.FailOn) == 0 {
			why = "--fail-on none only reports"
		} else {
			why = "no finding matches --fail-on"
			if SeverityRank(g.MinSeverity) > 0 {
				why += " and --min-severity " + sanitize(g.MinSeverity)
			}
		}
	}
	var spared []string
	if s.ignored > 0 {
		spared = append(spared, fmt.Sprintf("%d ignored", s.ignored))
	}
	if s.unchanged > 0 {
		spared = append(spared, fmt.Sprintf("%d unchanged since the baseline", s.unchanged))
	}
	if len(spared) > 0 {
		why += " (" + strings.Join(spared, ", ") + ")"
	}
	if g.Outcome == OutcomeFail {
		// The findings decide the exit code, but a choice not made still
		// leaves the scan incomplete: say so.
		for _, f := range ConsentFailures(rep) {
			why += "; " + sanitize(f.String())
		}
	}
	var head string
	switch g.Outcome {
	case OutcomeFail:
		head = p.paint(ansiBoldRed, "gate: failed")
	case OutcomeIncomplete:
		head = p.paint(ansiYellow, "gate: incomplete")
	case OutcomePass:
		head = p.paint(ansiGreen, "gate: passed")
	default:
		head = "gate: " + sanitize(g.Outcome)
	}
	return head + " — " + why
}

// writeFindings lists the findings grouped by kind, in the order of Kinds
// (kinds this version does not know last), and within a kind by cookie,
// domain and path, so that the findings of one cookie are together. Each
// has its severity, cookie, message and evidence. A report compared with
// a policy and without findings says so; one without a policy and
// findings says nothing.
func writeFindings(ew *errWriter, rep *Report, p painter) {
	if len(rep.Findings) == 0 {
		if rep.Policy != "" {
			ew.printf("\nNo findings: every cookie seen is declared as the policy says.\n")
		}
		return
	}
	byKind := map[string][]Finding{}
	for _, f := range rep.Findings {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	for _, k := range kindsOf(rep.Findings) {
		fs := byKind[k]
		if len(fs) == 0 {
			continue
		}
		slices.SortStableFunc(fs, func(a, b Finding) int {
			return cmp.Or(strings.Compare(a.Cookie, b.Cookie), strings.Compare(a.Domain, b.Domain), strings.Compare(a.Path, b.Path))
		})
		ew.printf("\n%s:\n", p.paint(ansiBold, fmt.Sprintf("%s (%d)", sanitize(k), len(fs))))
		for _, f := range fs {
			where := sanitize(f.Domain + f.Path)
			if where != "" {
				where = " (" + where + ")"
				if AboutBanner(f) {
					where = " of " + sanitize(f.Domain)
				}
			}
			// Pad before painting: the codes take no room on the screen.
			sev := sanitize(f.Severity)
			sev = p.paint(severityColor(f.Severity), sev) + strings.Repeat(" ", max(0, 6-len([]rune(sev))))
			ew.printf("  %s %s%s: %s\n", sev, sanitize(subject(f)), where, sanitize(f.Message))
			if f.Evidence != "" {
				ew.printf("         evidence: %s\n", sanitize(f.Evidence))
			}
			// With a baseline or an ignore file, say what became of the
			// finding, as the Markdown and HTML reports do.
			if status := findingStatus(f); status != "" {
				status = sanitize(status)
				if failing(rep, f) {
					status += "; " + p.paint(ansiBoldRed, "fails the gate")
				}
				ew.printf("         status: %s\n", status)
			}
		}
	}
}

// writeResolved lists the findings of the baseline that the scan no
// longer has, by kind, cookie and where.
func writeResolved(ew *errWriter, rep *Report) {
	if rep.Gate == nil || len(rep.Gate.Resolved) == 0 {
		return
	}
	ew.printf("\nResolved since the baseline (%d):\n", len(rep.Gate.Resolved))
	for _, f := range rep.Gate.Resolved {
		where := sanitize(f.Domain + f.Path)
		if where != "" {
			where = " (" + where + ")"
			if AboutBanner(f) {
				where = " of " + sanitize(f.Domain)
			}
		}
		ew.printf("  %s: %s%s\n", sanitize(f.Kind), sanitize(subject(f)), where)
	}
}

// writeConsent says which consent phases ran, the banner found and how
// each choice went: how it was verified, where it was made and what it
// took. A banner with no reject button, a choice not made or not verified,
// is shown in yellow. Nothing for a report without consent data.
func writeConsent(ew *errWriter, rep *Report, p painter) {
	c := rep.Consent
	if c == nil {
		return
	}
	ew.printf("\n%s %s\n", p.paint(ansiBold, "Consent:"), sanitize(strings.Join(c.Phases, ", ")))
	if c.Banner == nil {
		ew.printf("  no consent banner found on %s\n", sanitize(rep.Target))
	} else {
		b := c.Banner
		ew.printf("  banner: %s in %s\n", bannerName(b), sanitize(b.Frame))
		for _, btn := range []struct {
			name string
			b    *ConsentButton
		}{{"accept", b.Accept}, {"reject", b.Reject}, {"settings", b.Settings}} {
			switch {
			case btn.b != nil:
				ew.printf("  %s button: \"%s\" (%s)\n", btn.name, sanitize(btn.b.Label), sanitize(btn.b.Selector))
			case btn.name != "settings":
				// A banner without settings is only worth a line when it
				// has them: older reports do not say.
				ew.printf("  %s button: %s\n", btn.name, p.paint(ansiYellow, "none"))
			}
		}
	}
	for _, a := range c.Actions {
		outcome := actionOutcome(a)
		if !a.Clicked || !a.Verified {
			outcome = p.paint(ansiYellow, outcome)
		}
		if a.Error != "" {
			outcome += ": " + p.paint(ansiYellow, sanitize(a.Error))
		}
		if d := actionDetails(a); d != "" {
			outcome += "; " + d
		}
		ew.printf("  %s: %s %s\n", sanitize(a.Phase), sanitize(a.Action), outcome)
	}
}

// ANSI SGR codes of the colours the table uses.
const (
	ansiBold    = "1"
	ansiBoldRed = "1;31"
	ansiRed     = "31"
	ansiGreen   = "32"
	ansiYellow  = "33"
	ansiCyan    = "36"
	ansiDim     = "2"
)

// severityColor is the colour of a severity: high red, medium yellow, low
// cyan, info dim; "" (none) for a severity this version does not know.
func severityColor(sev string) string {
	switch sev {
	case SeverityHigh:
		return ansiRed
	case SeverityMedium:
		return ansiYellow
	case SeverityLow:
		return ansiCyan
	case SeverityInfo:
		return ansiDim
	}
	return ""
}

// painter colours text when true, and leaves it as it is when false.
type painter bool

// paint wraps s in the SGR code and a reset. s must already be sanitized.
func (p painter) paint(code, s string) string {
	if !p || code == "" || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// errWriter keeps the first write error so the writer can print line by
// line and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) Write(p []byte) (int, error) {
	if ew.err != nil {
		return 0, ew.err
	}
	n, err := ew.w.Write(p)
	ew.err = err
	return n, err
}

func (ew *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(ew, format, args...)
}
