package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readJSON parses JSON into a node tree. encoding/json reports syntax
// errors as byte offsets; they are turned into lines and columns here.
func readJSON(name string, data []byte) (*node, error) {
	return newJSONReader(name, data).read()
}

func newJSONReader(name string, data []byte) *jsonReader {
	r := &jsonReader{file: name, data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: lineIndex{data: data}}
	r.dec.UseNumber()
	return r
}

func (r *jsonReader) read() (*node, error) {
	if len(bytes.TrimSpace(r.data)) == 0 {
		return nil, nil
	}
	root, err := r.value(0)
	if err != nil {
		return nil, err
	}
	start := r.start()
	if _, err := r.dec.Token(); err != io.EOF {
		if err != nil {
			return nil, r.syntaxError(err)
		}
		return nil, r.at(start, "unexpected data after the policy object")
	}
	return root, nil
}

type jsonReader struct {
	file  string
	data  []byte
	dec   *json.Decoder
	lines lineIndex
}

// lineIndex turns byte offsets into 1-based lines and columns (columns
// count bytes, as compilers do). The reader asks for the offsets of its
// values in increasing order, so the index keeps a cursor and only counts
// the newlines between the last offset and the next: each byte is looked
// at once. Counting from the start of the file at every value, as it
// once did, made a one-line file of n values cost n passes over it (1 MB:
// 16 s; 50 MB: over 15 minutes).
type lineIndex struct {
	data []byte
	// off is the cursor, line its line and lineStart the offset of that
	// line's first byte.
	off, lineStart int64
	line           int
	// scanned counts the bytes looked at, for the test that keeps the
	// work linear.
	scanned int64
}

// pos returns the line and column of offset. An offset before the cursor
// (an error pointing back) starts again from the top.
func (x *lineIndex) pos(offset int64) (int, int) {
	offset = max(0, min(offset, int64(len(x.data))))
	if offset < x.off || x.line == 0 {
		x.off, x.lineStart, x.line = 0, 0, 1
	}
	for x.off < offset {
		rest := x.data[x.off:offset]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			x.scanned += int64(len(rest))
			x.off = offset
			break
		}
		x.scanned += int64(i + 1)
		x.off += int64(i + 1)
		x.line++
		x.lineStart = x.off
	}
	return x.line, int(offset-x.lineStart) + 1
}

// lineCol is the line and column of one offset in data, for a single
// error.
func lineCol(data []byte, offset int64) (int, int) {
	x := lineIndex{data: data}
	return x.pos(offset)
}

func (r *jsonReader) at(offset int64, format string, args ...any) error {
	line, col := r.lines.pos(offset)
	return &ParseError{File: r.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// start returns the offset of the next token: the decoder's offset is the
// end of the previous one, before white space and separators.
func (r *jsonReader) start() int64 {
	off := r.dec.InputOffset()
	for off < int64(len(r.data)) {
		switch r.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (r *jsonReader) syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// In token mode the offset is that of the offending byte.
		return r.at(se.Offset, "invalid JSON: %s", se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return r.at(int64(len(r.data)), "invalid JSON: unexpected end of file")
	}
	return &ParseError{File: r.file, Msg: "invalid JSON: " + err.Error()}
}

func (r *jsonReader) value(depth int) (*node, error) {
	off := r.start()
	if depth > maxDepth {
		return nil, r.at(off, "nesting too deep")
	}
	line, col := r.lines.pos(off)
	n := &node{line: line, col: col}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.syntaxError(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = mapNode
			for r.dec.More() {
				koff := r.start()
				ktok, err := r.dec.Token()
				if err != nil {
					return nil, r.syntaxError(err)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, r.at(koff, "invalid JSON: object key must be a string")
				}
				kline, kcol := r.lines.pos(koff)
				val, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, &node{kind: scalarNode, line: kline, col: kcol, text: key})
				n.vals = append(n.vals, val)
			}
		case '[':
			n.kind = seqNode
			for r.dec.More() {
				item, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
		default:
			return nil, r.at(off, "invalid JSON: unexpected %q", string(t))
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, r.syntaxError(err)
		}
	case string:
		n.kind, n.text = scalarNode, t
	case json.Number:
		n.kind, n.text = scalarNode, t.String()
	case bool:
		n.kind, n.text = scalarNode, fmt.Sprint(t)
	case nil:
		n.kind = nullNode
	default:
		return nil, r.at(off, "invalid JSON: unexpected %s", strings.TrimSpace(fmt.Sprint(t)))
	}
	return n, nil
}
