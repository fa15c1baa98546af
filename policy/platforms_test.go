package policy

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// platformWant is a row of the tables of testdata/platforms/README.md:
// what the extraction must give for one cookie of a platform's fixture.
type platformWant struct {
	Name, Category, Duration, Type string
}

// readPlatformTables reads, for each fixture the README describes (a
// "## file.html" section), the rows of its table.
func readPlatformTables(t *testing.T) map[string][]platformWant {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "platforms", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]platformWant{}
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if f, ok := strings.CutPrefix(line, "## "); ok {
			file = ""
			if strings.HasSuffix(f, ".html") {
				file = f
				out[file] = []platformWant{}
			}
			continue
		}
		if file == "" || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) < 4 || cells[0] == "name" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		w := platformWant{Name: strings.Trim(cells[0], "`"), Category: cells[1], Duration: cells[2], Type: cells[3]}
		if w.Duration == "—" {
			w.Duration = ""
		}
		out[file] = append(out[file], w)
	}
	return out
}

// TestExtractPlatforms extracts each consent platform's fixture (its real
// structure, our own text) and compares every declaration with the
// fixture's table in testdata/platforms/README.md.
func TestExtractPlatforms(t *testing.T) {
	t.Parallel()
	tables := readPlatformTables(t)
	if len(tables) < 10 {
		t.Fatalf("read %d fixture tables from testdata/platforms/README.md, want at least 10", len(tables))
	}
	for file, want := range tables {
		t.Run(strings.TrimSuffix(file, ".html"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata", "platforms", file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Load(file, data, ExtractOptions{Knowledge: fakeKnowledge{}})
			if len(want) == 0 {
				if err == nil {
					t.Fatalf("Load() declared %d cookies, want none", len(p.Cookies))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []platformWant
			for _, d := range p.Cookies {
				got = append(got, platformWant{Name: d.Name.Text, Category: string(d.Category), Duration: d.Duration.Text, Type: typeWord(d.Type)})
			}
			sortWants(want)
			sortWants(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("declarations (-want +got):\n%s\nwarnings: %q", diff, p.Warnings)
			}
		})
	}
}

// typeWord writes a storage type as the fixtures' tables do.
func typeWord(t StorageType) string {
	return string(t)
}

func sortWants(ws []platformWant) {
	slices.SortFunc(ws, func(a, b platformWant) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
}
