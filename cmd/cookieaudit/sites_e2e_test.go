package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/report"
)

// TestSitesBinary runs the built binary over six sites of the fixture
// fleet in one run, in a real Chromium, with a cookieaudit.yaml that gives
// defaults and per-site settings, and checks the summary table, the
// summary JSON and HTML index, each site's reports named by its host, the
// settings' precedence (a site's own entry over a flag over the file's
// defaults) and the exit code, the worst site's.
func TestSitesBinary(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	dir := t.TempDir()
	var cfg strings.Builder
	// The file's default max-pages 1 is overridden by the flag below
	// (--max-pages 10), and that by s004's own max-pages 1; s002 leaves
	// out its /about/ page; s006 is given by its URL alone: no policy.
	cfg.WriteString("defaults:\n  consent: none\n  max-pages: 1\nsites:\n")
	for n := 1; n <= 5; n++ {
		fmt.Fprintf(&cfg, "  - url: %s\n    policy: %s\n", fixtures.FleetSite(n), fixtures.FleetPolicy(n))
		switch n {
		case 2:
			cfg.WriteString("    exclude: ['/about/']\n")
		case 4:
			cfg.WriteString("    max-pages: 1\n")
		}
	}
	fmt.Fprintf(&cfg, "  - %s\n", fixtures.FleetSite(6))
	config := filepath.Join(dir, "cookieaudit.yaml")
	if err := os.WriteFile(config, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "reports")
	res := runBinary(ctx, t, bin, "scan", "--sites", config, "--output-dir", out, "--format", "json,html",
		"--max-pages", "10", "--concurrency", "4", "--wait", "auto",
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--page-timeout", "60s")
	// s003 and s006 set fleet_track: s003's policy does not declare it
	// (undeclared, exit 1); s006 was scanned with no policy (pass).
	res.wantExit(t, 1)

	sum := readSummary(t, filepath.Join(out, "summary.json"))
	wantPages := map[int]int{1: 3, 2: 2, 3: 3, 4: 1, 5: 3, 6: 3}
	if len(sum.Sites) != 6 {
		t.Fatalf("summary.json has %d sites, want 6", len(sum.Sites))
	}
	for i, s := range sum.Sites {
		n := i + 1 // the fleet's URLs sort in their order
		if s.Target != fixtures.FleetSite(n) {
			t.Errorf("sites[%d] is %s, want %s (ordered by URL)", i, s.Target, fixtures.FleetSite(n))
			continue
		}
		wantOutcome := report.OutcomePass
		if n == 3 {
			wantOutcome = report.OutcomeFail
		}
		if s.Outcome != wantOutcome || s.Pages != wantPages[n] || s.Cookies != len(fixtures.FleetCookies(n)) {
			t.Errorf("%s: outcome %s, %d pages, %d cookies; want %s, %d pages, %d cookies (%s)",
				s.Target, s.Outcome, s.Pages, s.Cookies, wantOutcome, wantPages[n], len(fixtures.FleetCookies(n)), s.Error)
		}
		host := fmt.Sprintf("s%03d.fleet.test", n)
		if diff := cmp.Diff([]string{host + ".json", host + ".html"}, s.Files); diff != "" {
			t.Errorf("%s: files (-want +got):\n%s", s.Target, diff)
		}
		// Each site's own JSON report is a valid report of that site,
		// the same as the one the summary holds.
		rep := savedReport(t, filepath.Join(out, host+".json"))
		if rep.Target != s.Target || len(rep.Cookies) != s.Cookies {
			t.Errorf("%s.json: target %s with %d cookies, want %s with %d", host, rep.Target, len(rep.Cookies), s.Target, s.Cookies)
		}
		if _, err := os.Stat(filepath.Join(out, host+".html")); err != nil {
			t.Errorf("%s: %v", s.Target, err)
		}
	}
	if sum.Outcome != report.OutcomeFail || sum.ExitCode != 1 {
		t.Errorf("summary outcome %s exit %d, want fail 1", sum.Outcome, sum.ExitCode)
	}
	if rep := sum.Sites[2].Report; rep == nil || len(rep.Findings) != 1 || rep.Findings[0].Cookie != "fleet_track" || rep.Findings[0].Kind != "undeclared" {
		t.Errorf("s003's report should have one finding, fleet_track undeclared; got %+v", rep)
	}
	for _, want := range []string{fixtures.FleetSite(1), fixtures.FleetSite(6), "6 sites: 5 pass, 1 fail · exit code 1"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the summary table on stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 6; n++ {
		if link := fmt.Sprintf(`href="s%03d.fleet.test.html"`, n); !bytes.Contains(index, []byte(link)) {
			t.Errorf("index.html does not link to site %d's report (%s)", n, link)
		}
	}
}

// TestShardMergeBinary scans a list of seven sites (six of the fleet and
// a host that answers 404) once whole and once as three shards, merges
// the shards' summaries, and checks that the merge equals the whole run:
// the same sites with the same outcomes, counts, cookies and findings,
// and the same exit code.
func TestShardMergeBinary(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	dir := t.TempDir()
	list := "# the fleet's first six sites, and one that is not served\n"
	for n := 1; n <= 6; n++ {
		list += fixtures.FleetSite(n) + "\n"
	}
	list += "https://gone.fleet.test/   # answers 404: incomplete\n"
	sites := filepath.Join(dir, "sites.txt")
	if err := os.WriteFile(sites, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	scan := func(outDir string, extra ...string) binaryResult {
		args := append([]string{"scan", "--sites", sites, "--output-dir", outDir, "--format", "json",
			"--consent", "none", "--concurrency", "3", "--wait", "auto",
			"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--page-timeout", "60s"}, extra...)
		return runBinary(ctx, t, bin, args...)
	}
	whole := scan(filepath.Join(dir, "whole"))
	// No policy: no finding, so the site that is not served decides (3).
	whole.wantExit(t, 3)
	var summaries []string
	covered := 0
	for i := 1; i <= 3; i++ {
		d := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		res := scan(d, "--shard", fmt.Sprintf("%d/3", i))
		s := readSummary(t, filepath.Join(d, "summary.json"))
		covered += len(s.Sites)
		if res.code != s.ExitCode {
			t.Errorf("shard %d/3 exited %d, its summary says %d", i, res.code, s.ExitCode)
		}
		summaries = append(summaries, filepath.Join(d, "summary.json"))
	}
	if covered != 7 {
		t.Errorf("the three shards scanned %d sites in all, want each of the 7 once", covered)
	}
	merged := filepath.Join(dir, "merged.json")
	// The files in another order than the shards': the merge sorts.
	res := runBinary(ctx, t, bin, append([]string{"merge", "--format", "json", "-o", merged}, summaries[2], summaries[0], summaries[1])...)
	res.wantExit(t, 3)
	got, want := readSummary(t, merged), readSummary(t, filepath.Join(dir, "whole", "summary.json"))
	if diff := cmp.Diff(comparable(want), comparable(got)); diff != "" {
		t.Errorf("merged shards differ from the whole run (-whole +merged):\n%s", diff)
	}
	if len(got.Sites) != 7 || got.Sites[0].Target != "https://gone.fleet.test/" || got.Sites[0].Outcome != report.OutcomeIncomplete {
		t.Errorf("merged sites: want 7, the first gone.fleet.test incomplete; got %+v", comparable(got))
	}
	// The merged summary names each site's report relative to itself
	// (shard-2/s001.fleet.test.json), so that its index links to them.
	for _, s := range got.Sites {
		for _, f := range s.Files {
			if !strings.HasPrefix(f, "shard-") {
				t.Errorf("%s: file %s is not named relative to the merged summary", s.Target, f)
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
				t.Errorf("%s: %v", s.Target, err)
			}
		}
	}
	// The same merge as a table: every site, and the run's counts.
	res = runBinary(ctx, t, bin, append([]string{"merge"}, summaries...)...)
	res.wantExit(t, 3)
	if !strings.Contains(res.stdout, "7 sites: 6 pass, 1 incomplete · exit code 3") {
		t.Errorf("merge table lacks the counts:\n%s", res.stdout)
	}
}

func readSummary(t *testing.T, path string) *report.Summary {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sites, err := report.ReadSites(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	sum, err := report.NewSummary(report.Tool{}, sites)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sum
}

// siteView is what two runs of the same sites must agree on: everything
// but times and cookie values, which no two scans share.
type siteView struct {
	Target, Outcome, Error            string
	ExitCode                          int
	Pages, Cookies, Findings, Failing int
	Files                             []string
	CookieNames, FindingKeys          []string
}

func comparable(s *report.Summary) []siteView {
	var out []siteView
	for _, site := range s.Sites {
		v := siteView{Target: site.Target, Outcome: site.Outcome, Error: site.Error, ExitCode: site.ExitCode,
			Pages: site.Pages, Cookies: site.Cookies, Findings: site.Findings, Failing: site.Failing}
		for _, f := range site.Files {
			v.Files = append(v.Files, path.Base(f)) // a merge names them from where it writes
		}
		if r := site.Report; r != nil {
			for _, c := range r.Cookies {
				v.CookieNames = append(v.CookieNames, c.Name+" "+c.Domain+" "+c.Category)
			}
			for _, f := range r.Findings {
				v.FindingKeys = append(v.FindingKeys, f.Kind+" "+f.Cookie)
			}
		}
		out = append(out, v)
	}
	return out
}

// TestSitesInProcess runs a scan of four fleet sites, two at a time, in
// this process, so that the race detector of make test watches the sites
// running side by side in one browser; and checks the summary on stdout,
// the progress lines on stderr and the exit code.
func TestSitesInProcess(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	args := []string{"scan"}
	for n := 1; n <= 4; n++ {
		args = append(args, fixtures.FleetSite(n))
	}
	args = append(args, "--consent", "none", "--concurrency", "2", "--wait", "auto", "--page-timeout", "60s",
		"--output-dir", t.TempDir(), "--format", "json",
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure")
	var stdout, stderr bytes.Buffer
	// No policy: no finding, every site passes.
	if code := run(t.Context(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, want 0\nstderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "4 sites: 4 pass · exit code 0") {
		t.Errorf("stdout lacks the summary's counts:\n%s", stdout.String())
	}
	for n := 1; n <= 4; n++ {
		if line := fmt.Sprintf("] %s: pass", fixtures.FleetSite(n)); !strings.Contains(stderr.String(), line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr.String())
		}
	}
}
