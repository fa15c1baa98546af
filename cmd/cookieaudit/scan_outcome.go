package main

import (
	"errors"
	"fmt"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// anyPageLoaded reports whether res has a page that loaded: a report of
// pages that all failed, or were lost, tells nothing the error does not.
func anyPageLoaded(res *crawler.Result) bool {
	if res == nil {
		return false
	}
	for _, p := range res.AllPages() {
		if p.Error == "" && !p.Lost {
			return true
		}
	}
	return false
}

// visitedPages counts the pages of every phase of res that were visited
// (not lost).
func visitedPages(res *crawler.Result) int {
	n := 0
	for _, p := range res.AllPages() {
		if !p.Lost {
			n++
		}
	}
	return n
}

// withLostPages adds to the error of a scan that stopped how many pages it
// did not visit, in every consent phase: "…; 6 of 11 pages were not
// visited". A *crawler.BrowserExitError says so already.
func withLostPages(err error, res *crawler.Result) error {
	var be *crawler.BrowserExitError
	if res == nil || errors.As(err, &be) {
		return err
	}
	all := res.AllPages()
	if lost := len(all) - visitedPages(res); lost > 0 {
		return fmt.Errorf("%w; %d of %d pages were not visited", err, lost, len(all))
	}
	return err
}

// selectorError is the usage error of a selector the browser does not
// parse, naming its flag.
func selectorError(e *crawler.SelectorError) error {
	flag := map[string]string{"AcceptSelector": "accept-selector", "RejectSelector": "reject-selector"}[e.Option]
	return fmt.Errorf("invalid --%s %q: not a CSS selector: the browser's parser refuses it", flag, e.Selector)
}
