package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cookieaudit/cookieaudit/fixtures"
	"github.com/cookieaudit/cookieaudit/report"
)

// TestBinaryCIGate builds the cookieaudit binary and runs it as a CI job
// does (STYLE.md §8, "dogfood the gate"), against the demo portal served
// by the fixture server under its production host names:
//
//   - the portal against its own policy page violates it: exit 1, with a
//     valid SARIF 2.1.0 file and a JUnit file with failures;
//   - the portal against a policy file that declares every cookie it sets
//     complies: exit 0;
//   - the first scan again with --baseline set to its own JSON report: no
//     finding is new, exit 0.
//
// The exit codes are the contract CI jobs rely on (DESIGN.md), so they
// are compared exactly, as numbers rather than exit.go's constants. The first two scans run in parallel; the third needs the
// first's report.
func TestBinaryCIGate(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	// The flags every scan here shares. One consent phase is enough: the
	// portal sets the same cookies in every phase (fixtures.PortalConsent),
	// and consent findings are other tests' business.
	scan := func(extra ...string) []string {
		return append([]string{"scan", site.Start,
			"--host-resolver-rules", srv.HostResolverRules(), "--insecure",
			"--consent", "none", "--wait", "auto", "--page-timeout", "60s"}, extra...)
	}

	violating := t.TempDir()
	violatingJSON := filepath.Join(violating, "cookieaudit.json")
	t.Run("scans", func(t *testing.T) {
		t.Run("violating policy page fails the gate", func(t *testing.T) {
			t.Parallel()
			res := runBinary(ctx, t, bin, scan("--policy", site.Policy,
				"--format", "json,sarif,junit", "--output-dir", violating)...)
			res.wantExit(t, 1)
			if !strings.Contains(res.stderr, " the gate (") {
				t.Errorf("stderr does not say why the gate failed:\n%s", res.stderr)
			}
			checkSARIF(t, filepath.Join(violating, "cookieaudit.sarif"))
			checkJUnit(t, filepath.Join(violating, "cookieaudit.junit.xml"))
		})

		t.Run("compliant policy file passes the gate", func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			pol := filepath.Join(dir, "cookies.yaml")
			if err := os.WriteFile(pol, compliantPolicy(t, site), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "scan.json")
			// --fail-on lists the kinds the policy decides. A scan with
			// --consent none still runs the before-consent phase, and the
			// portal sets its statistics, preferences and marketing
			// cookies before any choice: those before-consent findings are
			// real, however complete the policy, and would fail the
			// default --fail-on. What this case proves is that a policy
			// that tells the truth passes the gate.
			res := runBinary(ctx, t, bin, scan("--policy", pol,
				"--fail-on", "undeclared,misclassified,expiry-mismatch",
				"--format", "json", "--output", out)...)
			if res.code != 0 {
				logFindings(t, out)
			}
			res.wantExit(t, 0)
			rep := savedReport(t, out)
			for _, f := range rep.Findings {
				switch f.Kind {
				case "undeclared", "misclassified", "expiry-mismatch", "ambiguous":
					t.Errorf("finding of a compliant policy: %s %s: %s", f.Kind, f.Cookie, f.Message)
				default:
					t.Logf("finding outside --fail-on: %s %s: %s", f.Kind, f.Cookie, f.Message)
				}
			}
			if rep.Gate == nil || rep.Gate.Outcome != "pass" {
				t.Errorf("gate %+v, want outcome pass", rep.Gate)
			}
		})
	})
	if t.Failed() {
		return
	}

	t.Run("baseline of the same scan passes", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "scan.json")
		res := runBinary(ctx, t, bin, scan("--policy", site.Policy, "--baseline", violatingJSON,
			"--format", "json", "--output", out)...)
		if res.code != 0 {
			logFindings(t, out)
		}
		res.wantExit(t, 0)
		rep := savedReport(t, out)
		if rep.Gate == nil || rep.Gate.Baseline != violatingJSON || rep.Gate.Failing != 0 {
			t.Errorf("gate %+v, want the baseline %s and no failing finding", rep.Gate, violatingJSON)
		}
		if len(rep.Findings) == 0 {
			t.Error("no findings: the baseline case needs the violations of the first scan")
		}
		for _, f := range rep.Findings {
			if f.Baseline != "unchanged" {
				t.Errorf("%s %s (%s): baseline %q, want unchanged", f.Kind, f.Cookie, f.Domain, f.Baseline)
			}
		}
	})

	t.Run("table in a CI log has no colour", func(t *testing.T) {
		// "report" re-renders the saved scan without a browser. Its stdout
		// is a pipe here, as in a CI job: plain text, ending with the
		// summary line that gives the gate's outcome.
		res := runBinary(ctx, t, bin, "report", violatingJSON, "--format", "table")
		res.wantExit(t, 0)
		if strings.Contains(res.stdout, "\x1b") {
			t.Errorf("escape sequence in a table written to a pipe:\n%q", res.stdout)
		}
		lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "gate: failed — ") || !strings.Contains(last, "undeclared") {
			t.Errorf("last line %q does not give the gate's outcome", last)
		}
	})
}

// built is the binary the tests run: built once per test binary (a link
// of it costs seconds of CPU), in a directory TestMain removes.
var built struct {
	once      sync.Once
	dir, path string
	err       error
}

// buildBinary builds cookieaudit, once for all the tests, with the go
// command that runs the test (go test puts its GOROOT/bin first in PATH).
// The tests only run it.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		if built.dir, built.err = os.MkdirTemp("", "cookieaudit-bin-"); built.err != nil {
			return
		}
		path := filepath.Join(built.dir, "cookieaudit")
		out, err := exec.Command(goTool, "build", "-o", path, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.path = path
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// binaryResult is the outcome of one run of the binary.
type binaryResult struct {
	args           []string
	code           int
	stdout, stderr string
}

func (r binaryResult) wantExit(t *testing.T, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("cookieaudit %s: exit %d, want %d\nstderr:\n%s", strings.Join(r.args, " "), r.code, want, r.stderr)
	}
}

// runBinary runs the binary with args in an empty directory (so that no
// .cookieaudit-ignore.yaml of the working tree is read), its stdout and
// stderr pipes as in a CI job. When ctx ends, it gets SIGTERM, as a CI
// job's cancellation sends, so that it closes its browser and removes its
// profile; SIGKILL would leave Chromium behind.
func runBinary(ctx context.Context, t *testing.T, bin string, args ...string) binaryResult {
	t.Helper()
	return runBinaryEnv(ctx, t, bin, nil, args...)
}

// runBinaryEnv is runBinary with the environment env (nil: the test's).
func runBinaryEnv(ctx context.Context, t *testing.T, bin string, env []string, args ...string) binaryResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Dir = t.TempDir()
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	start := time.Now()
	err := cmd.Run()
	res := binaryResult{args: args, stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		res.code = ee.ExitCode()
	default:
		t.Fatalf("cookieaudit %s: %v\nstderr:\n%s", strings.Join(args, " "), err, res.stderr)
	}
	t.Logf("cookieaudit %s: exit %d in %s", args[0], res.code, time.Since(start).Round(100*time.Millisecond))
	return res
}

// compliantPolicy is a policy file that declares every cookie the site
// sets, in the category the evidence gives it and with the lifetime it
// asks for.
func compliantPolicy(t *testing.T, site fixtures.Site) []byte {
	t.Helper()
	categories := map[string]string{
		"sessionid":           "necessary",
		"csrftoken":           "necessary",
		"django_language":     "necessary",
		"cookies_preferences": "necessary",
		"ods_api_console":     "necessary",
		"__Host-chat_sid":     "necessary", // the chat widget's session
		"ods_catalog_view":    "preferences",
		"ods_map_state":       "preferences",
		"_ga":                 "statistics",
		"_gid":                "statistics",
		"sw_uid":              "marketing", // a year-long third-party identifier
	}
	var b strings.Builder
	b.WriteString("site: portal.test\ncookies:\n")
	for _, c := range site.Cookies {
		cat, ok := categories[c.Name]
		if !ok {
			t.Fatalf("the portal sets %s, which the compliant policy lacks: add it", c.Name)
		}
		duration := "session"
		switch {
		case c.Session:
		case c.Lifetime%(24*time.Hour) == 0:
			duration = fmt.Sprintf("%dd", c.Lifetime/(24*time.Hour))
		default:
			duration = fmt.Sprintf("%dm", c.Lifetime/time.Minute)
		}
		fmt.Fprintf(&b, "  - name: %q\n    category: %s\n    duration: %s\n", c.Name, cat, duration)
	}
	return []byte(b.String())
}

// savedReport reads the JSON report at path, failing the test when it
// cannot.
func savedReport(t *testing.T, path string) *report.Report {
	t.Helper()
	rep, err := readReport(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// logFindings logs the findings of a report, to explain an unexpected
// exit code.
func logFindings(t *testing.T, path string) {
	t.Helper()
	rep, err := readReport(path, nil)
	if err != nil {
		t.Logf("no report: %v", err)
		return
	}
	for _, f := range rep.Findings {
		t.Logf("finding %s %s (%s): %s", f.Kind, f.Cookie, f.Domain, f.Message)
	}
}

// sarifSchema is the part of the SARIF 2.1.0 schema (OASIS,
// sarif-schema-2.1.0.json) that covers the objects cookieaudit writes:
// the properties each object allows (the schema closes every object but
// property bags), those it requires, and its enumerations, ranges and
// formats. report's TestSARIFValid checks the writer the same way on
// fixed reports; this checks the file the binary writes.
const sarifSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["version", "runs"],
  "propertyNames": {"enum": ["$schema", "version", "runs", "inlineExternalProperties", "properties"]},
  "properties": {
    "$schema": {"type": "string", "format": "uri"},
    "version": {"const": "2.1.0"},
    "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"}}
  },
  "$defs": {
    "run": {
      "type": "object",
      "required": ["tool"],
      "propertyNames": {"enum": ["tool", "invocations", "conversion", "language", "versionControlProvenance",
        "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails",
        "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
        "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies",
        "addresses", "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"]},
      "properties": {
        "tool": {
          "type": "object", "required": ["driver"],
          "propertyNames": {"enum": ["driver", "extensions", "properties"]},
          "properties": {"driver": {"$ref": "#/$defs/toolComponent"}}
        },
        "invocations": {"type": "array", "items": {"$ref": "#/$defs/invocation"}},
        "automationDetails": {
          "type": "object",
          "propertyNames": {"enum": ["description", "id", "guid", "correlationGuid", "properties"]},
          "properties": {"id": {"type": "string"}}
        },
        "results": {"type": ["array", "null"], "items": {"$ref": "#/$defs/result"}},
        "properties": {"$ref": "#/$defs/propertyBag"}
      }
    },
    "toolComponent": {
      "type": "object",
      "required": ["name"],
      "propertyNames": {"enum": ["guid", "name", "organization", "product", "productSuite", "shortDescription",
        "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc",
        "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations",
        "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
        "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
        "supportedTaxonomies", "properties"]},
      "properties": {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "informationUri": {"type": "string", "format": "uri"},
        "rules": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/$defs/reportingDescriptor"}}
      }
    },
    "reportingDescriptor": {
      "type": "object",
      "required": ["id"],
      "propertyNames": {"enum": ["id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
        "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help",
        "relationships", "properties"]},
      "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "shortDescription": {"$ref": "#/$defs/multiformatMessageString"},
        "fullDescription": {"$ref": "#/$defs/multiformatMessageString"},
        "help": {"$ref": "#/$defs/multiformatMessageString"},
        "defaultConfiguration": {
          "type": "object",
          "propertyNames": {"enum": ["enabled", "level", "rank", "parameters", "properties"]},
          "properties": {"level": {"$ref": "#/$defs/level"}}
        },
        "properties": {"$ref": "#/$defs/propertyBag"}
      }
    },
    "invocation": {
      "type": "object",
      "required": ["executionSuccessful"],
      "properties": {
        "executionSuccessful": {"type": "boolean"},
        "startTimeUtc": {"type": "string", "format": "date-time"},
        "endTimeUtc": {"type": "string", "format": "date-time"}
      }
    },
    "result": {
      "type": "object",
      "required": ["message"],
      "propertyNames": {"enum": ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
        "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks",
        "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
        "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
        "webResponse", "properties"]},
      "properties": {
        "ruleId": {"type": "string"},
        "ruleIndex": {"type": "integer", "minimum": -1},
        "level": {"$ref": "#/$defs/level"},
        "message": {"$ref": "#/$defs/message"},
        "locations": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/location"}},
        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
        "baselineState": {"enum": ["new", "unchanged", "updated", "absent"]},
        "suppressions": {"type": "array", "items": {
          "type": "object", "required": ["kind"],
          "propertyNames": {"enum": ["guid", "kind", "status", "justification", "location", "properties"]},
          "properties": {
            "kind": {"enum": ["inSource", "external"]},
            "status": {"enum": ["accepted", "underReview", "rejected"]},
            "justification": {"type": "string"}
          }
        }},
        "properties": {"$ref": "#/$defs/propertyBag"}
      }
    },
    "location": {
      "type": "object",
      "propertyNames": {"enum": ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"]},
      "properties": {
        "physicalLocation": {
          "type": "object",
          "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
          "propertyNames": {"enum": ["address", "artifactLocation", "region", "contextRegion", "properties"]},
          "properties": {
            "artifactLocation": {
              "type": "object",
              "propertyNames": {"enum": ["uri", "uriBaseId", "index", "description", "properties"]},
              "properties": {"uri": {"type": "string", "format": "uri-reference"}}
            },
            "region": {
              "type": "object",
              "propertyNames": {"enum": ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
                "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"]},
              "properties": {"startLine": {"type": "integer", "minimum": 1}}
            }
          }
        },
        "logicalLocations": {"type": "array", "items": {
          "type": "object",
          "propertyNames": {"enum": ["name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"]},
          "properties": {"name": {"type": "string"}, "fullyQualifiedName": {"type": "string"}, "kind": {"type": "string"}}
        }}
      }
    },
    "message": {
      "type": "object",
      "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
      "propertyNames": {"enum": ["text", "markdown", "id", "arguments", "properties"]},
      "properties": {"text": {"type": "string"}}
    },
    "multiformatMessageString": {
      "type": "object",
      "required": ["text"],
      "propertyNames": {"enum": ["text", "markdown", "properties"]},
      "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}
    },
    "level": {"enum": ["none", "note", "warning", "error"]},
    "propertyBag": {
      "type": "object",
      "properties": {"tags": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}}
    }
  }
}`

// checkSARIF validates the SARIF file at path against sarifSchema, checks
// that every result names its rule by index and carries a fingerprint
// (code scanning matches alerts across runs by it), and that there are
// results: the scan violates its policy.
func checkSARIF(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(strings.NewReader(sarifSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-2.1.0-subset.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-2.1.0-subset.json")
	if err != nil {
		t.Fatalf("SARIF schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("%s is not valid SARIF 2.1.0: %v", path, err)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID              string
				RuleIndex           int
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Results) == 0 {
		t.Error("no SARIF result for a scan that fails the gate")
	}
	for i, r := range run.Results {
		rules := run.Tool.Driver.Rules
		if r.RuleIndex < 0 || r.RuleIndex >= len(rules) || rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d does not name rule %q", i, r.RuleIndex, r.RuleID)
		}
		if len(r.PartialFingerprints) == 0 {
			t.Errorf("result %d (%s): no partialFingerprints", i, r.RuleID)
		}
	}
}

// checkJUnit parses the JUnit file at path back as GitLab and Jenkins
// read it: a testsuites root with test suites of test cases, counts that
// match the cases, and at least one failure with its message.
func checkJUnit(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type problem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name      string   `xml:"name,attr"`
				Classname string   `xml:"classname,attr"`
				Failure   *problem `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s is not JUnit XML: %v", path, err)
	}
	if len(doc.Suites) == 0 {
		t.Fatal("JUnit: no test suite")
	}
	tests, failures := 0, 0
	failedKinds := map[string]bool{}
	for _, s := range doc.Suites {
		sf := 0
		for _, c := range s.Cases {
			if c.Name == "" || c.Classname == "" {
				t.Errorf("JUnit suite %s: test case without a name or class name: %+v", s.Name, c)
			}
			if c.Failure != nil {
				sf++
				if c.Failure.Message == "" || strings.TrimSpace(c.Failure.Text) == "" {
					t.Errorf("JUnit %s: failure without a message or text", c.Name)
				}
				if s.Name == "cookieaudit.findings" {
					failedKinds[c.Name] = true
				}
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != sf {
			t.Errorf("JUnit suite %s: tests=%d failures=%d, but %d cases of which %d fail", s.Name, s.Tests, s.Failures, len(s.Cases), sf)
		}
		tests += len(s.Cases)
		failures += sf
	}
	if doc.Tests != tests || doc.Failures != failures {
		t.Errorf("JUnit testsuites: tests=%d failures=%d, but %d cases of which %d fail", doc.Tests, doc.Failures, tests, failures)
	}
	if failures == 0 {
		t.Error("JUnit: no failure for a scan that fails the gate")
	}
	if !failedKinds["undeclared"] {
		t.Errorf("JUnit: the undeclared test case does not fail (failing kinds: %v)", failedKinds)
	}
}
