package crawler

import (
	"errors"
	"fmt"
)

// ErrIncomplete is wrapped by every error that means the scan could not run
// or could not finish: no browser, an unreachable target, a browser crash.
// The command maps it to exit code 3.
var ErrIncomplete = errors.New("scan incomplete")

// ErrNoBrowser means no Chromium executable was found or it did not start.
var ErrNoBrowser = fmt.Errorf("no usable browser: %w", ErrIncomplete)

// LoadError says that the target itself could not be loaded, so there is
// nothing to audit. It wraps ErrIncomplete.
type LoadError struct {
	URL  string
	Text string
}

func (e *LoadError) Error() string {
	return fmt.Sprintf("loading %s: %s", e.URL, e.Text)
}

// Unwrap returns ErrIncomplete.
func (e *LoadError) Unwrap() error { return ErrIncomplete }
