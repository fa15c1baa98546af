package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/report"
)

// siteSettings are the settings of each site a command line gives, by URL.
func siteSettings(t *testing.T, args ...string) map[string]string {
	t.Helper()
	o := parseScan(t, args...)
	got := map[string]string{}
	for _, s := range o.sites {
		got[s.URL] = fmt.Sprintf("policy=%s consent=%s max-pages=%d exclude=%v login=%s targets=%d",
			s.Policy, s.Consent, s.MaxPages, s.Exclude, filepath.Base(s.LoginFile), len(s.targets))
	}
	return got
}

func TestSitesConfigPrecedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "login.yaml", "- goto: https://a.example/login\n- click: button\n")
	cfg := writeFile(t, dir, "cookieaudit.yaml", `# nightly audit
defaults:
  consent: reject
  max-pages: 5
  policy: shared-policy.yaml
sites:
  - https://a.example/
  - url: https://b.example/
    consent: accept
    max-pages: 2
    exclude: ['/cart']
    login: login.yaml
  - url: https://c.example/cookies-policy-elsewhere/
    policy: https://c.example/cookies/
`)
	policy := filepath.Join(dir, "shared-policy.yaml")
	got := siteSettings(t, "scan", "--sites", cfg, "--max-pages", "9", "--output-dir", filepath.Join(dir, "out"), "--format", "json,html")
	want := map[string]string{
		// The flag (--max-pages 9) beats the file's defaults (5); a site's
		// own entry beats both; relative paths are the file's.
		"https://a.example/":                          "policy=" + policy + " consent=reject max-pages=9 exclude=[] login=. targets=2",
		"https://b.example/":                          "policy=" + policy + " consent=accept max-pages=2 exclude=[/cart] login=login.yaml targets=2",
		"https://c.example/cookies-policy-elsewhere/": "policy=https://c.example/cookies/ consent=reject max-pages=9 exclude=[] login=. targets=2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("site settings (-want +got):\n%s", diff)
	}
	// Arguments and the file together; the summary table alone needs no
	// --output-dir, and no site then writes a report of its own.
	got = siteSettings(t, "scan", "https://d.example/", "--sites", cfg)
	if len(got) != 4 || !strings.HasSuffix(got["https://d.example/"], "targets=0") {
		t.Errorf("URL argument and --sites: %v", got)
	}
}

func TestSitesList(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	list := writeFile(t, dir, "sites.txt", "# our sites\n\nhttps://a.example/\n  https://b.example/shop/#top   # the shop\n")
	got := siteSettings(t, "scan", "--sites", list)
	if len(got) != 2 || got["https://a.example/"] == "" || got["https://b.example/shop/#top"] == "" {
		t.Errorf("sites of the list: %v", got)
	}
}

func TestSitesFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file, body, want string
	}{
		{"list with two words", "sites.txt", "https://a.example/\nhttps://b.example/ extra\n", "sites.txt:2: \"https://b.example/ extra\" is not one URL"},
		{"empty list", "empty.txt", "# nothing yet\n", "empty.txt: it lists no site"},
		{"bad URL in list", "bad.txt", "https://a.example/\nftp://b.example/\n", `site ftp://b.example/ (` + filepath.Join(dir, "bad.txt") + `:2): invalid URL "ftp://b.example/"`},
		{"duplicate", "dup.txt", "https://a.example/\n\nhttps://a.example/\n", "dup.txt:1 and " + filepath.Join(dir, "dup.txt") + ":3"},
		{"unknown key", "unknown.yaml", "sites:\n  - url: https://a.example/\n    polcy: p.yaml\n", "unknown.yaml:3:"},
		{"unknown top key", "top.yaml", "site:\n  - https://a.example/\n", `top.yaml:1:1: unknown key "site" (valid: defaults, sites)`},
		{"entry without url", "nourl.yaml", "sites:\n  - consent: all\n", "nourl.yaml:2:5: site entry without url:"},
		{"bad consent", "consent.yaml", "sites:\n  - url: https://a.example/\n    consent: maybe\n", `nourl`},
		{"sites not a list", "notlist.yaml", "sites: https://a.example/\n", "notlist.yaml:1:8: sites must be a list"},
		{"url in defaults", "defurl.yaml", "defaults:\n  url: https://a.example/\nsites: [https://b.example/]\n", "defaults cannot have a url"},
		{"YAML syntax", "syntax.yaml", "sites:\n  - url: [\n", "syntax.yaml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, dir, tc.file, tc.body)
			var out, errOut bytes.Buffer
			root := newRootCmd(streams{Out: &out, Err: &errOut}, func(context.Context, *scanOptions) error {
				t.Error("the scan ran")
				return nil
			})
			code := execute(context.Background(), root, []string{"scan", "--sites", path}, &errOut)
			if tc.want == "nourl" {
				tc.want = `(` + path + `:2:5): invalid --consent "maybe"`
			}
			if code != exitUsage || !strings.Contains(errOut.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut.String(), tc.want)
			}
		})
	}
}

func TestShard(t *testing.T) {
	t.Parallel()
	if _, err := parseShard("0/3"); err == nil {
		t.Error("0/3 accepted")
	}
	if s, err := parseShard(" 2 / 3 "); err != nil || s != (shard{2, 3}) {
		t.Errorf("parseShard(2/3) = %v, %v", s, err)
	}
	// Every URL falls in exactly one shard, always the same, and a list
	// is shared out roughly evenly.
	per := make([]int, 3)
	for i := range 300 {
		u := fmt.Sprintf("https://s%03d.example.org/", i)
		n := 0
		for k := 1; k <= 3; k++ {
			if (shard{k, 3}).has(u) {
				n++
				per[k-1]++
			}
		}
		if n != 1 {
			t.Fatalf("%s is in %d of 3 shards", u, n)
		}
	}
	for k, n := range per {
		if n < 70 {
			t.Errorf("shard %d/3 has %d of 300 sites", k+1, n)
		}
	}
}

func TestSiteReportName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://www.example.org/":             "www.example.org",
		"https://WWW.Example.org":              "www.example.org",
		"https://www.example.org:8443/":        "www.example.org_8443",
		"https://www.example.org/shop/":        "www.example.org_shop",
		"https://www.example.org/a b/../x?y=1": "www.example.org_a-b-..-x",
	} {
		if got := siteReportName(in); got != want {
			t.Errorf("siteReportName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRebaseFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "runs", "r1", "shard-2")
	for _, tc := range []struct {
		to   string
		want []string
	}{
		{filepath.Join(dir, "runs", "r1"), []string{"shard-2/a.example.html", "shard-2/a.example.json"}},
		{in, []string{"a.example.html", "a.example.json"}},
		{filepath.Join(dir, "index"), []string{"../runs/r1/shard-2/a.example.html", "../runs/r1/shard-2/a.example.json"}},
	} {
		got, left := rebaseFiles([]string{"a.example.html", "a.example.json", "/etc/passwd"}, in, tc.to)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("to %s (-want +got):\n%s", tc.to, diff)
		}
		if diff := cmp.Diff([]string{"/etc/passwd"}, left); diff != "" {
			t.Errorf("to %s, left out (-want +got):\n%s", tc.to, diff)
		}
	}
}

// TestMergeWarnsOfFilesLeftOut merges a summary whose site names one
// report file by an absolute name (a summary edited by hand): the merged
// summary links the other file, and stderr says which one was left out.
func TestMergeWarnsOfFilesLeftOut(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("..", "..", "report", "testdata", "empty.json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := report.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	site := report.NewSiteResult(rep.Target, rep, 0, nil)
	site.Files = []string{"/srv/reports/site.html", "site.json"}
	sum, err := report.NewSummary(report.Tool{Name: "cookieaudit", Version: "test"}, []report.SiteResult{site})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var b bytes.Buffer
	if err := report.WriteSummaryJSON(&b, sum); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "shard-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, filepath.Join(dir, "shard-1"), "summary.json", b.String())
	merged := filepath.Join(dir, "merged.json")
	var out, errOut bytes.Buffer
	root := newRootCmd(streams{Out: &out, Err: &errOut}, nil)
	root.SetArgs([]string{"merge", "--format", "json", "-o", merged, in})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("merge: %v\n%s", err, errOut.String())
	}
	checkOneLine(t, errOut.String(), "warning: a site's report file is left out of the merged summary")
	for _, want := range []string{"report=/srv/reports/site.html", "site=" + rep.Target, "file=" + in} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("warning %q does not name %s", errOut.String(), want)
		}
	}
	data, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	got, err := report.ReadSites(data)
	if err != nil || len(got) != 1 {
		t.Fatalf("merged summary: %d sites, %v", len(got), err)
	}
	if diff := cmp.Diff([]string{"shard-1/site.json"}, got[0].Files); diff != "" {
		t.Errorf("merged files (-want +got):\n%s", diff)
	}
}
