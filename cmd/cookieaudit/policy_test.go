package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/google/go-cmp/cmp"
)

func TestPolicyExtractErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	broken := write("broken.yaml", "cookies:\n  - name: a\n    category: tracking\n")
	empty := write("empty.html", "<html><body><h1>Nothing about cookies</h1></body></html>")
	cases := []struct {
		name   string
		args   []string
		exit   int
		stderr string
	}{
		{"missing file", []string{"policy", "extract", filepath.Join(dir, "nope.yaml")}, 2, "nope.yaml does not exist"},
		{"bad category names the position", []string{"policy", "extract", broken}, 2, `broken.yaml:3:15: unknown category "tracking"`},
		{"nothing to extract", []string{"policy", "extract", empty}, 2, "no cookie declarations"},
		{"bad format", []string{"policy", "extract", broken, "--format", "xml"}, 2, `invalid --format "xml" (valid: yaml, json)`},
		{"no source", []string{"policy", "extract"}, 2, "policy extract takes one SOURCE, got 0 arguments"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errOut)
			if code != tc.exit {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.exit, errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.stderr) {
				t.Errorf("stderr %q does not contain %q", errOut.String(), tc.stderr)
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing on error", out.String())
			}
		})
	}
}

// TestPolicyExtractPortal renders the demo portal's cookie-policy page in
// Chromium and reads back the four cookies the seed declares, from the
// HTML page and from its Markdown source served as text/markdown.
func TestPolicyExtractPortal(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()
	for _, source := range []string{fixtures.Portal().Policy, fixtures.Portal().PolicySource} {
		t.Run(path.Base(source), func(t *testing.T) {
			checkPortalPolicy(t, srv, source)
		})
	}
}

func checkPortalPolicy(t *testing.T, srv *fixtures.Server, source string) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"policy", "extract", source, "--format", "json", "--wait", "500ms",
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	var got struct {
		Cookies []struct {
			Name     string `json:"name"`
			Category string `json:"category"`
			Provider string `json:"provider"`
			Source   struct {
				Heading string `json:"heading"`
			} `json:"source"`
		} `json:"cookies"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	var names []string
	for _, c := range got.Cookies {
		names = append(names, c.Name+"="+c.Category)
		if c.Provider != "Opendatasoft" || !strings.Contains(strings.ToLower(c.Source.Heading), "the platform") {
			t.Errorf("%s: provider %q heading %q, want Opendatasoft under the heading of the platform's cookies", c.Name, c.Provider, c.Source.Heading)
		}
	}
	want := []string{"sessionid=necessary", "django_language=necessary", "csrftoken=necessary", "cookies_preferences=necessary"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("extracted (-want +got):\n%s", diff)
	}
}
