package report

import (
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteTable writes rep for people: one row per cookie (name, domain,
// party, lifetime, how it was set, the first page that saw it), a one-line
// summary, and the pages that failed. Every site-controlled string is
// passed through sanitize first, so a cookie name holding an escape
// sequence cannot colour or rewrite the terminal. The output has no colour
// and a stable column order, whatever the output is.
func WriteTable(w io.Writer, rep *Report) error {
	ew := &errWriter{w: w}
	if rep.Partial {
		ew.printf("Scan incomplete: the report covers only the pages visited before it stopped.\n\n")
	}
	if len(rep.Cookies) == 0 {
		ew.printf("No cookies were set.\n")
	} else {
		t := tablewriter.NewTable(ew,
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
				Symbols: tw.NewSymbols(tw.StyleASCII),
			})),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		)
		t.Header("Name", "Domain", "Party", "Lifetime", "Set by", "First seen on")
		for _, c := range rep.Cookies {
			if err := t.Append([]string{
				sanitize(c.Name),
				sanitize(c.Domain),
				sanitize(c.Party),
				lifetime(c, rep.StartedAt),
				sanitize(c.SetBy),
				sanitize(c.FirstSeenOn),
			}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	ew.printf("%s\n", summary(rep))
	var failed []Page
	for _, p := range rep.Pages {
		if p.Error != "" {
			failed = append(failed, p)
		}
	}
	if len(failed) > 0 {
		ew.printf("\nPage errors:\n")
		for _, p := range failed {
			ew.printf("  %s: %s\n", sanitize(p.URL), sanitize(p.Error))
		}
	}
	return ew.err
}

// summary is the line under the table, e.g.
// "12 pages, 30 cookies (18 first-party, 12 third-party), 1 page error".
func summary(rep *Report) string {
	var first, third, errs int
	for _, c := range rep.Cookies {
		switch c.Party {
		case "first":
			first++
		case "third":
			third++
		}
	}
	for _, p := range rep.Pages {
		if p.Error != "" {
			errs++
		}
	}
	return fmt.Sprintf("%s, %s (%d first-party, %d third-party), %s",
		plural(len(rep.Pages), "page"), plural(len(rep.Cookies), "cookie"),
		first, third, plural(errs, "page error"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// errWriter keeps the first write error so the writer can print line by
// line and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) Write(p []byte) (int, error) {
	if ew.err != nil {
		return 0, ew.err
	}
	n, err := ew.w.Write(p)
	ew.err = err
	return n, err
}

func (ew *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(ew, format, args...)
}
