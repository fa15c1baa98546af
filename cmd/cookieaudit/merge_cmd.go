package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/report"
)

// mergeOptions are the inputs of "cookieaudit merge".
type mergeOptions struct {
	IO     streams
	Files  []string
	Format string // table, json or html
	Output string
}

func newMergeCmd(s streams) *cobra.Command {
	opts := &mergeOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Join the summaries of runs over several sites (shards) into one",
		Long: `Merge joins the JSON summaries written by runs over several sites (the
summary.json of "scan --sites ... --output-dir DIR"), and single sites' JSON
reports, into one summary: every site once, ordered by its URL, whatever the
order of the files or how the sites were split between runs (--shard), so
that the merge of the N shards of a list equals one run over the whole list.

The summary goes to stdout, or to --output, as a table, as JSON (a "sites"
array of each site's outcome, counts and report) or as an HTML index. Each
site's report files are named relative to where the summary is written, so
the merged index links to them.

It exits with the worst site's code, as the run over every site would: 0
every site passed; 1 a site's findings fail the gate (or that run's
--exit-code); 3 a site's scan was incomplete; 2 a site could not be
audited, a file cannot be read or is not a summary or report, or a site
appears in two files.`,
		Example: `  # Three machines scan a share each, then one joins their summaries
  cookieaudit scan --sites sites.yaml --shard 1/3 --output-dir shard-1   # on machine 1
  cookieaudit scan --sites sites.yaml --shard 2/3 --output-dir shard-2   # on machine 2
  cookieaudit scan --sites sites.yaml --shard 3/3 --output-dir shard-3   # on machine 3
  cookieaudit merge shard-*/summary.json

  # The merged summary as an HTML index and as JSON
  cookieaudit merge shard-*/summary.json --format html -o index.html
  cookieaudit merge shard-*/summary.json --format json -o summary.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("merge takes one or more JSON summaries or reports (see 'cookieaudit merge --help')")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if !slices.Contains(report.SummaryFormats(), opts.Format) {
				return fmt.Errorf("invalid --format %q (valid: %s)", opts.Format, strings.Join(report.SummaryFormats(), ", "))
			}
			return runMerge(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", report.FormatTable, "`FORMAT` of the summary: "+strings.Join(report.SummaryFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the summary to `FILE` instead of stdout")
	return cmd
}

func runMerge(_ context.Context, opts *mergeOptions) error {
	out, err := openOutput(opts.Output, opts.IO.Out, false)
	if err != nil {
		return err
	}
	defer out.abort()
	// A site's files are named relative to its summary; in the merged
	// summary, relative to where it is written (stdout: here).
	outDir := "."
	if opts.Output != "" && opts.Output != "-" {
		outDir = filepath.Dir(opts.Output)
	}
	log := newLogger(opts.IO, false)
	var sites []report.SiteResult
	from := map[string]string{} // a site's target → the file it came from
	for _, file := range opts.Files {
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", file, bareErr(err))
		}
		got, err := report.ReadSites(data)
		if err != nil {
			return fmt.Errorf("invalid %s: %w", file, err)
		}
		for i, s := range got {
			if prev, ok := from[s.Target]; ok {
				return fmt.Errorf("site %s is in both %s and %s: merge the summaries of one split of the sites (the same --shard N)", s.Target, prev, file)
			}
			from[s.Target] = file
			var left []string
			got[i].Files, left = rebaseFiles(s.Files, filepath.Dir(file), outDir)
			for _, f := range left {
				log.Warn("a site's report file is left out of the merged summary: its name is not relative to the summary it came from", "file", file, "site", s.Target, "report", f)
			}
		}
		sites = append(sites, got...)
	}
	sum, err := report.NewSummary(report.Tool{Name: "cookieaudit", Version: toolVersion()}, sites)
	if err != nil {
		return err
	}
	if err := report.WriteSummary(out, sum, opts.Format); err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return err
	}
	return sitesOutcome(sum)
}

// rebaseFiles names files, relative to fromDir, relative to toDir instead
// ("s001.example.org.html" of shard-2/summary.json is
// "shard-2/s001.example.org.html" for a merged summary written here), so
// that the merged index links to every site's reports. A name that cannot
// be made relative (an absolute one: summaries hold relative names only,
// and the HTML index would refuse it) is returned in left, for a warning.
func rebaseFiles(files []string, fromDir, toDir string) (out, left []string) {
	if len(files) == 0 {
		return files, nil
	}
	from, err1 := filepath.Abs(fromDir)
	to, err2 := filepath.Abs(toDir)
	for _, f := range files {
		if err1 != nil || err2 != nil || filepath.IsAbs(f) {
			left = append(left, f)
			continue
		}
		rel, err := filepath.Rel(to, filepath.Join(from, filepath.FromSlash(f)))
		if err != nil {
			left = append(left, f)
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, left
}
