package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTableEscapesTerminalControls checks that no string from the site
// reaches the terminal with a control character in it: a cookie named
// "\x1b[31m..." must not turn the output red.
func TestTableEscapesTerminalControls(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteTable(&buf, New(hostile(t), Options{})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, r := range out {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e') {
			t.Errorf("output has control character %U at byte %d", r, i)
		}
	}
	for _, want := range []string{`\x1b[31mred\x1b[0m`, `a\x0db\x1b[2Jc\x07`, `evil.test\x0afake line`, `abc\u202edcba\xff`, `boom\x1b[1A\x1b[2K`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the escaped form %s", want)
		}
	}
}

// sgr matches the colour codes the table writes.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestTableColor checks that the table has colour with Color on and never
// with it off, and that colour changes nothing else: without its codes,
// the coloured output is the plain one, column widths included.
func TestTableColor(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rep  func(testing.TB) *Report
		want []string
	}{
		{"audited", audited, []string{
			"\x1b[31mhigh\x1b[0m   _ga (portal.test/)",
			"\x1b[33mmedium\x1b[0m uid",
			"\x1b[36mlow\x1b[0m    _pk_ses.1.abcd",
			"\x1b[2minfo\x1b[0m   _hjSession_*",
			"\x1b[1mundeclared (4)\x1b[0m:",
			"\x1b[1mnot-observed (2)\x1b[0m:",
			"\x1b[1mstorage-before-consent (1)\x1b[0m:",
			"unclassified \x1b[33m(undeclared)\x1b[0m",
			"\x1b[1;31mgate: failed\x1b[0m — 6 new findings",
		}},
		{"classified", classified, []string{"\x1b[1mmisclassified (1)\x1b[0m:", "\x1b[31mhigh\x1b[0m   IDE"}},
		{"hostile-findings", hostileReport, []string{"\x1b[1;31mgate: failed\x1b[0m"}},
		{"hostile", func(t testing.TB) *Report { return New(hostile(t), Options{}) }, nil},
		{"partial", func(t testing.TB) *Report {
			rep := New(portal(t), Options{})
			rep.Partial = true
			ApplyGate(rep, GateOptions{})
			return rep
		}, []string{"\x1b[33mScan incomplete:", "\x1b[33mgate: incomplete\x1b[0m"}},
		{"passed", func(t testing.TB) *Report {
			rep := New(portal(t), Options{})
			ApplyGate(rep, GateOptions{})
			return rep
		}, []string{"\x1b[32mgate: passed\x1b[0m"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var plain, color bytes.Buffer
			if err := WriteTableWith(&plain, tc.rep(t), TableOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := WriteTableWith(&color, tc.rep(t), TableOptions{Color: true}); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(plain.String(), "\x1b") {
				t.Errorf("colour without Color:\n%q", plain.String())
			}
			var direct bytes.Buffer
			if err := WriteTable(&direct, tc.rep(t)); err != nil {
				t.Fatal(err)
			}
			if direct.String() != plain.String() {
				t.Error("WriteTable differs from WriteTableWith without colour")
			}
			got := color.String()
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("coloured output lacks %q:\n%s", want, got)
				}
			}
			if tc.want != nil && !sgr.MatchString(got) {
				t.Errorf("no colour with Color:\n%s", got)
			}
			stripped := sgr.ReplaceAllString(got, "")
			if stripped != plain.String() {
				t.Errorf("coloured output without its codes differs from the plain one:\n%s\nplain:\n%s", stripped, plain.String())
			}
			if strings.Contains(stripped, "\x1b") {
				t.Error("an escape that is not one of the table's colours reached the output")
			}
		})
	}
}

// lastLine is the last line of out.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestTableSummary checks the table's last line: pages, cookies, findings
// by kind and why the gate passed or failed.
func TestTableSummary(t *testing.T) {
	t.Parallel()
	counts := "4 pages, 10 cookies (7 first-party, 3 third-party), 1 page error"
	ga := Finding{Kind: KindUndeclared, Cookie: "_ga", Domain: "portal.test", Path: "/", Severity: SeverityHigh}
	gid := Finding{Kind: KindUndeclared, Cookie: "_gid", Domain: "portal.test", Path: "/", Severity: SeverityMedium}
	ide := Finding{Kind: KindMisclassified, Cookie: "IDE", Domain: "tracker.test", Path: "/", Severity: SeverityHigh}
	hj := Finding{Kind: KindNotObserved, Cookie: "_hj*", Severity: SeverityInfo}
	cases := []struct {
		name     string
		findings []Finding
		policy   string
		partial  bool
		gate     *GateOptions // nil: no gate
		want     string
	}{
		{"no policy, no gate", nil, "", false, nil,
			counts + " · Findings: none (no policy) · no gate"},
		{"clean", nil, "cookies.yaml", false, &GateOptions{},
			counts + " · Findings: none · gate: passed — no finding matches --fail-on"},
		{"only informational", []Finding{hj}, "cookies.yaml", false, &GateOptions{},
			counts + " · Findings: 1 not-observed · gate: passed — no finding matches --fail-on"},
		{"report only", []Finding{ga, ide}, "cookies.yaml", false, &GateOptions{FailOn: []string{}},
			counts + " · Findings: 1 undeclared, 1 misclassified · gate: passed — --fail-on none only reports"},
		{"one failing", []Finding{ga, hj}, "cookies.yaml", false, &GateOptions{},
			counts + " · Findings: 1 undeclared, 1 not-observed · gate: failed — 1 finding of kind undeclared matches --fail-on"},
		{"several kinds", []Finding{ide, gid, ga, hj}, "cookies.yaml", false, &GateOptions{},
			counts + " · Findings: 2 undeclared, 1 misclassified, 1 not-observed · gate: failed — 3 findings of kinds undeclared, misclassified match --fail-on"},
		{"min severity", []Finding{ga, gid}, "cookies.yaml", false, &GateOptions{MinSeverity: SeverityHigh},
			counts + " · Findings: 2 undeclared · gate: failed — 1 finding of kind undeclared matches --fail-on and --min-severity high"},
		{"below min severity", []Finding{gid}, "cookies.yaml", false, &GateOptions{MinSeverity: SeverityHigh},
			counts + " · Findings: 1 undeclared · gate: passed — no finding matches --fail-on and --min-severity high"},
		{"baseline", []Finding{ga, gid}, "cookies.yaml", false, &GateOptions{Baseline: &Report{Target: "https://www.portal.test/", Findings: []Finding{gid}}},
			counts + " · Findings: 2 undeclared · gate: failed — 1 new finding of kind undeclared matches --fail-on (1 unchanged since the baseline)"},
		{"baseline, nothing new", []Finding{gid}, "cookies.yaml", false, &GateOptions{Baseline: &Report{Target: "https://www.portal.test/", Findings: []Finding{gid}}},
			counts + " · Findings: 1 undeclared · gate: passed — no finding matches --fail-on (1 unchanged since the baseline)"},
		{"ignored", []Finding{ga}, "cookies.yaml", false, &GateOptions{Ignores: &Ignores{Rules: []IgnoreRule{{Cookie: "_ga", Kind: "*", Reason: "r"}}}},
			counts + " · Findings: 1 undeclared · gate: passed — no finding matches --fail-on (1 ignored)"},
		{"partial, clean", nil, "cookies.yaml", true, &GateOptions{},
			counts + " · Findings: none · gate: incomplete — the scan stopped before visiting every page, so it cannot vouch for the site; no finding matches --fail-on"},
		{"partial, failing", []Finding{ga}, "cookies.yaml", true, &GateOptions{},
			counts + " · Findings: 1 undeclared · gate: failed — 1 finding of kind undeclared matches --fail-on; the scan was incomplete"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := New(portal(t), Options{})
			rep.Policy, rep.Partial = tc.policy, tc.partial
			rep.Findings = append([]Finding{}, tc.findings...)
			if tc.gate != nil {
				opts := *tc.gate
				opts.Now = today
				ApplyGate(rep, opts)
			}
			var buf bytes.Buffer
			if err := WriteTable(&buf, rep); err != nil {
				t.Fatal(err)
			}
			if got := lastLine(buf.String()); got != tc.want {
				t.Errorf("last line\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// TestTableSummaryReportOnly: with --exit-code 0 the gate still fails, and
// the summary says why the exit code does not.
func TestTableSummaryReportOnly(t *testing.T) {
	t.Parallel()
	rep := New(portal(t), Options{})
	rep.Policy = "cookies.yaml"
	rep.Findings = []Finding{{Kind: KindUndeclared, Cookie: "_ga", Domain: "portal.test", Path: "/", Severity: SeverityHigh}}
	ApplyGate(rep, GateOptions{Now: today}).ReportOnly = true
	var buf bytes.Buffer
	if err := WriteTable(&buf, rep); err != nil {
		t.Fatal(err)
	}
	want := "gate: failed — 1 finding of kind undeclared matches --fail-on; reported only (--exit-code 0)"
	if got := lastLine(buf.String()); !strings.HasSuffix(got, want) {
		t.Errorf("last line\n got: %s\nwant suffix: %s", got, want)
	}
}

// TestTableGroupsFindings checks that the findings are listed by kind, in
// the order of Kinds whatever their order in the report, and within a kind
// by cookie, so that the findings of one cookie are together.
func TestTableGroupsFindings(t *testing.T) {
	t.Parallel()
	rep := New(portal(t), Options{})
	rep.Policy = "cookies.yaml"
	rep.Findings = []Finding{
		{Kind: KindNotObserved, Cookie: "_hj*", Severity: SeverityInfo, Message: "m1"},
		{Kind: KindUndeclared, Cookie: "uid", Domain: "social.test", Severity: SeverityMedium, Message: "m2"},
		{Kind: "future-kind", Cookie: "x", Severity: SeverityLow, Message: "m3"},
		{Kind: KindBeforeConsent, Cookie: "_ga", Domain: "portal.test", Severity: SeverityHigh, Message: "m4"},
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "www.portal.test", Severity: SeverityHigh, Message: "m5"},
		{Kind: KindUndeclared, Cookie: "_ga", Domain: "portal.test", Severity: SeverityHigh, Message: "m6"},
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	order := []string{"undeclared (3):", ": m6", ": m5", ": m2", "before-consent (1):", ": m4", "not-observed (1):", ": m1", "future-kind (1):", ": m3",
		"Findings: 3 undeclared, 1 before-consent, 1 not-observed, 1 future-kind"}
	last := -1
	for _, want := range order {
		i := strings.Index(out, want)
		if i < 0 {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
		if i < last {
			t.Errorf("%q is out of order:\n%s", want, out)
		}
		last = i
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{"café ☕ 日本", "café ☕ 日本"},
		{"\x1b[31mred", `\x1b[31mred`},
		{"tab\there", `tab\x09here`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"rtl\u202eltr", `rtl\u202eltr`},
		{"zw\u200bsp", `zw\u200bsp`},
		{"line\u2028sep", `line\u2028sep`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"real \uFFFD stays", "real \uFFFD stays"},
	}
	for _, tc := range cases {
		if got := sanitize(tc.in); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLifetime(t *testing.T) {
	t.Parallel()
	at := func(d time.Duration) *time.Time { v := start.Add(d); return &v }
	day := 24 * time.Hour
	cases := []struct {
		name string
		c    Cookie
		want string
	}{
		{"session", Cookie{Session: true, Stored: true}, "session"},
		{"persistent", Cookie{RequestedExpires: at(14 * day), Expires: at(14 * day), Stored: true}, "14d"},
		{"capped", Cookie{RequestedExpires: at(730 * day), Expires: at(400 * day), Stored: true}, "2y (stored 400d)"},
		{"blocked", Cookie{RequestedExpires: at(90 * day), BlockedReasons: []string{"ThirdPartyPhaseout"}}, "3mo (blocked)"},
		{"blocked session", Cookie{Session: true}, "session (blocked)"},
	}
	for _, tc := range cases {
		if got := lifetime(tc.c, start); got != tc.want {
			t.Errorf("%s: lifetime = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestTableMarksGateStatus: with a baseline and an ignore file, the table
// says of each finding whether it is new or unchanged since the baseline,
// ignored (and why) and whether it fails the gate; it lists the findings
// resolved since the baseline and the ignore file's stale entries, as the
// Markdown and HTML reports do. Without either, no finding has a status.
func TestTableMarksGateStatus(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteTable(&buf, audited(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"  medium uid (social.test/): uid is set but the policy does not declare it; it is probably marketing\n" +
			"         evidence: set by a Set-Cookie header of https://social.test/button, first on https://www.portal.test/explore/?sort=modified&q=a<b; knowledge base: Criteo uid is marketing (low confidence, where it is set on criteo.com): Criteo user identifier\n" +
			"         status: new since the baseline; fails the gate\n",
		"  high   _gid (portal.test/): _gid is set but the policy does not declare it; it is probably statistics (Google Analytics)\n" +
			"         evidence: set by the script https://www.portal.test/static/gtag.js, first on https://www.portal.test/; knowledge base: Google Analytics _gid is statistics (high confidence): Distinguishes visitors for 24 hours\n" +
			"         status: unchanged since the baseline\n",
		"         status: ignored: Django default; the policy is being corrected (until 2026-12-31); unchanged since the baseline\n",
		"\nResolved since the baseline (2):\n  undeclared: _fbp (portal.test/)\n  not-observed: IDE\n",
		"\nIgnore file:\n  .cookieaudit-ignore.yaml:7: ignore entry for old_* (undeclared) matches no finding",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks\n%s\n---\n%s", want, out)
		}
	}

	plain := classifyWith(t, auditedScan(t, false), "policy/cookies.yaml", auditedPolicy, "v1.2.3")
	ApplyGate(plain, GateOptions{Now: today})
	buf.Reset()
	if err := WriteTable(&buf, plain); err != nil {
		t.Fatal(err)
	}
	for _, unwanted := range []string{"status:", "Resolved since", "Ignore file:"} {
		if strings.Contains(buf.String(), unwanted) {
			t.Errorf("a report with neither baseline nor ignore file has %q:\n%s", unwanted, buf.String())
		}
	}
}
