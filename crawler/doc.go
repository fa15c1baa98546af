// Package crawler drives a headless Chromium over a website and records
// every cookie the site sets, with where it came from: the response whose
// Set-Cookie header wrote it or the script that wrote it, the frame, and the
// first page in crawl order that saw it.
//
// It knows nothing about policies or findings; it hands a plain Result to
// whoever called Crawl.
package crawler
