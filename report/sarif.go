package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/cookieaudit/cookieaudit/classifier"
)

// FormatSARIF is SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure
// DevOps).
const FormatSARIF = "sarif"

// SARIF constants: the version written and the schema it follows.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// sarifFingerprintKey names the fingerprint in partialFingerprints;
	// the "/v1" lets a later fingerprint live beside this one.
	sarifFingerprintKey = "cookieaudit/v1"
)

// The SARIF 2.1.0 objects written, with only the properties used. Property
// names and nesting follow the OASIS specification (sections noted).
type (
	sarifLog struct { // §3.13
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct { // §3.14
		Tool              sarifTool               `json:"tool"`
		Invocations       []sarifInvocation       `json:"invocations"`
		AutomationDetails *sarifAutomationDetails `json:"automationDetails,omitempty"`
		Results           []sarifResult           `json:"results"`
		Properties        map[string]any          `json:"properties,omitempty"`
	}
	sarifTool struct { // §3.18
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct { // §3.19
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct { // §3.49
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		Help                 sarifMessage       `json:"help"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           map[string]any     `json:"properties,omitempty"`
	}
	sarifConfiguration struct { // §3.50
		Level string `json:"level"`
	}
	sarifMessage struct { // §3.11
		Text string `json:"text"`
	}
	sarifInvocation struct { // §3.20
		ExecutionSuccessful bool   `json:"executionSuccessful"`
		StartTimeUTC        string `json:"startTimeUtc,omitempty"`
		EndTimeUTC          string `json:"endTimeUtc,omitempty"`
	}
	sarifAutomationDetails struct { // §3.17
		ID string `json:"id"`
	}
	sarifResult struct { // §3.27
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifMessage       `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		BaselineState       string             `json:"baselineState,omitempty"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          map[string]any     `json:"properties,omitempty"`
	}
	sarifLocation struct { // §3.28
		PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysicalLocation struct { // §3.29
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct { // §3.4
		URI string `json:"uri"`
	}
	sarifRegion struct { // §3.30
		StartLine int `json:"startLine"`
	}
	sarifLogicalLocation struct { // §3.33
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct { // §3.35
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
)

// WriteSARIF writes rep as a SARIF 2.1.0 log with one run. The driver has
// one rule per finding kind (every kind, so that the rule set is the same
// in every run); each finding is a result of its kind's rule, at the level
// its severity gives (high: error, medium: warning, low and info: note),
// located at the policy file: the line of the declaration it is about, or
// line 1 for an undeclared cookie and a finding about the consent banner
// (code scanning accepts only files of the repository, and the policy is
// the audit's file there; the banner is named by the result's logical
// location, kind "element", and a web storage entry by one of kind
// "resource", "www.example.org/localStorage/st_uid"). Its
// partialFingerprints hold the
// finding's fingerprint, so code scanning follows it across runs. Ignored
// findings carry an external suppression with the ignore entry's reason;
// with a baseline, results carry baselineState "new" or "unchanged"
// (resolved findings are left out: they are no longer results).
func WriteSARIF(w io.Writer, rep *Report) error {
	// A rule's id is the ruleId of the JSON report ("undeclared-cookie",
	// see ruleID), so that a result names its rule the same way in both
	// reports. A finding whose rule id differs from its kind's (a report
	// made by hand) gets a rule of its own.
	kinds := kindsOf(rep.Findings)
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(kinds))
	addRule := func(id, k string) {
		if _, ok := index[id]; ok {
			return
		}
		index[id] = len(rules)
		info := kindInfo(k)
		tags := []string{"privacy", "cookies"}
		switch {
		case AboutBanner(Finding{Kind: k}):
			tags = append(tags, "consent-banner")
		case AboutStorage(Finding{Kind: k}):
			tags = append(tags, "web-storage")
		}
		rules = append(rules, sarifRule{
			ID:                   id,
			Name:                 ruleName(k),
			ShortDescription:     sarifMessage{info.Title},
			FullDescription:      sarifMessage{info.Description},
			Help:                 sarifMessage{info.Description},
			DefaultConfiguration: sarifConfiguration{Level: kindLevel(k)},
			Properties:           map[string]any{"tags": tags, "kind": k},
		})
	}
	for _, k := range kinds {
		addRule(ruleID(Finding{Kind: k}), k)
	}
	for _, f := range rep.Findings {
		addRule(ruleID(f), f.Kind)
	}
	uri := sarifURI(rep.Policy)
	if uri == "" {
		uri = rep.Target
	}
	results := make([]sarifResult, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		line := f.PolicyLine
		if line < 1 {
			line = 1
		}
		msg := findingMessage(f)
		props := map[string]any{
			"cookie":   f.Cookie,
			"domain":   f.Domain,
			"severity": f.Severity,
		}
		// Where the finding is, logically: the cookie, the site's
		// consent banner (a page element, §3.33.7), which has no cookie,
		// or a web storage entry (a resource of its origin: "variable"
		// would suggest code).
		logical := sarifLogicalLocation{Name: f.Cookie, FullyQualifiedName: cookieQualifiedName(f), Kind: "cookie"}
		switch {
		case AboutBanner(f):
			delete(props, "cookie")
			props["subject"] = bannerSubject
			logical = sarifLogicalLocation{Name: bannerSubject, FullyQualifiedName: f.Domain + "/consent-banner", Kind: "element"}
		case AboutStorage(f):
			delete(props, "cookie")
			props["storageKey"] = f.Cookie
			logical = sarifLogicalLocation{Name: f.Cookie, FullyQualifiedName: f.Domain + "/" + f.Storage + "/" + f.Cookie, Kind: "resource"}
		}
		for k, v := range map[string]string{"kind": f.Kind, "path": f.Path, "storage": f.Storage, "origin": f.Origin,
			"evidence": f.Evidence, "suggestedCategory": f.SuggestedCategory} {
			if v != "" {
				props[k] = v
			}
		}
		if failing(rep, f) {
			props["failsGate"] = true
		}
		r := sarifResult{
			RuleID:    ruleID(f),
			RuleIndex: index[ruleID(f)],
			Level:     severityLevel(f.Severity),
			Message:   sarifMessage{msg},
			Locations: []sarifLocation{{
				PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifactLocation{URI: uri},
					Region:           sarifRegion{StartLine: line},
				},
				LogicalLocations: []sarifLogicalLocation{logical},
			}},
			PartialFingerprints: map[string]string{sarifFingerprintKey: FindingFingerprint(rep.Target, f)},
			Properties:          props,
		}
		if f.Baseline == BaselineNew || f.Baseline == BaselineUnchanged {
			r.BaselineState = f.Baseline
		}
		if f.Ignored != nil {
			r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: f.Ignored.Reason}}
		}
		results = append(results, r)
	}
	// A consent choice that could not be made leaves the audit incomplete,
	// as a partial crawl does.
	inv := sarifInvocation{ExecutionSuccessful: !rep.Partial && len(ConsentFailures(rep)) == 0}
	if !rep.StartedAt.IsZero() {
		inv.StartTimeUTC = rep.StartedAt.UTC().Format(time.RFC3339)
	}
	if !rep.FinishedAt.IsZero() {
		inv.EndTimeUTC = rep.FinishedAt.UTC().Format(time.RFC3339)
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           rep.Tool.Name,
			Version:        rep.Tool.Version,
			InformationURI: "https://github.com/cookieaudit/cookieaudit",
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{inv},
		Results:     results,
		Properties:  map[string]any{"target": rep.Target, "partial": rep.Partial},
	}
	if run.Tool.Driver.Name == "" {
		run.Tool.Driver.Name = "cookieaudit"
	}
	// Code scanning keeps one set of alerts per category: one per site,
	// its host written as in the fingerprints.
	if u, err := url.Parse(rep.Target); err == nil && u.Host != "" {
		run.AutomationDetails = &sarifAutomationDetails{ID: "cookieaudit/" + classifier.NormalizeHost(rep.Target) + "/"}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// cookieQualifiedName is a cookie's logical location: its domain, path
// and name as one path, "example.org/_ga" or "example.org/shop/cart_id",
// with one "/" between the parts whatever the path ("/", "/shop/" or
// none, for a declared cookie never seen).
func cookieQualifiedName(f Finding) string {
	return f.Domain + strings.TrimSuffix("/"+strings.TrimPrefix(f.Path, "/"), "/") + "/" + f.Cookie
}

// sarifURI turns the policy source, as given, into a URI reference: a URL
// stays as it is, a relative path becomes a relative reference with "/"
// separators (code scanning resolves it against the repository root), an
// absolute path a file: URL.
func sarifURI(policy string) string {
	if policy == "" {
		return ""
	}
	if u, err := url.Parse(policy); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "file") {
		return policy
	}
	p := filepath.ToSlash(policy)
	if filepath.IsAbs(policy) || strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	p = strings.TrimPrefix(p, "./")
	return (&url.URL{Path: p}).String()
}

// severityLevel maps a finding severity to a SARIF level (§3.27.10).
func severityLevel(sev string) string {
	switch sev {
	case SeverityHigh:
		return "error"
	case SeverityMedium:
		return "warning"
	case SeverityLow, SeverityInfo:
		return "note"
	}
	return "warning"
}

// kindLevel is a rule's default level: the informational kind is a note.
func kindLevel(kind string) string {
	if kind == KindNotObserved {
		return "note"
	}
	return "warning"
}

// ruleName is a kind in the PascalCase SARIF viewers show as rule name:
// "expiry-mismatch" → "ExpiryMismatch".
func ruleName(kind string) string {
	var b strings.Builder
	up := true
	for _, r := range kind {
		if r == '-' || r == '_' || r == ' ' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
