package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestScanConsentFindings scans every consent-banner fixture in Chromium
// with all three consent phases, as "cookieaudit scan URL --consent all
// --format json" does (with --policy for the portal, whose categories
// assume its cookie-policy page), and asserts, per site: the banner and
// the clicks the report states, the cookies of each phase, the exact
// before-consent and after-reject findings, and the exit code (1 only
// when a finding fails the gate).
func TestScanConsentFindings(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	defer srv.Close()

	for _, site := range fixtures.ConsentSites() {
		// One site at a time: each runs three browser contexts already.
		t.Run(site.Name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			args := []string{"scan", site.Start, "--consent", "all", "--format", "json",
				"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--page-timeout", "60s"}
			if site.Policy != "" {
				// The portal sets cookies two seconds after a page's load
				// (a timer, a chat widget): each page is watched until
				// those timers have run (--wait auto), and up to 5s, which
				// leaves a loaded machine, whose timers run late, a margin.
				args = append(args, "--policy", site.Policy, "--wait", "auto:5s")
			} else {
				// The banner sites set every cookie on load, and on their
				// home page in every phase (see fixtures.ConsentSite): a
				// second of watching it is enough, and its report is the
				// whole site's. The crawler's TestCrawlConsentSites visits
				// every page of every phase.
				args = append(args, "--wait", "1s", "--max-pages", "1")
			}
			var out, errOut bytes.Buffer
			code := run(ctx, args, &out, &errOut)
			var rep struct {
				Consent struct {
					Mode   string
					Phases []string
					Banner *struct {
						Platform, Frame string
						Accept, Reject  *struct{ Selector, Label string }
					}
					Actions []struct {
						Phase, Action, Error string
						Clicked, Verified    bool
					}
				}
				Cookies []struct {
					Name, Domain, Category string
					Phases                 []string
				}
				Findings []struct{ Kind, Cookie, Domain, Severity, Message, Evidence string }
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("exit %d, report is not JSON: %v\nstderr: %s", code, err, errOut.String())
			}

			c := rep.Consent
			if c.Mode != "all" || !slices.Equal(c.Phases, fixtures.ConsentPhases) {
				t.Errorf("consent mode %q phases %v, want all of %v", c.Mode, c.Phases, fixtures.ConsentPhases)
			}
			if c.Banner == nil {
				t.Fatalf("no banner reported; stderr: %s", errOut.String())
			}
			wantFrame := site.Start
			if site.BannerInFrame != "" {
				wantFrame = site.BannerInFrame
			}
			if c.Banner.Platform != site.Platform || c.Banner.Frame != wantFrame {
				t.Errorf("banner %s in %s, want %s in %s", c.Banner.Platform, c.Banner.Frame, site.Platform, wantFrame)
			}
			if c.Banner.Accept == nil || c.Banner.Accept.Label != site.AcceptLabel {
				t.Errorf("accept button %+v, want %q", c.Banner.Accept, site.AcceptLabel)
			}
			switch {
			case site.HasReject && (c.Banner.Reject == nil || c.Banner.Reject.Label != site.RejectLabel):
				t.Errorf("reject button %+v, want %q", c.Banner.Reject, site.RejectLabel)
			case !site.HasReject && c.Banner.Reject != nil:
				t.Errorf("reject button %+v on a banner that has none", c.Banner.Reject)
			}
			for _, a := range c.Actions {
				ok := a.Clicked && a.Verified && a.Error == ""
				if a.Action == "reject" && !site.HasReject {
					// The missing button is reported, and nothing clicked.
					ok = !a.Clicked && a.Error == "the banner has no reject button"
				}
				if !ok {
					t.Errorf("%s %s: clicked %v verified %v error %q", a.Phase, a.Action, a.Clicked, a.Verified, a.Error)
				}
			}
			if len(c.Actions) != 2 {
				t.Errorf("%d consent actions, want accept and reject", len(c.Actions))
			}

			// The cookies of each phase, by name and domain.
			got := map[string][]string{}
			for _, ck := range rep.Cookies {
				for _, ph := range ck.Phases {
					got[ph] = append(got[ph], ck.Name+" "+ck.Domain)
				}
			}
			for _, ph := range fixtures.ConsentPhases {
				want := []string{}
				for _, pc := range site.Cookies(ph) {
					want = append(want, pc.Name+" "+pc.Domain)
				}
				g := append([]string{}, got[ph]...)
				slices.Sort(g)
				slices.Sort(want)
				if diff := cmp.Diff(want, g); diff != "" {
					t.Errorf("cookies of %s (-want +got):\n%s", ph, diff)
				}
			}

			// The consent findings, exactly.
			flagged := map[string][]string{"before-consent": {}, "after-reject": {}}
			for _, f := range rep.Findings {
				if _, ok := flagged[f.Kind]; ok {
					flagged[f.Kind] = append(flagged[f.Kind], f.Cookie)
					if f.Message == "" || f.Evidence == "" || f.Severity == "" {
						t.Errorf("%s %s: message %q evidence %q severity %q", f.Kind, f.Cookie, f.Message, f.Evidence, f.Severity)
					}
				}
			}
			// The site's Unknowable cookies are reported unclassified and
			// cannot be flagged; every other cookie the truth flags is.
			category := map[string]string{}
			for _, ck := range rep.Cookies {
				category[ck.Name] = ck.Category
			}
			for _, name := range site.Unknowable {
				if category[name] != "unclassified" {
					t.Errorf("%s: category %q, want unclassified: nothing but the site knows what it is for", name, category[name])
				}
			}
			for kind, truth := range map[string][]string{"before-consent": site.BeforeConsent, "after-reject": site.AfterReject} {
				want := []string{}
				for _, name := range truth {
					if !slices.Contains(site.Unknowable, name) {
						want = append(want, name)
					}
				}
				g := flagged[kind]
				slices.Sort(g)
				if diff := cmp.Diff(want, g); diff != "" {
					t.Errorf("%s findings (-want +got):\n%s", kind, diff)
					for _, f := range rep.Findings {
						t.Logf("%s %s (%s): %s [%s]", f.Kind, f.Cookie, f.Severity, f.Message, f.Evidence)
					}
				}
			}

			// Only findings fail the gate: a site that respects the choice,
			// scanned without a policy, passes. A choice that could not be
			// made leaves the scan incomplete (3), unless a finding (a
			// banner without a reject button is one) fails the gate.
			wantCode := 0
			notMade := slices.ContainsFunc(c.Actions, func(a struct {
				Phase, Action, Error string
				Clicked, Verified    bool
			}) bool {
				return !a.Clicked
			})
			switch {
			case len(rep.Findings) > 0:
				wantCode = 1
			case notMade:
				wantCode = 3
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d (%d findings); stderr: %s", code, wantCode, len(rep.Findings), errOut.String())
			}
		})
	}
}
