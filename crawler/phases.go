package crawler

import (
	"context"
	"sync"

	"github.com/chromedp/cdproto/network"
)

// run crawls the before-consent phase, which discovers the pages, and the
// consent phases the options ask for, which visit the same pages in the
// same order. The consent phases start as soon as the first page of the
// first phase has shown whether there is a banner, and follow the first
// phase page by page: the three phases overlap, each in a browser context
// of its own.
func (c *crawler) run(ctx context.Context, res *Result) error {
	feed := newPageFeed()
	first := &phaseRun{phase: BeforeConsent}
	firstPage := make(chan *visit, 1)
	firstDone := make(chan struct{})
	var firstErr error
	go func() {
		defer close(firstDone)
		defer feed.close()
		firstErr = c.phase(ctx, first, phaseSpec{publish: feed, onFirstPage: func(v *visit) { firstPage <- v }})
	}()
	var fv *visit
	select {
	case fv = <-firstPage:
	case <-firstDone:
		select {
		case fv = <-firstPage:
		default:
		}
	}

	// The banner is known once the first page is done: the page's hook
	// wrote it before onFirstPage was called.
	var clicks []string
	if fv != nil && !fv.page.Lost && !startFailed(fv.page) && ctx.Err() == nil {
		clicks = c.consentClicks(first.banner)
	}
	later := make([]*phaseRun, len(clicks))
	errs := make([]error, len(clicks))
	var wg sync.WaitGroup
	for i, click := range clicks {
		later[i] = &phaseRun{phase: phaseOf(click)}
		wg.Go(func() {
			errs[i] = c.phase(ctx, later[i], phaseSpec{replay: feed, click: click, known: first.banner})
		})
	}
	<-firstDone
	wg.Wait()

	err := firstErr
	res.Pages = first.pages()
	res.Consent.Banner, res.Consent.Screenshot = first.banner, first.screenshot
	if p := res.Pages[0]; err == nil && startFailed(p) {
		err = &LoadError{URL: p.URL, Text: p.Error, Status: p.Status, FinalURL: p.FinalURL}
	}
	res.Consent.Mode = consentModeName(clicks)
	res.Consent.Phases = []Phase{BeforeConsent}
	runs := []*phaseRun{first}
	if len(clicks) > 0 {
		res.PhasePages = map[Phase][]Page{}
	}
	for i, pr := range later {
		runs = append(runs, pr)
		res.Consent.Phases = append(res.Consent.Phases, pr.phase)
		if pr.action != nil {
			res.Consent.Actions = append(res.Consent.Actions, *pr.action)
		}
		// A later phase follows the first page by page: what it did not
		// visit of the first phase's pages is lost.
		pages := pr.pages()
		for _, p := range res.Pages[min(len(pages), len(res.Pages)):] {
			pages = append(pages, Page{URL: p.URL, Depth: p.Depth, Phase: pr.phase, Lost: true})
		}
		res.PhasePages[pr.phase] = pages
		if err == nil {
			err = errs[i]
		}
	}
	nameLate(res.Consent.Banner, res.Consent.Actions)
	for _, p := range res.AllPages() {
		if p.Lost {
			res.Partial = true
		}
	}

	perPhase := make([][]Cookie, len(runs))
	res.PhaseCookies = make(map[Phase][]Cookie, len(runs))
	for i, pr := range runs {
		perPhase[i] = c.withoutPresets(merge(pr.observed(), pr.jar, c.scope.site))
		res.PhaseCookies[pr.phase] = perPhase[i]
	}
	res.Cookies = combinePhases(runs, perPhase)
	perPhaseStorage := make([][]StorageItem, len(runs))
	res.PhaseStorage = make(map[Phase][]StorageItem, len(runs))
	for i, pr := range runs {
		perPhaseStorage[i] = mergeStorage(pr.observed())
		res.PhaseStorage[pr.phase] = perPhaseStorage[i]
	}
	res.Storage = combineStorage(runs, perPhaseStorage)
	if ctx.Err() != nil {
		res.Partial = true
		return ctx.Err()
	}
	return err
}

// consentClicks returns the clicks to make, one consent phase each.
func (c *crawler) consentClicks(b *Banner) []string {
	switch c.opts.Consent {
	case ConsentNone:
		return nil
	case ConsentAccept:
		return []string{"accept"}
	case ConsentReject:
		return []string{"reject"}
	case ConsentAll:
		return []string{"accept", "reject"}
	default: // auto
		if b == nil {
			return nil
		}
		return []string{"accept", "reject"}
	}
}

func consentModeName(clicks []string) string {
	switch len(clicks) {
	case 0:
		return string(ConsentNone)
	case 2:
		return string(ConsentAll)
	}
	return clicks[0]
}

func phaseOf(click string) Phase {
	if click == "accept" {
		return AfterAccept
	}
	return AfterReject
}

// combinePhases joins the cookies of each phase into one record per cookie,
// listing the phases it was present in. The earliest phase that saw a
// cookie describes it.
func combinePhases(runs []*phaseRun, perPhase [][]Cookie) []Cookie {
	var out []Cookie
	index := map[cookieKey]int{}
	for i, cookies := range perPhase {
		for _, ck := range cookies {
			k := cookieKey{name: ck.Name, domain: ck.Domain, hostOnly: ck.HostOnly, path: ck.Path, partition: ck.PartitionKey}
			j, ok := index[k]
			if !ok {
				j = len(out)
				index[k] = j
				out = append(out, ck)
			}
			out[j].Phases = append(out[j].Phases, runs[i].phase)
		}
	}
	return out
}

// phaseRun is what one phase observed.
type phaseRun struct {
	phase  Phase
	visits []*visit // finished pages, in crawl order
	jar    []*network.Cookie
	// banner and screenshot come from the first page of the first phase;
	// action from the click on the first page of a later phase.
	banner     *Banner
	screenshot []byte
	action     *ConsentAction
	// lost are the pages the phase planned and did not visit, because the
	// scan stopped; only the phase that discovers the pages has any.
	lost []entry
	// login is what the --login steps wrote before the first page; nil
	// without a login.
	login *visit
}

// observed are the visits whose writes make the phase's cookies and
// storage: the login's, when there was one, then the pages'.
func (pr *phaseRun) observed() []*visit {
	if pr.login == nil {
		return pr.visits
	}
	return append([]*visit{pr.login}, pr.visits...)
}

// pages are the pages of the phase: those visited, in crawl order, then
// those lost. There is at least one: the start page.
func (pr *phaseRun) pages() []Page {
	var out []Page
	for _, v := range pr.visits {
		p := v.page
		p.Phase = pr.phase
		out = append(out, p)
	}
	for _, e := range pr.lost {
		out = append(out, Page{URL: e.url, Depth: e.depth, Phase: pr.phase, Lost: true})
	}
	return out
}

// phaseSpec says how a phase finds its pages and what it does first.
type phaseSpec struct {
	// replay, when not nil, holds the pages of the phase that discovers
	// them: this phase visits them in their order, as they come, and
	// follows no link.
	replay *pageFeed
	// publish, when not nil, receives every page this phase visits, in
	// crawl order, as it is handed to a tab.
	publish *pageFeed
	// click ("accept" or "reject") is done on the first page before
	// anything else is visited; known is the banner the first phase
	// found, nil when none.
	click string
	known *Banner
	// onFirstPage is called when the first page is done.
	onFirstPage func(*visit)
}
