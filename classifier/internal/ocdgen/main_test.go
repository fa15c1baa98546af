package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConvert converts a small database written for the test: columns in
// another order, a description that must not be kept, a duplicate row, an
// empty line, wildcards.
func TestConvert(t *testing.T) {
	t.Parallel()
	in := "Description,Category,Cookie / Data Key name,Platform,Wildcard match,Domain,Retention period,ID\n" +
		"Our own words that must not be copied,Analytics,_zz_id,Zed Analytics,0,,2 years,1\n" +
		"Other words,Marketing,zz_ad_,Zed Ads,1,ads.zed.example (3rd party),1 year,2\n" +
		"Our own words that must not be copied,Analytics,_zz_id,Zed Analytics,0,,2 years,3\n" +
		",,,,,,,\n" +
		"Words,Functional,  zz_sess ,Zed   Shop,,,session,4\n"
	var out bytes.Buffer
	n, err := convert(strings.NewReader(in), &out, "a test")
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("convert() = %d entries, want 3", n)
	}
	got := out.String()
	want := "name,wildcard,platform,category,domain,retention\n" +
		"_zz_id,0,Zed Analytics,Analytics,,2 years\n" +
		"zz_ad_,1,Zed Ads,Marketing,ads.zed.example (3rd party),1 year\n" +
		"zz_sess,0,Zed Shop,Functional,,session\n"
	if i := strings.Index(got, "name,"); i < 0 || !strings.HasPrefix(got, "# ") {
		t.Fatalf("output has no header comment or no header:\n%s", got)
	} else if diff := cmp.Diff(want, got[i:]); diff != "" {
		t.Errorf("convert() (-want +got):\n%s", diff)
	}
	if strings.Contains(got, "words") {
		t.Errorf("a description was kept:\n%s", got)
	}
}

func TestConvertErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ in, want string }{
		"no name column": {"Category,Platform\nAnalytics,x\n", `no "cookie / data key name" column`},
		"bad wildcard":   {"Cookie / Data Key name,Wildcard match,Platform,Category,Domain,Retention period\na,yes,p,Analytics,,\n", `line 2: wildcard match "yes"`},
		"no category":    {"Cookie / Data Key name,Wildcard match,Platform,Category,Domain,Retention period\na,0,p,,,\n", "line 2: a has no category"},
		"empty":          {"Cookie / Data Key name,Wildcard match,Platform,Category,Domain,Retention period\n", "no entries"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := convert(strings.NewReader(tc.in), &bytes.Buffer{}, "a test")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("convert() error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestGeneratedUpToDate checks that classifier/data/ocd.csv is what the
// generator makes of the shared copy of the database, when it is there.
func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "data", "open-cookie-database.csv"))
	if err != nil {
		t.Skipf("the Open Cookie Database is not beside the repository (%v): skipped", err)
	}
	have, err := os.ReadFile(filepath.Join("..", "..", "data", "ocd.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// The source named in the header is whatever go:generate passed; the
	// facts below it are what this test checks.
	source := ""
	for _, line := range strings.Split(string(have), "\n") {
		if rest, ok := strings.CutPrefix(line, "# ("); ok {
			source, _, _ = strings.Cut(rest, "), Apache License")
			break
		}
	}
	if source == "" {
		t.Fatal("classifier/data/ocd.csv has no source line in its header")
	}
	var out bytes.Buffer
	if _, err := convert(bytes.NewReader(in), &out, source); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), have) {
		t.Error("classifier/data/ocd.csv is not what the generator makes of the database: run go generate ./classifier")
	}
}
