package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
	"github.com/cookieaudit/cookieaudit/report"
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
// JavaScript. A policy that cannot be read or holds nothing, or is larger
// than policy.MaxSize, is an input error (exit 2); a page that cannot be
// loaded is an incomplete scan (exit 3), as is a load that ctx ends (a
// signal, --timeout), which returns at once.
//
// A policy URL's credentials (user:password@) are used to fetch the page
// and written nowhere: the policy, its declarations' sources and the
// messages name the page without them.
func loadPolicy(ctx context.Context, source string, render crawler.Options, kb *classifier.KB) (*policy.Policy, error) {
	opts := policy.ExtractOptions{Knowledge: kb}
	if isURL(source) {
		name := report.RedactText(source)
		page, err := crawler.Render(ctx, source, render)
		if ctx.Err() != nil {
			return nil, stopped(ctx, "rendering policy page "+name)
		}
		if err != nil {
			return nil, fmt.Errorf("rendering policy page %s: %w", name, err)
		}
		if page.Status >= 400 {
			return nil, fmt.Errorf("policy page %s answered HTTP %d: %w", name, page.Status, crawler.ErrIncomplete)
		}
		body := page.HTML
		if page.Text != "" {
			body = page.Text
		}
		if err := policy.CheckSize("policy page "+name, int64(len(body))); err != nil {
			return nil, &policyError{err}
		}
		p, err := untilDone(ctx, func() (*policy.Policy, error) {
			if page.Text != "" {
				// A Markdown or text file served as such: read its text.
				return policy.Load(name, []byte(page.Text), opts)
			}
			return policy.ExtractHTML(name, []byte(page.HTML), opts)
		})
		if ctx.Err() != nil {
			return nil, stopped(ctx, "reading policy page "+name)
		}
		if err != nil {
			return nil, &policyError{err}
		}
		return p, nil
	}
	p, err := untilDone(ctx, func() (*policy.Policy, error) {
		data, err := readPolicyFile(source)
		if err != nil {
			return nil, err
		}
		p, err := policy.Load(source, data, opts)
		if err != nil {
			return nil, &policyError{err}
		}
		return p, nil
	})
	if ctx.Err() != nil {
		return nil, stopped(ctx, "reading policy "+source)
	}
	return p, err
}

// readPolicyFile reads a policy file of at most policy.MaxSize bytes. A
// larger regular file is refused before it is read; a pipe or a device is
// read as far as the limit.
func readPolicyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &policyError{fmt.Errorf("policy file %s does not exist", path)}
		}
		return nil, &policyError{fmt.Errorf("reading policy %s: %w", path, err)}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if err := policy.CheckSize(path, fi.Size()); err != nil {
			return nil, &policyError{err}
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, policy.MaxSize+1))
	if err != nil {
		return nil, &policyError{fmt.Errorf("reading policy %s: %w", path, err)}
	}
	if len(data) > policy.MaxSize {
		return nil, &policyError{&policy.SizeError{Name: path, Size: -1}}
	}
	return data, nil
}

// untilDone runs f, which does not watch ctx (reading a file, which a FIFO
// can block for ever; parsing or extracting up to 16 MiB, seconds of
// work), and returns its result, or the cause of ctx's end as soon as ctx
// ends: a signal stops the command at once. f then runs on, unobserved,
// until the process exits.
func untilDone[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	var zero T
	if ctx.Err() != nil {
		return zero, context.Cause(ctx)
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, context.Cause(ctx)
	}
}

// stopped is the error of work that ctx ended: "WHAT interrupted:
// interrupt signal received" after Ctrl-C or SIGTERM, "WHAT stopped: scan
// timed out after 1m0s (--timeout)" after a deadline. It exits 3.
func stopped(ctx context.Context, what string) error {
	cause := context.Cause(ctx)
	verb := "stopped"
	if errors.Is(cause, context.Canceled) {
		verb = "interrupted"
	}
	return &scanError{fmt.Errorf("%s %s: %w", what, verb, cause)}
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
	Output            string // "" or "-": stdout
	Chrome            string
	HostResolverRules string
	Insecure          bool
	Wait              time.Duration
	AutoWait          bool // --wait auto: Wait is a bound
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
  cookieaudit policy extract saved-policy.html --format json

  # Straight into the repository's reviewed policy (written whole or not at all)
  cookieaudit policy extract https://www.example.org/cookie-policy -o policy/cookies.yaml`,
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
	f.StringVarP(&opts.Format, "format", "f", "yaml", "output `FORMAT`: yaml or json")
	f.StringVarP(&opts.Output, "output", "o", "", "write the policy to `FILE` instead of stdout (\"-\": stdout); written whole or not at all")
	f.StringVar(&opts.Chrome, "chrome", "", "Chromium executable at `PATH`, to render a policy URL")
	f.StringVar(&opts.HostResolverRules, "host-resolver-rules", "", "Chromium host resolver `RULES`, e.g. \"MAP *.example.org 10.0.0.12\"")
	f.BoolVar(&opts.Insecure, "insecure", false, "accept invalid TLS certificates")
	opts.Wait = crawler.DefaultWait
	f.Var(waitFlag{&opts.Wait, &opts.AutoWait}, "wait", "let the page's scripts run for `DURATION` after its load event; auto[:DURATION] reads the page as soon as it has settled (at most DURATION, default 3s)")
	f.DurationVar(&opts.PageTimeout, "page-timeout", crawler.DefaultPageTimeout, "give up loading the page after `DURATION`")
	return cmd
}

func runPolicyExtract(ctx context.Context, opts *policyExtractOptions) error {
	render := crawler.Options{
		BrowserPath:       opts.Chrome,
		HostResolverRules: opts.HostResolverRules,
		Insecure:          opts.Insecure,
		Wait:              opts.Wait,
		AutoWait:          opts.AutoWait,
		PageTimeout:       opts.PageTimeout,
	}
	if opts.Wait == 0 {
		render.Wait = crawler.NoWait
	}
	logger := newLogger(opts.IO, false)
	// Open the output first: a wrong -o fails now, not after rendering.
	out, err := openOutput(opts.Output, opts.IO.Out, false)
	if err != nil {
		return err
	}
	defer out.abort()
	kb, err := loadKnowledge(logger)
	if err != nil {
		return err
	}
	p, err := loadPolicy(ctx, opts.Source, render, kb)
	if err != nil {
		return err
	}
	p.Warnings = append(p.Warnings, kbNotes(p, kb)...)
	for _, w := range p.Warnings {
		logger.Warn(w)
	}
	// The policy is encoded whole before any of it is written (a large one
	// takes seconds): a signal meanwhile leaves nothing half-written.
	doc, err := untilDone(ctx, func() ([]byte, error) {
		var buf bytes.Buffer
		if opts.Format == "json" {
			err := policy.WriteJSON(&buf, p)
			return buf.Bytes(), err
		}
		err := policy.WriteYAML(&buf, p)
		return buf.Bytes(), err
	})
	if ctx.Err() != nil {
		return stopped(ctx, "policy extract")
	}
	if err != nil {
		return fmt.Errorf("writing the policy: %w", err)
	}
	if _, err := out.Write(doc); err != nil {
		return fmt.Errorf("writing the policy: %w", err)
	}
	return out.commit()
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
