package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// bigResult is a scan of a site with many cookies: 50 pages and 1,000
// cookies, the size of a large news site.
func bigResult(b *testing.B) *crawler.Result {
	res := portal(b)
	base := res.Cookies
	res.Cookies = nil
	for i := range 1000 {
		c := base[i%len(base)]
		c.Name = fmt.Sprintf("%s_%d", c.Name, i)
		res.Cookies = append(res.Cookies, c)
	}
	for i := range 46 {
		res.Pages = append(res.Pages, crawler.Page{URL: fmt.Sprintf("https://www.portal.test/p/%d", i), Depth: 2, Status: 200})
	}
	return res
}

func BenchmarkWrite(b *testing.B) {
	res := bigResult(b)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, New(res, Options{}), format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
