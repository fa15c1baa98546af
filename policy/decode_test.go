package policy

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
)

// oneLinePolicyJSON is a valid policy file of about size bytes on one
// line, as a generator or a minifier writes it.
func oneLinePolicyJSON(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"site":"example.org","cookies":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"c%d","category":"necessary","duration":"1d","purpose":"%s"}`, i, strings.Repeat("x", 40))
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// TestParseLinear checks that reading a policy file costs memory in
// proportion to its size, whatever its layout: a file eight times larger
// allocates at most about eight times as much. Reading once found each
// JSON value's line by counting from the start of the file, which made a
// one-line file of n values cost n passes over it (1 MB: 16 s); the
// parser's own positions are counted as it goes. The test counts bytes
// allocated rather than time, which a busy machine does not change; it is
// not parallel, as it counts what the whole process allocates.
func TestParseLinear(t *testing.T) {
	layouts := map[string]func(size int) []byte{
		"policy.json one line": oneLinePolicyJSON,
		"policy.json indented": func(size int) []byte {
			return []byte(strings.ReplaceAll(string(oneLinePolicyJSON(size)), `{"name"`, "\n  {\"name\""))
		},
		"policy.yaml": yamlPolicy,
	}
	for _, name := range slices.Sorted(maps.Keys(layouts)) {
		file := strings.Fields(name)[0]
		var perByte [2]float64
		for i, size := range []int{32 << 10, 256 << 10} {
			data := layouts[name](size)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			p, err := Parse(file, data)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatalf("%s of %d bytes: %v", name, len(data), err)
			}
			if n := len(p.Cookies); n < size/120 {
				t.Fatalf("%s of %d bytes: %d declarations read, want at least %d", name, len(data), n, size/120)
			}
			perByte[i] = float64(after.TotalAlloc-before.TotalAlloc) / float64(len(data))
			// The last declaration, far along a long line, is placed
			// where it is.
			last := p.Cookies[len(p.Cookies)-1].Source
			start := bytes.LastIndex(data, []byte(`{"name"`))
			if line, col := lineCol(data, int64(start)); file == "policy.json" && (last.Line != line || last.Column != col) {
				t.Errorf("%s of %d bytes: last declaration at %d:%d, want %d:%d", name, len(data), last.Line, last.Column, line, col)
			}
		}
		t.Logf("%s: %.0f bytes allocated per byte at 32 KiB, %.0f at 256 KiB", name, perByte[0], perByte[1])
		if perByte[1] > 1.5*perByte[0] {
			t.Errorf("%s: %.0f bytes allocated per byte read at 256 KiB, %.0f at 32 KiB: the cost grows faster than the size",
				name, perByte[1], perByte[0])
		}
	}
}

// TestParseAliases reads anchors and aliases, tags, and names that YAML
// would read as numbers, which stay as written.
func TestParseAliases(t *testing.T) {
	t.Parallel()
	p, err := Parse("policy.yaml", []byte(`site: example.org
cookies:
  - &session
    name: sessionid
    category: &necessary strictly necessary
    duration: session
  - name: csrftoken
    category: *necessary
    purpose: !!str 123
  - *session
  - name: 010
    category: necessary
  - name: 1.10
    category: necessary
    duration: 1.5 days
`))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name, CategoryText, Purpose, Duration string
		Category                              Category
	}
	var all []got
	for _, d := range p.Cookies {
		all = append(all, got{d.Name.Text, d.CategoryText, d.Purpose, d.Duration.String(), d.Category})
	}
	want := []got{
		{"sessionid", "strictly necessary", "", "session", Necessary},
		{"csrftoken", "strictly necessary", "123", "", Necessary},
		{"sessionid", "strictly necessary", "", "session", Necessary},
		{"010", "necessary", "", "", Necessary},
		{"1.10", "necessary", "", "1d12h", Necessary},
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("declarations (-want +got):\n%s", diff)
	}
}

// TestParseJSONTabs: JSON may have tabs wherever it has white space,
// before a colon too, which the YAML parser refuses; they are read, and
// the declarations placed at their braces.
func TestParseJSONTabs(t *testing.T) {
	t.Parallel()
	p, err := Parse("policy.json", []byte("{\n\t\"cookies\"\t: [\n\t\t{\"name\"\t: \"a\",\t\"category\": \"necessary\"},\n\t\t{\"name\": \"c\", \"category\"\t:\t\"marketing\"}\n\t]\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range p.Cookies {
		got = append(got, fmt.Sprintf("%q %s %d:%d", d.Name, d.Category, d.Source.Line, d.Source.Column))
	}
	if diff := cmp.Diff([]string{`"a" necessary 3:3`, `"c" marketing 4:3`}, got); diff != "" {
		t.Errorf("declarations (-want +got):\n%s", diff)
	}
}

// TestUnmarshalYAML decodes Pattern, Category and Duration with
// goccy/go-yaml outside a policy file: each error is the library's own,
// at the value's line and column.
func TestUnmarshalYAML(t *testing.T) {
	t.Parallel()
	type values struct {
		Name     Pattern  `yaml:"name"`
		Category Category `yaml:"category"`
		Duration Duration `yaml:"duration"`
	}
	var v values
	if err := yaml.Unmarshal([]byte("name: _ga_*\ncategory: analytics\nduration: 13 months\n"), &v); err != nil {
		t.Fatal(err)
	}
	if !v.Name.Match("_ga_ABC") || v.Category != Statistics || v.Duration.D != 13*Month || v.Duration.Text != "13 months" {
		t.Errorf("decoded %+v", v)
	}
	tests := []struct {
		data string
		line int
		col  int
		msg  string
	}{
		{"name: /(/\n", 1, 7, "cookie name \"/(/\": invalid regular expression: error parsing regexp: missing closing ): `(`"},
		{"name: a\ncategory: tracking\n", 2, 11, `unknown category "tracking" (want one of necessary, preferences, statistics, marketing, unclassified)`},
		{"duration: soon\n", 1, 11, `duration "soon" not understood (want session, persistent or a length such as 30m, 1d, 13mo, 2y)`},
		{"name: [a, b]\n", 1, 7, "want a single value, got a list"},
	}
	for _, tt := range tests {
		err := yaml.Unmarshal([]byte(tt.data), &values{})
		var ye yaml.Error
		if !errors.As(err, &ye) || ye.GetToken() == nil {
			t.Errorf("Unmarshal(%q) error = %v, want a yaml.Error at %d:%d", tt.data, err, tt.line, tt.col)
			continue
		}
		if pos := ye.GetToken().Position; pos.Line != tt.line || pos.Column != tt.col || ye.GetMessage() != tt.msg {
			t.Errorf("Unmarshal(%q) error at %d:%d %q, want at %d:%d %q", tt.data, pos.Line, pos.Column, ye.GetMessage(), tt.line, tt.col, tt.msg)
		}
	}
}
