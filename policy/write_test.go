package policy

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignorePositions leaves out what only a policy file has: where each
// declaration is in it.
var ignorePositions = cmpopts.IgnoreFields(Source{}, "File", "Line", "Column")

// TestWriteYAMLRoundTrip writes every policy of testdata as YAML and reads
// it back: the declarations must be the same, the page's wording included.
func TestWriteYAMLRoundTrip(t *testing.T) {
	t.Parallel()
	for _, file := range []string{
		"portal-cookies-policy.html", "onetrust.html", "cookiebot.html", "cookieyes.html", "fr.html",
		"de.html", "es.html", "it.html", "messy.html", "cookiebot-script.html", "onetrust-embedded.html",
		"onetrust-domain.json", "policy.yaml", "policy.json",
	} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			p, err := Load(file, readTestdata(t, file), ExtractOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, write := range []struct {
				name string
				f    func(*bytes.Buffer, *Policy) error
				out  string
			}{
				{"yaml", func(b *bytes.Buffer, p *Policy) error { return WriteYAML(b, p) }, "out.yaml"},
				{"json", func(b *bytes.Buffer, p *Policy) error { return WriteJSON(b, p) }, "out.json"},
			} {
				var buf bytes.Buffer
				if err := write.f(&buf, p); err != nil {
					t.Fatal(err)
				}
				back, err := Parse(write.out, buf.Bytes())
				if err != nil {
					t.Fatalf("%s output does not parse: %v\n%s", write.name, err, buf.String())
				}
				if diff := cmp.Diff(p.Cookies, back.Cookies, ignorePositions); diff != "" {
					t.Errorf("%s round trip (-written +read back):\n%s", write.name, diff)
				}
				if back.Site != p.Site {
					t.Errorf("%s round trip: Site = %q, want %q", write.name, back.Site, p.Site)
				}
			}
		})
	}
}

func TestWriteYAML(t *testing.T) {
	t.Parallel()
	p, err := ExtractHTML("https://data.portal.example/cookies", []byte(`<h2>Necessary cookies</h2>
		<table><tr><th>Cookie</th><th>Purpose</th><th>Duration</th></tr>
		<tr><td>sessionid</td><td>Keeps you signed in: "always"</td><td>Session</td></tr>
		<tr><td>_ga_#</td><td>yes</td><td>13 mois</td></tr>
		<tr><td>x</td><td>null</td><td>until
		logout</td></tr></table>`), ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteYAML(&buf, p); err != nil {
		t.Fatal(err)
	}
	want := `# Cookie policy read from https://data.portal.example/cookies.
# Review every entry before using this file as the declared policy.
# warning: table 1: x: duration "until logout" not understood; kept as text
site: data.portal.example
cookies:
- name: sessionid
  category: necessary
  duration: session
  purpose: "Keeps you signed in: \"always\""
  source:
    page: https://data.portal.example/cookies
    heading: Necessary cookies
    table: 1
    layout: table
    category: Necessary cookies
    duration: Session
- name: "_ga_#"
  category: necessary
  duration: 13mo
  purpose: "yes"
  source:
    page: https://data.portal.example/cookies
    heading: Necessary cookies
    table: 1
    layout: table
    category: Necessary cookies
    duration: 13 mois
- name: x
  category: necessary
  purpose: "null"
  source:
    page: https://data.portal.example/cookies
    heading: Necessary cookies
    table: 1
    layout: table
    category: Necessary cookies
    duration: until logout
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteYAML() (-want +got):\n%s", diff)
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	p, err := Parse("policy.yaml", []byte("cookies:\n  - name: sessionid\n    category: strictly necessary\n    duration: 1 day\n    provider: Example\n    purpose: Keeps <you> signed in\n"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, p); err != nil {
		t.Fatal(err)
	}
	want := `{
  "cookies": [
    {
      "name": "sessionid",
      "category": "necessary",
      "duration": "1d",
      "provider": "Example",
      "purpose": "Keeps <you> signed in",
      "source": {
        "category": "strictly necessary",
        "duration": "1 day"
      }
    }
  ]
}
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteJSON() (-want +got):\n%s", diff)
	}
	// The shape the policy extract command documents.
	var doc struct {
		Cookies []map[string]any `json:"cookies"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"name", "category", "duration", "provider", "purpose", "source"} {
		if _, ok := doc.Cookies[0][key]; !ok {
			t.Errorf("JSON output has no %q key", key)
		}
	}
	if !strings.Contains(buf.String(), "<you>") {
		t.Error("JSON output escapes HTML characters")
	}
}
