package crawler_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/fixtures"
)

// TestConsentConfirmDialog crawls a banner whose refusal the page asks to
// confirm in the browser's own dialog (window.confirm): the refusal is
// confirmed, made and verified, and its steps say what was confirmed; the
// accept, which asks nothing, has no such step.
func TestConsentConfirmDialog(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	srv := fixtures.NewServer()
	t.Cleanup(srv.Close)
	opts := fixtureOptions(t, srv)
	opts.MaxPages = 1
	opts.Consent = crawler.ConsentAll
	res, err := crawler.Crawl(t.Context(), "https://www.generic-v-consent-confirm-cmp.test/", opts)
	if err != nil {
		t.Fatal(err)
	}
	const confirmed = `OK to the page's confirm dialog "Without these cookies some videos will not play. Reject them anyway?"`
	for _, want := range []struct {
		phase   crawler.Phase
		confirm bool
	}{{crawler.AfterReject, true}, {crawler.AfterAccept, false}} {
		i := slices.IndexFunc(res.Consent.Actions, func(a crawler.ConsentAction) bool { return a.Phase == want.phase })
		if i < 0 {
			t.Errorf("%s: no consent action", want.phase)
			continue
		}
		a := res.Consent.Actions[i]
		if !a.Clicked || !a.Verified {
			t.Errorf("%s: clicked %v, verified %v (steps %q, error %q)", want.phase, a.Clicked, a.Verified, a.Steps, a.Error)
		}
		if got := slices.Contains(a.Steps, confirmed); got != want.confirm {
			t.Errorf("%s: steps [%s], want the confirmation among them: %v", want.phase, strings.Join(a.Steps, " → "), want.confirm)
		}
	}
}
