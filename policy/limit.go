package policy

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// MaxSize is the largest policy source read, in bytes: a policy file, a
// saved page, or the HTML of a rendered policy page. A real policy is a
// few kilobytes to a megabyte (a page with a thousand cookies); 16 MiB
// leaves room for pages heavy with markup and bounds the time and memory
// a hostile or mistaken input can cost (a 16 MiB YAML file takes about 9 s
// of CPU and 1.4 GB to parse).
const MaxSize = 16 << 20

// SizeError is the error of a policy source larger than [MaxSize].
type SizeError struct {
	// Name is the file or page, as given.
	Name string
	// Size is its size in bytes, or -1 when it was only read as far as the
	// limit (a pipe, a device).
	Size int64
}

// Error returns e.g. "big.yaml: 20.0 MiB, more than the 16 MiB limit of
// a policy file or page".
func (e *SizeError) Error() string {
	size := ""
	if e.Size >= 0 {
		size = fmt.Sprintf("%.1f MiB, ", float64(e.Size)/(1<<20))
	}
	return fmt.Sprintf("%s: %smore than the %d MiB limit of a policy file or page", e.Name, size, MaxSize>>20)
}

// CheckSize returns a *[SizeError] when size is more than [MaxSize]. The
// command line calls it before reading a file and before extracting a
// rendered page; [Load] and [Parse] call it on their input.
func CheckSize(name string, size int64) error {
	if size > MaxSize {
		return &SizeError{Name: name, Size: size}
	}
	return nil
}

// maxDepth bounds the nesting of policy files. The format needs four
// levels; the bound keeps hostile input from the YAML parser, whose work
// grows with the square of the nesting (30,000 nested brackets, a 60 KB
// file, cost it 8 s and 1.4 GB), which the size limit cannot bound.
const maxDepth = 64

// checkDepth returns a *[ParseError] at the first of a policy file's
// tokens nested deeper than maxDepth, before the tokens are parsed. Flow
// collections count by their brackets, block ones by the dashes (or "?")
// that open several of them on one line: nesting block collections on
// separate lines indents each further, and the size limit bounds that.
func checkDepth(name string, tokens token.Tokens) error {
	flow, run, line := 0, 0, 0
	for _, tk := range tokens {
		deeper := false
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			deeper = flow > maxDepth
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(0, flow-1)
		case token.SequenceEntryType, token.MappingKeyType:
			if flow > 0 {
				continue // a "?" in a flow mapping opens nothing
			}
			if tk.Position.Line != line {
				run, line = 0, tk.Position.Line
			}
			deeper = run > maxDepth
			run++
		}
		if deeper {
			return &ParseError{File: name, Line: tk.Position.Line, Column: tk.Position.Column, Msg: "nesting too deep"}
		}
	}
	return nil
}

// checkUTF8 returns a *[ParseError] at the first byte of data that is not
// UTF-8. YAML and JSON files are UTF-8; a file saved in another encoding
// (Latin-1, Windows-1252) would otherwise have its names silently
// changed, as the decoders replace what is not UTF-8 with U+FFFD, and a
// declared "café" would then match no cookie.
func checkUTF8(name string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := lineCol(data, int64(off))
	return &ParseError{File: name, Line: line, Column: col,
		Msg: fmt.Sprintf("invalid UTF-8 (byte %#x): a policy file must be UTF-8; save it in that encoding", data[off])}
}

// lineCol returns the 1-based line and column of a byte offset in data,
// for an error found by offset (columns count bytes, as compilers do).
func lineCol(data []byte, offset int64) (int, int) {
	before := data[:max(0, min(offset, int64(len(data))))]
	return bytes.Count(before, []byte("\n")) + 1, len(before) - bytes.LastIndexByte(before, '\n')
}
