package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// output is where a report goes: stdout, or a file that is written whole
// or not at all.
//
// A regular file (or an absent one) is written to a temporary file next
// to it and renamed over it at the end, so that a failed or interrupted
// scan never leaves a truncated report where a previous good one was. A
// symbolic link is followed: the file it names is replaced, and the link
// stays. Anything else, a FIFO, a terminal or a device such as /dev/null
// or /dev/stdout, cannot be replaced by renaming (that would put a
// regular file in its place): the report is kept in memory and written
// into it at the end.
type output struct {
	w    io.Writer
	tmp  *os.File      // the temporary file of a regular file; nil otherwise
	buf  *bytes.Buffer // the report for a file written in place; nil otherwise
	path string        // the destination as given
	dest string        // the file renamed over, or written in place
	mode fs.FileMode
}

// openOutput opens the destination of the report. path "" or "-" is
// stdout. A report with cookie values is readable by its owner only (a
// file replaced; a device or FIFO keeps its own permissions).
func openOutput(path string, stdout io.Writer, secret bool) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: stdout}, nil
	}
	mode := fs.FileMode(0o644)
	if secret {
		mode = 0o600
	}
	dest, inPlace, err := outputDest(path)
	if err != nil {
		return nil, err
	}
	if inPlace {
		buf := &bytes.Buffer{}
		return &output{w: buf, buf: buf, path: path, dest: dest, mode: mode}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write --output %s: %w", path, bareErr(err))
	}
	return &output{w: tmp, tmp: tmp, path: path, dest: dest, mode: mode}, nil
}

// outputDest says where the report for path goes: the file to rename a
// temporary file over (inPlace false), or the file to write into
// (inPlace true: a FIFO, a device, a socket).
func outputDest(path string) (dest string, inPlace bool, err error) {
	fi, err := os.Stat(path) // follows symbolic links
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Absent, or a link to a file not yet there: create that file.
		return danglingTarget(path), false, nil
	case err != nil:
		return "", false, fmt.Errorf("cannot write --output %s: %w", path, bareErr(err))
	case fi.IsDir():
		return "", false, fmt.Errorf("invalid --output %s: is a directory", path)
	case fi.Mode().IsRegular():
		lfi, err := os.Lstat(path)
		if err != nil || lfi.Mode()&fs.ModeSymlink == 0 {
			return path, false, nil
		}
		// Replace the file the link names, not the link. A link the
		// kernel resolves by itself (/dev/stdout through /proc/self/fd/1)
		// may name no path that can be renamed over: write into it then.
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return path, true, nil
		}
		if rfi, err := os.Stat(real); err != nil || !os.SameFile(fi, rfi) {
			return path, true, nil
		}
		return real, false, nil
	}
	// A FIFO is not opened now: opening it for writing waits for a reader,
	// and closing it would end the reader's input. Other special files are
	// opened once, so that one that cannot be written fails before the scan.
	if fi.Mode()&fs.ModeNamedPipe == 0 {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return "", false, fmt.Errorf("cannot write --output %s: %w", path, bareErr(err))
		}
		f.Close()
	}
	return path, true, nil
}

// danglingTarget follows the symbolic links of a path that names no
// existing file, to the path a write through it would create; path itself
// when it is not a link.
func danglingTarget(path string) string {
	for range 40 { // the kernel's own limit on links followed
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path
		}
		target, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}

// bareErr is the cause of a file error without its paths, which the
// message names already (a rename's error names the temporary file too).
func bareErr(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

func (o *output) Write(p []byte) (int, error) { return o.w.Write(p) }

// commit puts the written report in place.
func (o *output) commit() error {
	if b := o.buf; b != nil {
		o.buf = nil
		f, err := os.OpenFile(o.dest, os.O_WRONLY|os.O_TRUNC, 0)
		if err == nil {
			_, err = b.WriteTo(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return fmt.Errorf("writing --output %s: %w", o.path, bareErr(err))
		}
		return nil
	}
	tmp := o.tmp
	if tmp == nil {
		return nil // stdout, or committed already
	}
	o.tmp = nil
	err := tmp.Chmod(o.mode)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), o.dest)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing --output %s: %w", o.path, bareErr(err))
	}
	return nil
}

// abort drops a report that was not committed: its temporary file is
// removed, a device or FIFO is left untouched.
func (o *output) abort() {
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
		o.tmp = nil
	}
	o.buf = nil
}
