package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/report"
)

// streams are where a command writes: reports to Out, errors and logs to
// Err. Commands never write to os.Stdout or os.Stderr directly.
type streams struct {
	Out io.Writer
	Err io.Writer
}

// run runs the command line args and returns the exit code. Errors are
// printed to stderr as one line, "cookieaudit: <message>".
//
// Everything written to stderr (errors, warnings, debug logs, annotations)
// has the credentials of its URLs redacted (see redactingWriter).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	stderr = redactingWriter{stderr}
	return execute(ctx, newRootCmd(streams{Out: stdout, Err: stderr}, nil), args, stderr)
}

// redactingWriter writes to w with the credentials of every URL replaced
// (report.RedactText): a target or policy URL such as
// https://user:secret@staging.example.org/ is given to the browser whole,
// and reaches error messages, the crawler's logs and the policy's warnings
// in many places, while CI logs are read by many people. Each Write is
// redacted on its own: every message, log record and annotation is written
// whole in one call. Reports are redacted in the report model instead
// (report.Redact), not on their way to stdout.
type redactingWriter struct{ w io.Writer }

func (r redactingWriter) Write(p []byte) (int, error) {
	s := report.RedactText(string(p))
	if s == string(p) {
		return r.w.Write(p)
	}
	if _, err := io.WriteString(r.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap returns the writer underneath, for isTerminal.
func (r redactingWriter) Unwrap() io.Writer { return r.w }

// redacted is s with the credentials of its URLs redacted, for what goes
// to stdout or to a file rather than through redactingWriter.
func redacted(s string) string { return report.RedactText(s) }

// execute runs root with args; tests call it with a root whose scan
// command has a fake crawler.
func execute(ctx context.Context, root *cobra.Command, args []string, stderr io.Writer) int {
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "cookieaudit: %s\n", oneLine(err.Error()))
	}
	return exitCode(err)
}

// newRootCmd builds the command tree. scanRunF, when not nil, replaces
// runScan (see newScanCmd).
func newRootCmd(s streams, scanRunF func(context.Context, *scanOptions) error) *cobra.Command {
	root := &cobra.Command{
		Use:   "cookieaudit",
		Short: "Audit the cookies a website really sets",
		Long: `cookieaudit crawls a website in headless Chromium and records every cookie
it sets: from Set-Cookie headers or scripts, first or third party, with the
response or script that set it and the first page that saw it.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetVersionTemplate("cookieaudit {{.Version}}\n")
	// No -v shorthand: in "cookieaudit scan -v" it means --verbose.
	root.Flags().Bool("version", false, "print the version")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())
	})
	root.AddCommand(newScanCmd(s, scanRunF), newPolicyCmd(s), newKBCmd(s), newVersionCmd(s),
		newReportCmd(s, os.Stdin), newDiffCmd(s, os.Stdin), newMergeCmd(s))
	return root
}

// oneLine folds a message onto one line: cobra's messages can span several
// (suggestions for a mistyped command), and one line per error is what
// scripts reading stderr expect. Other control characters, which a message
// quoting the site can hold, are escaped rather than sent to the terminal.
func oneLine(msg string) string {
	msg = strings.Join(strings.Fields(msg), " ")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return '?'
		}
		return r
	}, msg)
}
