package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/report"
)

// multiSite reports whether the command line asks for a run over several
// sites: more than one URL, --sites or --shard. One URL alone is the
// classic scan, whose reports and exit code are those of that site.
func (o *scanOptions) multiSite(args []string) bool {
	return len(args) > 1 || o.SitesFile != "" || o.ShardFlag != ""
}

// prepareSites reads the sites of a run over several sites (the URL
// arguments, then --sites), keeps those of --shard, and makes each one's
// options: the flags, under the config's defaults, under the site's own
// entry, validated as one scan's would be. Every problem is a usage error
// found before any browser starts.
func (o *scanOptions) prepareSites(args []string) error {
	switch {
	case o.Output != "":
		return fmt.Errorf("--output writes one report: with several sites, give --output-dir DIR (one report per site and format, with summary.json and index.html)")
	case o.Gate.Baseline != "":
		return fmt.Errorf("--baseline is one site's earlier report: with several sites, use --history DIR, which compares each site with its previous run")
	}
	formats, err := parseFormats(o.Format)
	if err != nil {
		return err
	}
	if o.OutputDir == "" && (len(formats) > 1 || formats[0] != report.FormatTable) {
		return fmt.Errorf("--format %s with several sites writes one report per site: give --output-dir DIR (stdout gets the summary table)", o.Format)
	}
	if o.OutputDir != "" {
		if fi, err := os.Stat(o.OutputDir); err == nil && !fi.IsDir() {
			return fmt.Errorf("invalid --output-dir %s: not a directory", o.OutputDir)
		}
	}
	sh := shard{1, 1}
	if o.ShardFlag != "" {
		if sh, err = parseShard(o.ShardFlag); err != nil {
			return err
		}
	}
	var specs []siteSpec
	for i, a := range args {
		specs = append(specs, siteSpec{URL: a, From: fmt.Sprintf("argument %d", i+1)})
	}
	var defaults siteOverrides
	if o.SitesFile != "" {
		cfg, err := loadSites(o.SitesFile)
		if err != nil {
			return err
		}
		specs, defaults = append(specs, cfg.Sites...), cfg.Defaults
	}
	if len(specs) == 0 {
		return fmt.Errorf("no site to scan: give URLs or --sites FILE")
	}
	seen := map[string]string{}  // URL → where it was given
	names := map[string]string{} // report file name → URL
	hosts := map[string]string{} // --history directory → URL
	o.sites = nil
	for _, spec := range specs {
		if prev, ok := seen[spec.URL]; ok {
			return fmt.Errorf("site %s is given twice (%s and %s)", spec.URL, prev, spec.From)
		}
		seen[spec.URL] = spec.From
		if !sh.has(spec.URL) {
			continue
		}
		site, err := o.siteOptions(spec, defaults, formats)
		if err != nil {
			return err
		}
		if prev, ok := names[site.reportName]; ok {
			return fmt.Errorf("sites %s and %s would write the same reports (%s.*): they differ only in what a file name cannot keep", prev, spec.URL, site.reportName)
		}
		names[site.reportName] = spec.URL
		if o.history.Dir != "" {
			h, _ := historyHost(spec.URL)
			if prev, ok := hosts[h]; ok {
				return fmt.Errorf("sites %s and %s share the host %s, so --history would mix their runs: scan them in separate runs", prev, spec.URL, h)
			}
			hosts[h] = spec.URL
		}
		o.sites = append(o.sites, site)
	}
	return nil
}

// siteOptions are the options of one site of the run.
func (o *scanOptions) siteOptions(spec siteSpec, defaults siteOverrides, formats []string) (*scanOptions, error) {
	site := *o
	site.sites = nil
	site.URL = spec.URL
	site.Output, site.OutputDir, site.Format = "", "", report.FormatTable
	defaults.apply(&site, o.given)
	spec.Over.apply(&site, nil)
	if err := site.validate(); err != nil {
		return nil, fmt.Errorf("site %s (%s): %w", spec.URL, spec.From, err)
	}
	site.reportName = siteReportName(spec.URL)
	site.targets = nil
	if o.OutputDir != "" {
		for _, f := range formats {
			site.targets = append(site.targets, reportTarget{Format: f, Path: filepath.Join(o.OutputDir, site.reportName+"."+extensions[f]), Dir: o.OutputDir})
		}
	}
	return &site, nil
}

// unsafeName are the characters a report's file name does not keep.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// siteReportName names a site's reports after its URL alone (so a site
// keeps its file names whatever the run or shard): its host, as --history
// names it ("www.example.org", "www.example.org_8443"), then its path when
// it is not "/" ("www.example.org_shop").
func siteReportName(target string) string {
	name, err := historyHost(target)
	if err != nil {
		name = "site"
	}
	if u, err := url.Parse(target); err == nil {
		if p := strings.Trim(unsafeName.ReplaceAllString(u.Path, "-"), "-."); p != "" {
			name += "_" + p
		}
	}
	if len(name) > 120 {
		name = name[:120]
	}
	return name
}

// runSites audits every site of the run in one browser, at most
// --concurrency tabs at once overall, writes each site's reports and the
// summary, and returns the worst site's outcome.
func runSites(ctx context.Context, opts *scanOptions) error {
	logger := newLogger(opts.IO, opts.Verbose)
	if len(opts.sites) == 0 {
		logger.Warn(fmt.Sprintf("no site of the list falls in --shard %s: nothing to scan", opts.ShardFlag))
	}
	if opts.OutputDir != "" {
		if err := os.MkdirAll(opts.OutputDir, 0o755); err != nil {
			return fmt.Errorf("cannot create --output-dir %s: %w", opts.OutputDir, bareErr(err))
		}
	}
	// What would fail a site before its crawl fails the run now. The
	// ignore file is the run's: read once, for every site.
	if err := opts.Gate.load(logger); err != nil {
		return err
	}
	hists := make([]*history, len(opts.sites))
	for i, site := range opts.sites {
		site.Gate.ignores = opts.Gate.ignores
		if opts.history.Dir != "" {
			h, err := openHistory(opts.history, site.URL)
			if err != nil {
				return err
			}
			hists[i] = h
		}
	}
	ctx, timedOut, cancel := withScanTimeout(ctx, opts.Timeout)
	defer cancel()
	results := make([]report.SiteResult, len(opts.sites))
	if len(opts.sites) > 0 {
		browser, err := opts.sharedBrowser(ctx, logger)
		if err != nil {
			return &scanError{err}
		}
		defer browser.Close()
		// Tabs are shared out: as many sites at once as there are tabs
		// (at most), each with its share of them.
		atOnce := min(opts.Concurrency, len(opts.sites))
		perSite := max(1, opts.Concurrency/atOnce)
		next := make(chan int)
		var wg sync.WaitGroup
		var mu sync.Mutex
		done := 0
		for range atOnce {
			wg.Go(func() {
				for i := range next {
					site := opts.sites[i]
					site.browser, site.Concurrency = browser, perSite
					results[i] = site.auditOne(ctx, logger, hists[i], timedOut)
					mu.Lock()
					done++
					opts.siteDone(done, results[i])
					mu.Unlock()
				}
			})
		}
		for i := range opts.sites {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	return opts.writeSummary(results)
}

// sharedBrowser is the browser the sites are scanned in: the running one
// of --browser-url, else one started for the run.
func (o *scanOptions) sharedBrowser(ctx context.Context, logger *slog.Logger) (*crawler.Browser, error) {
	if o.BrowserURL != "" {
		return crawler.ConnectBrowser(ctx, o.BrowserURL, o.crawlOptions(logger))
	}
	return crawler.StartBrowser(ctx, o.crawlOptions(logger))
}

// auditOne audits one site of the run and returns its entry of the
// summary; a site that cannot start (the run was interrupted or timed out
// before its turn) is incomplete.
func (site *scanOptions) auditOne(ctx context.Context, logger *slog.Logger, hist *history, timedOut error) report.SiteResult {
	rep, err := site.auditOneReport(ctx, logger, hist, timedOut)
	res := report.NewSiteResult(site.URL, rep, exitCode(err), err)
	if rep != nil { // a site without a report has no file
		for _, t := range site.targets {
			res.Files = append(res.Files, filepath.Base(t.Path))
		}
	}
	return res
}

// auditOneReport audits one site of the run into its report files; see
// auditOne.
func (site *scanOptions) auditOneReport(ctx context.Context, logger *slog.Logger, hist *history, timedOut error) (*report.Report, error) {
	if ctx.Err() != nil {
		return nil, &scanError{fmt.Errorf("not scanned: %w", context.Cause(ctx))}
	}
	outs, err := openOutputs(site.targets, site.IO.Out, site.ShowValues)
	if err != nil {
		return nil, err
	}
	defer outs.abort()
	return site.auditSite(ctx, logger.With("site", site.URL), nil, outs, hist, timedOut)
}

// siteDone says on stderr that a site is done and how it went.
func (o *scanOptions) siteDone(done int, res report.SiteResult) {
	line := fmt.Sprintf("cookieaudit: [%d/%d] %s: %s", done, len(o.sites), res.Target, res.Outcome)
	if res.Error != "" {
		line += ": " + res.Error
	}
	fmt.Fprintln(o.IO.Err, oneLine(line))
}

// writeSummary writes the summary table to stdout and, with --output-dir,
// summary.json and index.html beside the sites' reports; it returns the
// run's outcome.
func (o *scanOptions) writeSummary(sites []report.SiteResult) error {
	sum, err := report.NewSummary(report.Tool{Name: "cookieaudit", Version: toolVersion()}, sites)
	if err != nil {
		return err
	}
	var writeErr error
	if o.OutputDir != "" {
		for _, f := range []struct{ name, format string }{{"summary.json", report.FormatJSON}, {"index.html", report.FormatHTML}} {
			path := filepath.Join(o.OutputDir, f.name)
			err := writeWhole(path, o.ShowValues, func(out *output) error { return report.WriteSummary(out, sum, f.format) })
			if err != nil && writeErr == nil {
				writeErr = fmt.Errorf("the summary %s was not written: %w", path, err)
			}
		}
	}
	if err := report.WriteSummaryTable(o.IO.Out, sum); err != nil && writeErr == nil {
		writeErr = err
	}
	outcome := sitesOutcome(sum)
	if se, ok := outcome.(*sitesError); ok && writeErr != nil && sum.Outcome == report.OutcomeFail {
		// As in one scan: a report not written never hides a failing gate.
		return &alsoError{err: se, also: []error{writeErr}}
	}
	return withOutputErrors(outcome, writeErr)
}

// sitesOutcome is the result of a run over sites: nil when every site
// passed, else a sitesError with the worst site's exit code.
func sitesOutcome(sum *report.Summary) error {
	if sum.ExitCode == 0 {
		return nil
	}
	counts := map[string]int{}
	for _, s := range sum.Sites {
		counts[s.Outcome]++
	}
	var parts []string
	for _, o := range []struct{ outcome, verb string }{
		{report.OutcomeFail, "fail the gate"}, {report.OutcomeIncomplete, "incomplete"}, {report.OutcomeError, "could not be audited"},
	} {
		if n := counts[o.outcome]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, o.verb))
		}
	}
	return &sitesError{code: sum.ExitCode, msg: fmt.Sprintf("%d of %s: %s (see the summary)", len(sum.Sites)-counts[report.OutcomePass],
		count(len(sum.Sites), "site"), strings.Join(parts, ", "))}
}

// sitesError is the outcome of a run over several sites that did not all
// pass: it exits with the worst site's code.
type sitesError struct {
	code int
	msg  string
}

func (e *sitesError) Error() string { return e.msg }
