package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/report"
)

// scanOptions are the inputs of "cookieaudit scan", one field per flag.
type scanOptions struct {
	IO streams

	URL                    string
	MaxPages               int
	MaxDepth               int // 0: the target only
	Scope                  string
	Include                []string
	Exclude                []string
	URLsFile               string   // --urls: visit URL and these pages only
	Sitemap                bool     // --sitemap: the sitemaps' pages after URL
	LoginFile              string   // --login: steps run before each phase's crawl
	CookieFlags            []string // --cookie NAME=VALUE, repeated
	HeaderFlags            []string // --header "NAME: VALUE", repeated
	Concurrency            int
	Wait                   time.Duration // 0: no wait after the load event
	AutoWait               bool          // --wait auto: Wait is a bound
	PageTimeout            time.Duration
	Chrome                 string
	BrowserURL             string // --browser-url: a running Chromium's DevTools address
	HostResolverRules      string
	Insecure               bool
	BlockThirdPartyCookies bool
	UserAgent              string
	Consent                string
	AcceptSelector         string
	RejectSelector         string
	Policy                 string // file or URL of the declared policy; "": none
	CookieDB               string // Open Cookie Database CSV; "": none
	ExpiryTolerance        string // RATIO[,DURATION]
	Format                 string
	Output                 string // "" or "-": stdout; with several formats, one per format
	OutputDir              string // one file per format, cookieaudit.<ext>
	Gate                   gateOptions
	ShowValues             bool
	Timeout                time.Duration // whole scan; 0: none
	Verbose                bool

	// IncludeRE and ExcludeRE are Include and Exclude compiled by validate.
	IncludeRE []*regexp.Regexp
	ExcludeRE []*regexp.Regexp
	// targets are the reports to write, from Format, Output and OutputDir.
	targets []reportTarget
	// Tolerance is ExpiryTolerance parsed by validate.
	Tolerance classifier.Tolerance
	// Pages are the pages of URLsFile, checked; maxPagesSet says whether
	// --max-pages was given.
	Pages       []string
	maxPagesSet bool
	// Login are the steps of LoginFile, read by validate; PresetCookies
	// the --cookie flags, parsed.
	Login         []crawler.LoginStep
	PresetCookies []crawler.PresetCookie
	Headers       []crawler.Header
	// browser is the running Chromium of BrowserURL, once connected.
	browser *crawler.Browser
	// history is --history DIR and --history-keep N.
	history historyOptions
	// SitesFile is --sites FILE and ShardFlag --shard I/N; sites are the
	// options of each site of a run over several sites (prepareSites),
	// reportName the name of a site's reports there; given are the flags
	// set on the command line, which a config's defaults do not override.
	SitesFile  string
	ShardFlag  string
	sites      []*scanOptions
	reportName string
	given      map[string]bool

	// Crawl runs the scan: crawler.Crawl, or a fake in tests.
	Crawl func(ctx context.Context, target string, opts crawler.Options) (*crawler.Result, error)
}

func newScanCmd(s streams, runF func(context.Context, *scanOptions) error) *cobra.Command {
	opts := &scanOptions{IO: s, Crawl: crawler.Crawl, history: historyOptions{Keep: defaultHistoryKeep}}
	cmd := &cobra.Command{
		Use:   "scan URL [URL...]",
		Short: "Crawl a website in headless Chromium and report the cookies it sets",
		Long: `Scan crawls the website at URL in a headless Chromium with a fresh profile,
following links breadth first within the site, and reports every cookie that
was set: its domain and path, first or third party, the lifetime the site
asked for and the one the browser stored, whether it was set by a
Set-Cookie header or a script, the response or script that set it, and the
first page that saw it.

Third-party cookies are allowed, as in a default desktop browser, unless
--block-third-party-cookies is given. Cookie values are never written unless
--show-values is given, and then only in the json and html reports: they can
be session tokens.

The report goes to stdout, or to --output, which is written whole or not at
all. Errors and logs go to stderr.

Chromium is found with --chrome, else $CHROME_PATH, else
chromium-headless-shell, chrome-headless-shell, chromium, chromium-browser
or google-chrome on PATH: the headless shell, the same engine built for
automation, costs about a third of the CPU.

With --policy, the cookies are compared with the site's declared policy
(a policy file, a saved cookie-policy page, or its URL, rendered in the
browser before the crawl) and the report lists the findings: cookies that
are undeclared, misclassified or live longer than declared, and declared
cookies never seen. Every cookie gets a category: the declared one, else
the built-in knowledge base's (extended with --cookie-db), else a guess.

As a CI gate, the scan fails when findings of the --fail-on kinds, at
--min-severity or more, remain after the ignore file (.cookieaudit-ignore.yaml
when present, or --ignore-file) and the --baseline (an earlier JSON report:
only new findings fail). Several reports can be written at once: --format
json,html,sarif with -o FILE,FILE,FILE or --output-dir DIR. When
GITHUB_ACTIONS is true, findings are also written to stderr as workflow
annotations.

The consent banner's design is audited too: a banner that offers no way
to refuse, a reject only behind its settings or harder to reach than the
accept, and purposes ticked in advance are findings of their own.

Several sites are scanned in one run when several URLs, --sites FILE (a
list of URLs, or a cookieaudit.yaml with defaults and per-site settings)
or --shard I/N (a stable share of the sites, for N machines) are given:
they share one browser and --concurrency tabs, --output-dir gets each
site's reports named by its host with summary.json and index.html, stdout
the summary table, and the exit code is the worst site's (2, then 1, then
3). 'cookieaudit merge' joins the summaries of shards.

Exit codes: 0 the scan completed and no finding fails the gate; 1 findings
fail the gate, even in a partial scan (--exit-code changes the code); 2 usage
or input error (including an unreadable or invalid --policy, --cookie-db,
--baseline or --ignore-file, or an --accept-selector or --reject-selector
that is not CSS); 3 the scan could not run or finish (no browser, target or
policy page unreachable, a start page that answers an HTTP error status,
the browser exiting mid-scan, --timeout, interrupted), or stopped early,
or could not make a consent choice it was asked for (--consent accept,
reject or all, or auto once a banner was found), with no finding that
fails. A choice clicked but not verified is not an error.`,
		Example: `  # Audit a site and read the table
  cookieaudit scan https://www.example.org/

  # Compare what it sets with what its own cookie-policy page declares
  cookieaudit scan https://www.example.org/ --policy https://www.example.org/cookie-policy

  # Against a reviewed policy file, knowing the Open Cookie Database's cookies too
  cookieaudit scan https://www.example.org/ --policy cookies.yaml --cookie-db open-cookie-database.csv

  # Keep a JSON report, crawling at most 200 pages
  cookieaudit scan https://www.example.org/ --max-pages 200 --format json -o cookies.json

  # CI gate: fail on new findings only, and keep every report for the job's artifacts
  cookieaudit scan https://www.example.org/ --policy cookies.yaml --baseline baseline.json \
    --format table,json,html,markdown,sarif,junit --output-dir reports

  # Audit staging reached under the production names, with its self-signed certificate
  cookieaudit scan https://www.example.org/ --host-resolver-rules "MAP *.example.org 10.0.0.12" --insecure

  # Only the shop, without the cart pages, and no more than 10 minutes
  cookieaudit scan https://www.example.org/shop/ --include '^https://www\.example\.org/shop/' --exclude '/cart' --timeout 10m

  # Nightly: keep each run, show what changed since the last one, leave pages as soon as they settle
  cookieaudit scan https://www.example.org/ --history /var/lib/cookieaudit --sitemap --wait auto --fail-on none

  # Staging behind a login form, in a browser that runs in a container
  cookieaudit scan https://staging.example.org/ --login login.yaml --browser-url http://127.0.0.1:9222

  # Every site of the organisation, each against its own settings, one report per site
  cookieaudit scan --sites cookieaudit.yaml --format json,html --output-dir reports

  # A third of the list on this machine; 'cookieaudit merge' joins the thirds
  cookieaudit scan --sites sites.txt --shard 2/3 --output-dir shard-2

  # Exactly the pages a release touched
  cookieaudit scan https://www.example.org/ --urls changed-pages.txt`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && opts.SitesFile == "" {
				return fmt.Errorf("scan takes a URL, several, or --sites FILE (see 'cookieaudit scan --help')")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Gate.ignoreFileSet = cmd.Flags().Changed("ignore-file")
			opts.maxPagesSet = cmd.Flags().Changed("max-pages")
			opts.given = map[string]bool{}
			cmd.Flags().Visit(func(f *pflag.Flag) { opts.given[f.Name] = true })
			if err := opts.history.validate(cmd.Flags().Changed("history-keep")); err != nil {
				return err
			}
			if opts.multiSite(args) {
				if err := opts.prepareSites(args); err != nil {
					return err
				}
			} else {
				opts.URL = args[0]
				if err := opts.validate(); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runScan(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.IntVar(&opts.MaxPages, "max-pages", crawler.DefaultMaxPages, "visit at most `N` pages")
	f.IntVar(&opts.MaxDepth, "max-depth", crawler.DefaultMaxDepth, "follow links at most `N` hops from URL (0: URL only)")
	f.StringVar(&opts.Scope, "scope", string(crawler.ScopeDomain), "follow links within `SCOPE`: domain (the registrable domain of URL) or host (its host only)")
	f.StringArrayVar(&opts.Include, "include", nil, "visit only URLs matching `REGEX` (repeatable; URL itself is always visited)")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "do not visit URLs matching `REGEX` (repeatable)")
	f.StringVar(&opts.SitesFile, "sites", "", "also scan the sites of `FILE`: one URL a line (# comments), or a YAML config (.yaml, .yml) with defaults and per-site settings")
	f.StringVar(&opts.ShardFlag, "shard", "", "scan only share `I/N` of the sites (a stable hash of each URL), for N runs on N machines joined by 'cookieaudit merge'")
	f.StringVar(&opts.URLsFile, "urls", "", "visit URL and exactly the pages listed in `FILE` (one URL a line, # comments), following no link")
	f.BoolVar(&opts.Sitemap, "sitemap", false, "visit the pages of the site's sitemaps (robots.txt's Sitemap lines, else /sitemap.xml) right after URL")
	f.StringArrayVar(&opts.HeaderFlags, "header", nil, "add the header `\"NAME: VALUE\"` to every request to the site's own hosts, never to others (repeatable); ${VAR} in VALUE is read from the environment; its value is written nowhere")
	f.StringArrayVar(&opts.CookieFlags, "cookie", nil, "put the cookie `NAME=VALUE` in the browser before the scan, on URL's host (repeatable); it is not reported as the site's; ${VAR} in VALUE is read from the environment; its value is written nowhere")
	f.StringVar(&opts.LoginFile, "login", "", "log in before each consent phase's crawl with the steps of `FILE` (YAML: goto, fill, click, wait)")
	f.IntVar(&opts.Concurrency, "concurrency", crawler.DefaultConcurrency, "visit `N` pages at once")
	opts.Wait = crawler.DefaultWait
	f.Var(waitFlag{&opts.Wait, &opts.AutoWait}, "wait", "keep watching each page for `DURATION` after its load event, for late cookies (0: none); auto[:DURATION] leaves it as soon as nothing can still set one (at most DURATION, default 3s)")
	f.DurationVar(&opts.PageTimeout, "page-timeout", crawler.DefaultPageTimeout, "give up loading a page after `DURATION`")
	f.DurationVar(&opts.Timeout, "timeout", 0, "stop the whole scan after `DURATION` (0: no limit)")
	f.StringVar(&opts.Chrome, "chrome", "", "Chromium executable at `PATH` (default $CHROME_PATH, else chromium-headless-shell or chromium on PATH)")
	f.StringVar(&opts.BrowserURL, "browser-url", "", "scan in the Chromium already running at `URL`, its DevTools address (http://host:port or ws://host:port/devtools/browser/ID); it is left running")
	f.StringVar(&opts.HostResolverRules, "host-resolver-rules", "", "Chromium host resolver `RULES`, e.g. \"MAP *.example.org 10.0.0.12\"")
	f.BoolVar(&opts.Insecure, "insecure", false, "accept invalid TLS certificates")
	f.BoolVar(&opts.BlockThirdPartyCookies, "block-third-party-cookies", false, "make the browser refuse third-party cookies, as a strict browser does")
	f.StringVar(&opts.UserAgent, "user-agent", "", "send `STRING` as User-Agent instead of Chromium's")
	f.StringVar(&opts.Consent, "consent", string(crawler.ConsentAuto), "consent phases to run: `MODE` auto (all when a banner is found, else none), none, accept, reject or all")
	f.StringVar(&opts.AcceptSelector, "accept-selector", "", "CSS `SELECTOR` of the banner's accept button, for banners the built-in rules miss")
	f.StringVar(&opts.RejectSelector, "reject-selector", "", "CSS `SELECTOR` of the banner's reject button")
	f.StringVar(&opts.Policy, "policy", "", "compare the cookies with the declared policy in `SOURCE`: a policy file (YAML, JSON), a saved policy page, or the policy page's URL")
	f.StringVar(&opts.CookieDB, "cookie-db", "", "also know the cookies of `FILE`, in the Open Cookie Database's CSV format (its entries win over the built-in ones)")
	f.StringVar(&opts.ExpiryTolerance, "expiry-tolerance", classifier.DefaultTolerance.String(), "a cookie living more than `RATIO[,DURATION]` times its declared lifetime, and at least DURATION longer, is an expiry mismatch")
	f.StringVarP(&opts.Format, "format", "f", report.FormatTable, "report `FORMAT`s, comma-separated: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` instead of stdout (\"-\": stdout); with several formats, one file per format, comma-separated")
	f.StringVar(&opts.OutputDir, "output-dir", "", "write each format to `DIR`/cookieaudit.<ext> (txt, json, html, md, sarif, junit.xml)")
	f.StringVar(&opts.history.Dir, "history", "", "keep each run's JSON report in `DIR`/<host>/<time>.json, show what changed since the previous run in every report, and write DIR/<host>/index.html, a trend page")
	f.IntVar(&opts.history.Keep, "history-keep", defaultHistoryKeep, "keep the newest `N` runs of each site in --history, deleting older ones")
	f.BoolVar(&opts.ShowValues, "show-values", false, "write cookie values in the json and html reports (they can be session tokens: report files are then readable by their owner only); table, markdown, sarif and junit never show them")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "write debug logs to stderr")
	opts.Gate.addFlags(cmd)
	return cmd
}

// runScan crawls, builds the report and writes it. When the scan stops
// early after some pages loaded, the report of the pages visited is still
// written (marked partial) and the scan's error is returned.
func runScan(ctx context.Context, opts *scanOptions) error {
	if opts.sites != nil || opts.SitesFile != "" || opts.ShardFlag != "" {
		return runSites(ctx, opts)
	}
	logger := newLogger(opts.IO, opts.Verbose)
	// Open the output first: a wrong --output fails now, not after the scan.
	outs, err := openOutputs(opts.targets, opts.IO.Out, opts.ShowValues)
	if err != nil {
		return err
	}
	defer outs.abort()
	var hist *history // nil without --history
	if opts.history.Dir != "" {
		if hist, err = openHistory(opts.history, opts.URL); err != nil {
			return err
		}
	}
	if err := opts.Gate.load(logger); err != nil {
		return err
	}
	ctx, timedOut, cancel := withScanTimeout(ctx, opts.Timeout)
	defer cancel()
	if opts.BrowserURL != "" {
		// The policy page is rendered and the site crawled in the
		// running browser; Close disconnects and leaves it running.
		b, err := crawler.ConnectBrowser(ctx, opts.BrowserURL, opts.crawlOptions(logger))
		if err != nil {
			return &scanError{err}
		}
		defer b.Close()
		opts.browser = b
		logger.Debug("connected to a running browser", "version", b.Version())
	}
	prog := newProgress(opts.IO.Err)
	if opts.Verbose {
		prog = nil // debug logs and a progress line do not mix
	}
	_, err = opts.auditSite(ctx, logger, prog, outs, hist, timedOut)
	return err
}

// auditSite audits opts.URL once the run is ready (its outputs and history
// open, its gate loaded, its browser connected): it reads the policy,
// crawls, builds the report, runs the gate and writes the reports. It
// returns the report (nil when the scan gave none) and the site's outcome
// as an error for exitCode (nil when it passed). timedOut is the cause of
// ctx's end by --timeout, nil without one.
func (opts *scanOptions) auditSite(ctx context.Context, logger *slog.Logger, prog *progress, outs *reportOutputs, hist *history, timedOut error) (*report.Report, error) {
	inputs, err := opts.loadAuditInputs(ctx, logger)
	if err != nil {
		return nil, err
	}

	co := opts.crawlOptions(logger)
	co.Progress = prog.callback()
	res, crawlErr := opts.Crawl(ctx, opts.URL, co)
	prog.done()
	var selErr *crawler.SelectorError
	if errors.As(crawlErr, &selErr) {
		return nil, selectorError(selErr) // an input error: exit 2
	}
	if crawlErr == nil && res != nil && res.Partial {
		// A partial scan cannot vouch for the site, whatever it found.
		crawlErr = fmt.Errorf("scan stopped before visiting every page: %w", crawler.ErrIncomplete)
	}
	if crawlErr != nil {
		stopped := "scan incomplete"
		if ctx.Err() != nil {
			// Interrupted or timed out: the cause says which, the
			// crawler's error (often just "context canceled") does not.
			logger.Debug("scan stopped", "err", crawlErr)
			stopped = "scan interrupted"
			cause := context.Cause(ctx)
			if timedOut != nil && cause == timedOut {
				stopped = "scan stopped"
			}
			crawlErr = fmt.Errorf("%s: %w", stopped, cause)
		}
		crawlErr = &scanError{withLostPages(crawlErr, res)}
		var le *crawler.LoadError
		if errors.As(crawlErr, &le) || !anyPageLoaded(res) {
			// Nothing to audit: the target did not load, or no page did.
			return nil, crawlErr
		}
		logger.Warn(stopped+", writing the report of the pages visited", "pages", visitedPages(res))
	}

	rep := report.New(res, report.Options{ShowValues: opts.ShowValues, Version: toolVersion(),
		Classification: opts.classify(res, inputs)})
	if crawlErr != nil {
		rep.Partial = true
	}
	hist.compare(rep, logger) // the changes since the previous run, in every report
	gate := opts.Gate.apply(rep, logger)
	// Every report that can be written is, before the exit code is
	// decided; one that cannot never hides the gate's outcome.
	writeErr := joinWriteErrors(outs.write(rep), hist.save(rep, opts.ShowValues, logger))
	if err := opts.Gate.annotate(opts.IO, rep); err != nil {
		return rep, err
	}
	return rep, withOutputErrors(opts.Gate.outcome(gate, rep, crawlErr), writeErr)
}

// withScanTimeout bounds ctx by --timeout (0: none). timedOut is the
// cause of ctx's end when the timeout ends it, nil without one: it tells a
// timeout from an interruption.
func withScanTimeout(ctx context.Context, d time.Duration) (_ context.Context, timedOut error, cancel context.CancelFunc) {
	if d <= 0 {
		return ctx, nil, func() {}
	}
	timedOut = fmt.Errorf("scan timed out after %s (--timeout)", d)
	ctx, cancel = context.WithTimeoutCause(ctx, d, timedOut)
	return ctx, timedOut, cancel
}

// newLogger writes warnings to stderr, and debug logs too when verbose,
// one line each as "cookieaudit: warning: …" (see lineHandler).
func newLogger(s streams, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(newLineHandler(s.Err, level))
}
