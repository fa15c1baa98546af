package crawler_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// replicaSlots bounds the replica crawls that run at once, in the shared
// browser: each spends most of its time waiting for a banner or a
// platform's state, so several share the cores well.
var replicaSlots = make(chan struct{}, 6)

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
	for _, rep := range replicas {
		t.Run(rep.Name, func(t *testing.T) {
			t.Parallel()
			replicaSlots <- struct{}{}
			defer func() { <-replicaSlots }()
			opts := fixtureOptions(t, srv)
			opts.MaxPages = 1
			opts.Wait = 500 * time.Millisecond
			opts.Consent = crawler.ConsentAll
			if rep.Control {
				opts.Consent = crawler.ConsentAuto
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			res, err := crawler.Crawl(ctx, rep.Start, opts)
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
		})
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
	if ph == crawler.AfterReject && rep.Preticked != (a.Preticked > 0) {
		t.Errorf("%s: %d purposes pre-ticked, want pre-ticked = %v", ph, a.Preticked, rep.Preticked)
	}
}
