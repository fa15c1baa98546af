package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// isURL reports whether a policy source is a page to render rather than a
// file to read.
func isURL(source string) bool {
	s := strings.ToLower(source)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// loadPolicy reads the declared policy from a file (YAML, JSON, a saved
// HTML page, OneTrust's domain JSON) or from a cookie-policy URL, which is
// rendered in the browser because consent platforms draw their tables with
// JavaScript. A policy that cannot be read or holds nothing is an input
// error (exit 2); a page that cannot be loaded is an incomplete scan
// (exit 3).
func loadPolicy(ctx context.Context, source string, render crawler.Options, kb *classifier.KB) (*policy.Policy, error) {
	opts := policy.ExtractOptions{Knowledge: kb}
	if isURL(source) {
		page, err := crawler.Render(ctx, source, render)
		if err != nil {
			return nil, fmt.Errorf("rendering policy page %s: %w", source, err)
		}
		if page.Status >= 400 {
			return nil, fmt.Errorf("policy page %s answered HTTP %d: %w", source, page.Status, crawler.ErrIncomplete)
		}
		var p *policy.Policy
		if page.Text != "" {
			// A Markdown or text file served as such: read its text.
			p, err = policy.Load(source, []byte(page.Text), opts)
		} else {
			p, err = policy.ExtractHTML(source, []byte(page.HTML), opts)
		}
		if err != nil {
			return nil, &policyError{err}
		}
		return p, nil
	}
	data, err := os.ReadFile(source)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &policyError{fmt.Errorf("policy file %s does not exist", source)}
		}
		return nil, &policyError{fmt.Errorf("reading policy %s: %w", source, err)}
	}
	p, err := policy.Load(source, data, opts)
	if err != nil {
		return nil, &policyError{err}
	}
	return p, nil
}

// policyError marks a policy that could not be read or understood: an
// input error, exit code 2.
type policyError struct{ err error }

func (e *policyError) Error() string { return e.err.Error() }
func (e *policyError) Unwrap() error { return e.err }

// policyExtractOptions are the inputs of "cookieaudit policy extract".
type policyExtractOptions struct {
	IO                streams
	Source            string
	Format            string
	Chrome            string
	HostResolverRules string
	Insecure          bool
	Wait              time.Duration
	PageTimeout       time.Duration
}

func newPolicyCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Work with declared cookie policies",
	}
	cmd.AddCommand(newPolicyExtractCmd(s))
	return cmd
}

func newPolicyExtractCmd(s streams) *cobra.Command {
	opts := &policyExtractOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "extract SOURCE",
		Short: "Print the cookie policy understood from a page or file, as a policy file",
		Long: `Extract reads a declared cookie policy and prints what was understood, in the
policy-file format, so that it can be reviewed, corrected and committed as the
site's reviewed policy (then given to "scan --policy").

SOURCE is a cookie-policy URL (rendered in headless Chromium, since consent
platforms draw their cookie tables with JavaScript), a saved HTML page, a
OneTrust domain JSON file, or a policy file (YAML or JSON).

Each entry keeps the page's own wording (heading, category and duration
text) under "source", beside the canonical category and parsed duration.
Warnings (rows that could not be read whole) go to stderr. When nothing can
be extracted, extract says so and exits 2.`,
		Example: `  # What does the site's own policy page declare?
  cookieaudit policy extract https://www.example.org/cookie-policy > cookies.yaml

  # The same from a saved page, as JSON
  cookieaudit policy extract saved-policy.html --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("policy extract takes one SOURCE, got %d arguments (see 'cookieaudit policy extract --help')", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Source = args[0]
			switch opts.Format {
			case "yaml", "json":
			default:
				return fmt.Errorf("invalid --format %q (valid: yaml, json)", opts.Format)
			}
			return runPolicyExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "yaml", "output `FORMAT`: yaml or json")
	f.StringVar(&opts.Chrome, "chrome", "", "Chromium executable at `PATH`, to render a policy URL")
	f.StringVar(&opts.HostResolverRules, "host-resolver-rules", "", "Chromium host resolver `RULES`, e.g. \"MAP *.example.org 10.0.0.12\"")
	f.BoolVar(&opts.Insecure, "insecure", false, "accept invalid TLS certificates")
	f.DurationVar(&opts.Wait, "wait", crawler.DefaultWait, "let the page's scripts run for `DURATION` after its load event")
	f.DurationVar(&opts.PageTimeout, "page-timeout", crawler.DefaultPageTimeout, "give up loading the page after `DURATION`")
	return cmd
}

func runPolicyExtract(ctx context.Context, opts *policyExtractOptions) error {
	render := crawler.Options{
		BrowserPath:       opts.Chrome,
		HostResolverRules: opts.HostResolverRules,
		Insecure:          opts.Insecure,
		Wait:              opts.Wait,
		PageTimeout:       opts.PageTimeout,
	}
	if opts.Wait == 0 {
		render.Wait = crawler.NoWait
	}
	kb, err := loadKnowledge(newLogger(opts.IO, false))
	if err != nil {
		return err
	}
	p, err := loadPolicy(ctx, opts.Source, render, kb)
	if err != nil {
		return err
	}
	p.Warnings = append(p.Warnings, kbNotes(p, kb)...)
	for _, w := range p.Warnings {
		fmt.Fprintf(opts.IO.Err, "cookieaudit: warning: %s\n", oneLine(w))
	}
	if opts.Format == "json" {
		return policy.WriteJSON(opts.IO.Out, p)
	}
	return policy.WriteYAML(opts.IO.Out, p)
}

// kbNotes says, for each cookie the page declares without a category, what
// the knowledge base thinks it is: the extraction never invents a declared
// category, but the person reviewing the result should know.
func kbNotes(p *policy.Policy, kb *classifier.KB) []string {
	var notes []string
	for _, d := range p.Cookies {
		if d.Category != policy.Unclassified || d.CategoryText != "" || !d.IsCookie() {
			continue
		}
		if e, ok := kb.Lookup(d.Name.Text, d.Domain); ok {
			notes = append(notes, fmt.Sprintf("%s: the page gives no category; the knowledge base says %s (%s %s)",
				d.Name.Text, e.Category, e.Provider, e.Pattern()))
		}
	}
	return notes
}
