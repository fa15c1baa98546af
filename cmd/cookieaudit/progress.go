package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/mattn/go-isatty"
)

// progress shows the state of a scan on one line of stderr, rewritten in
// place: for each consent phase, the pages done of those planned so far,
// and the most cookies a phase has seen. It only writes to a terminal: a CI log or a file
// gets no progress line.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	order  []crawler.Phase
	phases map[crawler.Phase][3]int
	shown  bool
}

// newProgress returns the progress display for w, nil when w is not a
// terminal.
func newProgress(w io.Writer) *progress {
	if !isTerminal(w) {
		return nil
	}
	return &progress{w: w, phases: map[crawler.Phase][3]int{}}
}

// isTerminal reports whether w is a terminal (or a Cygwin/MSYS one on
// Windows): a character device such as /dev/null is not, so nobody gets
// colour or progress that nobody sees.
func isTerminal(w io.Writer) bool {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = u.Unwrap() // stderr behind redactingWriter
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// update is the crawler's Progress callback; phases run concurrently, so
// it locks.
func (p *progress) update(phase crawler.Phase, done, planned, cookies int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.phases[phase]; !ok {
		p.order = append(p.order, phase)
		// Phases in the order they happen, whichever reports first.
		slices.SortStableFunc(p.order, func(a, b crawler.Phase) int { return phaseRank(a) - phaseRank(b) })
	}
	p.phases[phase] = [3]int{done, planned, cookies}
	var parts []string
	most := 0
	for _, ph := range p.order {
		v := p.phases[ph]
		name := string(ph)
		if name == "" {
			name = "scan"
		}
		parts = append(parts, fmt.Sprintf("%s %d/%d", name, v[0], v[1]))
		most = max(most, v[2])
	}
	line := fmt.Sprintf("%s pages · %d cookies", strings.Join(parts, " · "), most)
	// A line longer than the terminal wraps, and \r would then rewrite
	// only its last part: stay within 80 columns.
	if r := []rune(line); len(r) > 79 {
		line = string(r[:78]) + "…"
	}
	// \r returns to the start of the line and ESC [K clears it.
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// phaseRank orders the consent phases; others come last.
func phaseRank(p crawler.Phase) int {
	switch p {
	case crawler.BeforeConsent:
		return 0
	case crawler.AfterAccept:
		return 1
	case crawler.AfterReject:
		return 2
	}
	return 3
}

// done clears the progress line, so that what follows starts on a clean
// line.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// callback is the function to give crawler.Options.Progress: nil when
// there is no terminal.
func (p *progress) callback() func(crawler.Phase, int, int, int) {
	if p == nil {
		return nil
	}
	return p.update
}
