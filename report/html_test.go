package report

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// htmlTags are the elements the HTML report is made of. An element of
// another name in a report can only come from site data.
var htmlTags = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "h1": true, "h2": true, "p": true, "span": true, "code": true, "main": true,
	"section": true, "div": true, "b": true, "small": true, "figure": true, "img": true,
	"figcaption": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true,
	"td": true, "button": true, "ul": true, "li": true, "label": true, "input": true,
	"select": true, "option": true, "details": true, "summary": true, "dl": true, "dt": true,
	"dd": true, "br": true, "footer": true, "script": true,
}

// htmlAttrs are the attributes the report uses.
var htmlAttrs = map[string]bool{
	"lang": true, "charset": true, "http-equiv": true, "content": true, "name": true,
	"class": true, "aria-label": true, "aria-live": true, "aria-sort": true, "id": true,
	"type": true, "placeholder": true, "value": true, "src": true, "alt": true,
	"data-party": true, "data-category": true, "data-findings": true, "data-key": true, "data-type": true,
}

// hostileMarkers are substrings of the hostile report's strings that
// none of the report's own attributes contain.
var hostileMarkers = []string{"pwned", "onerror", "javascript", "<", ">", "phish", "octocat", "svg"}

// walk calls fn for every node of the tree under n.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// checkNoInjection parses an HTML report of hostileReport as a browser
// would and fails on any element or attribute that site data could have
// made: every element is one the template writes, every attribute is one
// of the template's with a value free of site data, the only image is the
// valid screenshot as a data: URL, the only script and style are the
// report's own (and the CSP allows exactly them), and the hostile strings
// are all there as text.
func checkNoInjection(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, styles, imgs []*html.Node
	var csp string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if !htmlTags[n.Data] {
			t.Errorf("element <%s> is not one of the report's", n.Data)
		}
		for _, a := range n.Attr {
			if !htmlAttrs[a.Key] || a.Namespace != "" {
				t.Errorf("<%s> has attribute %q, not one of the report's", n.Data, a.Key)
			}
			if a.Key == "content" && n.Data == "meta" && strings.HasPrefix(a.Val, "default-src") {
				csp = a.Val
				continue
			}
			for _, m := range hostileMarkers {
				if strings.Contains(strings.ToLower(a.Val), m) {
					t.Errorf("<%s %s=%q> holds site data (%q)", n.Data, a.Key, a.Val, m)
				}
			}
		}
		switch n.Data {
		case "script":
			scripts = append(scripts, n)
		case "style":
			styles = append(styles, n)
		case "img":
			imgs = append(imgs, n)
		}
	})
	if len(scripts) != 1 || textOf(scripts[0]) != htmlScript {
		t.Errorf("%d scripts, want the report's own only", len(scripts))
	}
	if len(styles) != 1 || textOf(styles[0]) != htmlStyle {
		t.Errorf("%d styles, want the report's own only", len(styles))
	}
	for _, n := range []*html.Node{scripts[0], styles[0]} {
		if h := cspHash(textOf(n)); !strings.Contains(csp, "'"+h+"'") {
			t.Errorf("CSP %q does not allow the page's own <%s> (%s)", csp, n.Data, h)
		}
	}
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q is not strict", csp)
	}
	if len(imgs) != 1 {
		t.Errorf("%d images, want 1 (the valid PNG screenshot)", len(imgs))
	}
	for _, img := range imgs {
		for _, a := range img.Attr {
			if a.Key == "src" && !strings.HasPrefix(a.Val, "data:image/png;base64,iVBORw0KGgo") {
				t.Errorf("image source %.40q is not the PNG screenshot", a.Val)
			}
		}
	}
	text := textOf(doc)
	for _, want := range []string{
		`<script>document.documentElement.setAttribute("data-pwned","script")</script>`,
		`"><img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">`,
		`javascript:document.documentElement.setAttribute('data-pwned','url')`,
		"a|b`c` **bold** [link](https://phish.test/) <b>x</b> @octocat $x$ ::error::injected" + `\x0d\x0a::warning::x`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
}

func TestHTMLHostile(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, hostileReport(t)); err != nil {
		t.Fatal(err)
	}
	checkNoInjection(t, buf.String())
}

// TestHTMLSelfContained checks that the page refers to nothing outside
// itself: no URL attribute but the screenshot's data: URL, no @import or
// url() in the style.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, audited(t)); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			switch a.Key {
			case "href", "action", "formaction", "srcset", "poster", "data":
				t.Errorf("<%s %s=%q> refers outside the page", n.Data, a.Key, a.Val)
			case "src":
				if !strings.HasPrefix(a.Val, "data:") {
					t.Errorf("<%s src=%q> refers outside the page", n.Data, a.Val)
				}
			}
		}
	})
	for _, bad := range []string{"@import", "url(", "http://", "https://"} {
		if strings.Contains(htmlStyle, bad) {
			t.Errorf("the style contains %q", bad)
		}
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "fetch(", "XMLHttpRequest"} {
		if strings.Contains(htmlScript, bad) {
			t.Errorf("the script uses %s", bad)
		}
	}
}

// TestHTMLInChromium opens the hostile report in headless Chromium and
// checks that none of its payloads ran (each would set data-pwned on the
// root element), while the report's own script did (it fills the
// "Showing n of m" counter), so the CSP hash is right. Like every test
// that starts a browser, it is skipped with -short and fails in a full run
// without one (as make test runs it, in CI or not): a report that injects
// script must not pass for want of a browser.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium: skipped with -short")
	}
	if _, err := crawler.FindBrowser(""); err != nil {
		t.Fatalf("a full test run needs Chromium to open the report (go test -short skips this test): %v", err)
	}
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, hostileReport(t)); err != nil {
		t.Fatal(err)
	}
	page := buf.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r, err := crawler.Render(ctx, srv.URL+"/report.html", crawler.Options{Wait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(r.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var shown string
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			if strings.Contains(a.Key, "pwned") {
				t.Errorf("a payload ran: <%s %s=%q>", n.Data, a.Key, a.Val)
			}
			if a.Key == "id" && a.Val == "shown" {
				shown = textOf(n)
			}
		}
	})
	if shown != "Showing 2 of 2" {
		t.Errorf("the report's script did not run: counter %q, want %q", shown, "Showing 2 of 2")
	}
	// What the browser drew is still free of injected markup.
	checkNoInjection(t, r.HTML)
}
