package report

import (
	"time"
)

// Screenshot is a PNG capture of a page, taken in a consent phase (e.g.
// "before-consent", with the banner shown). PNG is base64 in JSON.
type Screenshot struct {
	Phase string `json:"phase"`
	// URL is the page captured.
	URL string `json:"url,omitempty"`
	PNG []byte `json:"png"`
}

// The baseline states of a finding, in Finding.Baseline.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
	BaselineResolved  = "resolved"
)

// The outcomes of a gate, in Gate.Outcome.
const (
	// OutcomePass: no finding fails the gate and the scan completed.
	OutcomePass = "pass"
	// OutcomeFail: at least one finding fails the gate. A partial scan
	// with such findings fails too: the violation is real.
	OutcomeFail = "fail"
	// OutcomeIncomplete: no finding fails the gate, but the scan stopped
	// early, or a consent choice it was asked to make could not be made
	// (ConsentFailures), so it cannot vouch for the site.
	OutcomeIncomplete = "incomplete"
)

// Gate is the outcome of the CI gate of a scan: what was asked of it, and
// what it found.
type Gate struct {
	// FailOn are the finding kinds that can fail the gate; empty for
	// "none". MinSeverity is the least severity that can.
	FailOn      []string `json:"failOn"`
	MinSeverity string   `json:"minSeverity"`
	// Baseline is the earlier report the findings were compared with, as
	// given; Resolved are its findings that this scan no longer has.
	Baseline string    `json:"baseline,omitempty"`
	Resolved []Finding `json:"resolved,omitempty"`
	// IgnoreFile is the ignore file read; Ignores says what became of each
	// of its entries.
	IgnoreFile string      `json:"ignoreFile,omitempty"`
	Ignores    []IgnoreUse `json:"ignores,omitempty"`
	// Failing counts the findings that fail the gate (Finding.Fails).
	Failing int `json:"failing"`
	// Outcome is "pass", "fail" or "incomplete" (no finding fails, but the
	// scan stopped early or a consent choice could not be made).
	Outcome string `json:"outcome"`
	// ReportOnly is true when failing findings do not change the exit
	// code (--exit-code 0): the gate is reported, not enforced.
	ReportOnly bool `json:"reportOnly,omitempty"`
}

// Warnings are the warnings about ignore entries: expired or unused.
func (g *Gate) Warnings() []string {
	if g == nil {
		return nil
	}
	var w []string
	for _, u := range g.Ignores {
		if msg := u.Warning(); msg != "" {
			w = append(w, msg)
		}
	}
	return w
}

// GateOptions configure ApplyGate. The zero value fails on DefaultFailOn at
// any severity, with neither baseline nor ignore file.
type GateOptions struct {
	// FailOn are the kinds that fail the gate: nil means DefaultFailOn, an
	// empty non-nil slice means none (report only).
	FailOn []string
	// MinSeverity is the least severity that fails ("" is info: all).
	MinSeverity string
	// Baseline is an earlier report of the same site; when set, only
	// findings whose fingerprint it lacks fail. BaselineFile names it.
	Baseline     *Report
	BaselineFile string
	// Ignores are the entries of an ignore file; nil for none.
	Ignores *Ignores
	// Now decides which ignore entries have expired; zero is time.Now().
	Now time.Time
}

// ApplyGate filters rep's findings as a CI gate does, in trivy's order:
// ignore entries first, then the baseline, then the kinds and severity. It
// marks each finding (Ignored, Baseline, Fails) and records the outcome in
// rep.Gate. Findings are kept, ignored or not: the report shows all of
// them and says why one does not fail.
func ApplyGate(rep *Report, opts GateOptions) *Gate {
	failOn := opts.FailOn
	if failOn == nil {
		failOn = DefaultFailOn
	}
	minSev := opts.MinSeverity
	if minSev == "" {
		minSev = SeverityInfo
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	g := &Gate{FailOn: append([]string{}, failOn...), MinSeverity: minSev}
	kinds := map[string]bool{}
	for _, k := range failOn {
		kinds[k] = true
	}

	for i := range rep.Findings {
		f := &rep.Findings[i]
		f.Ignored, f.Baseline, f.Fails = nil, "", false
	}

	if opts.Ignores != nil {
		g.IgnoreFile = opts.Ignores.File
		for i := range opts.Ignores.Rules {
			r := &opts.Ignores.Rules[i]
			use := IgnoreUse{IgnoreRule: *r, Status: IgnoreUnused}
			expired := r.expired(now)
			if expired {
				use.Status = IgnoreExpired
			}
			for j := range rep.Findings {
				f := &rep.Findings[j]
				if !r.matches(*f) {
					continue
				}
				use.Matches++
				if !expired {
					if f.Ignored == nil { // the first matching entry speaks for the finding
						rule := *r
						f.Ignored = &rule
					}
					use.Status = IgnoreUsed
				}
			}
			g.Ignores = append(g.Ignores, use)
		}
	}

	if opts.Baseline != nil {
		g.Baseline = opts.BaselineFile
		old := map[string]bool{}
		for _, f := range opts.Baseline.Findings {
			old[FindingFingerprint(opts.Baseline.Target, f)] = true
		}
		current := map[string]bool{}
		for i := range rep.Findings {
			f := &rep.Findings[i]
			fp := FindingFingerprint(rep.Target, *f)
			current[fp] = true
			f.Baseline = BaselineNew
			if old[fp] {
				f.Baseline = BaselineUnchanged
			}
		}
		seen := map[string]bool{}
		for _, f := range opts.Baseline.Findings {
			fp := FindingFingerprint(opts.Baseline.Target, f)
			if current[fp] || seen[fp] {
				continue
			}
			seen[fp] = true
			f.Baseline, f.Fails, f.Ignored = BaselineResolved, false, nil
			g.Resolved = append(g.Resolved, f)
		}
	}

	for i := range rep.Findings {
		f := &rep.Findings[i]
		// A severity this version does not know fails rather than passes:
		// a gate should fail closed.
		sevOK := SeverityRank(f.Severity) < 0 || SeverityRank(f.Severity) >= SeverityRank(minSev)
		f.Fails = kinds[f.Kind] && sevOK && f.Ignored == nil && f.Baseline != BaselineUnchanged
		if f.Fails {
			g.Failing++
		}
	}
	switch {
	case g.Failing > 0:
		g.Outcome = OutcomeFail
	case rep.Partial || len(ConsentFailures(rep)) > 0:
		g.Outcome = OutcomeIncomplete
	default:
		g.Outcome = OutcomePass
	}
	rep.Gate = g
	return g
}

// failing reports whether f fails the gate. A report that went through no
// gate (one built by hand, or written before gates existed) is judged as
// the default gate would: a finding of a DefaultFailOn kind fails.
func failing(rep *Report, f Finding) bool {
	if rep.Gate != nil {
		return f.Fails
	}
	if f.Ignored != nil {
		return false
	}
	for _, k := range DefaultFailOn {
		if k == f.Kind {
			return true
		}
	}
	return false
}
