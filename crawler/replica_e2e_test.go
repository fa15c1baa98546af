package crawler_test

import (
	"flag"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// replicaSlots is how many replica crawls run at once, in the shared
// browser. Each spends most of its time waiting for a banner, a click's
// effect or a platform's state (about 0.7 CPU-seconds in 2 seconds), so
// the replicas are crawled by a pool of their own rather than as parallel
// subtests, which share go test's -parallel slots with every other test
// of the package.
const replicaSlots = 6

// replicaRun is one replica's crawl.
type replicaRun struct {
	res *crawler.Result
	err error
}

// TestReplicas crawls every replica of a consent platform's banner (and
// every control page) in a real browser, in all three consent phases, and
// checks what a user relies on: the platform is named; accept and reject
// are both made and verified by the platform's own state, the reject in
// the layer where the banner offers it; the marketing cookie appears only
// after accept. A control (newsletter modal, login, age gate, paywall, a
// page without a banner) must not be taken for a consent banner.
func TestReplicas(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	replicas := fixtures.Replicas()
	if len(replicas) == 0 {
		t.Fatal("no replicas under fixtures/assets/cmp")
	}
	base := fixtureOptions(t, srv)
	crawl := func(rep fixtures.Replica) replicaRun {
		opts := base
		opts.MaxPages = 1
		opts.Wait = 500 * time.Millisecond
		opts.Consent = crawler.ConsentAll
		if rep.Control {
			opts.Consent = crawler.ConsentAuto
		}
		res, err := crawler.Crawl(t.Context(), rep.Start, opts)
		return replicaRun{res, err}
	}
	// The crawls -run selects (all, or those its pattern's second part
	// may match), then a subtest each for the checks.
	wanted := subtestPattern()
	runs := make([]*replicaRun, len(replicas))
	var wg sync.WaitGroup
	slots := make(chan struct{}, replicaSlots)
	for i, rep := range replicas {
		if wanted != nil && !wanted.MatchString(rep.Name) {
			continue
		}
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			r := crawl(rep)
			runs[i] = &r
		})
	}
	wg.Wait()
	for i, rep := range replicas {
		t.Run(rep.Name, func(t *testing.T) {
			run := runs[i]
			if run == nil {
				r := crawl(rep) // not foreseen from -run's pattern
				run = &r
			}
			checkReplica(t, rep, run.res, run.err)
		})
	}
}

// subtestPattern returns the part of -run's pattern that selects
// subtests ("TestReplicas/^(onetrust|didomi)$" gives "^(onetrust|didomi)$"),
// or nil for all. The pattern is split at its slashes as testing splits
// it: not inside brackets or parentheses. A pattern that cannot be read
// so selects all: testing itself still decides which subtests run.
func subtestPattern() *regexp.Regexp {
	f := flag.Lookup("test.run")
	if f == nil {
		return nil
	}
	parts := splitRunPattern(f.Value.String())
	if len(parts) < 2 {
		return nil
	}
	re, err := regexp.Compile(parts[1])
	if err != nil {
		return nil
	}
	return re
}

// splitRunPattern splits a -run pattern into its levels, at the slashes
// outside brackets and parentheses.
func splitRunPattern(p string) []string {
	var parts []string
	cs, cp, start := 0, 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '[':
			cs++
		case ']':
			if cs > 0 {
				cs--
			}
		case '(':
			if cs == 0 {
				cp++
			}
		case ')':
			if cs == 0 && cp > 0 {
				cp--
			}
		case '\\':
			i++
		case '/':
			if cs == 0 && cp == 0 {
				parts = append(parts, p[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, p[start:])
}

// checkReplica holds one replica's crawl to what a user relies on.
func checkReplica(t *testing.T, rep fixtures.Replica, res *crawler.Result, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Crawl %s: %v", rep.Start, err)
	}
	if rep.Control {
		if b := res.Consent.Banner; b != nil {
			t.Fatalf("a %s page was taken for a consent banner: platform %q, accept %+v, reject %+v", rep.Name, b.Platform, b.Accept, b.Reject)
		}
		if len(res.Consent.Actions) != 0 {
			t.Errorf("consent actions on a control page: %+v", res.Consent.Actions)
		}
		return
	}
	b := res.Consent.Banner
	if b == nil {
		t.Fatalf("no banner found on %s", rep.Start)
	}
	if b.Platform != rep.Platform {
		t.Errorf("platform = %q, want %q", b.Platform, rep.Platform)
	}
	checkReplicaAction(t, rep, res, crawler.AfterAccept)
	checkReplicaAction(t, rep, res, crawler.AfterReject)
	has := func(ph crawler.Phase) bool {
		return slices.ContainsFunc(res.PhaseCookies[ph], func(c crawler.Cookie) bool { return c.Name == rep.AdCookie })
	}
	if has(crawler.BeforeConsent) {
		t.Errorf("%s set before any choice", rep.AdCookie)
	}
	if !has(crawler.AfterAccept) {
		t.Errorf("%s not set after accept: the accept click did not reach the site's tags", rep.AdCookie)
	}
	if has(crawler.AfterReject) {
		t.Errorf("%s set after reject", rep.AdCookie)
	}
}

func checkReplicaAction(t *testing.T, rep fixtures.Replica, res *crawler.Result, ph crawler.Phase) {
	t.Helper()
	i := slices.IndexFunc(res.Consent.Actions, func(a crawler.ConsentAction) bool { return a.Phase == ph })
	if i < 0 {
		t.Errorf("%s: no consent action", ph)
		return
	}
	a := res.Consent.Actions[i]
	desc := func() string {
		return "platform " + a.Platform + ", steps [" + strings.Join(a.Steps, " → ") + "], verified by " + a.VerifiedBy + ", state " + a.State + ", error " + a.Error
	}
	if ph == crawler.AfterReject && rep.RejectLayer == 0 {
		if a.Clicked || !a.NoReject {
			t.Errorf("%s: a banner without any reject: clicked %v, noReject %v (%s)", ph, a.Clicked, a.NoReject, desc())
		}
		return
	}
	if !a.Clicked || !a.Verified || a.VerifiedBy == crawler.VerifiedByNone {
		t.Errorf("%s: clicked %v, verified %v (%s)", ph, a.Clicked, a.Verified, desc())
	}
	if ph == crawler.AfterReject && a.Layer != rep.RejectLayer {
		t.Errorf("%s: reject made in layer %d, want %d (%s)", ph, a.Layer, rep.RejectLayer, desc())
	}
	// Pre-ticked purposes are seen where the reject is made: a reject in
	// the first layer never opens the second.
	if ph == crawler.AfterReject && rep.RejectLayer == 2 && rep.Preticked != (a.Preticked > 0) {
		t.Errorf("%s: %d purposes pre-ticked, want pre-ticked = %v", ph, a.Preticked, rep.Preticked)
	}
}
