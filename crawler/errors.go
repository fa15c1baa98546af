package crawler

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrIncomplete is wrapped by every error that means the scan could not run
// or could not finish: no browser, an unreachable target, a browser crash.
// The command maps it to exit code 3.
var ErrIncomplete = errors.New("scan incomplete")

// ErrNoBrowser means no Chromium executable was found or it did not start.
var ErrNoBrowser = fmt.Errorf("no usable browser: %w", ErrIncomplete)

// LoadError says that the target itself could not be loaded, so there is
// nothing to audit: no document arrived (Text says why), or the document
// answered an HTTP error status (Status, 400 or more, after the redirects
// that led to FinalURL). It wraps ErrIncomplete.
type LoadError struct {
	URL  string
	Text string
	// Status is the HTTP status of the document, 0 when none arrived.
	Status int
	// FinalURL is where the redirects ended, when a document arrived.
	FinalURL string
}

func (e *LoadError) Error() string {
	what := e.Text
	if e.Status >= 400 {
		what = "the server answered HTTP status " + statusText(e.Status)
		if e.FinalURL != "" && e.FinalURL != e.URL {
			what = "it redirected to " + e.FinalURL + ", which answered HTTP status " + statusText(e.Status)
		}
	} else if what == "" {
		what = "no response"
	}
	return fmt.Sprintf("loading %s: %s", e.URL, what)
}

// Unwrap returns ErrIncomplete.
func (e *LoadError) Unwrap() error { return ErrIncomplete }

// statusText is "404 (Not Found)", or "599" for a code without a name.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d (%s)", code, t)
	}
	return fmt.Sprint(code)
}

// BrowserExitError says that the browser process ended during the scan on
// its own (it crashed, or something killed it): the pages it had not
// loaded are lost (Page.Lost) and the result is partial. It wraps
// ErrIncomplete.
type BrowserExitError struct {
	// Status is how the process ended, as the OS says: "signal: killed",
	// "exit status 1"; empty when unknown.
	Status string
	// Lost and Planned count the pages of every phase: those lost, and
	// those the scan had planned.
	Lost, Planned int
}

func (e *BrowserExitError) Error() string {
	msg := "the browser exited during the scan"
	if e.Status != "" {
		msg += " (" + e.Status + ")"
	}
	if e.Planned > 0 {
		msg += fmt.Sprintf(": %d of %d pages were not visited", e.Lost, e.Planned)
	}
	return msg
}

// Unwrap returns ErrIncomplete.
func (e *BrowserExitError) Unwrap() error { return ErrIncomplete }

// SelectorError says that a CSS selector given in the options
// (AcceptSelector, RejectSelector) is not valid CSS, as the browser parses
// it. It is an error of the input, not of the scan: it does not wrap
// ErrIncomplete.
type SelectorError struct {
	// Option is the option's name: "AcceptSelector" or "RejectSelector".
	Option   string
	Selector string
	// Text is the browser's complaint.
	Text string
}

func (e *SelectorError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Option, e.Selector, e.Text)
}
