package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// auditInputs are what the scan's cookies are compared with: the declared
// policy (nil without --policy) and the knowledge base of known cookies.
type auditInputs struct {
	policy *policy.Policy
	kb     *classifier.KB
}

// loadAuditInputs reads --policy and --cookie-db. It runs before the crawl,
// so that a wrong policy fails in a second, not after a scan of minutes: an
// unreadable or invalid policy or cookie database exits 2, naming the file
// and position; a policy page that cannot be loaded exits 3.
func (o *scanOptions) loadAuditInputs(ctx context.Context, logger *slog.Logger) (*auditInputs, error) {
	kb, err := knowledgeBase(o.CookieDB, logger)
	if err != nil {
		return nil, err
	}
	in := &auditInputs{kb: kb}
	if o.Policy != "" {
		// A policy page is rendered with the scan's own browser settings:
		// staging reached under production names serves its policy too.
		p, err := loadPolicy(ctx, o.Policy, o.crawlOptions(logger), in.kb)
		if err != nil {
			return nil, err
		}
		for _, w := range p.Warnings {
			logger.Warn("policy: "+w, "policy", o.Policy)
		}
		logger.Debug("policy read", "source", o.Policy, "declarations", len(p.Cookies))
		in.policy = p
	}
	return in, nil
}

// classify compares the scan's cookies and web storage entries with the
// audit inputs.
func (o *scanOptions) classify(res *crawler.Result, in *auditInputs) *classifier.Result {
	var cookies []crawler.Cookie
	var storage []crawler.StorageItem
	var consent *crawler.Consent
	if res != nil {
		cookies, storage, consent = res.Cookies, res.Storage, &res.Consent
	}
	cl := classifier.Classify(cookies, in.policy, in.kb, classifier.Options{Site: o.URL, Tolerance: o.Tolerance, Consent: consent, Storage: storage})
	return &cl
}

// parseTolerance reads --expiry-tolerance: "RATIO[,DURATION]", e.g. "1.5",
// "1.5,1d" or "2,12h". A lifetime is an expiry mismatch when it is more
// than RATIO times the declared one and at least DURATION longer; a missing
// DURATION is the default's.
func parseTolerance(s string) (classifier.Tolerance, error) {
	t := classifier.DefaultTolerance
	ratio, slack, hasSlack := strings.Cut(strings.TrimSpace(s), ",")
	r, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(ratio), "x"), 64)
	if err != nil || r < 1 {
		return t, fmt.Errorf("invalid --expiry-tolerance %q: want RATIO[,DURATION] with RATIO at least 1, e.g. 1.5,1d", s)
	}
	t.Ratio = r
	if hasSlack {
		d, err := policy.ParseDuration(slack)
		if err != nil || d.D <= 0 {
			return t, fmt.Errorf("invalid --expiry-tolerance %q: %q is not a duration such as 1d or 12h", s, strings.TrimSpace(slack))
		}
		t.Slack = d.D
	}
	return t, nil
}
