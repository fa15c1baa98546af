package main

import (
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// requireBrowser skips a browser test under -short, and fails it when a
// full run finds no Chromium: "make test" must never pass by skipping.
func requireBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := crawler.FindBrowser(""); err != nil {
		t.Fatalf("a full test run needs Chromium: %v", err)
	}
}
