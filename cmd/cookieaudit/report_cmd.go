package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/report"
)

// reportOptions are the inputs of "cookieaudit report".
type reportOptions struct {
	IO        streams
	Input     string // a JSON report; "-" is stdin
	Stdin     io.Reader
	Format    string
	Output    string
	OutputDir string

	targets []reportTarget
}

func newReportCmd(s streams, stdin io.Reader) *cobra.Command {
	opts := &reportOptions{IO: s, Stdin: stdin}
	cmd := &cobra.Command{
		Use:   "report SCAN.json",
		Short: "Render a saved JSON report in another format",
		Long: `Report reads a JSON report written by "cookieaudit scan --format json" (or
"-" for stdin) and writes it again in other formats, as the scan would have:
a scheduled job can keep the JSON and render HTML, Markdown, SARIF or JUnit
later, without scanning again. The findings, the gate's outcome, the
baseline and ignore marks are those of the scan.

Several formats can be written at once, as with scan: --format html,sarif
with -o FILE,FILE in the same order, or --output-dir DIR.

The input is checked against the report's JSON Schema (report.schema.json):
a file that is not a whole cookieaudit report is refused, naming its first
problem.

Exit codes: 0 the reports were written; 2 the input is not a valid
cookieaudit JSON report, or a report could not be written (every report
that can be written is, and each one that could not is named).`,
		Example: `  # A page to read, from last night's scan
  cookieaudit report scan.json --format html -o scan.html

  # Markdown for the job summary, and SARIF for code scanning
  cookieaudit report scan.json --format markdown,sarif -o summary.md,cookieaudit.sarif

  # Every format into one directory
  cookieaudit report scan.json --format table,html,markdown,sarif,junit --output-dir reports`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("report takes one JSON report, got %d arguments (see 'cookieaudit report --help')", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			var err error
			if opts.targets, err = parseOutputs(opts.Format, opts.Output, opts.OutputDir); err != nil {
				return err
			}
			return runReport(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVarP(&opts.Format, "format", "f", report.FormatTable, "report `FORMAT`s, comma-separated: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` instead of stdout; with several formats, one file per format, comma-separated")
	f.StringVar(&opts.OutputDir, "output-dir", "", "write each format to `DIR`/cookieaudit.<ext> (txt, json, html, md, sarif, junit.xml)")
	return cmd
}

// readReport reads a JSON report from a file, or stdin for "-", and
// checks it against the report's JSON Schema: a document that is not a
// whole report is an input error naming the file and its first problem,
// never a report of empty headings.
func readReport(name string, stdin io.Reader) (*report.Report, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("reading %w", pathErr(err))
		}
		defer f.Close()
		r = f
	}
	rep, err := report.ReadValid(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rep, nil
}

func runReport(ctx context.Context, opts *reportOptions) error {
	rep, err := untilDone(ctx, func() (*report.Report, error) { return readReport(opts.Input, opts.Stdin) })
	if ctx.Err() != nil {
		return stopped(ctx, "reading "+opts.Input) // a pipe or stdin that never ends
	}
	if err != nil {
		return err
	}
	secret := false
	for _, c := range rep.Cookies {
		if c.Value != nil {
			secret = true
		}
	}
	outs, err := openOutputs(opts.targets, opts.IO.Out, secret)
	if err != nil {
		return err
	}
	defer outs.abort()
	return outs.write(rep)
}
