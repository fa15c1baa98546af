package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// junitDoc is JUnit XML as a CI system reads it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, rep *Report) junitDoc {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	dec := xml.NewDecoder(&buf)
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	return doc
}

// TestJUnitParsesBack reads the JUnit report back and checks its counts
// and test cases: one per cookie, one per finding kind, failures exactly
// where findings fail the gate.
func TestJUnitParsesBack(t *testing.T) {
	t.Parallel()
	rep := audited(t)
	doc := parseJUnit(t, rep)
	if len(doc.Suites) != 2 {
		t.Fatalf("%d suites, want 2", len(doc.Suites))
	}
	cookies, kinds := doc.Suites[0], doc.Suites[1]
	if cookies.Name != "cookieaudit.cookies" || len(cookies.Cases) != len(rep.Cookies) || cookies.Tests != len(rep.Cookies) {
		t.Errorf("cookie suite %q has %d cases (tests=%d), want %d", cookies.Name, len(cookies.Cases), cookies.Tests, len(rep.Cookies))
	}
	// One case per kind; every consent choice was made, so none in error.
	if kinds.Name != "cookieaudit.findings" || len(kinds.Cases) != len(Kinds) {
		t.Errorf("kind suite %q has %d cases, want %d", kinds.Name, len(kinds.Cases), len(Kinds))
	}
	failed := map[string]string{}
	total := 0
	for _, s := range doc.Suites {
		n := 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				n++
				failed[c.Name] = c.Failure.Type
			}
		}
		if n != s.Failures {
			t.Errorf("suite %s: failures=%d but %d failing cases", s.Name, s.Failures, n)
		}
		total += n
	}
	if total != doc.Failures || doc.Tests != len(rep.Cookies)+len(Kinds) || doc.Errors != 0 {
		t.Errorf("testsuites tests=%d failures=%d errors=%d, want %d, %d and 0", doc.Tests, doc.Failures, doc.Errors, len(rep.Cookies)+len(Kinds), total)
	}
	// A failure's type is the rule id of its (first) failing finding, as
	// SARIF and the JSON report name it.
	want := map[string]string{
		"_ga (portal.test/)":  "cookie-before-consent",
		"IDE (tracker.test/)": "misclassified-cookie",
		"uid (social.test/)":  "undeclared-cookie",
		"undeclared":          "undeclared-cookie",
		"misclassified":       "misclassified-cookie",
		"before-consent":      "cookie-before-consent",
		"after-reject":        "cookie-after-reject",
		// Storage findings belong to their kind's case, never a cookie's.
		"storage-before-consent": "storage-before-consent",
		"storage-after-reject":   "storage-after-reject",
	}
	if len(failed) != len(want) {
		t.Errorf("failing cases %v, want %v", failed, want)
	}
	for name, typ := range want {
		if failed[name] != typ {
			t.Errorf("case %q: failure type %q, want %q", name, failed[name], typ)
		}
	}
	for _, c := range cookies.Cases {
		if c.Name == "csrftoken (www.portal.test/)" && !strings.Contains(c.SystemOut, "ignored: Django default") {
			t.Errorf("the ignored finding is not listed in system-out:\n%s", c.SystemOut)
		}
		if c.Name == "_ga (portal.test/)" && (c.Failure == nil || !strings.Contains(c.Failure.Text, "cookie-before-consent _ga") || !strings.Contains(c.Failure.Text, "cookie-after-reject _ga")) {
			t.Errorf("_ga failure does not list its findings: %+v", c.Failure)
		}
	}
}

func TestJUnitPartialAndHostile(t *testing.T) {
	t.Parallel()
	doc := parseJUnit(t, New(partial(t), Options{}))
	if doc.Errors != 1 {
		t.Errorf("partial scan: errors=%d, want 1", doc.Errors)
	}
	// Control characters, U+FFFE and "]]>" in site strings still give
	// well-formed XML.
	rep := hostileReport(t)
	rep.Cookies[1].Name = "bad\ufffe\x00]]>name"
	rep.Findings[1].Cookie = rep.Cookies[1].Name
	rep.Findings[1].Message = "msg ]]> \ufffe"
	doc = parseJUnit(t, rep)
	var out string
	for _, c := range doc.Suites[0].Cases {
		out += c.Name + c.SystemOut
		if c.Failure != nil {
			out += c.Failure.Text
		}
	}
	for _, want := range []string{`bad\ufffe\x00]]>name`, `<script>document.documentElement`} {
		if !strings.Contains(out, want) {
			t.Errorf("JUnit lacks %q", want)
		}
	}
}
