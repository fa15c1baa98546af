// Package crawler drives a headless Chromium over a website and records
// every cookie the site sets, with where it came from: the response whose
// Set-Cookie header wrote it or the script that wrote it, the frame, and the
// first page in crawl order that saw it.
//
// A scan runs in consent phases, each in a browser context of its own, so
// that no cookie crosses from one to another: before-consent never touches
// the site's consent banner and discovers the pages; after-accept and
// after-reject click "accept all" or "reject all" on the first page, then
// visit the same pages in the same order, following the first phase as it
// goes. Options.Consent says which phases run.
//
// It knows nothing about policies or findings; it hands a plain Result to
// whoever called Crawl.
package crawler
