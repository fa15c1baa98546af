package report

import (
	"fmt"
	"strings"
)

// ChangesSincePrevious is what changed since the previous run of a
// scheduled check (scan --history): the Compare of the previous run's
// saved report with this one, kept in the report's "changes" field and
// shown by the table, Markdown and HTML writers: a Diff's Changes.
// Cookies carry no values here, whatever --show-values says (the report's
// cookies do), and findings no gate marks: those of the previous run are
// not this run's.
type ChangesSincePrevious struct {
	// Since is the previous run: its file name in the history directory,
	// when it started, and its counts.
	Since DiffSide `json:"since"`
	Changes
}

// ChangesSince compares prev, the report of the previous run saved as
// file, with cur, the report of this run, for cur.Changes.
func ChangesSince(file string, prev, cur *Report) *ChangesSincePrevious {
	d := Compare(file, prev, "", cur)
	ch := &ChangesSincePrevious{Since: d.Old, Changes: d.Changes}
	for _, cs := range [][]Cookie{ch.CookiesAdded, ch.CookiesRemoved} {
		for i := range cs {
			cs[i].Value = nil
		}
	}
	for _, fs := range [][]Finding{ch.FindingsAdded, ch.FindingsRemoved} {
		for i := range fs {
			fs[i].Baseline, fs[i].Ignored, fs[i].Fails = "", nil, false
		}
	}
	return ch
}

// changesTitle is "Changes since the previous run (FILE, DATE)", not
// escaped.
func changesTitle(ch *ChangesSincePrevious) string {
	what := ch.Since.Name
	if ch.Since.StartedAt != "" {
		what += ", " + ch.Since.StartedAt
	}
	return fmt.Sprintf("Changes since the previous run (%s)", what)
}

// changesCounts is "cookies: 1 added, 0 removed, 2 changed; findings: 0
// added, 1 removed", or "no change".
func changesCounts(ch *ChangesSincePrevious) string {
	if len(ch.CookiesAdded)+len(ch.CookiesRemoved)+len(ch.CookiesChanged)+len(ch.FindingsAdded)+len(ch.FindingsRemoved) == 0 {
		return "no change"
	}
	return fmt.Sprintf("cookies: %d added, %d removed, %d changed; findings: %d added, %d removed",
		len(ch.CookiesAdded), len(ch.CookiesRemoved), len(ch.CookiesChanged), len(ch.FindingsAdded), len(ch.FindingsRemoved))
}

// changeLine is one cookie or finding of the changes, for people, not
// escaped: a sign (+ added, - removed, ~ changed) and its verb, what it
// is, its name and where, and for a changed cookie what changed.
type changeLine struct {
	Sign, Verb, What, Name, Where, Detail string
}

var changeVerbs = map[string]string{"+": "added", "-": "removed", "~": "changed"}

// changeLines lists the cookies added, removed and changed, then the
// findings added and removed (by rule id and what they are about).
func changeLines(ch *ChangesSincePrevious) []changeLine {
	var out []changeLine
	cookie := func(sign string, c Cookie) changeLine {
		return changeLine{Sign: sign, Verb: changeVerbs[sign], What: "cookie", Name: c.Name, Where: c.Domain + c.Path}
	}
	for _, c := range ch.CookiesAdded {
		out = append(out, cookie("+", c))
	}
	for _, c := range ch.CookiesRemoved {
		out = append(out, cookie("-", c))
	}
	for _, c := range ch.CookiesChanged {
		var parts []string
		for _, fc := range c.Changes {
			parts = append(parts, fmt.Sprintf("%s %s → %s", fc.Field, fc.Old, fc.New))
		}
		out = append(out, changeLine{Sign: "~", Verb: changeVerbs["~"], What: "cookie", Name: c.Name, Where: c.Domain + c.Path,
			Detail: strings.Join(parts, "; ")})
	}
	finding := func(sign string, f Finding) changeLine {
		return changeLine{Sign: sign, Verb: changeVerbs[sign], What: "finding " + ruleID(f), Name: subject(f), Where: f.Domain + f.Path}
	}
	for _, f := range ch.FindingsAdded {
		out = append(out, finding("+", f))
	}
	for _, f := range ch.FindingsRemoved {
		out = append(out, finding("-", f))
	}
	return out
}

// writeChanges writes the table report's section on the changes since the
// previous run; nothing when there is no previous run.
func writeChanges(ew *errWriter, rep *Report, p painter) {
	ch := rep.Changes
	if ch == nil {
		return
	}
	ew.printf("\n%s\n", p.paint(ansiBold, sanitize(changesTitle(ch))+":"))
	ew.printf("  %s\n", changesCounts(ch))
	for _, l := range changeLines(ch) {
		ew.printf("  %s %s %s (%s)", l.Sign, sanitize(l.What), sanitize(l.Name), sanitize(l.Where))
		if l.Detail != "" {
			ew.printf(": %s", sanitize(l.Detail))
		}
		ew.printf("\n")
	}
}

// markdownChanges is the Markdown report's section on the changes since
// the previous run, as a heading and one list item per change; "" and nil
// when there is no previous run.
func markdownChanges(rep *Report) (string, []string) {
	ch := rep.Changes
	if ch == nil {
		return "", nil
	}
	what := mdCode(ch.Since.Name, false)
	if ch.Since.StartedAt != "" {
		what += ", " + mdText(ch.Since.StartedAt)
	}
	header := fmt.Sprintf("\n### Changes since the previous run (%s)\n\n%s\n\n", what, mdText(upperFirst(changesCounts(ch))))
	rows := []string{}
	for _, l := range changeLines(ch) {
		row := fmt.Sprintf("- %s %s %s (%s)", l.Verb, mdText(l.What), mdCode(l.Name, false), mdCode(l.Where, false))
		if l.Detail != "" {
			row += ": " + mdText(clip(l.Detail, 2*markdownCell))
		}
		rows = append(rows, row+"\n")
	}
	if len(rows) == 0 {
		// A section is written only with rows: the counts say it all.
		rows = append(rows, "")
	}
	return header, rows
}

// htmlChanges is the HTML report's section on the changes since the
// previous run. Every string is sanitized; html/template escapes it.
type htmlChanges struct {
	Title, Counts string
	Lines         []changeLine
}

func newHTMLChanges(rep *Report) *htmlChanges {
	ch := rep.Changes
	if ch == nil {
		return nil
	}
	hc := &htmlChanges{Title: htmlString(changesTitle(ch)), Counts: upperFirst(changesCounts(ch))}
	for _, l := range changeLines(ch) {
		hc.Lines = append(hc.Lines, changeLine{Sign: l.Sign, Verb: l.Verb, What: htmlString(l.What), Name: htmlString(l.Name),
			Where: htmlString(l.Where), Detail: htmlString(l.Detail)})
	}
	return hc
}

// upperFirst capitalises the first letter of s, which is ASCII.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
