package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteTable writes rep for people: one row per cookie (name, domain,
// party, category, lifetime, how it was set, the first page that saw it),
// a one-line summary, the findings grouped by kind with a line counting
// them by kind, and the pages that failed. Every site-controlled string is
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
		t.Header("Name", "Domain", "Party", "Category", "Lifetime", "Set by", "First seen on")
		for _, c := range rep.Cookies {
			category := sanitize(c.Category)
			if rep.Policy != "" && !c.Declared {
				category += " (undeclared)"
			}
			if err := t.Append([]string{
				sanitize(c.Name),
				sanitize(c.Domain),
				sanitize(c.Party),
				category,
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
	writeFindings(ew, rep)
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

// writeFindings lists the findings grouped by kind, in the order the kinds
// first appear (the classifier sorts them), each with its severity, cookie,
// message and evidence, then a line counting them by kind:
// "Findings: 2 undeclared, 1 misclassified". A report compared with a
// policy and without findings says so; one without a policy and findings
// says nothing.
func writeFindings(ew *errWriter, rep *Report) {
	if len(rep.Findings) == 0 {
		if rep.Policy != "" {
			ew.printf("\nNo findings: every cookie seen is declared as the policy says.\n")
		}
		return
	}
	var kinds []string
	byKind := map[string][]Finding{}
	for _, f := range rep.Findings {
		if _, ok := byKind[f.Kind]; !ok {
			kinds = append(kinds, f.Kind)
		}
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	var counts []string
	for _, k := range kinds {
		fs := byKind[k]
		counts = append(counts, fmt.Sprintf("%d %s", len(fs), sanitize(k)))
		ew.printf("\n%s (%d):\n", sanitize(k), len(fs))
		for _, f := range fs {
			where := sanitize(f.Domain + f.Path)
			if where != "" {
				where = " (" + where + ")"
			}
			ew.printf("  %-6s %s%s: %s\n", sanitize(f.Severity), sanitize(f.Cookie), where, sanitize(f.Message))
			if f.Evidence != "" {
				ew.printf("         evidence: %s\n", sanitize(f.Evidence))
			}
		}
	}
	ew.printf("\nFindings: %s\n", strings.Join(counts, ", "))
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
