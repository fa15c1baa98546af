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
	r := &jsonReader{file: name, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	if len(bytes.TrimSpace(data)) == 0 {
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
	file string
	data []byte
	dec  *json.Decoder
}

// lineCol turns a byte offset into a 1-based line and column (columns count
// bytes, as compilers do).
func lineCol(data []byte, offset int64) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

func (r *jsonReader) at(offset int64, format string, args ...any) error {
	line, col := lineCol(r.data, offset)
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
	line, col := lineCol(r.data, off)
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
				kline, kcol := lineCol(r.data, koff)
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
