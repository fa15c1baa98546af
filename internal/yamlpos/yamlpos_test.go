package yamlpos

import (
	"errors"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

func TestOf(t *testing.T) {
	src := "cookies:\n  - name: a\n    category: necessary\n  - {name: b, category: marketing}\n"
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	path, err := yaml.PathString("$.cookies")
	if err != nil {
		t.Fatal(err)
	}
	n, err := path.FilterFile(f)
	if err != nil {
		t.Fatal(err)
	}
	line, col := Of(f.Docs[0].Body)
	if line != 1 || col != 1 {
		t.Errorf("Of(document) = %d:%d, want 1:1 (its first key)", line, col)
	}
	if line, col := Of(n); line != 2 || col != 3 {
		t.Errorf("Of(cookies) = %d:%d, want 2:3", line, col)
	}
	if line, col := Of(nil); line != 0 || col != 0 {
		t.Errorf("Of(nil) = %d:%d, want 0:0", line, col)
	}
}

func TestOfError(t *testing.T) {
	var v map[string]any
	err := yaml.Unmarshal([]byte("a: 1\nb: [1, 2\n"), &v)
	if err == nil {
		t.Fatal("no error for an unclosed sequence")
	}
	line, col, msg := OfError(err)
	if line < 2 || col == 0 || msg == "" {
		t.Errorf("OfError = %d:%d %q, want a position on line 2 or later and a message", line, col, msg)
	}
	if line, col, msg := OfError(errors.New("plain")); line != 0 || col != 0 || msg != "plain" {
		t.Errorf("OfError(plain) = %d:%d %q", line, col, msg)
	}
}
