package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// output is where the report goes: stdout, or a file that is written
// whole or not at all. The report is written to a temporary file next to
// the destination and renamed over it at the end, so that a failed or
// interrupted scan never leaves a truncated report where a previous good
// one was.
type output struct {
	w    io.Writer
	tmp  *os.File // nil for stdout
	path string
	mode fs.FileMode
}

// openOutput opens the destination of the report. path "" or "-" is
// stdout. A report with cookie values is readable by its owner only.
func openOutput(path string, stdout io.Writer, secret bool) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: stdout}, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("invalid --output %s: is a directory", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot write --output %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if secret {
		mode = 0o600
	}
	return &output{w: tmp, tmp: tmp, path: path, mode: mode}, nil
}

func (o *output) Write(p []byte) (int, error) { return o.w.Write(p) }

// commit puts the written report in place.
func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	tmp := o.tmp
	o.tmp = nil
	err := tmp.Chmod(o.mode)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), o.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing --output %s: %w", o.path, err)
	}
	return nil
}

// abort removes the temporary file of a report that was not committed.
func (o *output) abort() {
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
		o.tmp = nil
	}
}
