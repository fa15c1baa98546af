package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/report"
)

// gateOptions are the flags of the CI gate: which findings fail a scan,
// what earlier results are accepted, and the exit code of a failure.
type gateOptions struct {
	FailOn      string // comma list of kinds, "none" or "all"
	MinSeverity string
	ExitCode    int
	Baseline    string // earlier JSON report; "": none
	IgnoreFile  string
	// ignoreFileSet is true when --ignore-file was given: the file must
	// then exist, and "" turns the default file off.
	ignoreFileSet bool

	// Getenv reads the environment (GITHUB_ACTIONS); os.Getenv, or a fake
	// in tests. Now is the clock for ignore entries' expiry dates.
	Getenv func(string) string
	Now    func() time.Time

	// Set by validate and load.
	failOn   []string
	baseline *report.Report
	ignores  *report.Ignores
}

// addFlags adds the gate's flags to a command.
func (g *gateOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&g.FailOn, "fail-on", strings.Join(report.DefaultFailOn, ","),
		"fail when findings of these `KIND`s remain: a comma list of "+strings.Join(kindNames(), ", ")+"; \"all\", or \"none\" to only report")
	f.StringVar(&g.MinSeverity, "min-severity", report.SeverityInfo, "fail only on findings of this `SEVERITY` or more: info, low, medium or high")
	f.IntVar(&g.ExitCode, "exit-code", exitFindings, "exit with `CODE` when findings fail the gate: 1, or 4 to 125 (0: report only; 2 and 3 are taken)")
	f.StringVar(&g.Baseline, "baseline", "", "fail only on findings absent from the earlier JSON report `FILE` (its fingerprints); the report marks findings new, unchanged or resolved")
	f.StringVar(&g.IgnoreFile, "ignore-file", report.DefaultIgnoreFile, "accept the findings listed in `FILE` (YAML: cookie, kind, reason, expires); the default file is read when present, \"\" reads none")
}

func kindNames() []string {
	var names []string
	for _, k := range report.Kinds {
		names = append(names, k.Kind)
	}
	return names
}

// validate checks the gate's flags.
func (g *gateOptions) validate() error {
	if g.Getenv == nil {
		g.Getenv = os.Getenv
	}
	if g.Now == nil {
		g.Now = time.Now
	}
	g.failOn = []string{}
	known := map[string]bool{}
	for _, k := range report.Kinds {
		known[k.Kind] = true
	}
	seen := map[string]bool{}
	add := func(kinds ...string) {
		for _, k := range kinds {
			if !seen[k] {
				seen[k] = true
				g.failOn = append(g.failOn, k)
			}
		}
	}
	for i, k := range strings.Split(g.FailOn, ",") {
		k = strings.TrimSpace(k)
		switch {
		case k == "none" && strings.TrimSpace(g.FailOn) == "none":
		case k == "none":
			return fmt.Errorf("invalid --fail-on %q: none (only report) cannot be combined with kinds; give none alone, or only kinds", g.FailOn)
		case k == "all":
			add(kindNames()...)
		case known[k]:
			add(k)
		case k == "":
			return fmt.Errorf("invalid --fail-on %q: empty kind at position %d (valid: %s, all or none)", g.FailOn, i+1, strings.Join(kindNames(), ", "))
		default:
			return fmt.Errorf("invalid --fail-on %q: unknown kind %q (valid: %s, all or none)", g.FailOn, k, strings.Join(kindNames(), ", "))
		}
	}
	if report.SeverityRank(g.MinSeverity) < 0 {
		return fmt.Errorf("invalid --min-severity %q (valid: info, low, medium, high)", g.MinSeverity)
	}
	switch {
	case g.ExitCode == exitUsage || g.ExitCode == exitIncomplete:
		// A CI job could not tell failing findings from a usage error
		// or an incomplete scan.
		return fmt.Errorf("invalid --exit-code %d: %d means a usage or input error and %d an incomplete scan; use 1, or 4 to 125 (0: report only)",
			g.ExitCode, exitUsage, exitIncomplete)
	case g.ExitCode < 0 || g.ExitCode > 125:
		return fmt.Errorf("invalid --exit-code %d: must be 0, 1, or 4 to 125", g.ExitCode)
	}
	return nil
}

// load reads the baseline report and the ignore file. It runs before the
// scan: a missing or invalid file is a usage error found in a second.
func (g *gateOptions) load(logger *slog.Logger) error {
	if g.Baseline != "" {
		f, err := os.Open(g.Baseline)
		if err != nil {
			return fmt.Errorf("reading --baseline: %w", pathErr(err))
		}
		defer f.Close()
		g.baseline, err = report.ReadValid(f)
		if err != nil {
			return fmt.Errorf("invalid --baseline %s: %w", g.Baseline, err)
		}
	}
	path := g.IgnoreFile
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !g.ignoreFileSet {
		return nil // the default file is optional
	}
	if err != nil {
		return fmt.Errorf("reading --ignore-file: %w", pathErr(err))
	}
	g.ignores, err = report.ParseIgnores(path, data)
	if err != nil {
		return fmt.Errorf("invalid --ignore-file: %w", err)
	}
	logger.Debug("ignore file read", "file", path, "entries", len(g.ignores.Rules))
	return nil
}

// pathErr keeps the path in a file error once: "open x: no such file".
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// apply runs the gate on rep, warns about ignore entries that are expired
// or unused, and about a baseline of another site.
func (g *gateOptions) apply(rep *report.Report, logger *slog.Logger) *report.Gate {
	if g.baseline != nil && hostOf(g.baseline.Target) != hostOf(rep.Target) {
		logger.Warn("the baseline is a scan of another site: its findings cannot match", "baseline", g.Baseline, "target", g.baseline.Target)
	}
	gate := report.ApplyGate(rep, report.GateOptions{
		FailOn:       g.failOn,
		MinSeverity:  g.MinSeverity,
		Baseline:     g.baseline,
		BaselineFile: g.Baseline,
		Ignores:      g.ignores,
		Now:          g.Now(),
	})
	gate.ReportOnly = g.ExitCode == 0
	for _, w := range gate.Warnings() {
		logger.Warn(w)
	}
	return gate
}

func hostOf(target string) string {
	if u, err := url.Parse(target); err == nil {
		return strings.ToLower(u.Hostname())
	}
	return target
}

// annotate writes GitHub Actions annotations to w when the run is a GitHub
// Actions job.
func (g *gateOptions) annotate(s streams, rep *report.Report) error {
	if g.Getenv == nil || g.Getenv("GITHUB_ACTIONS") != "true" {
		return nil
	}
	// Annotations name files relative to the repository: a policy given
	// by its absolute path inside the checkout is made relative to it.
	r := *rep
	if ws := g.Getenv("GITHUB_WORKSPACE"); ws != "" && filepath.IsAbs(r.Policy) {
		if rel, err := filepath.Rel(ws, r.Policy); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			r.Policy = rel
		}
	}
	return report.WriteAnnotations(s.Err, &r)
}

// findingsError is the outcome of a gate that failed: it is returned after
// the reports are written, and main exits with its code.
type findingsError struct {
	gate *report.Gate
	rep  *report.Report
	code int
}

func (e *findingsError) Error() string {
	noun := "findings fail"
	if e.gate.Failing == 1 {
		noun = "finding fails"
	}
	msg := fmt.Sprintf("%d %s the gate (%s)", e.gate.Failing, noun, report.FailingSummary(e.rep))
	if e.rep.Partial {
		msg += "; the scan was incomplete"
	}
	for _, f := range report.ConsentFailures(e.rep) {
		msg += "; " + f.String()
	}
	return msg
}

// consentError is the outcome of a scan that ran but could not make a
// consent choice it was asked for (--consent accept, reject or all, or
// auto once a banner was found): the phase's cookies are those of a visit
// with no choice made, so the scan cannot vouch for the site. It is
// returned after the reports are written, and exits with exitIncomplete.
type consentError struct {
	failures []report.ConsentFailure
}

func (e *consentError) Error() string {
	var what []string
	for _, f := range e.failures {
		what = append(what, f.String())
	}
	return "scan incomplete: " + strings.Join(what, "; ")
}

// outcome turns the gate and the scan's own error into the command's
// result (STYLE.md §4): failing findings exit with --exit-code even when
// the scan was partial or a consent choice could not be made (the
// violations are real, and a banner design finding often says why the
// choice could not be made); otherwise a partial scan, or one whose
// consent choice was not made, exits 3 (it cannot vouch for the site), and
// a complete one 0. With --exit-code 0 failing findings only report. A
// choice clicked but not verified is no error: the reports say so.
func (g *gateOptions) outcome(gate *report.Gate, rep *report.Report, scanErr error) error {
	if gate != nil && gate.Failing > 0 && g.ExitCode != 0 {
		return &findingsError{gate: gate, rep: rep, code: g.ExitCode}
	}
	if scanErr != nil {
		return scanErr
	}
	if fs := report.ConsentFailures(rep); len(fs) > 0 {
		return &consentError{failures: fs}
	}
	return nil
}
