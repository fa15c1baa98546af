package main

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/cookieaudit/cookieaudit/crawler"
)

func TestProgressOnlyOnTerminals(t *testing.T) {
	t.Parallel()
	if p := newProgress(new(bytes.Buffer)); p != nil {
		t.Error("progress on a buffer")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if p := newProgress(w); p != nil {
		t.Error("progress on a pipe")
	}
	if p := newProgress(openTerminal(t)); p == nil {
		t.Error("no progress on a terminal")
	}
	// /dev/null is a character device, and no terminal.
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		if p := newProgress(null); p != nil {
			t.Errorf("progress on %s", os.DevNull)
		}
	}
	var p *progress
	if p.callback() != nil {
		t.Error("a nil progress has a callback")
	}
	p.done() // no panic
}

func TestProgressLine(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &progress{w: &buf, phases: map[crawler.Phase][3]int{}}
	var wg sync.WaitGroup
	for _, ph := range []crawler.Phase{crawler.BeforeConsent, crawler.AfterAccept} {
		wg.Go(func() { p.callback()(ph, 1, 5, 2) })
	}
	wg.Wait()
	buf.Reset()
	p.update(crawler.BeforeConsent, 3, 5, 7)
	line := buf.String()
	if !strings.HasPrefix(line, "\r\x1b[K") || strings.Contains(line, "\n") {
		t.Errorf("progress line %q does not rewrite itself", line)
	}
	for _, want := range []string{"before-consent 3/5 · after-accept 1/5 pages · 7 cookies"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	buf.Reset()
	p.done()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("done wrote %q, want the line cleared", buf.String())
	}
}
