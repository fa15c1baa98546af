package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/report"
)

// diffOptions are the inputs of "cookieaudit diff".
type diffOptions struct {
	IO       streams
	Stdin    io.Reader
	Old, New string
	Format   string // text or json
	Output   string
}

func newDiffCmd(s streams, stdin io.Reader) *cobra.Command {
	opts := &diffOptions{IO: s, Stdin: stdin}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports of a site: cookies and findings added, removed, changed",
		Long: `Diff compares two JSON reports of the same site, an older and a newer one,
and lists the cookies added and removed, the cookies whose lifetime, party,
category or declaration changed, and the findings added and removed (by
fingerprint: the site, the cookie's name, domain and path, and the rule).

It exits 1 when the newer report has a cookie or a finding the older one
lacks, so that a scheduled job can alert on it; 0 when nothing was added
(even if something was removed or changed); 2 when a report cannot be read.`,
		Example: `  # Nightly: alert when the site starts setting new cookies
  cookieaudit scan https://www.example.org/ --format json -o today.json --fail-on none
  cookieaudit diff yesterday.json today.json || notify-team

  # The changes as JSON, for a dashboard
  cookieaudit diff yesterday.json today.json --format json -o changes.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("diff takes two JSON reports, OLD and NEW, got %d arguments (see 'cookieaudit diff --help')", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if opts.Format != "text" && opts.Format != "json" {
				return fmt.Errorf("invalid --format %q (valid: text, json)", opts.Format)
			}
			if opts.Old == "-" && opts.New == "-" {
				return fmt.Errorf("only one of the reports can be read from stdin")
			}
			return runDiff(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "`FORMAT` of the changes: text or json")
	f.StringVarP(&opts.Output, "output", "o", "", "write the changes to `FILE` instead of stdout")
	return cmd
}

// addedError is the outcome of a diff that found something new.
type addedError struct{ d *report.Diff }

func (e *addedError) Error() string {
	return fmt.Sprintf("%s and %s added since %s", count(len(e.d.CookiesAdded), "cookie"), count(len(e.d.FindingsAdded), "finding"), e.d.Old.Name)
}

// count is "1 cookie" or "3 cookies".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func runDiff(ctx context.Context, opts *diffOptions) error {
	old, err := untilDone(ctx, func() (*report.Report, error) { return readReport(opts.Old, opts.Stdin) })
	if ctx.Err() != nil {
		return stopped(ctx, "reading "+opts.Old) // a pipe or stdin that never ends
	}
	if err != nil {
		return err
	}
	cur, err := untilDone(ctx, func() (*report.Report, error) { return readReport(opts.New, opts.Stdin) })
	if ctx.Err() != nil {
		return stopped(ctx, "reading "+opts.New)
	}
	if err != nil {
		return err
	}
	// The reports' cookies carry values when they were scanned with
	// --show-values: so may the changes.
	secret := false
	for _, c := range append(old.Cookies, cur.Cookies...) {
		secret = secret || c.Value != nil
	}
	out, err := openOutput(opts.Output, opts.IO.Out, secret)
	if err != nil {
		return err
	}
	defer out.abort()
	d := report.Compare(opts.Old, old, opts.New, cur)
	if opts.Format == "json" {
		err = report.WriteDiffJSON(out, d)
	} else {
		err = report.WriteDiffText(out, d)
	}
	if err != nil {
		return fmt.Errorf("writing the changes: %w", err)
	}
	if err := out.commit(); err != nil {
		return err
	}
	if d.Added() {
		return &addedError{d}
	}
	return nil
}
