package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestURLsFile: --urls reads one URL a line (blank lines and # comments
// skipped), normalises them, drops repeats, raises --max-pages to cover
// them unless it was given, and names the file and line of an entry that
// cannot be visited.
func TestURLsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeFile(t, dir, "urls.txt", "# the shop\nhttps://www.example.org/shop/\n\n  https://WWW.example.org/shop/#top  \nhttps://blog.example.org/a\n")
	o := parseScan(t, "scan", "https://www.example.org/", "--urls", good)
	if want := []string{"https://www.example.org/shop/", "https://blog.example.org/a"}; !slices.Equal(o.Pages, want) {
		t.Errorf("pages %q, want %q", o.Pages, want)
	}
	if o.MaxPages != 3 {
		t.Errorf("--max-pages became %d, want 3 (URL and two pages)", o.MaxPages)
	}
	if co := o.crawlOptions(nil); !co.NoLinks || !slices.Equal(co.Pages, o.Pages) {
		t.Errorf("the crawl gets pages %q, no links %v; want the pages, and no link followed", co.Pages, co.NoLinks)
	}
	if co := parseScan(t, "scan", "https://www.example.org/", "--sitemap").crawlOptions(nil); !co.Sitemap || co.NoLinks {
		t.Errorf("--sitemap: the crawl gets sitemap %v, no links %v; want the sitemaps, and links followed", co.Sitemap, co.NoLinks)
	}
	if o := parseScan(t, "scan", "https://www.example.org/", "--urls", good, "--max-pages", "10"); o.MaxPages != 10 {
		t.Errorf("an explicit --max-pages 10 became %d", o.MaxPages)
	}

	for _, tc := range []struct {
		name, content string
		args          []string
		want          string
	}{
		{"missing", "", nil, "cannot read --urls " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{"empty", "# nothing\n\n", nil, "it lists no page"},
		{"relative", "https://www.example.org/a\n/b\n", nil, `urls.relative:2: page "/b" cannot be visited`},
		{"out of scope", "# x\nhttps://www.example.org/a\nhttps://www.other.org/\n", nil, `urls.out of scope:3: page "https://www.other.org/" cannot be visited: its host is outside the scan's scope (--scope domain: example.org)`},
		{"host scope", "https://blog.example.org/\n", []string{"--scope", "host"}, "(--scope host: www.example.org)"},
		{"excluded", "https://www.example.org/cart/\n", []string{"--exclude", "/cart"}, "cannot be visited: excluded"},
		{"ftp", "ftp://www.example.org/x\n", nil, "not an http or https URL"},
		{"sitemap too", "https://www.example.org/a\n", []string{"--sitemap"}, "--sitemap cannot be used with --urls"},
		{"too few pages", "https://www.example.org/a\nhttps://www.example.org/b\n", []string{"--max-pages", "2"}, "--max-pages 2 is less than the 3 pages to visit"},
	} {
		path := filepath.Join(dir, "missing")
		if tc.name != "missing" {
			path = writeFile(t, dir, "urls."+tc.name, tc.content)
		}
		var out, errOut bytes.Buffer
		args := append([]string{"scan", "https://www.example.org/", "--urls", path}, tc.args...)
		if code := run(context.Background(), args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errOut.String(), tc.want)
		}
	}
}
