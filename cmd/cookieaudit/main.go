// Command cookieaudit crawls a website in headless Chromium and reports
// every cookie it sets. See "cookieaudit help scan".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C or SIGTERM cancels the scan, so that the crawler closes the
	// browser and removes its profile; once cancelled, the signals get
	// their default action back, so a second Ctrl-C ends the program at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { <-ctx.Done(); stop() }()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
