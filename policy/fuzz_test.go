package policy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// addTestdata adds the testdata files with the given suffixes to a fuzz
// corpus.
func addTestdata(f *testing.F, suffixes ...string) {
	f.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, s := range suffixes {
			if strings.HasSuffix(e.Name(), s) {
				data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
}

// checkPolicy checks what every successful read must give, and that the
// policy survives writing and reading back.
func checkPolicy(t *testing.T, p *Policy) {
	t.Helper()
	if len(p.Cookies)+len(p.Services) == 0 {
		t.Fatal("no error and no declaration")
	}
	for _, d := range p.Cookies {
		if !d.Category.Valid() {
			t.Fatalf("declaration %q has category %q", d.Name, d.Category)
		}
		if d.Name.Text == "" || d.Service != "" {
			t.Fatalf("cookie declaration with name %q and service %q", d.Name.Text, d.Service)
		}
	}
	for _, d := range p.Services {
		if d.Service == "" || d.Name.Text != "" || !d.Category.Valid() {
			t.Fatalf("service declaration %+v", d)
		}
	}
	for _, write := range []func(*bytes.Buffer, *Policy) error{
		func(b *bytes.Buffer, p *Policy) error { return WriteYAML(b, p) },
		func(b *bytes.Buffer, p *Policy) error { return WriteJSON(b, p) },
	} {
		var buf bytes.Buffer
		if err := write(&buf, p); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("out", buf.Bytes())
		if err != nil {
			t.Fatalf("written policy does not parse: %v\n%s", err, buf.String())
		}
		if diff := cmp.Diff(p.Cookies, back.Cookies, ignorePositions); diff != "" {
			t.Fatalf("round trip (-written +read back):\n%s\n%s", diff, buf.String())
		}
		if diff := cmp.Diff(p.Services, back.Services, ignorePositions); diff != "" {
			t.Fatalf("round trip of services (-written +read back):\n%s\n%s", diff, buf.String())
		}
	}
}

func FuzzExtractHTML(f *testing.F) {
	addTestdata(f, ".html")
	for _, s := range []string{
		"",
		"<table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>a</td><td>b</td></tr></table>",
		`<h2>Marketing</h2><table><tr><th>Cookie</th><th>Duration</th></tr><tr><td rowspan="0">a, b</td><td colspan="9">1 year<br>2 days</td></tr></table>`,
		`<dl><dt>Cookie</dt><dd>_ga_<id></dd><dt>Expiry</dt><dd>2y</dd></dl>`,
		`<ul><li><div>Cookie</div><div>x</div></li><li><div>Duration</div><div>session</div></li></ul>`,
		`<script>a.cookieTableNecessary = [["a","b","c","1 day","HTTP"],[1,2],"x",[null]];</script>`,
		`<script>var d = {"DomainData": {"Groups": [{"GroupName": "Performance", "Cookies": [{"Name": "a", "Length": "-3"}], "SubGroups": [{}]}]}};</script>`,
		`<style a={{ b: "}" }} /><table><tr><th>Category</th><th>Provider</th><th>Cookie name</th></tr><tr><td>Analytics</td><td>x</td><td>a_b</td></tr><tr><td>c_d</td></tr><tr><td></td><td>Name</td><td>Purpose</td></tr><tr><td>e</td></tr></table>`,
		"const necessary = [{ nom: \"a_b\", duree: \"1 an\" }, { name: [1], purpose: {} }]; x: [[{ cookieName: \"c\" }]]",
		`<template #default><thead><tr><th>Name</th><th>Purpose</th></tr></thead><tbody><tr><td>a_b</td><td>x</td></tr></tbody></template>`,
		"<p>a_b</p><p>1 day</p><p>x</p><p>c_d</p><p>Session</p><p>y</p><p>e_f</p><p>2 years</p>",
		"<div><strong>Marketing (1)</strong><br><p>Name Provider Purpose Expiry\na_b [x2]\tX\ny\tz\t1 day\t</p></div>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ExtractHTML("page.html", data, ExtractOptions{})
		if err != nil {
			return
		}
		checkPolicy(t, p)
	})
}

// FuzzLoad reads any content as Load does, whatever its kind: Markdown
// (with front matter), plain text, HTML, policy files.
func FuzzLoad(f *testing.F) {
	addTestdata(f, ".html", ".yaml")
	for _, s := range []string{
		"# Cookies\n\n## Analytics\n\n| Cookie | Purpose |\n|---|---|---|\n| `_ga` | ids |\n\n| `_gid` | ids |\n",
		"---\ntitle: Cookies\nlist:\n  - name: _ga\n    purpose: ids\n  - type: paragraph\n    content:\n      - type: text\n        text: hi\n---\nbody",
		"Cookies\n\nName\tPurpose\tExpiry\n_ga\tids\t2 years\n",
		"Nom\tDescription\tPersistance\nsid\nsession\nSession\n",
		".. csv-table::\n   :header: \"Name\", \"Purpose\"\n\n   \"jwt\", \"signed in\"\n",
		"- **_ga**: ids\n- **plain**: x\n",
		"cookies:\n  - name: a\n    category: necessary\nservices:\n  - service: Hotjar\n    category: statistics\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"page", "page.md", "page.txt"} {
			p, err := Load(name, data, ExtractOptions{Knowledge: fakeKnowledge{}})
			if err != nil {
				continue
			}
			checkPolicy(t, p)
		}
	})
}

func FuzzParse(f *testing.F) {
	addTestdata(f, ".yaml", ".json")
	for _, s := range []string{
		"",
		"cookies:\n  - name: a\n    category: necessary\n",
		"cookies:\n  - {name: a, category: necessary, duration: 1y6mo, source: {table: 2}}\n",
		"a: &x {b: 1}\ncookies: [*x]\n",
		"{\"cookies\": [{\"name\": \"a\", \"category\": \"marketing\", \"duration\": \"13 mois\"}]}",
		"{\"cookies\": [[[[[]]]]]}",
		"cookies:\n  - name: |\n      multi\n      line\n    category: x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"policy.yaml", "policy.json"} {
			p, err := Parse(name, data)
			if err != nil {
				if !strings.HasPrefix(err.Error(), name+":") {
					t.Fatalf("error does not name the file: %v", err)
				}
				continue
			}
			checkPolicy(t, p)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"1 year", "13mo", "session", "1,5 Jahre", "un an", "1-2 years", "0 days", "persistent"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if !d.Known() {
			t.Fatalf("ParseDuration(%q) = %+v: no error and nothing known", s, d)
		}
		back, err := ParseDuration(d.String())
		if err != nil || back.Session != d.Session || back.Persistent != d.Persistent || back.D != d.D {
			t.Fatalf("ParseDuration(%q) = %+v, whose String %q reads back as %+v, %v", s, d, d.String(), back, err)
		}
	})
}
