package policy

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestParseInvalidUTF8: a policy file saved in Latin-1 is refused at the
// first byte that is not UTF-8, with its line and column, rather than read
// with its names changed (the decoders replace such bytes with U+FFFD, and
// "café" then matches no cookie).
func TestParseInvalidUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct{ file, data, want string }{
		{"policy.yaml", "cookies:\n  - name: caf\xe9\n    category: necessary\n",
			"policy.yaml:2:14: invalid UTF-8 (byte 0xe9): a policy file must be UTF-8; save it in that encoding"},
		{"policy.json", "{\"cookies\": [\n  {\"name\": \"caf\xe9\", \"category\": \"necessary\"}]}",
			"policy.json:2:16: invalid UTF-8 (byte 0xe9): a policy file must be UTF-8; save it in that encoding"},
		{"policy.yaml", "\ufeffsite: example.org # r\xe9sum\xe9\ncookies:\n  - {name: a, category: necessary}\n",
			"policy.yaml:1:22: invalid UTF-8 (byte 0xe9): a policy file must be UTF-8; save it in that encoding"},
	}
	for _, tt := range tests {
		for _, load := range []string{"Parse", "Load"} {
			var err error
			if load == "Parse" {
				_, err = Parse(tt.file, []byte(tt.data))
			} else {
				_, err = Load(tt.file, []byte(tt.data), ExtractOptions{})
			}
			var pe *ParseError
			if !errors.As(err, &pe) || err.Error() != tt.want {
				t.Errorf("%s(%s, %q) error = %v, want *ParseError %q", load, tt.file, tt.data, err, tt.want)
			}
		}
	}
	// UTF-8 names are read as they are.
	p, err := Parse("policy.yaml", []byte("cookies:\n  - name: café\n    category: necessary\n"))
	if err != nil || p.Cookies[0].Name.Text != "café" {
		t.Errorf("Parse of a UTF-8 name: %v, %v", p, err)
	}
}

// TestSizeLimit: a policy source larger than MaxSize is refused before it
// is parsed, with an error naming it and the limit.
func TestSizeLimit(t *testing.T) {
	t.Parallel()
	big := make([]byte, MaxSize+1)
	copy(big, "cookies:\n")
	for i := len("cookies:\n"); i < len(big); i++ {
		big[i] = '#'
	}
	const want = "big.yaml: 16.0 MiB, more than the 16 MiB limit of a policy file or page"
	for name, load := range map[string]func() error{
		"Parse": func() error { _, err := Parse("big.yaml", big); return err },
		"Load":  func() error { _, err := Load("big.yaml", big, ExtractOptions{}); return err },
	} {
		err := load()
		var se *SizeError
		if !errors.As(err, &se) || se.Size != MaxSize+1 || err.Error() != want {
			t.Errorf("%s of %d bytes: error %v, want *SizeError %q", name, len(big), err, want)
		}
	}
	if err := CheckSize("p.json", MaxSize); err != nil {
		t.Errorf("CheckSize(MaxSize) = %v, want nil: the limit itself is allowed", err)
	}
	if got, want := (&SizeError{Name: "/dev/zero", Size: -1}).Error(), "/dev/zero: more than the 16 MiB limit of a policy file or page"; got != want {
		t.Errorf("SizeError of unknown size = %q, want %q", got, want)
	}
}

// yamlPolicy is a YAML policy file of about size bytes.
func yamlPolicy(size int) []byte {
	var b strings.Builder
	b.WriteString("site: example.org\ncookies:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  - name: c%d\n    category: necessary\n    duration: 1d\n    purpose: %s\n", i, strings.Repeat("x", 40))
	}
	return []byte(b.String())
}

// BenchmarkParse parses policy files of growing size, JSON on one line
// and YAML, and reports the time per byte: it stays about the same from
// 128 KiB to 2 MiB when parsing is linear. It grew with the size while
// the JSON reader counted lines from the start of the file for each value
// (60 µs per byte at 256 KiB, 213 µs at 1 MiB; now under 1 µs).
func BenchmarkParse(b *testing.B) {
	for _, format := range []string{"json", "yaml"} {
		for _, size := range []int{128 << 10, 512 << 10, 2 << 20} {
			data := oneLinePolicyJSON(size)
			if format == "yaml" {
				data = yamlPolicy(size)
			}
			b.Run(fmt.Sprintf("%s/%dKiB", format, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := Parse("policy."+format, data); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(data)), "ns/byte")
			})
		}
	}
}
