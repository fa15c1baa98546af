package main

import (
	"context"
	"errors"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// Exit codes. The README's exit-code table copies this file. A run over
// several sites, and "merge", exit with the worst site's code: exitUsage,
// then exitFindings (or --exit-code), then exitIncomplete (sitesError).
const (
	// exitOK: the scan completed and the report was written.
	exitOK = 0
	// exitFindings: findings remain after the gate's ignore entries,
	// baseline and --fail-on / --min-severity (the default of --exit-code),
	// even if the scan was partial; or "diff" found something added.
	exitFindings = 1
	// exitUsage: bad command line (unknown command or flag, invalid flag
	// value, a URL that is not absolute http(s)), an invalid input file
	// (--sites among them), a --history directory that cannot be used,
	// or a report that could not be written (the --output directory does
	// not exist, or was removed during the scan). A report not written
	// never hides a failing gate: findings that fail exit with
	// exitFindings (or --exit-code) all the same, and the message names
	// the reports not written (withOutputErrors).
	exitUsage = 2
	// exitIncomplete: the scan could not run or finish (no browser, the
	// target could not be loaded, --timeout, Ctrl-C), or a consent choice
	// it was asked for could not be made (no banner, no such button, a
	// click that did not happen), and no finding fails the gate. A report
	// of the pages visited until then is still written, marked partial
	// when the crawl stopped early.
	exitIncomplete = 3
)

// scanError marks an error of the scan itself. Whatever its cause, it means
// the audit could not run or finish, so it exits with exitIncomplete even
// when the crawler's error does not wrap crawler.ErrIncomplete.
type scanError struct{ err error }

func (e *scanError) Error() string { return e.err.Error() }
func (e *scanError) Unwrap() error { return e.err }

// exitCode maps the error returned by a command to the process exit code.
func exitCode(err error) int {
	var se *scanError
	var fe *findingsError
	var ae *addedError
	var ce *consentError
	var oe *outputsError
	var sites *sitesError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &fe):
		return fe.code
	case errors.As(err, &sites):
		return sites.code
	case errors.As(err, &ae):
		return exitFindings
	case errors.As(err, &oe):
		return exitUsage
	case errors.As(err, &se),
		errors.As(err, &ce),
		errors.Is(err, crawler.ErrIncomplete),
		errors.Is(err, context.Canceled),
		errors.Is(err, context.DeadlineExceeded):
		return exitIncomplete
	default:
		// Everything else fails before or after the scan: cobra's own
		// errors (unknown command or flag, wrong number of arguments),
		// invalid flag values, an unwritable --output.
		return exitUsage
	}
}
