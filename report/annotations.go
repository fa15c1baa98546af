package report

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/english"
)

// MaxAnnotations is how many annotations of each level GitHub shows for one
// step; more are dropped silently, so WriteAnnotations writes at most this
// many errors and as many warnings, then one notice with the rest's count.
const MaxAnnotations = 10

// WriteAnnotations writes rep's findings as GitHub Actions workflow
// commands, which the runner turns into annotations on the run and the
// pull request: "::error" for a finding that fails the gate, "::warning"
// for one that does not (ignored findings and informational ones are left
// out). When the policy is a file, annotations point at its declaration
// line. Values are escaped as GitHub's toolkit does (%, CR and LF in the
// message; also ":" and "," in properties), after control characters are
// written as escapes, so a cookie name cannot end the command and start
// another.
func WriteAnnotations(w io.Writer, rep *Report) error {
	ew := &errWriter{w: w}
	file := annotationFile(rep.Policy)
	var moreErrors, moreWarnings, errs, warns int
	for _, f := range sortedFindings(rep) {
		level := "warning"
		switch {
		case failing(rep, f):
			level = "error"
		case f.Ignored != nil, f.Severity == SeverityInfo:
			continue
		}
		if level == "error" {
			if errs++; errs > MaxAnnotations {
				moreErrors++
				continue
			}
		} else {
			if warns++; warns > MaxAnnotations {
				moreWarnings++
				continue
			}
		}
		var props []string
		if file != "" {
			line := max(f.PolicyLine, 1)
			props = append(props, "file="+escapeProperty(file), fmt.Sprintf("line=%d", line))
		}
		title := "cookieaudit " + sanitize(ruleID(f)) + ": " + clip(sanitize(subject(f)), 100)
		props = append(props, "title="+escapeProperty(title))
		msg := sanitize(findingMessage(f))
		if f.Evidence != "" {
			msg += " (evidence: " + sanitize(f.Evidence) + ")"
		}
		if note := findingStatus(f); note != "" {
			msg += " [" + sanitize(note) + "]"
		}
		ew.printf("::%s %s::%s\n", level, strings.Join(props, ","), escapeData(clip(msg, 1000)))
	}
	if moreErrors+moreWarnings > 0 {
		ew.printf("::notice title=%s::%s\n", escapeProperty("cookieaudit"), escapeData(fmt.Sprintf(
			"%s and %s not annotated: GitHub shows %d of each per step. See the report for all findings.",
			english.Count(moreErrors, "more error"), english.Count(moreWarnings, "more warning"), MaxAnnotations)))
	}
	return ew.err
}

// annotationFile is the policy as a file path for an annotation, or ""
// when the policy is a URL (annotations point at repository files).
func annotationFile(policy string) string {
	if u, err := url.Parse(policy); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		return ""
	}
	return strings.TrimPrefix(strings.ReplaceAll(policy, `\`, "/"), "./")
}

// escapeData escapes a workflow command's message as GitHub's toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as GitHub's
// toolkit does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
