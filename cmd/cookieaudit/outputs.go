package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cookieaudit/cookieaudit/report"
)

// extensions are the file name extensions of the formats in --output-dir.
var extensions = map[string]string{
	report.FormatTable:    "txt",
	report.FormatJSON:     "json",
	report.FormatHTML:     "html",
	report.FormatMarkdown: "md",
	report.FormatSARIF:    "sarif",
	report.FormatJUnit:    "junit.xml",
}

// reportTarget is one report to write: a format and where it goes ("" is
// stdout).
type reportTarget struct {
	Format string
	Path   string
	// Dir is the --output-dir the report goes in, created when missing;
	// "" for the others.
	Dir string
}

// parseOutputs reads --format, --output and --output-dir. A scan is
// expensive, so one run can write several formats:
//
//   - --format json,html -o scan.json,scan.html: one --output per format,
//     in the same order ("-" is stdout);
//   - --format json,html,sarif --output-dir reports: reports/cookieaudit.json,
//     reports/cookieaudit.html, reports/cookieaudit.sarif;
//   - one format: --output FILE as before (a comma in the file name is
//     then part of it), or stdout.
//
// At most one report goes to stdout.
func parseOutputs(format, output, outputDir string) ([]reportTarget, error) {
	formats, err := parseFormats(format)
	if err != nil {
		return nil, err
	}
	if output != "" && outputDir != "" {
		return nil, fmt.Errorf("--output and --output-dir cannot be used together")
	}
	var targets []reportTarget
	switch {
	case outputDir != "":
		// A directory that does not exist yet is created when the reports
		// are opened (a CI job's "reports/"); anything else in its place
		// is an error.
		if fi, err := os.Stat(outputDir); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("invalid --output-dir %s: not a directory", outputDir)
		}
		for _, f := range formats {
			targets = append(targets, reportTarget{Format: f, Path: filepath.Join(outputDir, "cookieaudit."+extensions[f]), Dir: outputDir})
		}
	case len(formats) == 1:
		targets = []reportTarget{{Format: formats[0], Path: output}}
	case output == "":
		return nil, fmt.Errorf("--format %s writes %d reports: give --output with one file per format (e.g. -o %s) or --output-dir DIR",
			format, len(formats), exampleOutputs(formats))
	default:
		paths := strings.Split(output, ",")
		if len(paths) != len(formats) {
			return nil, fmt.Errorf("--output %s names %d files for %d formats (%s): give one per format, in the same order",
				output, len(paths), len(formats), format)
		}
		for i, f := range formats {
			targets = append(targets, reportTarget{Format: f, Path: strings.TrimSpace(paths[i])})
		}
	}
	stdout := 0
	files := map[string]bool{}
	for i, t := range targets {
		if t.Path == "-" {
			targets[i].Path = ""
		}
		if targets[i].Path == "" {
			stdout++
			continue
		}
		abs, err := filepath.Abs(t.Path)
		if err == nil && files[abs] {
			return nil, fmt.Errorf("invalid --output: %s named twice", t.Path)
		}
		files[abs] = true
	}
	if stdout > 1 {
		return nil, fmt.Errorf("invalid --output: %d reports to stdout; at most one can go there", stdout)
	}
	return targets, nil
}

// parseFormats reads --format: known formats, comma-separated, each once.
func parseFormats(format string) ([]string, error) {
	var formats []string
	seen := map[string]bool{}
	for _, f := range strings.Split(format, ",") {
		f = strings.TrimSpace(f)
		if err := report.CheckFormat(f); err != nil {
			return nil, fmt.Errorf("invalid --format: %w", err)
		}
		if seen[f] {
			return nil, fmt.Errorf("invalid --format %q: %s twice", format, f)
		}
		seen[f] = true
		formats = append(formats, f)
	}
	return formats, nil
}

func exampleOutputs(formats []string) string {
	var names []string
	for _, f := range formats {
		names = append(names, "cookieaudit."+extensions[f])
	}
	return strings.Join(names, ",")
}

// reportOutputs are the opened destinations of the reports of one run.
type reportOutputs struct {
	targets []reportTarget
	outs    []*output
	// color is true for a table that goes to stdout when stdout is a
	// terminal that wants colour (see useColor).
	color []bool
}

// useColor reports whether a table written to w may have colour: w is a
// terminal (a character device, the check newProgress makes), NO_COLOR
// is unset or empty (no-color.org) and TERM is not "dumb". A CI log, a
// pipe or a file gets plain text.
func useColor(w io.Writer, getenv func(string) string) bool {
	return isTerminal(w) && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// openOutputs opens every destination before the scan, so that a wrong
// path fails at once rather than after minutes of crawling; a missing
// --output-dir is created. Reports with cookie values are readable by
// their owner only.
func openOutputs(targets []reportTarget, stdout io.Writer, secret bool) (*reportOutputs, error) {
	ro := &reportOutputs{targets: targets}
	for _, t := range targets {
		if t.Dir != "" {
			if err := os.MkdirAll(t.Dir, 0o755); err != nil {
				ro.abort()
				return nil, fmt.Errorf("cannot create --output-dir %s: %w", t.Dir, bareErr(err))
			}
		}
		o, err := openOutput(t.Path, stdout, secret)
		if err != nil {
			ro.abort()
			return nil, err
		}
		ro.outs = append(ro.outs, o)
		toStdout := t.Path == "" || t.Path == "-"
		ro.color = append(ro.color, t.Format == report.FormatTable && toStdout && useColor(stdout, os.Getenv))
	}
	return ro, nil
}

// write writes rep in every format and puts the files in place. A file
// is either replaced whole or left as it was. One report that cannot be
// written (its directory was removed during the scan, the disk is full)
// does not keep the others from being written: every report that can be
// is, and the error names each one that could not be.
func (ro *reportOutputs) write(rep *report.Report) error {
	failed := make([]error, len(ro.targets))
	for i, t := range ro.targets {
		var err error
		if ro.color[i] {
			err = report.WriteTableWith(ro.outs[i], rep, report.TableOptions{Color: true})
		} else {
			err = report.Write(ro.outs[i], rep, t.Format)
		}
		if err != nil {
			ro.outs[i].abort()
			failed[i] = err
		}
	}
	var oe outputsError
	for i, o := range ro.outs {
		err := failed[i]
		if err == nil {
			err = o.commit()
		}
		if err != nil {
			oe.failures = append(oe.failures, outputFailure{ro.targets[i], err})
		}
	}
	if len(oe.failures) > 0 {
		oe.written = len(ro.targets) - len(oe.failures)
		return &oe
	}
	return nil
}

// abort removes the temporary files of reports not committed.
func (ro *reportOutputs) abort() {
	for _, o := range ro.outs {
		o.abort()
	}
}

// outputFailure is a report that could not be written, and why.
type outputFailure struct {
	target reportTarget
	err    error
}

// outputsError names every report of a run that could not be written. It
// exits with exitUsage, unless the gate fails (see withOutputErrors).
type outputsError struct {
	failures []outputFailure
	written  int // the reports that were written
}

func (e *outputsError) Error() string {
	var what []string
	for _, f := range e.failures {
		what = append(what, fmt.Sprintf("the %s report was not written: %v", f.target.Format, f.err))
	}
	msg := strings.Join(what, "; ")
	if e.written > 0 {
		msg += fmt.Sprintf(" (%s written)", count(e.written, "other report"))
	}
	return msg
}

// alsoError is err, whose exit code it keeps, with the other failures of
// the same run said after it: one line on stderr gives every reason.
type alsoError struct {
	err  error
	also []error
}

func (e *alsoError) Error() string {
	msg := e.err.Error()
	for _, a := range e.also {
		msg += "; " + a.Error()
	}
	return msg
}

func (e *alsoError) Unwrap() error { return e.err }

// withOutputErrors is the result of a run whose outcome (the gate's, or
// the scan's own error) is outcome and whose reports failed with writeErr.
// A report the user asked for that was not written is never silent, and
// never hides a failing gate:
//
//   - findings fail the gate: the gate's exit code (1, or --exit-code),
//     the message naming the reports not written too;
//   - otherwise a report not written: exit 2, the message naming the
//     scan's own problem (an incomplete scan, a consent choice not made)
//     too, since the exit code no longer says it;
//   - otherwise the outcome as it is.
func withOutputErrors(outcome, writeErr error) error {
	if writeErr == nil {
		return outcome
	}
	if outcome == nil {
		return writeErr
	}
	var fe *findingsError
	if errors.As(outcome, &fe) {
		return &alsoError{err: outcome, also: []error{writeErr}}
	}
	return &alsoError{err: writeErr, also: []error{outcome}}
}
