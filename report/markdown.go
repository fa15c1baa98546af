package report

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// FormatMarkdown is GitHub-flavoured Markdown, for pull-request comments
// and $GITHUB_STEP_SUMMARY.
const FormatMarkdown = "markdown"

// MarkdownLimit is the most characters WriteMarkdown writes: GitHub refuses
// a comment body longer than 65,536 characters, so the report stays one
// below. It counts bytes, which are never fewer than the characters GitHub
// counts.
const MarkdownLimit = 65535

// markdownCell is the most characters of one site string in a table cell.
const markdownCell = 200

// WriteMarkdown writes rep as GitHub-flavoured Markdown: the gate's outcome
// and a summary line, the changes since the previous run (scan
// --history), the findings (those failing the gate first), the
// findings resolved since the baseline, warnings about the ignore file,
// and the cookies and the web storage entries in collapsed tables. Strings from the site are written
// as code spans (no markup, links or mentions take effect in them) and
// other free text with every ASCII punctuation character escaped; control
// characters are written as escapes, and a string is cut at 200
// characters. The whole stays within MarkdownLimit: rows that do not fit
// are left out, with a note saying how many.
func WriteMarkdown(w io.Writer, rep *Report) error {
	_, err := io.WriteString(w, markdown(rep, MarkdownLimit))
	return err
}

func markdown(rep *Report, limit int) string {
	s := statsOf(rep)
	var b strings.Builder
	fmt.Fprintf(&b, "## Cookie audit of %s\n\n", mdCode(rep.Target, false))

	switch outcome(rep, s) {
	case OutcomeFail:
		fmt.Fprintf(&b, "❌ **Gate failed:** %s", failText(s.failing))
		if rep.Gate != nil {
			fmt.Fprintf(&b, " (fail on %s, severity %s or more)", mdText(failOnText(rep.Gate.FailOn)), mdText(rep.Gate.MinSeverity))
		}
		b.WriteString(".\n\n")
	case OutcomeIncomplete:
		fmt.Fprintf(&b, "⚠️ **Scan incomplete:** no finding fails, but %s.\n\n", mdText(clip(incompleteText(rep), 2*markdownCell)))
	default:
		b.WriteString("✅ **Gate passed:** no finding fails.\n\n")
	}
	if rep.Partial && outcome(rep, s) != OutcomeIncomplete {
		b.WriteString("> [!WARNING]\n> The scan stopped before visiting every page: the report covers only the pages visited.\n\n")
	}
	if fs := ConsentFailures(rep); len(fs) > 0 && outcome(rep, s) != OutcomeIncomplete {
		var what []string
		for _, f := range fs {
			what = append(what, f.String())
		}
		fmt.Fprintf(&b, "> [!WARNING]\n> The scan is incomplete: %s.\n\n", mdText(clip(strings.Join(what, "; "), 2*markdownCell)))
	}

	fmt.Fprintf(&b, "%s (%d with errors) · %s (%d first-party, %d third-party) · %s: %s",
		english.Count(s.pages, "page"), s.pageErrors, english.Count(s.cookies, "cookie"), s.first, s.third,
		english.Count(s.findings, "finding"), mdText(s.kindSummary()))
	if s.ignored > 0 {
		fmt.Fprintf(&b, " · %d ignored", s.ignored)
	}
	if rep.Gate != nil && rep.Gate.Baseline != "" {
		fmt.Fprintf(&b, " · since the baseline: %d new, %d unchanged, %d resolved", s.newSince, s.unchanged, s.resolved)
	}
	b.WriteString("\n")
	if rep.Policy != "" {
		fmt.Fprintf(&b, "\nPolicy: %s\n", mdCode(rep.Policy, false))
	}
	if c := rep.Consent; c != nil {
		b.WriteString("\nConsent: " + mdText(failOnText(c.Phases)))
		if c.Banner == nil {
			b.WriteString("; no banner found")
		} else {
			b.WriteString("; banner " + mdCode(c.Banner.Platform, false))
			if c.Banner.Title != "" && !strings.EqualFold(c.Banner.Title, c.Banner.Platform) {
				b.WriteString(" (" + mdText(clip(c.Banner.Title, markdownCell)) + ")")
			}
			if c.Banner.Reject == nil {
				b.WriteString("; **no reject button** in its first layer")
			}
		}
		for _, a := range c.Actions {
			// Each choice says how it went; one not made, which leaves the
			// scan incomplete, in bold with its error.
			res := mdText(actionOutcome(a))
			if !a.Clicked {
				res = "**" + res + "**"
				if a.Error != "" {
					res += " (" + mdText(clip(a.Error, markdownCell)) + ")"
				}
			}
			fmt.Fprintf(&b, "; %s: %s %s", mdText(a.Phase), mdText(a.Action), res)
			if d := actionDetails(a); d != "" {
				b.WriteString(" — " + mdText(clip(d, 2*markdownCell)))
			}
		}
		b.WriteString("\n")
	}

	// Sections are written while they fit; once one is cut, the rest are
	// left out too, and one note says what is missing. The footer and
	// that note always fit.
	footer := markdownFooter(rep)
	reserve := len(footer) + 400
	var omitted []string
	section := func(header string, rows []string, closing, noun string) {
		if len(rows) == 0 {
			return
		}
		if omitted != nil || b.Len()+len(header)+len(rows[0])+len(closing)+reserve > limit {
			omitted = append(omitted, english.Count(len(rows), noun))
			return
		}
		b.WriteString(header)
		for i, row := range rows {
			if b.Len()+len(row)+len(closing)+reserve > limit {
				omitted = append(omitted, english.Count(len(rows)-i, "more "+noun))
				break
			}
			b.WriteString(row)
		}
		b.WriteString(closing)
	}

	header, rows := markdownChanges(rep)
	section(header, rows, "", "change")

	rows = nil
	for _, f := range sortedFindings(rep) {
		mark := ""
		if failing(rep, f) {
			mark = "❌"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s |\n", mark, mdText(f.Severity), mdText(f.Kind),
			mdSubject(f), mdCode(f.Domain, true), mdText(clip(findingMessage(f), 2*markdownCell)), mdText(clip(findingStatus(f), markdownCell))))
	}
	section("\n### Findings\n\n| | Severity | Kind | Cookie | Domain | Message | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n", rows, "", "finding")

	rows = nil
	if rep.Gate != nil {
		for _, f := range rep.Gate.Resolved {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s |\n", mdText(f.Kind), mdSubject(f), mdCode(f.Domain, true)))
		}
	}
	section("\n### Resolved since the baseline\n\n| Kind | Cookie | Domain |\n| --- | --- | --- |\n", rows, "", "resolved finding")

	rows = nil
	for _, msg := range rep.Gate.Warnings() {
		rows = append(rows, "- "+mdText(clip(msg, 2*markdownCell))+"\n")
	}
	section("\n### Ignore file\n\n", rows, "", "ignore-file warning")

	rows = nil
	for _, p := range rep.Pages {
		if p.Error != "" {
			rows = append(rows, fmt.Sprintf("- %s%s: %s\n", mdCode(p.URL, false), mdPhase(p.Phase), mdCode(p.Error, false)))
		}
	}
	section("\n### Page errors\n\n", rows, "", "page error")

	rows = nil
	for _, p := range rep.Pages {
		if p.Lost {
			rows = append(rows, fmt.Sprintf("- %s%s: %s\n", mdCode(p.URL, false), mdPhase(p.Phase), mdText(cmp.Or(p.LostReason, "not visited"))))
		}
	}
	section("\n### Pages not visited\n\n", rows, "", "page not visited")

	rows = nil
	for _, c := range rep.Cookies {
		declared := "no"
		if c.Declared {
			declared = "yes"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			mdCode(c.Name, true), mdCode(c.Domain, true), mdCode(c.Path, true), mdText(c.Party), mdText(categoryLabel(c)),
			declared, mdText(lifetime(c, rep.StartedAt)), mdText(c.SetBy), mdCode(c.FirstSeenOn, true)))
	}
	section(fmt.Sprintf("\n<details><summary>Cookies (%d)</summary>\n\n", len(rep.Cookies))+
		"| Name | Domain | Path | Party | Category | Declared | Lifetime | Set by | First seen on |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
		rows, "\n</details>\n", "cookie")

	rows = nil
	for _, it := range rep.Storage {
		declared := "no"
		if it.Declared {
			declared = "yes"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			mdText(it.Kind), mdCode(it.Origin, true), mdCode(it.Key, true), mdText(cmp.Or(it.Category, CategoryUnclassified)),
			declared, mdText(it.SetBy), mdCode(it.FirstSeenOn, true), mdText(cmp.Or(strings.Join(it.Phases, ", "), "—"))))
	}
	section(fmt.Sprintf("\n<details><summary>Web storage (%d)</summary>\n\n", len(rep.Storage))+
		"| Kind | Origin | Key | Category | Declared | Set by | First seen on | Phases |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
		rows, "\n</details>\n", "storage key")

	if omitted != nil {
		fmt.Fprintf(&b, "\n_Not shown, to stay within GitHub's %d-character limit: %s. The JSON and HTML reports have everything._\n",
			limit, strings.Join(omitted, ", "))
	}
	b.WriteString(footer)
	return b.String()
}

// markdownFooter names the tool and the scan's times.
func markdownFooter(rep *Report) string {
	parts := []string{mdText(rep.Tool.Name + " " + rep.Tool.Version)}
	if !rep.StartedAt.IsZero() {
		parts = append(parts, "started "+rep.StartedAt.UTC().Format(time.RFC3339))
	}
	if !rep.FinishedAt.IsZero() && rep.FinishedAt.After(rep.StartedAt) {
		parts = append(parts, "took "+rep.FinishedAt.Sub(rep.StartedAt).Round(time.Second).String())
	}
	if rep.Browser != "" {
		parts = append(parts, mdText(clip(sanitize(rep.Browser), markdownCell)))
	}
	return "\n<sub>" + strings.Join(parts, " · ") + "</sub>\n"
}

// mdSubject is the Cookie cell of a finding: the cookie name as code,
// "consent banner" as text for a finding about the banner, or the storage
// key as code and its kind of storage for a finding about web storage.
func mdSubject(f Finding) string {
	switch {
	case AboutBanner(f):
		return "_" + bannerSubject + "_"
	case AboutStorage(f):
		return mdCode(f.Cookie, true) + " (" + mdText(cmp.Or(f.Storage, "web storage")) + ")"
	}
	return mdCode(f.Cookie, true)
}

// failText is "1 finding fails" or "3 findings fail".
func failText(n int) string {
	if n == 1 {
		return "1 finding fails"
	}
	return english.Count(n, "finding") + " fail"
}

// failOnText is the kinds of a gate, "none" when empty.
func failOnText(kinds []string) string {
	if len(kinds) == 0 {
		return "none"
	}
	return strings.Join(kinds, ", ")
}

// mdCode writes a site string as a code span: nothing in it is markup, a
// link or a mention. The fence is one backtick longer than the longest run
// in s, and padded with spaces when s starts or ends with a backtick or a
// space (CommonMark strips one of each). In a table cell, "|" must still be
// escaped (GFM splits cells first); the backslash does not show. An empty
// string is written as an em dash.
func mdCode(s string, inTable bool) string {
	s = clip(sanitize(s), markdownCell)
	if s == "" {
		return "—"
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	return fence + s + fence
}

// mdText writes free text so that none of it is markup: control
// characters become escapes, and every ASCII punctuation character that
// can start markup in the middle of a line is escaped with a backslash
// ("<" cannot open HTML, "|" cannot end a table cell, "`" cannot open code,
// "[" cannot open a link, "*", "_" and "~" cannot emphasise, "$" cannot
// open GitHub's math, "&" cannot start an entity). The text is never
// written at the start of a line, where "#", "-" or "1." would matter.
func mdText(s string) string {
	s = sanitize(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("\\`*_[]<>|~&!{}$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdPhase is " (after-accept)": the consent phase a page was visited in, or
// nothing for a report that does not say.
func mdPhase(phase string) string {
	if phase == "" {
		return ""
	}
	return " (" + mdText(phase) + ")"
}
