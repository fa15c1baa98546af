package crawler

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
)

// TestParseSitemap reads the sitemap protocol's two documents, plain and
// gzip-compressed, and refuses what is not one.
func TestParseSitemap(t *testing.T) {
	const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://www.example.org/a </loc><priority>0.8</priority></url>
  <url><loc></loc></url>
  <url><loc>https://www.example.org/b?x=1&amp;y=2</loc></url>
</urlset>`
	const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.org/s1.xml</loc></sitemap>
  <sitemap><loc>https://www.example.org/s2.xml.gz</loc><lastmod>2026-01-01</lastmod></sitemap>
</sitemapindex>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(urlset))
	_ = zw.Close()

	for _, tc := range []struct {
		name  string
		doc   []byte
		locs  []string
		index bool
		err   string
	}{
		{"urlset", []byte(urlset), []string{"https://www.example.org/a", "https://www.example.org/b?x=1&y=2"}, false, ""},
		{"gzip", gz.Bytes(), []string{"https://www.example.org/a", "https://www.example.org/b?x=1&y=2"}, false, ""},
		{"index", []byte(index), []string{"https://www.example.org/s1.xml", "https://www.example.org/s2.xml.gz"}, true, ""},
		{"html", []byte("<html><body>Not found</body></html>"), nil, false, "the document is <html>"},
		{"text", []byte("User-agent: *\n"), nil, false, "not a sitemap"},
		{"bad gzip", []byte{0x1f, 0x8b, 0x08, 0x00, 0x01}, nil, false, "gzip"},
	} {
		locs, idx, err := parseSitemap(tc.doc)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err %v, want one saying %q", tc.name, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !slices.Equal(locs, tc.locs) || idx != tc.index:
			t.Errorf("%s: locations %q (index %v), want %q (index %v)", tc.name, locs, idx, tc.locs, tc.index)
		}
	}
}
