package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// maxURLsFile bounds the size of a --urls file.
const maxURLsFile = 16 << 20

// loadURLs reads --urls FILE: one URL a line, blank lines and lines that
// start with # skipped. The scan then visits URL and exactly those pages,
// following no link. Without an explicit --max-pages, the limit becomes
// the number of pages; a smaller explicit one is an error, since pages
// asked for would not be visited. An entry that cannot be visited (not an
// absolute http(s) URL, outside the scope) is an error naming the file
// and its line.
func (o *scanOptions) loadURLs() error {
	if o.URLsFile == "" {
		return nil
	}
	if o.Sitemap {
		return fmt.Errorf("--sitemap cannot be used with --urls: --urls visits exactly the pages it lists")
	}
	b, err := os.ReadFile(o.URLsFile)
	if err != nil {
		return fmt.Errorf("cannot read --urls %s: %w", o.URLsFile, bareErr(err))
	}
	if len(b) > maxURLsFile {
		return fmt.Errorf("invalid --urls %s: larger than %d MiB", o.URLsFile, maxURLsFile>>20)
	}
	var pages []string
	var lines []int // the line of each page
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), maxURLsFile)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		pages = append(pages, l)
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("cannot read --urls %s: %w", o.URLsFile, err)
	}
	if len(pages) == 0 {
		return fmt.Errorf("invalid --urls %s: it lists no page (one URL a line; # starts a comment)", o.URLsFile)
	}
	co := o.crawlOptions(nil)
	co.Pages = pages
	checked, err := crawler.CheckPages(o.URL, co)
	var pe *crawler.PageListError
	if errors.As(err, &pe) {
		return fmt.Errorf("invalid --urls %s:%d: %w", o.URLsFile, lines[pe.Index], err)
	}
	if err != nil {
		return err
	}
	switch need := 1 + len(checked); {
	case !o.maxPagesSet:
		o.MaxPages = need
	case o.MaxPages < need:
		return fmt.Errorf("--max-pages %d is less than the %d pages to visit (URL and the %d of --urls %s): raise it, or leave it out", o.MaxPages, need, len(checked), o.URLsFile)
	}
	o.Pages = checked
	return nil
}
