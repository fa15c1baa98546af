package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cookieaudit/cookieaudit/classifier"
)

// sarifSchemaFile is our JSON Schema of the part of SARIF 2.1.0 that
// WriteSARIF writes, written from the OASIS specification (see its
// description): the official schema is neither downloaded nor copied.
const sarifSchemaFile = "testdata/sarif-2.1.0-subset.schema.json"

// compileSARIFSchema compiles sarifSchemaFile, asserting formats (uri,
// uri-reference, date-time are checked, not just annotated). The compiler
// checks the schema against the draft 2020-12 meta-schema it embeds:
// nothing is fetched.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", sarifSchemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaFile)
	if err != nil {
		t.Fatalf("%s does not compile: %v", sarifSchemaFile, err)
	}
	return sch
}

// sarifProblems validates a SARIF log against the schema, and checks what
// a JSON Schema cannot say: a result's ruleIndex names the rule whose id is
// its ruleId (§3.27.6), rule ids are distinct, and every result has a
// location (code scanning drops results without one). It returns the
// problems found.
func sarifProblems(sch *jsonschema.Schema, out []byte) []string {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return []string{fmt.Sprintf("not JSON: %v", err)}
	}
	var problems []string
	if err := sch.Validate(inst); err != nil {
		problems = append(problems, err.Error())
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string            `json:"ruleId"`
				RuleIndex *int              `json:"ruleIndex"`
				Locations []json.RawMessage `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		return append(problems, err.Error())
	}
	for r, run := range log.Runs {
		seen := map[string]bool{}
		for i, rule := range run.Tool.Driver.Rules {
			if seen[rule.ID] {
				problems = append(problems, fmt.Sprintf("runs[%d].tool.driver.rules[%d]: rule id %q twice", r, i, rule.ID))
			}
			seen[rule.ID] = true
		}
		for i, res := range run.Results {
			if ri := res.RuleIndex; ri != nil && *ri >= 0 && (*ri >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*ri].ID != res.RuleID) {
				problems = append(problems, fmt.Sprintf("runs[%d].results[%d]: ruleIndex %d does not name rule %q", r, i, *ri, res.RuleID))
			}
			if len(res.Locations) == 0 {
				problems = append(problems, fmt.Sprintf("runs[%d].results[%d]: no location (code scanning needs one)", r, i))
			}
		}
	}
	return problems
}

// TestSARIFSchema validates every SARIF golden file and the SARIF of every
// test report against the schema, and checks that the schema and the
// checks reject what the specification forbids, so that this test can
// fail.
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	sch := compileSARIFSchema(t)
	docs := map[string][]byte{}
	goldens, err := filepath.Glob("testdata/*.sarif.golden")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no SARIF golden files: %v", err)
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		docs[g] = b
	}
	for name, rep := range map[string]*Report{
		"audited": audited(t), "hostile-findings": hostileReport(t), "banner": bannerReport(t), "no-reject": noRejectReport(t),
		"classified": classified(t), "empty": New(empty(), Options{}), "partial": New(partial(t), Options{}),
	} {
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, rep); err != nil {
			t.Fatal(err)
		}
		docs[name] = buf.Bytes()
	}
	for name, b := range docs {
		for _, p := range sarifProblems(sch, b) {
			t.Errorf("%s: %s", name, p)
		}
	}

	// Each change breaks one rule of the specification in the audited
	// report's SARIF, which is valid as written.
	good := docs["audited"]
	for _, tc := range []struct {
		name   string
		change func(log map[string]any)
		want   string // in the problems
	}{
		{"a level that is not one", func(log map[string]any) { logResult(log)["level"] = "high" }, "level"},
		{"a rule's default level", func(log map[string]any) {
			logRule(log)["defaultConfiguration"] = map[string]any{"level": "fatal"}
		}, "level"},
		{"another version", func(log map[string]any) { log["version"] = "2.0.0" }, "version"},
		{"no runs", func(log map[string]any) { delete(log, "runs") }, "runs"},
		{"no driver name", func(log map[string]any) { delete(logDriver(log), "name") }, "name"},
		{"a rule without id", func(log map[string]any) { delete(logRule(log), "id") }, "id"},
		{"a property the specification does not define", func(log map[string]any) { logResult(log)["severity"] = "high" }, "severity"},
		{"a message without text", func(log map[string]any) { logResult(log)["message"] = map[string]any{} }, "text"},
		{"a fingerprint that is not a string", func(log map[string]any) {
			logResult(log)["partialFingerprints"] = map[string]any{"cookieaudit/v1": 42}
		}, "partialFingerprints"},
		{"an unknown baseline state", func(log map[string]any) { logResult(log)["baselineState"] = "gone" }, "baselineState"},
		{"an unknown suppression kind", func(log map[string]any) {
			logResult(log)["suppressions"] = []any{map[string]any{"kind": "ignored"}}
		}, "kind"},
		{"line 0", func(log map[string]any) {
			loc := logResult(log)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"] = map[string]any{"startLine": 0}
		}, "startLine"},
		{"a location with neither", func(log map[string]any) { logResult(log)["locations"] = []any{map[string]any{}} }, "locations"},
		{"a start time that is not a date-time", func(log map[string]any) {
			logRun(log)["invocations"].([]any)[0].(map[string]any)["startTimeUtc"] = "yesterday"
		}, "startTimeUtc"},
		{"a ruleIndex naming another rule", func(log map[string]any) { logResult(log)["ruleIndex"] = 3 }, "does not name rule"},
		{"a rule id twice", func(log map[string]any) {
			rules := logDriver(log)["rules"].([]any)
			r0, r1 := rules[0].(map[string]any), rules[1].(map[string]any)
			r1["id"] = r0["id"]
		}, "twice"},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			var log map[string]any
			if err := json.Unmarshal(good, &log); err != nil {
				t.Fatal(err)
			}
			tc.change(log)
			bad, err := json.Marshal(log)
			if err != nil {
				t.Fatal(err)
			}
			problems := sarifProblems(sch, bad)
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Errorf("problems %q, want one about %q", problems, tc.want)
			}
		})
	}
}

// logRun, logDriver, logRule and logResult are the first of each in a
// decoded log.
func logRun(log map[string]any) map[string]any {
	return log["runs"].([]any)[0].(map[string]any)
}

func logDriver(log map[string]any) map[string]any {
	return logRun(log)["tool"].(map[string]any)["driver"].(map[string]any)
}

func logRule(log map[string]any) map[string]any {
	return logDriver(log)["rules"].([]any)[0].(map[string]any)
}

func logResult(log map[string]any) map[string]any {
	return logRun(log)["results"].([]any)[0].(map[string]any)
}

// TestSARIFForCodeScanning checks what code scanning relies on in the
// audited report's SARIF: one rule per kind, each result at its policy
// line with a distinct fingerprint, its suppression and baseline state,
// the rule id the JSON report and the classifier give it, and a level by
// severity.
func TestSARIFForCodeScanning(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	rep := audited(t)
	if err := WriteSARIF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var ruleKinds []string
	for _, r := range run.Tool.Driver.Rules {
		k, _ := r.Properties["kind"].(string)
		ruleKinds = append(ruleKinds, k)
	}
	if want := kindNames(); fmt.Sprint(ruleKinds) != fmt.Sprint(want) {
		t.Errorf("rules of kinds %v, want one per kind %v", ruleKinds, want)
	}
	if len(run.Results) != len(rep.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(rep.Findings))
	}
	fps := map[string]bool{}
	for i, r := range run.Results {
		f := rep.Findings[i]
		loc := run.Results[i].Locations[0].PhysicalLocation
		wantLine := max(f.PolicyLine, 1)
		if loc.ArtifactLocation.URI != "policy/cookies.yaml" || loc.Region.StartLine != wantLine {
			t.Errorf("result %d at %s:%d, want policy/cookies.yaml:%d", i, loc.ArtifactLocation.URI, loc.Region.StartLine, wantLine)
		}
		fp := r.PartialFingerprints[sarifFingerprintKey]
		if fp == "" || fps[fp] {
			t.Errorf("result %d: fingerprint %q missing or not unique", i, fp)
		}
		fps[fp] = true
		if (f.Ignored != nil) != (len(r.Suppressions) == 1) {
			t.Errorf("result %d: ignored %v but %d suppressions", i, f.Ignored != nil, len(r.Suppressions))
		}
		if r.BaselineState != f.Baseline {
			t.Errorf("result %d: baselineState %q, want %q", i, r.BaselineState, f.Baseline)
		}
		// One id for the rule in both reports, the classifier's.
		if r.RuleID != f.RuleID || r.RuleID != classifier.Kind(f.Kind).RuleID() || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %q, but the JSON report's ruleId is %q and the kind's %q", i, r.RuleID, f.RuleID, classifier.Kind(f.Kind).RuleID())
		}
		if fqn := r.Locations[0].LogicalLocations[0].FullyQualifiedName; strings.Contains(fqn, "//") {
			t.Errorf("result %d: fullyQualifiedName %q has an empty part", i, fqn)
		}
	}
	levels := map[string]string{}
	for _, r := range run.Results {
		levels[r.Properties["severity"].(string)] = r.Level
	}
	want := map[string]string{"high": "error", "medium": "warning", "low": "note", "info": "note"}
	if fmt.Sprint(levels) != fmt.Sprint(want) {
		t.Errorf("levels by severity %v, want %v", levels, want)
	}
}

// TestSARIFFingerprintsStable checks that the fingerprints do not depend
// on what changes between two scans of an unchanged site: times, values,
// the order of findings, messages.
func TestSARIFFingerprintsStable(t *testing.T) {
	t.Parallel()
	fingerprints := func(rep *Report) []string {
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, r := range log.Runs[0].Results {
			fps = append(fps, r.PartialFingerprints[sarifFingerprintKey])
		}
		sort.Strings(fps)
		return fps
	}
	a := audited(t)
	b := audited(t)
	b.StartedAt = b.StartedAt.AddDate(0, 1, 0)
	for i, j := 0, len(b.Findings)-1; i < j; i, j = i+1, j-1 {
		b.Findings[i], b.Findings[j] = b.Findings[j], b.Findings[i]
	}
	for i := range b.Findings {
		b.Findings[i].Message += " (reworded)"
		b.Findings[i].Severity = SeverityLow
	}
	if fa, fb := fingerprints(a), fingerprints(b); fmt.Sprint(fa) != fmt.Sprint(fb) {
		t.Errorf("fingerprints changed:\n%v\n%v", fa, fb)
	}
}

func TestSARIFURI(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"":                                    "",
		"policy.yaml":                         "policy.yaml",
		"./policy/cookies.yaml":               "policy/cookies.yaml",
		"my policy.yaml":                      "my%20policy.yaml",
		"/srv/site/policy.yaml":               "file:///srv/site/policy.yaml",
		"https://www.example.org/cookies?x=1": "https://www.example.org/cookies?x=1",
	}
	for in, want := range cases {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}
