package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// readmeScans returns the "cookieaudit scan" command lines of the README's
// CI job examples (its YAML blocks), continuation lines joined.
func readmeScans(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	inYAML := false
	var cur string
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "```yaml":
			inYAML = true
			continue
		case trimmed == "```":
			inYAML = false
			continue
		case !inYAML:
			continue
		}
		trimmed = strings.TrimPrefix(trimmed, "- ")
		if cur == "" && !strings.HasPrefix(trimmed, "cookieaudit scan ") {
			continue
		}
		cur += strings.TrimSuffix(trimmed, `\`) + " "
		if !strings.HasSuffix(trimmed, `\`) {
			cmds = append(cmds, strings.Join(strings.Fields(cur), " "))
			cur = ""
		}
	}
	return cmds
}

// shellWords splits a command line as a POSIX shell would for the simple
// words the README uses: blanks separate words, quotes group them.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// TestREADMECIJobs runs the scan commands of the README's GitHub Actions
// and GitLab CI examples, with a fake crawl, in a directory laid out as a
// repository would be: the flags exist, staging is reached with the
// host-resolver rules, the reports the jobs upload are written, and the
// exit code is the gate's.
func TestREADMECIJobs(t *testing.T) {
	cmds := readmeScans(t)
	if len(cmds) < 2 {
		t.Fatalf("found %d scan commands in the README's CI examples, want the GitHub and the GitLab one", len(cmds))
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, d := range []string{"policy", ".cookieaudit", "reports"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, "policy", "cookies.yaml", gatePolicy)
	// The baseline is an accepted earlier scan of the same site.
	if code, _, errOut := gateRun(t, okCrawl, nil, "scan", "https://www.example.org/", "--policy", "policy/cookies.yaml",
		"--format", "json", "-o", ".cookieaudit/baseline.json", "--fail-on", "none"); code != 0 {
		t.Fatalf("baseline: exit %d, %s", code, errOut)
	}

	for _, line := range cmds {
		line = strings.NewReplacer("${{ vars.STAGING_IP }}", "10.0.0.12", "$STAGING_IP", "10.0.0.12").Replace(line)
		args := shellWords(t, line)[1:]
		var got crawler.Options
		crawl := func(ctx context.Context, target string, o crawler.Options) (*crawler.Result, error) {
			got = o
			return okCrawl(ctx, target, o)
		}
		code, _, errOut := gateRun(t, crawl, map[string]string{"GITHUB_ACTIONS": "true"}, args...)
		want := 1 // the undeclared _ga fails the gate
		if strings.Contains(line, "--baseline") {
			want = 0 // ... unless the baseline has it
		}
		if code != want {
			t.Errorf("%s\nexit %d, want %d; stderr:\n%s", line, code, want, errOut)
		}
		if got.HostResolverRules != "MAP *.example.org 10.0.0.12" || !got.Insecure {
			t.Errorf("%s\nreached staging with rules %q, insecure %v", line, got.HostResolverRules, got.Insecure)
		}
		for _, f := range []string{"reports/cookieaudit.json", "reports/cookieaudit.html", "reports/cookieaudit.junit.xml", "reports/cookieaudit.txt"} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s\ndid not write %s", line, f)
			}
		}
		if strings.Contains(line, "sarif") {
			if _, err := os.Stat("reports/cookieaudit.sarif"); err != nil {
				t.Errorf("%s\ndid not write the SARIF report", line)
			}
		}
		os.RemoveAll("reports")
		os.Mkdir("reports", 0o755)
	}
}
