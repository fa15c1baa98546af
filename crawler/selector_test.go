package crawler

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// selectorCases are CSS selectors with whether they are valid CSS, as
// Chromium's querySelector says (TestCheckSelectorsInBrowser checks the
// column against the browser).
var selectorCases = []struct {
	sel   string
	valid bool
	// why is what CheckSelector must say of an invalid one ("" when it
	// lets the browser find it).
	why string
}{
	{"#accept", true, ""},
	{"button.cc-btn.cc-allow", true, ""},
	{"#banner > .buttons button:nth-child(2)", true, ""},
	{"div[data-action='accept all'] ~ a", true, ""},
	{`[aria-label="Tout refuser"]`, true, ""},
	{`[title="a]b"]`, true, ""},
	{"a:is(.x, .y) + b", true, ""},
	{"dialog:has(> button)", true, ""},
	{"p::before", true, ""},
	{`#\31 23`, true, ""},
	{".accepter-tout, .élément", true, ""},
	{"*", true, ""},
	{"  #padded  ", true, ""},
	{"", false, "empty"},
	{"   ", false, "empty"},
	// The end of the selector closes what it leaves open.
	{"button:not(.x", true, ""},
	{`[title="a]`, true, ""},
	{"a)", false, `')' at character 2 closes nothing`},
	{"[a)]", false, `')' at character 3 closes nothing`},
	{"#", false, `'#' at character 1 has no name after it`},
	{"a. b", false, `'.' at character 2 has no name after it`},
	{"a::", false, `':' at character 2 has no name after it`},
	{"a:", false, `':' at character 2 has no name after it`},
	{"a,,b", false, "an empty item before ',' at character 3"},
	{", a", false, "an empty item before ',' at character 1"},
	{"a,", false, "an empty item after ',' at character 2"},
	{"> a", false, "nothing before '>' at character 1"},
	{"a >", false, "nothing after '>' at character 3"},
	{"a > > b", false, "'>' at character 5 follows '>' at character 3"},
	{"a >, b", false, "nothing after '>' at character 3"},
	// Invalid CSS the quick check lets through: the browser refuses it.
	{"#1abc", false, ""},
	{"#accept[", false, ""},
	{"svg|a", false, ""}, // a namespace querySelector cannot resolve
	{"div!", false, ""},
}

func TestCheckSelector(t *testing.T) {
	t.Parallel()
	for _, tc := range selectorCases {
		err := CheckSelector(tc.sel)
		switch {
		case tc.valid && err != nil:
			t.Errorf("CheckSelector(%q) = %v, want nil: the selector is valid CSS", tc.sel, err)
		case tc.why != "" && (err == nil || !strings.Contains(err.Error(), tc.why)):
			t.Errorf("CheckSelector(%q) = %v, want an error saying %q", tc.sel, err, tc.why)
		case tc.why == "" && err != nil:
			t.Errorf("CheckSelector(%q) = %v, want nil (the browser's parser decides)", tc.sel, err)
		}
	}
}

// TestCheckSelectorsInBrowser checks the valid column of selectorCases
// with Chromium's own parser, through the check Crawl makes before a scan:
// CheckSelector never refuses a selector the browser takes, and Crawl
// refuses every one the browser does not.
func TestCheckSelectorsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := FindBrowser(""); err != nil {
		t.Fatalf("a full test run needs Chromium: %v", err)
	}
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := withDefaults(Options{})
	s, err := startBrowser(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.cancel()
	for _, tc := range selectorCases {
		opts.RejectSelector = tc.sel
		err := checkSelectors(ctx, s, opts)
		var se *SelectorError
		switch {
		case tc.sel == "" || strings.TrimSpace(tc.sel) == "":
			// An empty option is no selector: nothing to check.
		case tc.valid && err != nil:
			t.Errorf("%q: %v, want no error: the browser takes it", tc.sel, err)
		case !tc.valid && !errors.As(err, &se):
			t.Errorf("%q: %v, want a *SelectorError", tc.sel, err)
		case !tc.valid && (se.Option != "RejectSelector" || se.Selector != tc.sel || se.Text == ""):
			t.Errorf("%q: %+v, want the option, the selector and the browser's complaint", tc.sel, se)
		}
	}
}
