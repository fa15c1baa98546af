package crawler

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpio "github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/network"
)

// Bounds of the sitemaps read for one scan.
const (
	maxSitemaps     = 50       // sitemap files, indexes included
	maxSitemapURLs  = 50000    // pages listed, in all
	maxSitemapBytes = 50 << 20 // one file, after gunzip (the protocol's limit)
)

// sitemapPages reads the site's sitemaps through the tab t, on its first
// page: those robots.txt names on its Sitemap lines, else /sitemap.xml;
// sitemap indexes are followed, gzip files read. It returns the in-scope
// pages they list, normalised, in their order, without repeats. What it
// could not read or had to skip is logged: a scan with --sitemap should
// say why it found fewer pages than the user expected.
func (c *crawler) sitemapPages(ctx context.Context, t *tab) []string {
	origin := (&url.URL{Scheme: c.start.Scheme, Host: c.start.Host}).String()
	log := c.opts.Logger.With("phase", BeforeConsent)
	fetch := func(u string) ([]byte, error) { return c.loadResource(ctx, t, u) }

	var queue []string
	if b, err := fetch(origin + "/robots.txt"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
				if u, err := url.Parse(strings.TrimSpace(v)); err == nil && u.IsAbs() {
					queue = append(queue, u.String())
				}
			}
		}
	}
	if len(queue) == 0 {
		queue = []string{origin + "/sitemap.xml"}
	}
	seenMap := map[string]bool{}
	seen := map[string]bool{c.start.String(): true}
	var pages []string
	skipped := 0
	for len(queue) > 0 && len(seenMap) < maxSitemaps && len(pages) < maxSitemapURLs && ctx.Err() == nil {
		sm := queue[0]
		queue = queue[1:]
		if seenMap[sm] {
			continue
		}
		seenMap[sm] = true
		b, err := fetch(sm)
		if err != nil {
			log.Warn("cannot read a sitemap", "sitemap", sm, "err", err)
			continue
		}
		locs, index, err := parseSitemap(b)
		if err != nil {
			log.Warn("cannot read a sitemap", "sitemap", sm, "err", err)
			continue
		}
		if index {
			queue = append(queue, locs...)
			continue
		}
		for _, l := range locs {
			u, err := normalizeURL(l)
			if err != nil {
				skipped++
				continue
			}
			if ok, _ := c.scope.allows(u); !ok {
				skipped++
				continue
			}
			if s := u.String(); !seen[s] && len(pages) < maxSitemapURLs {
				seen[s] = true
				pages = append(pages, s)
			}
		}
	}
	if skipped > 0 {
		log.Warn("sitemap entries outside the scan's scope were skipped", "skipped", skipped)
	}
	if len(seenMap) == 0 || (len(pages) == 0 && skipped == 0) {
		log.Warn("the sitemaps list no page", "sitemaps", len(seenMap))
	}
	if planned := 1 + len(pages); planned > c.opts.MaxPages {
		log.Warn("the sitemaps list more pages than --max-pages allows: the first ones are visited", "listed", len(pages), "maxPages", c.opts.MaxPages)
	}
	log.Debug("sitemaps read", "sitemaps", len(seenMap), "pages", len(pages))
	return pages
}

// parseSitemap reads a sitemap (urlset) or a sitemap index
// (sitemapindex), gzip-compressed or not, and returns its locations.
func parseSitemap(b []byte) (locs []string, index bool, err error) {
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, false, fmt.Errorf("gzip: %w", err)
		}
		if b, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes+1)); err != nil {
			return nil, false, fmt.Errorf("gzip: %w", err)
		}
		if len(b) > maxSitemapBytes {
			return nil, false, fmt.Errorf("larger than %d MiB", maxSitemapBytes>>20)
		}
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, false, fmt.Errorf("not a sitemap: %w", err)
	}
	switch doc.XMLName.Local {
	case "urlset":
		for _, u := range doc.URLs {
			if l := strings.TrimSpace(u.Loc); l != "" {
				locs = append(locs, l)
			}
		}
		return locs, false, nil
	case "sitemapindex":
		for _, s := range doc.Sitemaps {
			if l := strings.TrimSpace(s.Loc); l != "" {
				locs = append(locs, l)
			}
		}
		return locs, true, nil
	}
	return nil, false, fmt.Errorf("not a sitemap: the document is <%s>, want <urlset> or <sitemapindex>", doc.XMLName.Local)
}

// loadResource fetches u with the browser's own network stack from the
// tab's top frame (Network.loadNetworkResource): the same host rules,
// proxy, certificates and cookies as the pages, and no CORS. An HTTP
// status of 400 or more is an error.
func (c *crawler) loadResource(ctx context.Context, t *tab, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, max(c.opts.PageTimeout, 10*time.Second))
	defer cancel()
	var res network.LoadNetworkResourceResult
	err := c.s.tap.call(ctx, t.sess, network.LoadNetworkResource.Method, network.LoadNetworkResourceParams{
		FrameID: cdp.FrameID(t.id), URL: u,
		Options: &network.LoadNetworkResourceOptions{IncludeCredentials: true},
	}, &res)
	switch {
	case err != nil:
		return nil, err
	case res.Resource == nil:
		return nil, errors.New("no answer")
	}
	r := res.Resource
	if r.Stream != "" {
		defer func() { _ = c.s.tap.call(ctx, t.sess, cdpio.Close.Method, cdpio.CloseParams{Handle: r.Stream}, nil) }()
	}
	switch {
	case r.HTTPStatusCode >= 400:
		return nil, fmt.Errorf("HTTP status %d", int(r.HTTPStatusCode))
	case !r.Success:
		return nil, errors.New(cmp.Or(r.NetErrorName, "the request failed"))
	}
	var buf bytes.Buffer
	for {
		var rd cdpio.ReadResult
		if err := c.s.tap.call(ctx, t.sess, cdpio.Read.Method, cdpio.ReadParams{Handle: r.Stream, Size: 1 << 20}, &rd); err != nil {
			return nil, err
		}
		buf.Write(rd.Data)
		if buf.Len() > maxSitemapBytes {
			return nil, fmt.Errorf("larger than %d MiB", maxSitemapBytes>>20)
		}
		if rd.EOF {
			return buf.Bytes(), nil
		}
	}
}
