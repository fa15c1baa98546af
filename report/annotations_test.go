package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestEscapeWorkflowCommand(t *testing.T) {
	t.Parallel()
	if got, want := escapeData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

// TestAnnotationsOneLineEach checks that every finding is one command line
// whatever its strings hold: no site string can start a command of its own.
func TestAnnotationsOneLineEach(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	rep := hostileReport(t)
	if err := WriteAnnotations(&buf, rep); err != nil {
		t.Fatal(err)
	}
	// An error for each finding that fails the gate, a warning for each
	// other one that is neither ignored nor informational.
	var annotated int
	for _, f := range rep.Findings {
		if failing(rep, f) || (f.Ignored == nil && f.Severity != SeverityInfo) {
			annotated++
		}
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if annotated < 2 || len(lines) != annotated {
		t.Fatalf("%d lines for %d annotated findings:\n%s", len(lines), annotated, buf.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
			t.Errorf("line is not an annotation: %s", l)
		}
		// The properties end at the first "::"; none of them holds one.
		props := l[strings.Index(l, " ")+1 : strings.Index(l[2:], "::")+2]
		if strings.ContainsAny(props, "\r\n") || strings.Count(props, "title=") != 1 {
			t.Errorf("properties %q", props)
		}
	}
}

func TestAnnotationsLimit(t *testing.T) {
	t.Parallel()
	rep := gateReport(nil)
	rep.Policy = "https://www.example.org/cookie-policy"
	for i := range 25 {
		rep.Findings = append(rep.Findings,
			Finding{Kind: KindUndeclared, Cookie: fmt.Sprintf("e%d", i), Severity: SeverityHigh},
			Finding{Kind: KindUndeclared, Cookie: fmt.Sprintf("w%d", i), Severity: SeverityLow},
			Finding{Kind: KindNotObserved, Cookie: fmt.Sprintf("i%d", i), Severity: SeverityInfo},
		)
	}
	ApplyGate(rep, GateOptions{MinSeverity: SeverityMedium})
	var buf bytes.Buffer
	if err := WriteAnnotations(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "::error "); n != MaxAnnotations {
		t.Errorf("%d errors, want %d", n, MaxAnnotations)
	}
	if n := strings.Count(out, "::warning "); n != MaxAnnotations {
		t.Errorf("%d warnings, want %d", n, MaxAnnotations)
	}
	if !strings.Contains(out, "::notice title=cookieaudit::15 more errors and 15 more warnings not annotated") {
		t.Errorf("no summary notice:\n%s", out)
	}
	if strings.Contains(out, "file=") {
		t.Error("annotation points at a URL policy as a file")
	}
}
