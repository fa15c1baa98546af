package policy

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// policyFileWant is what testdata/policy.yaml and testdata/policy.json
// declare; positions are set by the test.
func policyFileWant(file string, positions [][2]int) *Policy {
	decls := []Declaration{
		{Name: Pattern{Text: "sessionid"}, Provider: "Opendatasoft", Purpose: "Keeps you signed in", Category: Necessary, CategoryText: "necessary",
			Duration: Duration{Session: true, Text: "session"}, Domain: "data.portal.example"},
		{Name: Pattern{Text: "csrftoken"}, Purpose: "Protects forms against forgery", Category: Necessary, CategoryText: "strictly necessary",
			Duration: Duration{D: Year, Text: "1y"}},
		{Name: Pattern{Text: "_ga_*"}, Provider: "Google", Category: Statistics, CategoryText: "statistics",
			Duration: Duration{D: 13 * Month, Text: "13mo"}},
		{Name: Pattern{Text: "/^_hj.*$/"}, Provider: "Hotjar", Category: Statistics, CategoryText: "analytics",
			Duration: Duration{D: 30 * time.Minute, Text: "30m"}},
		{Name: Pattern{Text: "_fbp"}, Category: Marketing, CategoryText: "Advertising cookies",
			Duration: Duration{D: 90 * Day, Text: "3 months"},
			Source:   Source{Page: "https://data.portal.example/pages/cookies-policy/", Heading: "Advertising cookies", Table: 2, Layout: "table"}},
		{Name: Pattern{Text: "lang"}, Category: Preferences, CategoryText: "functional", Duration: Duration{Persistent: true, Text: "persistent"}},
		{Name: Pattern{Text: "123"}, Category: Unclassified, CategoryText: "unclassified"},
	}
	for i := range decls {
		decls[i].Source.File = file
		decls[i].Source.Line, decls[i].Source.Column = positions[i][0], positions[i][1]
	}
	return &Policy{Site: "data.portal.example", Source: file, Cookies: decls}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		positions [][2]int
	}{
		{"policy.yaml", [][2]int{{4, 5}, {10, 5}, {16, 5}, {20, 5}, {24, 5}, {34, 5}, {37, 5}}},
		{"policy.json", [][2]int{{4, 5}, {5, 5}, {6, 5}, {7, 5}, {8, 5}, {10, 5}, {11, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.file, readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(policyFileWant(tt.file, tt.positions), got); diff != "" {
				t.Errorf("Parse() (-want +got):\n%s", diff)
			}
			// The patterns work, not only their texts.
			if !got.Cookies[2].Name.Match("_ga_ABC") || !got.Cookies[3].Name.Match("_hjid") {
				t.Error("patterns of the policy file do not match")
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	const cats = "(want one of necessary, preferences, statistics, marketing, unclassified)"
	tests := []struct {
		name, file, data, want string
	}{
		// YAML syntax, with the position goccy/go-yaml gives.
		{"yaml unclosed flow sequence", "policy.yaml", "cookies:\n  - name: a\n    category: [\n",
			"policy.yaml:3:15: invalid YAML: sequence end token ']' not found"},
		{"yaml tab indentation", "policy.yaml", "cookies:\n\t- name: a\n",
			"policy.yaml:2:1: invalid YAML: found character '\t' that cannot start any token"},
		{"yaml unclosed quote", "policy.yaml", "cookies:\n  - name: \"abc\n",
			"policy.yaml:2:11: invalid YAML: could not find end character of double-quoted text"},
		{"yaml duplicate key", "policy.yaml", "cookies:\n  - name: a\n    name: b\n",
			`policy.yaml:3:5: invalid YAML: mapping key "name" already defined at [2:5]`},
		{"yaml second document", "policy.yaml", "cookies:\n  - {name: a, category: necessary}\n---\ncookies: []\n",
			"policy.yaml:4:1: a second YAML document (want one policy per file)"},
		{"yaml unknown alias", "policy.yaml", "cookies: *list\n",
			`policy.yaml:1:10: unknown alias "*list"`},
		{"yaml merge key", "policy.yaml", "cookies:\n  - <<: {category: necessary}\n    name: a\n",
			"policy.yaml:2:5: merge keys (<<) are not supported"},
		{"yaml complex key", "policy.yaml", "? cookies\n: []\n", "policy.yaml:1:1: complex keys (?) are not supported"},
		// Structure and values.
		{"empty file", "policy.yaml", "", `policy.yaml:1:1: empty policy (want a mapping with a "cookies" list)`},
		{"comments only", "policy.yaml", "# nothing yet\n", `policy.yaml:1:1: empty policy (want a mapping with a "cookies" list)`},
		{"a list at the top", "policy.yaml", "- name: a\n", "policy.yaml:1:1: policy: want a mapping with keys site, cookies, services, got a list"},
		{"unknown top key", "policy.yaml", "site: x\ncookie:\n  - name: a\n",
			`policy.yaml:2:1: unknown key "cookie" in policy (want site, cookies, services)`},
		{"missing cookies", "policy.yaml", "site: x\n", `policy.yaml:1:1: missing "cookies" (want a list of cookie declarations)`},
		{"empty cookie list", "policy.yaml", "site: x\ncookies: []\n", "policy.yaml:2:1: no cookies declared (want at least one entry under cookies)"},
		{"null cookie list", "policy.yaml", "site: x\ncookies:\n", "policy.yaml:2:1: no cookies declared (want at least one entry under cookies)"},
		{"cookies is a mapping", "policy.yaml", "cookies:\n  name: a\n", "policy.yaml:2:3: cookies: want a list of cookie declarations, got a mapping"},
		{"site is a list", "policy.yaml", "site: [a]\ncookies: []\n", "policy.yaml:1:7: policy site: want a string, got a list"},
		{"entry is a string", "policy.yaml", "cookies:\n  - sessionid\n",
			"policy.yaml:2:5: cookie 1: want a mapping with keys name, service, type, provider, purpose, category, duration, domain, source, got a scalar"},
		{"unknown cookie key", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    expires: 1y\n",
			`policy.yaml:4:5: unknown key "expires" in cookie 1 (want name, service, type, provider, purpose, category, duration, domain, source)`},
		{"missing name", "policy.yaml", "cookies:\n  - category: necessary\n", "policy.yaml:2:5: cookie 1: missing name (want the cookie name or a pattern, or a service)"},
		{"name is a list", "policy.yaml", "cookies:\n  - name: [a, b]\n", "policy.yaml:2:11: cookie 1 name: want a string, got a list"},
		{"bad regex name", "policy.yaml", "cookies:\n  - name: /(/\n    category: necessary\n",
			"policy.yaml:2:11: cookie name \"/(/\": invalid regular expression: error parsing regexp: missing closing ): `(`"},
		{"missing category", "policy.yaml", "cookies:\n  - name: a\n    duration: 1y\n", `policy.yaml:2:5: cookie "a": missing category ` + cats},
		{"unknown category", "policy.yaml", "site: example.org\ncookies:\n  - name: sessionid\n    category: necessary\n  - name: _track\n    provider: Example\n    category: tracking\n",
			`policy.yaml:7:15: unknown category "tracking" ` + cats},
		{"bad duration", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    duration: forever-ish\n",
			`policy.yaml:4:15: duration "forever-ish" not understood (want session, persistent or a length such as 30m, 1d, 13mo, 2y)`},
		{"duration without unit", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    duration: 365\n",
			`policy.yaml:4:15: duration "365" not understood`},
		{"unknown source key", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    source: {page: x, line: 3}\n",
			`policy.yaml:4:23: unknown key "line" in cookie "a" source (want page, heading, table, layout, category, duration)`},
		{"source table not a number", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    source:\n      table: first\n",
			`policy.yaml:5:14: cookie "a" source table: want a table number, got "first"`},
		// JSON: its syntax is checked with encoding/json, whose byte
		// offsets become lines and columns; the YAML parser reads it.
		{"json syntax", "policy.json", "{\n  \"cookies\": [\n    {\"name\": \"a\" \"category\": \"necessary\"}\n  ]\n}\n",
			"policy.json:3:18: invalid JSON: invalid character '\"' after object key:value pair"},
		{"json trailing comma", "policy.json", "{\n  \"cookies\": [\n    {\"name\": \"a\", \"category\": \"necessary\"},\n  ]\n}\n",
			"policy.json:4:3: invalid JSON: invalid character ']' looking for beginning of value"},
		{"json truncated", "policy.json", "{\n  \"cookies\": [\n", "policy.json:3:1: invalid JSON: unexpected end of file"},
		{"json detected by content", "cookies.txt", "{\"cookies\": [}", "cookies.txt:1:14: invalid JSON: invalid character '}' looking for beginning of value"},
		{"json trailing data", "policy.json", "{\"cookies\": [{\"name\": \"a\", \"category\": \"necessary\"}]}\n{}\n",
			"policy.json:2:1: invalid JSON: invalid character '{' after top-level value"},
		{"json value without its quote", "policy.json", "{\"cookies\": [{\"name\": \"a\", \"category\": necessary\"}]}",
			"policy.json:1:41: invalid JSON: invalid character 'e' in literal null (expecting 'u')"},
		{"json unknown key", "policy.json", "{\n  \"cookies\": [\n    {\"name\": \"a\", \"kategory\": \"necessary\"}\n  ]\n}\n",
			`policy.json:3:19: unknown key "kategory" in cookie 1 (want name, service, type, provider, purpose, category, duration, domain, source)`},
		{"json duplicate key", "policy.json", "{\"cookies\": [{\"name\": \"a\", \"name\": \"b\"}]}",
			`policy.json:1:28: invalid JSON: mapping key "name" already defined at [1:15]`},
		{"json wrong type", "policy.json", "{\n  \"cookies\": {\"name\": \"a\"}\n}\n",
			"policy.json:2:14: cookies: want a list of cookie declarations, got a mapping"},
		{"json unknown category", "policy.json", "{\"cookies\": [\n  {\"name\": \"a\",\n   \"category\": \"tracking\"}]}",
			`policy.json:3:16: unknown category "tracking" ` + cats},
		{"json bad duration", "policy.json", "{\"cookies\": [{\"name\": \"a\", \"category\": \"necessary\", \"duration\": true}]}",
			`policy.json:1:65: duration "true" not understood`},
		{"json empty", "policy.json", "  \n", `policy.json:1:1: empty policy (want a mapping with a "cookies" list)`},
		{"json empty list", "policy.json", "{\"cookies\": []}", "policy.json:1:2: no cookies declared (want at least one entry under cookies)"},
		{"unknown type", "policy.yaml", "cookies:\n  - name: a\n    type: flash\n    category: necessary\n",
			`policy.yaml:3:11: cookie "a": unknown type "flash" (want cookie, localStorage, sessionStorage, indexedDB, pixel, otherStorage)`},
		{"name and service", "policy.yaml", "cookies:\n  - name: _ga\n    service: Google Analytics\n    category: statistics\n",
			"policy.yaml:2:11: cookie 1: give a name or a service, not both (a service declares the cookies the knowledge base knows of it)"},
		{"service without a service", "policy.yaml", "services:\n  - category: statistics\n",
			"policy.yaml:2:5: service 1: missing service (want the name of a service, such as Google Analytics)"},
		{"service with a type", "policy.yaml", "services:\n  - service: Hotjar\n    type: localStorage\n    category: statistics\n",
			`policy.yaml:3:11: service "Hotjar": a service declares cookies; type "localStorage" is for named entries`},
		{"json deep nesting", "policy.json", "{\"cookies\": " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "}", "policy.json:1:77: nesting too deep"},
		{"json nesting at the limit", "policy.json", "{\"cookies\": " + strings.Repeat("[", 64) + strings.Repeat("]", 64) + "}",
			"policy.json:1:14: cookie 1: want a mapping with keys name, service, type, provider, purpose, category, duration, domain, source, got a list"},
		{"yaml deep flow nesting", "policy.yaml", "cookies: " + strings.Repeat("{a: ", 100) + "1" + strings.Repeat("}", 100) + "\n",
			"policy.yaml:1:270: nesting too deep"},
		{"yaml deep block nesting", "policy.yaml", "cookies:\n  " + strings.Repeat("- ", 100) + "a\n", "policy.yaml:2:133: nesting too deep"},
		{"json name is a list", "policy.json", "{\"cookies\": [\n  {\"name\": [\"a\"], \"category\": \"necessary\"}]}",
			"policy.json:2:12: cookie 1 name: want a string, got a list"},
		{"json entry is a number", "policy.json", "{\"cookies\": [\n  {\"name\": \"a\", \"category\": \"necessary\"},\n  7]}",
			"policy.json:3:3: cookie 2: want a mapping with keys name, service, type, provider, purpose, category, duration, domain, source, got a scalar"},
		{"json source is a list", "policy.json", "{\"cookies\": [{\"name\": \"a\", \"category\": \"necessary\", \"source\": []}]}",
			`policy.json:1:63: cookie "a" source: want a mapping with keys page, heading, table, layout, category, duration, got a list`},
		{"yaml provider is a mapping", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    provider:\n      name: Google\n",
			`policy.yaml:5:7: cookie "a" provider: want a string, got a mapping`},
		{"yaml unknown alias in an entry", "policy.yaml", "cookies:\n  - name: a\n    category: necessary\n    purpose: *nope\n",
			`policy.yaml:4:14: unknown alias "*nope"`},
		{"yaml tag without a value", "policy.yaml", "cookies: !!null\n", "policy.yaml:1:10: tag !!null without a value"},
		{"yaml alias used before its anchor", "policy.yaml", "cookies:\n  - name: a\n    category: *c\n  - name: b\n    category: &c necessary\n",
			`policy.yaml:3:16: could not find alias "c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Parse(tt.file, []byte(tt.data))
			if err == nil {
				t.Fatalf("Parse() = %+v, want error %q", p, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse() error:\n got %s\nwant %s", err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != tt.file {
				t.Errorf("Parse() error %#v is not a *ParseError for %s", err, tt.file)
			}
		})
	}
}

// TestParseTypesAndServices reads the storage type of an entry, and
// services declared in either list.
func TestParseTypesAndServices(t *testing.T) {
	t.Parallel()
	p, err := Parse("policy.yaml", []byte(`cookies:
  - name: _gcl_ls
    type: localStorage
    category: marketing
  - name: _ga
    type: Cookie
    category: statistics
  - service: Hotjar
    category: analytics
services:
  - service: Google Analytics
    category: statistics
    purpose: Counts visits
`))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name, Service string
		Type          StorageType
		Category      Category
	}
	var all []got
	for _, d := range append(append([]Declaration(nil), p.Cookies...), p.Services...) {
		all = append(all, got{d.Name.Text, d.Service, d.Type, d.Category})
	}
	want := []got{
		{"_gcl_ls", "", LocalStorage, Marketing},
		{"_ga", "", Cookie, Statistics},
		{"", "Hotjar", Cookie, Statistics},
		{"", "Google Analytics", Cookie, Statistics},
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("declarations (-want +got):\n%s", diff)
	}
}
