package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// sarifObject describes one object type of the SARIF 2.1.0 schema
// (sarif-schema-2.1.0.json, OASIS): the properties it allows (the schema
// sets "additionalProperties": false on every object but property bags)
// and those it requires. Only the types cookieaudit writes are listed.
type sarifObject struct {
	allowed  []string
	required []string
}

var sarifObjects = map[string]sarifObject{
	"sarifLog": {
		allowed:  []string{"$schema", "version", "runs", "inlineExternalProperties", "properties"},
		required: []string{"version", "runs"},
	},
	"run": {
		allowed: []string{"tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
			"artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid",
			"redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
			"externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations",
			"policies", "webRequests", "webResponses", "specialLocations", "properties"},
		required: []string{"tool"},
	},
	"tool": {allowed: []string{"driver", "extensions", "properties"}, required: []string{"driver"}},
	"toolComponent": {
		allowed: []string{"guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription",
			"fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
			"informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language",
			"contents", "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
			"associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"},
		required: []string{"name"},
	},
	"reportingDescriptor": {
		allowed: []string{"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
			"fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties"},
		required: []string{"id"},
	},
	"reportingConfiguration":   {allowed: []string{"enabled", "level", "rank", "parameters", "properties"}},
	"multiformatMessageString": {allowed: []string{"text", "markdown", "properties"}, required: []string{"text"}},
	"message":                  {allowed: []string{"text", "markdown", "id", "arguments", "properties"}},
	"invocation": {
		allowed: []string{"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
			"ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
			"toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
			"processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
			"executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
			"stdoutStderr", "properties"},
		required: []string{"executionSuccessful"},
	},
	"runAutomationDetails": {allowed: []string{"description", "id", "guid", "correlationGuid", "properties"}},
	"result": {
		allowed: []string{"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
			"correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs",
			"graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
			"hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"},
		required: []string{"message"},
	},
	"location": {allowed: []string{"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"}},
	"physicalLocation": {
		allowed: []string{"address", "artifactLocation", "region", "contextRegion", "properties"},
	},
	"artifactLocation": {allowed: []string{"uri", "uriBaseId", "index", "description", "properties"}},
	"region": {
		allowed: []string{"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
			"byteLength", "snippet", "message", "sourceLanguage", "properties"},
	},
	"logicalLocation": {allowed: []string{"name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"}},
	"suppression":     {allowed: []string{"guid", "kind", "status", "justification", "location", "properties"}, required: []string{"kind"}},
}

// sarifValidator checks a decoded SARIF log against sarifObjects and the
// schema's enumerations, ranges and formats.
type sarifValidator struct{ errs []string }

func (v *sarifValidator) errorf(format string, args ...any) {
	v.errs = append(v.errs, fmt.Sprintf(format, args...))
}

// object checks that x is an object of the given type and returns it.
func (v *sarifValidator) object(where, typ string, x any) map[string]any {
	m, ok := x.(map[string]any)
	if !ok {
		v.errorf("%s: want a %s object, got %T", where, typ, x)
		return nil
	}
	spec := sarifObjects[typ]
	allowed := map[string]bool{}
	for _, k := range spec.allowed {
		allowed[k] = true
	}
	for k := range m {
		if !allowed[k] {
			v.errorf("%s: property %q is not allowed in %s", where, k, typ)
		}
	}
	for _, k := range spec.required {
		if _, ok := m[k]; !ok {
			v.errorf("%s: %s lacks required property %q", where, typ, k)
		}
	}
	if p, ok := m["properties"]; ok {
		v.propertyBag(where+".properties", p)
	}
	return m
}

func (v *sarifValidator) propertyBag(where string, x any) {
	m, ok := x.(map[string]any)
	if !ok {
		v.errorf("%s: want an object", where)
		return
	}
	if tags, ok := m["tags"]; ok {
		v.uniqueStrings(where+".tags", tags)
	}
}

func (v *sarifValidator) array(where string, x any) []any {
	a, ok := x.([]any)
	if !ok {
		v.errorf("%s: want an array, got %T", where, x)
	}
	return a
}

func (v *sarifValidator) str(where string, x any) string {
	s, ok := x.(string)
	if !ok {
		v.errorf("%s: want a string, got %T", where, x)
	}
	return s
}

func (v *sarifValidator) integer(where string, x any, min int) int {
	f, ok := x.(float64)
	if !ok || f != float64(int(f)) || int(f) < min {
		v.errorf("%s: want an integer ≥ %d, got %v", where, min, x)
		return 0
	}
	return int(f)
}

func (v *sarifValidator) enum(where string, x any, values ...string) {
	s := v.str(where, x)
	for _, val := range values {
		if s == val {
			return
		}
	}
	v.errorf("%s: %q is not one of %v", where, s, values)
}

func (v *sarifValidator) uniqueStrings(where string, x any) {
	seen := map[string]bool{}
	for i, e := range v.array(where, x) {
		s := v.str(fmt.Sprintf("%s[%d]", where, i), e)
		if seen[s] {
			v.errorf("%s: %q twice (uniqueItems)", where, s)
		}
		seen[s] = true
	}
}

func (v *sarifValidator) uriReference(where string, x any) {
	s := v.str(where, x)
	if _, err := url.Parse(s); err != nil || s == "" {
		v.errorf("%s: %q is not a URI reference: %v", where, s, err)
	}
}

func (v *sarifValidator) message(where, typ string, x any) {
	m := v.object(where, typ, x)
	if m == nil {
		return
	}
	_, text := m["text"]
	_, id := m["id"]
	if !text && !id {
		v.errorf("%s: message needs text or id", where)
	}
	if text {
		v.str(where+".text", m["text"])
	}
}

func (v *sarifValidator) dateTime(where string, x any) {
	s := v.str(where, x)
	if !isRFC3339(s) {
		v.errorf("%s: %q is not a date-time", where, s)
	}
}

// validate checks a whole log and returns the errors found.
func (v *sarifValidator) validate(doc any) []string {
	log := v.object("$", "sarifLog", doc)
	if log == nil {
		return v.errs
	}
	if log["version"] != "2.1.0" {
		v.errorf("$.version = %v, want 2.1.0", log["version"])
	}
	if s, ok := log["$schema"]; ok {
		v.uriReference("$.$schema", s)
	}
	for i, r := range v.array("$.runs", log["runs"]) {
		where := fmt.Sprintf("$.runs[%d]", i)
		run := v.object(where, "run", r)
		if run == nil {
			continue
		}
		tool := v.object(where+".tool", "tool", run["tool"])
		var ruleIDs []string
		if tool != nil {
			driver := v.object(where+".tool.driver", "toolComponent", tool["driver"])
			if driver != nil {
				v.str(where+".tool.driver.name", driver["name"])
				if u, ok := driver["informationUri"]; ok {
					v.uriReference(where+".tool.driver.informationUri", u)
				}
				seen := map[string]bool{}
				for j, ru := range v.array(where+".tool.driver.rules", driver["rules"]) {
					rw := fmt.Sprintf("%s.tool.driver.rules[%d]", where, j)
					rule := v.object(rw, "reportingDescriptor", ru)
					if rule == nil {
						continue
					}
					id := v.str(rw+".id", rule["id"])
					if seen[id] {
						v.errorf("%s: rule id %q twice", rw, id)
					}
					seen[id] = true
					ruleIDs = append(ruleIDs, id)
					for _, k := range []string{"shortDescription", "fullDescription", "help"} {
						if m, ok := rule[k]; ok {
							v.message(rw+"."+k, "multiformatMessageString", m)
						}
					}
					if c, ok := rule["defaultConfiguration"]; ok {
						if cfg := v.object(rw+".defaultConfiguration", "reportingConfiguration", c); cfg != nil {
							v.enum(rw+".defaultConfiguration.level", cfg["level"], "none", "note", "warning", "error")
						}
					}
				}
			}
		}
		if invs, ok := run["invocations"]; ok {
			for j, in := range v.array(where+".invocations", invs) {
				iw := fmt.Sprintf("%s.invocations[%d]", where, j)
				inv := v.object(iw, "invocation", in)
				if inv == nil {
					continue
				}
				if _, ok := inv["executionSuccessful"].(bool); !ok {
					v.errorf("%s.executionSuccessful: want a boolean", iw)
				}
				for _, k := range []string{"startTimeUtc", "endTimeUtc"} {
					if t, ok := inv[k]; ok {
						v.dateTime(iw+"."+k, t)
					}
				}
			}
		}
		if ad, ok := run["automationDetails"]; ok {
			if m := v.object(where+".automationDetails", "runAutomationDetails", ad); m != nil {
				v.str(where+".automationDetails.id", m["id"])
			}
		}
		for j, re := range v.array(where+".results", run["results"]) {
			v.result(fmt.Sprintf("%s.results[%d]", where, j), re, ruleIDs)
		}
	}
	return v.errs
}

func (v *sarifValidator) result(where string, x any, ruleIDs []string) {
	res := v.object(where, "result", x)
	if res == nil {
		return
	}
	v.message(where+".message", "message", res["message"])
	id := v.str(where+".ruleId", res["ruleId"])
	if ri, ok := res["ruleIndex"]; ok {
		i := v.integer(where+".ruleIndex", ri, -1)
		if i < 0 || i >= len(ruleIDs) || ruleIDs[i] != id {
			v.errorf("%s: ruleIndex %d does not name rule %q", where, i, id)
		}
	}
	if l, ok := res["level"]; ok {
		v.enum(where+".level", l, "none", "note", "warning", "error")
	}
	if b, ok := res["baselineState"]; ok {
		v.enum(where+".baselineState", b, "new", "unchanged", "updated", "absent")
	}
	locs := v.array(where+".locations", res["locations"])
	if len(locs) == 0 {
		v.errorf("%s: no location (code scanning needs one)", where)
	}
	for k, lo := range locs {
		lw := fmt.Sprintf("%s.locations[%d]", where, k)
		loc := v.object(lw, "location", lo)
		if loc == nil {
			continue
		}
		pl := v.object(lw+".physicalLocation", "physicalLocation", loc["physicalLocation"])
		if pl != nil {
			_, addr := pl["address"]
			_, art := pl["artifactLocation"]
			if !addr && !art {
				v.errorf("%s.physicalLocation needs address or artifactLocation", lw)
			}
			if al := v.object(lw+".physicalLocation.artifactLocation", "artifactLocation", pl["artifactLocation"]); al != nil {
				v.uriReference(lw+".physicalLocation.artifactLocation.uri", al["uri"])
			}
			if rg, ok := pl["region"]; ok {
				if r := v.object(lw+".physicalLocation.region", "region", rg); r != nil {
					v.integer(lw+".physicalLocation.region.startLine", r["startLine"], 1)
				}
			}
		}
		if lls, ok := loc["logicalLocations"]; ok {
			for m, ll := range v.array(lw+".logicalLocations", lls) {
				llw := fmt.Sprintf("%s.logicalLocations[%d]", lw, m)
				if l := v.object(llw, "logicalLocation", ll); l != nil {
					for _, k := range []string{"name", "fullyQualifiedName", "kind"} {
						if s, ok := l[k]; ok {
							v.str(llw+"."+k, s)
						}
					}
				}
			}
		}
	}
	if pf, ok := res["partialFingerprints"]; ok {
		m, ok := pf.(map[string]any)
		if !ok {
			v.errorf("%s.partialFingerprints: want an object", where)
		}
		for k, val := range m {
			v.str(where+".partialFingerprints."+k, val)
		}
	}
	if sups, ok := res["suppressions"]; ok {
		for k, su := range v.array(where+".suppressions", sups) {
			sw := fmt.Sprintf("%s.suppressions[%d]", where, k)
			if s := v.object(sw, "suppression", su); s != nil {
				v.enum(sw+".kind", s["kind"], "inSource", "external")
				if st, ok := s["status"]; ok {
					v.enum(sw+".status", st, "accepted", "underReview", "rejected")
				}
			}
		}
	}
}

func validateSARIF(t *testing.T, out []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	for _, e := range new(sarifValidator).validate(doc) {
		t.Error(e)
	}
	return doc
}

// TestSARIFValid validates the SARIF of every test report against the
// 2.1.0 schema's structure, and checks what code scanning relies on.
func TestSARIFValid(t *testing.T) {
	t.Parallel()
	reports := map[string]*Report{
		"audited":          audited(t),
		"hostile-findings": hostileReport(t),
		"empty":            New(empty(), Options{}),
		"portal":           New(portal(t), Options{}),
	}
	for name, rep := range reports {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSARIF(&buf, rep); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, buf.Bytes())
		})
	}

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
		// One id for the rule in both reports.
		if r.RuleID != f.RuleID {
			t.Errorf("result %d: ruleId %q, but the JSON report's ruleId is %q", i, r.RuleID, f.RuleID)
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

// TestSARIFValidatorRejects makes sure the validator catches what it is
// meant to catch.
func TestSARIFValidatorRejects(t *testing.T) {
	t.Parallel()
	const bad = `{"version": "2.0", "runs": [{"tool": {"driver": {"rules": [{"id": "a"}, {"id": "a"}]}},
		"invocations": [{}],
		"results": [{"ruleId": "b", "ruleIndex": 0, "level": "fatal", "message": {}, "baselineState": "gone",
			"locations": [{"physicalLocation": {"artifactLocation": {"uri": "x"}, "region": {"startLine": 0}}}],
			"suppressions": [{"kind": "ignored"}], "extra": 1}]}]}`
	var doc any
	if err := json.Unmarshal([]byte(bad), &doc); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(new(sarifValidator).validate(doc))
	for _, want := range []string{
		"$.version = 2.0",
		`lacks required property "name"`,
		`rule id "a" twice`,
		`lacks required property "executionSuccessful"`,
		`"fatal" is not one of`,
		"message needs text or id",
		`"gone" is not one of`,
		"startLine: want an integer ≥ 1",
		`"ignored" is not one of`,
		`property "extra" is not allowed in result`,
		`ruleIndex 0 does not name rule "b"`,
	} {
		if !bytes.Contains([]byte(got), []byte(want)) {
			t.Errorf("validator missed %q; it said:\n%s", want, got)
		}
	}
}
