package policy

import (
	"fmt"
	"strings"
	"testing"
)

// oneLinePolicyJSON is a valid policy file of about size bytes on one
// line, as a generator or a minifier writes it: the case where finding the
// line and column of each value by counting from the start of the file
// made the work grow with the square of the size.
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

// TestJSONPositionsLinear checks that reading a JSON policy looks at each
// byte a bounded number of times to give every value its line and column,
// whatever the file's size: the work is linear by construction, which a
// count shows without timing anything.
func TestJSONPositionsLinear(t *testing.T) {
	t.Parallel()
	for _, size := range []int{16 << 10, 64 << 10, 256 << 10} {
		for _, layout := range []string{"one line", "indented"} {
			t.Run(fmt.Sprintf("%s %d KiB", layout, size>>10), func(t *testing.T) {
				t.Parallel()
				data := oneLinePolicyJSON(size)
				if layout == "indented" {
					data = []byte(strings.ReplaceAll(string(data), `{"name"`, "\n  {\"name\""))
				}
				r := newJSONReader("big.json", data)
				root, err := r.read()
				if err != nil {
					t.Fatal(err)
				}
				if n := len(root.vals[1].items); n < size/120 {
					t.Fatalf("%d declarations read, want at least %d", n, size/120)
				}
				if r.lines.scanned > int64(len(data)) {
					t.Errorf("%d bytes looked at to place the values of a %d-byte file (%.1f times its size), want at most its size",
						r.lines.scanned, len(data), float64(r.lines.scanned)/float64(len(data)))
				}
			})
		}
	}
}
