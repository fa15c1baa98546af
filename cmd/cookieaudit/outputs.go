package main

import (
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
	if output != "" && outputDir != "" {
		return nil, fmt.Errorf("--output and --output-dir cannot be used together")
	}
	var targets []reportTarget
	switch {
	case outputDir != "":
		fi, err := os.Stat(outputDir)
		if err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("invalid --output-dir %s: not a directory", outputDir)
		}
		for _, f := range formats {
			targets = append(targets, reportTarget{f, filepath.Join(outputDir, "cookieaudit."+extensions[f])})
		}
	case len(formats) == 1:
		targets = []reportTarget{{formats[0], output}}
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
			targets = append(targets, reportTarget{f, strings.TrimSpace(paths[i])})
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
// path fails at once rather than after minutes of crawling. Reports with
// cookie values are readable by their owner only.
func openOutputs(targets []reportTarget, stdout io.Writer, secret bool) (*reportOutputs, error) {
	ro := &reportOutputs{targets: targets}
	for _, t := range targets {
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
// is either replaced whole or left as it was.
func (ro *reportOutputs) write(rep *report.Report) error {
	for i, t := range ro.targets {
		var err error
		if ro.color[i] {
			err = report.WriteTableWith(ro.outs[i], rep, report.TableOptions{Color: true})
		} else {
			err = report.Write(ro.outs[i], rep, t.Format)
		}
		if err != nil {
			return fmt.Errorf("writing the %s report: %w", t.Format, err)
		}
	}
	for _, o := range ro.outs {
		if err := o.commit(); err != nil {
			return err
		}
	}
	return nil
}

// abort removes the temporary files of reports not committed.
func (ro *reportOutputs) abort() {
	for _, o := range ro.outs {
		o.abort()
	}
}
