package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// TestREADMEListsPlatforms: the README's list of consent platforms names
// every platform the crawler has a rule for, with its product name and how
// its choices are verified, and no other.
func TestREADMEListsPlatforms(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### Consent platforms\n")
	if !ok {
		t.Fatal("README has no \"### Consent platforms\" section")
	}
	section, _, _ = strings.Cut(section, "\n#")
	rows := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, rest, _ := strings.Cut(name, "`")
			rows[name] = rest
		}
	}
	for _, p := range crawler.Platforms() {
		row, ok := rows[p.Name]
		if !ok {
			t.Errorf("README does not list %s (%s)", p.Name, p.Title)
			continue
		}
		delete(rows, p.Name)
		if !strings.Contains(row, p.Title) {
			t.Errorf("README row of %s does not name %q: %s", p.Name, p.Title, row)
		}
		if p.API != strings.Contains(row, "platform API") || p.TCF != strings.Contains(row, "TCF") {
			t.Errorf("README row of %s says the wrong verification (API %v, TCF %v): %s", p.Name, p.API, p.TCF, row)
		}
	}
	for name := range rows {
		t.Errorf("README lists %s, which has no rule", name)
	}
}
