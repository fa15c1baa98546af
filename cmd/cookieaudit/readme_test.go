package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

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

// readmeSection returns the README's text from the heading line to the
// next heading of the same or a higher level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no heading %q", heading)
	}
	s = s[i+1+len(heading):]
	level := strings.Repeat("#", strings.Index(heading, " "))
	for _, l := range []string{"\n# ", "\n## ", "\n### "} {
		if len(l)-2 > len(level) {
			break
		}
		if j := strings.Index(s, l); j >= 0 {
			s = s[:j]
		}
	}
	return s
}

// readmeFlag matches a flag in the first cell of a flag table row:
// "`--max-pages N`", "`-o, --output FILE[,FILE...]`".
var readmeFlag = regexp.MustCompile("^\\| `(?:-([a-zA-Z]), )?--([a-z0-9-]+)")

// TestREADMEScanFlags: the README's table of scan flags lists every flag
// of the command, with its short form, and no flag the command lacks.
func TestREADMEScanFlags(t *testing.T) {
	t.Parallel()
	documented := map[string]string{} // long name → short form
	for _, line := range strings.Split(readmeSection(t, "### Flags of `scan`"), "\n") {
		if m := readmeFlag.FindStringSubmatch(line); m != nil {
			documented[m[2]] = m[1]
		}
	}
	if len(documented) == 0 {
		t.Fatal("no flag table under \"### Flags of `scan`\"")
	}
	cmd := newScanCmd(streams{Out: io.Discard, Err: io.Discard}, nil)
	known := map[string]bool{}
	// The flags as "scan --help" lists them: "  -o, --output FILE   …".
	for _, m := range regexp.MustCompile(`(?m)^\s+(?:-([a-zA-Z]), )?--([a-z0-9-]+)`).FindAllStringSubmatch(cmd.Flags().FlagUsages(), -1) {
		name, shorthand := m[2], m[1]
		known[name] = true
		short, ok := documented[name]
		switch {
		case !ok:
			t.Errorf("README's scan flag table lacks --%s (%s)", name, cmd.Flags().Lookup(name).Usage)
		case short != shorthand:
			t.Errorf("README's scan flag table gives --%s the short form %q, the command %q", name, short, shorthand)
		}
	}
	if len(known) < 20 {
		t.Fatalf("read %d flags from scan's usage, want them all:\n%s", len(known), cmd.Flags().FlagUsages())
	}
	for name := range documented {
		if !known[name] {
			t.Errorf("README's scan flag table lists --%s, which scan does not have", name)
		}
	}
}

// TestREADMEUsage: the README's Usage block names every command, and the
// flags it shows for each are flags of that command.
func TestREADMEUsage(t *testing.T) {
	t.Parallel()
	usage := readmeSection(t, "## Usage")
	start := strings.Index(usage, "```\n")
	end := strings.Index(usage[start+4:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no code block in the README's Usage")
	}
	lines := strings.Split(strings.TrimSpace(usage[start+4:start+4+end]), "\n")
	root := newRootCmd(streams{Out: io.Discard, Err: io.Discard}, nil)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c.HasParent() && !c.HasSubCommands() && c.Name() != "help" && c.Name() != "completion" {
			path := c.CommandPath()
			var line string
			for _, l := range lines {
				if l == path || strings.HasPrefix(l, path+" ") {
					line = l
				}
			}
			if line == "" {
				t.Errorf("README's Usage lacks %q", path)
				return
			}
			for _, m := range regexp.MustCompile(`(?:^|[\s\[|])(--?[a-z][a-z0-9-]*)`).FindAllStringSubmatch(strings.TrimPrefix(line, path), -1) {
				name := strings.TrimLeft(m[1], "-")
				f := c.Flags().Lookup(name)
				if !strings.HasPrefix(m[1], "--") {
					f = c.Flags().ShorthandLookup(name)
				}
				if f == nil {
					t.Errorf("README's Usage shows %s for %q, which has no such flag", m[1], path)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
