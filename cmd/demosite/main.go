// Command demosite serves the bundled fixture sites (see package fixtures)
// on 127.0.0.1 and either keeps serving them or runs a command against them.
//
// Usage:
//
//	demosite -serve [-site portal|edge]
//	demosite [-site portal|edge] -- COMMAND [ARG...]
//
// With -serve it prints the start URL and the --host-resolver-rules value on
// stdout, one per line, then serves until interrupted (SIGINT or SIGTERM).
//
// Otherwise it runs COMMAND with {url} in its arguments replaced by the
// site's start URL and "--host-resolver-rules RULES --insecure" appended,
// streams its output and exits with its exit code:
//
//	demosite -- ./bin/cookieaudit scan {url}
//	demosite -site edge -- ./bin/cookieaudit scan {url} --format json
//
// Exit codes: the command's own; 2 for a usage error; 127 when the command
// cannot be started.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes of demosite itself; otherwise it exits with the command's.
const (
	exitOK       = 0
	exitUsage    = 2
	exitNotStart = 127
)

// How long an interrupted command gets before demosite forwards the
// interrupt, and then before it kills the command.
const (
	forwardGrace = 2 * time.Second
	killGrace    = 10 * time.Second
)

// urlToken is replaced by the site's start URL in the command's arguments.
const urlToken = "{url}"

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demosite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serve := fs.Bool("serve", false, "serve the sites until interrupted, printing the start URL and the host-resolver rules")
	siteName := fs.String("site", "portal", "site whose start URL is used: portal or edge")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage:
  demosite -serve [-site portal|edge]
  demosite [-site portal|edge] -- COMMAND [ARG...]

Serves the bundled fixture sites on 127.0.0.1 under *.test names. Without
-serve it runs COMMAND with {url} replaced by the start URL and
"--host-resolver-rules RULES --insecure" appended, and exits with its code.

Example:
  demosite -- ./bin/cookieaudit scan {url}

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}

	var site fixtures.Site
	switch *siteName {
	case "portal":
		site = fixtures.Portal()
	case "edge":
		site = fixtures.EdgeCases()
	default:
		fmt.Fprintf(stderr, "demosite: unknown site %q: want portal or edge\n", *siteName)
		return exitUsage
	}

	command := fs.Args()
	switch {
	case *serve && len(command) > 0:
		fmt.Fprintln(stderr, "demosite: -serve takes no command")
		fs.Usage()
		return exitUsage
	case !*serve && len(command) == 0:
		fmt.Fprintln(stderr, "demosite: no command given: use -serve, or -- COMMAND [ARG...]")
		fs.Usage()
		return exitUsage
	}

	// Interrupts stop the server in -serve mode; with a command they reach
	// the command too (same process group, or forwarded below), and
	// demosite waits for it to exit.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv := fixtures.NewServer()
	defer srv.Close()

	if *serve {
		return serveUntilDone(ctx, srv, site, stdout, stderr)
	}
	return runCommand(ctx, srv, site, command, stdin, stdout, stderr)
}

func serveUntilDone(ctx context.Context, srv *fixtures.Server, site fixtures.Site, stdout, stderr io.Writer) int {
	rules := srv.HostResolverRules()
	fmt.Fprintln(stdout, site.Start)
	fmt.Fprintln(stdout, rules)
	fmt.Fprintf(stderr, `demosite: serving %s (and every fixture host) until interrupted.
  scan it:    cookieaudit scan %s --host-resolver-rules %q --insecure
  browse it:  chromium --host-resolver-rules=%q --ignore-certificate-errors %s
`, site.Start, site.Start, rules, rules, site.Start)
	<-ctx.Done()
	fmt.Fprintln(stderr, "demosite: stopping")
	return exitOK
}

func runCommand(ctx context.Context, srv *fixtures.Server, site fixtures.Site, command []string, stdin io.Reader, stdout, stderr io.Writer) int {
	args := make([]string, 0, len(command)+2)
	for _, a := range command[1:] {
		args = append(args, strings.ReplaceAll(a, urlToken, site.Start))
	}
	args = append(args, "--host-resolver-rules", srv.HostResolverRules(), "--insecure")

	cmd := exec.Command(command[0], args...)
	cmd.Stdin = stdin
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "demosite: starting %s: %v\n", command[0], err)
		return exitNotStart
	}

	// A Ctrl-C at a terminal reaches the command by itself (same process
	// group). A signal sent to demosite alone does not: forward it when the
	// command is still running a moment later, kill it if it ignores that,
	// and keep the server up until it has exited.
	waited := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-waited:
			return
		}
		for _, step := range []struct {
			wait time.Duration
			send func() error
		}{
			{forwardGrace, func() error { return cmd.Process.Signal(os.Interrupt) }},
			{killGrace, cmd.Process.Kill},
		} {
			select {
			case <-waited:
				return
			case <-time.After(step.wait):
				_ = step.send()
			}
		}
	}()
	err := cmd.Wait()
	close(waited)
	if err == nil {
		return exitOK
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		if code := exitErr.ExitCode(); code >= 0 {
			return code
		}
	}
	fmt.Fprintf(stderr, "demosite: %s: %v\n", command[0], err)
	return 1
}
