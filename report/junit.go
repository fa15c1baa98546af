package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// FormatJUnit is JUnit XML, for CI test reports (GitLab, Jenkins).
const FormatJUnit = "junit"

// The JUnit XML elements written: the common subset that GitLab, Jenkins
// and the Ant schema they follow agree on.
type (
	junitTestSuites struct {
		XMLName  xml.Name         `xml:"testsuites"`
		Name     string           `xml:"name,attr"`
		Tests    int              `xml:"tests,attr"`
		Failures int              `xml:"failures,attr"`
		Errors   int              `xml:"errors,attr"`
		Skipped  int              `xml:"skipped,attr"`
		Time     string           `xml:"time,attr"`
		Suites   []junitTestSuite `xml:"testsuite"`
	}
	junitTestSuite struct {
		Name       string           `xml:"name,attr"`
		Tests      int              `xml:"tests,attr"`
		Failures   int              `xml:"failures,attr"`
		Errors     int              `xml:"errors,attr"`
		Skipped    int              `xml:"skipped,attr"`
		Time       string           `xml:"time,attr"`
		Timestamp  string           `xml:"timestamp,attr,omitempty"`
		Properties *junitProperties `xml:"properties,omitempty"`
		Cases      []junitTestCase  `xml:"testcase"`
	}
	junitProperties struct {
		Property []junitProperty `xml:"property"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitTestCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		SystemOut *junitText    `xml:"system-out,omitempty"`
	}
	// junitProblem and junitText keep their text in CDATA, so that its
	// lines stay lines for people reading the file.
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
	junitText struct {
		Text string `xml:",cdata"`
	}
)

// WriteJUnit writes rep as JUnit XML with two test suites:
// "cookieaudit.cookies", one test case per audited cookie, which fails when
// a finding about the cookie fails the gate; and "cookieaudit.findings", one
// test case per finding kind (every kind, so the set of tests is stable),
// which fails when a finding of its kind fails the gate. A failure's type
// is the rule id of its (first) finding, and its text lists the findings
// by rule id; findings that do not fail (ignored, unchanged since
// the baseline, below the threshold, informational) are listed in the test
// case's system-out. A partial scan adds a "scan completed" test case in
// error, and each consent choice that could not be made (ConsentFailures)
// a "consent choice made (PHASE)" test case in error. Findings about the
// consent banner or about web storage belong to their kind's test case,
// never to a cookie's.
// Site strings are written with control characters escaped, as in the
// table.
func WriteJUnit(w io.Writer, rep *Report) error {
	duration := "0"
	if !rep.FinishedAt.IsZero() && rep.FinishedAt.After(rep.StartedAt) {
		duration = fmt.Sprintf("%.3f", rep.FinishedAt.Sub(rep.StartedAt).Seconds())
	}
	stamp := ""
	if !rep.StartedAt.IsZero() {
		stamp = rep.StartedAt.UTC().Format("2006-01-02T15:04:05")
	}
	props := []junitProperty{
		{"target", sanitize(rep.Target)},
		{"tool", rep.Tool.Name + " " + rep.Tool.Version},
		{"pages", fmt.Sprint(statsOf(rep).pages)}, // the site's pages visited, not every phase's
		{"partial", fmt.Sprint(rep.Partial)},
	}
	if rep.Policy != "" {
		props = append(props, junitProperty{"policy", sanitize(rep.Policy)})
	}

	cookies := junitTestSuite{Name: "cookieaudit.cookies", Time: duration, Timestamp: stamp, Properties: &junitProperties{props}}
	used := make([]bool, len(rep.Findings))
	for _, c := range rep.Cookies {
		var fails, others []Finding
		for i, f := range rep.Findings {
			if !aboutCookie(f, c) {
				continue
			}
			used[i] = true
			if failing(rep, f) {
				fails = append(fails, f)
			} else {
				others = append(others, f)
			}
		}
		tc := junitTestCase{
			Name:      sanitize(c.Name) + " (" + sanitize(c.Domain+c.Path) + ")",
			Classname: "cookieaudit.cookies." + partyName(c.Party),
			Time:      "0",
			SystemOut: junitOut(junitCookieOut(rep, c) + junitFindingList("Findings that do not fail the gate:", others)),
		}
		if len(fails) > 0 {
			tc.Failure = &junitProblem{
				Message: junitSummary(fails),
				Type:    sanitize(ruleID(fails[0])),
				Text:    xmlChars(junitFindingList("", fails)),
			}
			cookies.Failures++
		}
		cookies.Cases = append(cookies.Cases, tc)
	}
	cookies.Tests = len(cookies.Cases)

	kinds := junitTestSuite{Name: "cookieaudit.findings", Time: "0", Timestamp: stamp}
	for _, k := range kindsOf(rep.Findings) {
		var fails, others []Finding
		for _, f := range rep.Findings {
			if f.Kind != k {
				continue
			}
			if failing(rep, f) {
				fails = append(fails, f)
			} else {
				others = append(others, f)
			}
		}
		tc := junitTestCase{
			Name:      k,
			Classname: "cookieaudit.findings",
			Time:      "0",
			SystemOut: junitOut(junitFindingList("Findings that do not fail the gate:", others)),
		}
		if len(fails) > 0 {
			tc.Failure = &junitProblem{
				Message: fmt.Sprintf("%s: %s", kindInfo(k).Title, english.Count(len(fails), "finding")),
				Type:    sanitize(ruleID(Finding{Kind: k})),
				Text:    xmlChars(junitFindingList("", fails)),
			}
			kinds.Failures++
		}
		kinds.Cases = append(kinds.Cases, tc)
	}
	for _, f := range ConsentFailures(rep) {
		kinds.Cases = append(kinds.Cases, junitTestCase{
			Name:      "consent choice made (" + sanitize(f.Phase) + ")",
			Classname: "cookieaudit.scan",
			Time:      "0",
			Error: &junitProblem{
				Message: xmlChars(sanitize(f.String())),
				Type:    "incomplete",
				Text:    xmlChars(sanitize("The " + f.Phase + " phase visited the site without the choice made: its cookies are not those of a visitor who chose to " + f.Action + ", so the scan cannot vouch for the site.")),
			},
		})
		kinds.Errors++
	}
	if rep.Partial {
		kinds.Cases = append(kinds.Cases, junitTestCase{
			Name:      "scan completed",
			Classname: "cookieaudit.scan",
			Time:      "0",
			Error: &junitProblem{
				Message: "the scan stopped before visiting every page",
				Type:    "incomplete",
				Text:    fmt.Sprintf("The report covers only the %s visited before the scan stopped; it cannot vouch for the site.", english.Count(statsOf(rep).pages, "page")),
			},
		})
		kinds.Errors++
	}
	kinds.Tests = len(kinds.Cases)

	doc := junitTestSuites{
		Name:     "cookieaudit",
		Time:     duration,
		Suites:   []junitTestSuite{cookies, kinds},
		Tests:    cookies.Tests + kinds.Tests,
		Failures: cookies.Failures + kinds.Failures,
		Errors:   cookies.Errors + kinds.Errors,
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitOut is a system-out element, nil for no text.
func junitOut(s string) *junitText {
	if s == "" {
		return nil
	}
	return &junitText{xmlChars(s)}
}

// xmlChars writes the characters XML 1.0 forbids (U+FFFE, U+FFFF, lone
// surrogates; sanitize has already escaped the control characters) as
// escapes: CDATA sections cannot escape anything, and one such character
// makes the whole file unreadable for a CI system.
func xmlChars(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd) || (r >= 0x10000 && r <= 0x10ffff) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// partyName is "first-party", "third-party", or "unknown-party".
func partyName(p string) string {
	if p == "first" || p == "third" {
		return p + "-party"
	}
	return "unknown-party"
}

// junitCookieOut is the evidence of a cookie, for its test case.
func junitCookieOut(rep *Report, c Cookie) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cookie %s, domain %s, path %s, %s party\n", sanitize(c.Name), sanitize(c.Domain), sanitize(c.Path), sanitize(c.Party))
	fmt.Fprintf(&b, "Lifetime: %s\n", lifetime(c, rep.StartedAt))
	fmt.Fprintf(&b, "Category: %s (declared: %v)\n", sanitize(c.Category), c.Declared)
	fmt.Fprintf(&b, "Set by %s: %s\n", sanitize(c.SetBy), sanitize(c.Source))
	fmt.Fprintf(&b, "First seen on: %s\n", sanitize(c.FirstSeenOn))
	if c.FrameURL != "" && c.FrameURL != c.FirstSeenOn {
		fmt.Fprintf(&b, "Frame: %s\n", sanitize(c.FrameURL))
	}
	if len(c.Phases) > 0 {
		fmt.Fprintf(&b, "Phases: %s\n", sanitize(strings.Join(c.Phases, ", ")))
	}
	return b.String()
}

// junitSummary is a failure message: the rule id and the message of one
// finding ("undeclared-cookie: _ga is set but the policy does not declare
// it; …"), the number of findings for several.
func junitSummary(fs []Finding) string {
	if len(fs) == 1 {
		return sanitize(ruleID(fs[0])) + ": " + sanitize(findingMessage(fs[0]))
	}
	return fmt.Sprintf("%s fail the gate", english.Count(len(fs), "finding"))
}

// junitFindingList lists findings one per line, under a heading.
func junitFindingList(heading string, fs []Finding) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	if heading != "" {
		b.WriteString(heading + "\n")
	}
	for _, f := range fs {
		fmt.Fprintf(&b, "- [%s] %s %s (%s): %s", sanitize(f.Severity), sanitize(ruleID(f)), sanitize(subject(f)), sanitize(f.Domain), sanitize(findingMessage(f)))
		if note := findingStatus(f); note != "" {
			fmt.Fprintf(&b, " [%s]", sanitize(note))
		}
		b.WriteString("\n")
		if f.Evidence != "" {
			fmt.Fprintf(&b, "  evidence: %s\n", sanitize(f.Evidence))
		}
	}
	return b.String()
}

// findingMessage is the finding's message, or its kind's title (and
// cookie) when the classifier gave none.
func findingMessage(f Finding) string {
	if f.Message != "" {
		return f.Message
	}
	if AboutBanner(f) || f.Cookie == "" {
		return kindInfo(f.Kind).Title
	}
	return kindInfo(f.Kind).Title + ": " + f.Cookie
}

// findingStatus says why a finding does or does not fail, for people:
// "ignored: <reason>", "unchanged since the baseline", "new", "".
func findingStatus(f Finding) string {
	var parts []string
	if f.Ignored != nil {
		s := "ignored: " + f.Ignored.Reason
		if f.Ignored.Expires != "" {
			s += " (until " + f.Ignored.Expires + ")"
		}
		parts = append(parts, s)
	}
	switch f.Baseline {
	case BaselineUnchanged:
		parts = append(parts, "unchanged since the baseline")
	case BaselineNew:
		parts = append(parts, "new since the baseline")
	}
	return strings.Join(parts, "; ")
}
