package crawler

import (
	"sync"
)

// pageFeed passes the pages of the phase that discovers them to the phases
// that replay them, in crawl order, while the first phase is still
// running.
type pageFeed struct {
	mu      sync.Mutex
	entries []entry
	closed  bool
	waiters map[int]func()
	nextID  int
}

func newPageFeed() *pageFeed { return &pageFeed{waiters: map[int]func(){}} }

// add appends a page and wakes the subscribers.
func (f *pageFeed) add(e entry) {
	f.mu.Lock()
	f.entries = append(f.entries, e)
	f.mu.Unlock()
	f.wake()
}

// close says no page will be added; it wakes the subscribers.
func (f *pageFeed) close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.wake()
}

// wake calls the subscribers, without holding the feed's lock: they take
// their phase's lock, and a phase holding its lock reads the feed.
func (f *pageFeed) wake() {
	f.mu.Lock()
	ws := make([]func(), 0, len(f.waiters))
	for _, w := range f.waiters {
		ws = append(ws, w)
	}
	f.mu.Unlock()
	for _, w := range ws {
		w()
	}
}

// state returns the number of pages so far and whether more may come.
func (f *pageFeed) state() (n int, more bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.entries), !f.closed
}

// at returns page i, which state has counted.
func (f *pageFeed) at(i int) entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.entries[i]
}

// subscribe calls w whenever a page is added or the feed closes, until the
// returned function is called.
func (f *pageFeed) subscribe(w func()) (unsubscribe func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.nextID
	f.nextID++
	f.waiters[id] = w
	return func() {
		f.mu.Lock()
		delete(f.waiters, id)
		f.mu.Unlock()
	}
}

func committedCount(done []bool) int {
	n := 0
	for _, d := range done {
		if d {
			n++
		}
	}
	return n
}
