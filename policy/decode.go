package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/yamlpos"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
)

// UnmarshalYAML reads a declared cookie name with [ParsePattern] when
// goccy/go-yaml decodes a Pattern, from YAML or JSON. The name is read as
// written: "010" stays "010", where a string field would get "8". An
// error is a *yaml.SyntaxError at the value, with its line and column.
func (p *Pattern) UnmarshalYAML(n ast.Node) error {
	return decodeScalar(n, func(s string) (err error) {
		*p, err = ParsePattern(s)
		return err
	})
}

// UnmarshalYAML reads a category with [ParseCategory] when goccy/go-yaml
// decodes a Category. An empty value leaves c empty, for the caller to
// say that it is missing; an error is a *yaml.SyntaxError at the value.
func (c *Category) UnmarshalYAML(n ast.Node) error {
	return decodeScalar(n, func(s string) (err error) {
		*c = ""
		if strings.TrimSpace(s) != "" {
			*c, err = ParseCategory(s)
		}
		return err
	})
}

// UnmarshalYAML reads a declared lifetime with [ParseDuration] when
// goccy/go-yaml decodes a Duration. An empty value leaves d zero; an error
// is a *yaml.SyntaxError at the value.
func (d *Duration) UnmarshalYAML(n ast.Node) error {
	return decodeScalar(n, func(s string) (err error) {
		*d = Duration{}
		if strings.TrimSpace(s) != "" {
			*d, err = ParseDuration(s)
		}
		return err
	})
}

// decodeScalar hands the text of a single value to parse. A value of
// another kind, or the error of parse, is a *yaml.SyntaxError at the
// value's token, as goccy/go-yaml places its own errors.
func decodeScalar(n ast.Node, parse func(string) error) error {
	v := bare(n)
	var err error
	if k := kind(v); k == "a mapping" || k == "a list" {
		err = fmt.Errorf("want a single value, got %s", k)
	} else {
		err = parse(scalarText(v))
	}
	if err != nil {
		return &yaml.SyntaxError{Message: err.Error(), Token: n.GetToken()}
	}
	return nil
}

// parse parses data into the body of its one document, nil when it has
// none. JSON is read by the same parser: it is YAML, and either way each
// error and each node has its line and column.
func (d *decoder) parse(data []byte) (ast.Node, error) {
	tokens := lexer.Tokenize(string(data))
	if err := checkDepth(d.file, tokens); err != nil {
		return nil, err
	}
	f, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, d.yamlError(err, "invalid "+d.format+": ")
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			return nil, d.errorf(doc.Body, "a second YAML document (want one policy per file)")
		}
		body = doc.Body
	}
	if body != nil {
		ast.Walk(d.anchors, body)
	}
	return body, nil
}

// decode decodes a document whose shape has been checked. A panic of
// goccy/go-yaml's decoder, which has failed on input its parser accepted,
// is an error naming the file rather than the end of the run.
func (d *decoder) decode(body ast.Node) (doc document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &ParseError{File: d.file, Msg: fmt.Sprintf("invalid %s: the YAML decoder failed: %v", d.format, r)}
		}
	}()
	if err := yaml.NodeToValue(body, &doc); err != nil {
		return doc, d.yamlError(err, "")
	}
	return doc, nil
}

// jsonAsYAML checks that data is JSON and readies it for the YAML parser.
// The parser reads JSON, but it would read a JSON typo as YAML
// ("domain": example.org" is the text `example.org"`) where the file's
// author wants the typo shown, so JSON syntax is checked first, with
// encoding/json's messages. And the parser refuses a tab before a colon,
// which JSON allows: a tab outside strings becomes a space, which keeps
// every line and column.
func jsonAsYAML(name string, data []byte) ([]byte, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return data, nil // an empty policy, as in YAML
	}
	if !json.Valid(data) {
		var v any
		return nil, jsonError(name, data, json.Unmarshal(data, &v)) // for the fault's offset
	}
	out, copied, inString, escaped := data, false, false, false
	for i, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case c == '\t' && !inString:
			if !copied {
				out, copied = bytes.Clone(data), true
			}
			out[i] = ' '
		}
	}
	return out, nil
}

// jsonError turns an error of encoding/json reading data into a
// *ParseError at the byte at fault, or at the end of data when it ends too
// soon.
func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	syntax := errors.As(err, &se)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || syntax && strings.HasSuffix(se.Error(), "unexpected end of JSON input"):
		line, col := lineCol(data, int64(len(data)))
		return &ParseError{File: name, Line: line, Column: col, Msg: "invalid JSON: unexpected end of file"}
	case syntax:
		line, col := lineCol(data, se.Offset-1) // the offset is after the byte at fault
		return &ParseError{File: name, Line: line, Column: col, Msg: "invalid JSON: " + se.Error()}
	}
	return &ParseError{File: name, Msg: "invalid JSON: " + err.Error()}
}

// anchors maps the names of a document's anchors to the values they
// name; ast.Walk fills it.
type anchors map[string]ast.Node

// Visit records n if it is an anchor.
func (a anchors) Visit(n ast.Node) ast.Visitor {
	if an, ok := n.(*ast.AnchorNode); ok && an.Name != nil {
		a[an.Name.String()] = an.Value
	}
	return a
}

// bare returns the value under n's tags and anchor.
func bare(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// resolve returns the value n stands for: the value under its tags and
// anchor, or the anchored value of an alias. A tag must tag a value:
// goccy/go-yaml's decoder fails on a list field tagged with nothing
// ("cookies: !!seq", "cookies: !!null").
func (d *decoder) resolve(n ast.Node) (ast.Node, error) {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			if kind(bare(v.Value)) == "nothing" {
				return nil, d.errorf(v, "tag %s without a value", v.GetToken().Value)
			}
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil {
				name = v.Value.String()
			}
			target, ok := d.anchors[name]
			if !ok {
				return nil, d.errorf(v, "unknown alias %q", "*"+name)
			}
			n = target
		default:
			return n, nil
		}
	}
}

// kind names what a resolved node is, for error messages.
func kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	return "a scalar"
}

// text returns a single value as written, "" for nothing. The value's
// shape has been checked.
func (d *decoder) text(n ast.Node) string {
	r, _ := d.resolve(n)
	return scalarText(r)
}

// scalarText returns a resolved single value as written, "" for nothing:
// the text of a string, the token of a number or a boolean (goccy/go-yaml
// would decode 0x1F into "31" and 1.10 into "1.1").
func scalarText(n ast.Node) string {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return ""
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value
		}
		return ""
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// errorf returns a *ParseError at n.
func (d *decoder) errorf(n ast.Node, format string, args ...any) error {
	line, col := yamlpos.Of(n)
	return &ParseError{File: d.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// yamlError turns an error of goccy/go-yaml into a *ParseError at its
// token, its message after prefix.
func (d *decoder) yamlError(err error, prefix string) error {
	line, col, msg := yamlpos.OfError(err)
	return &ParseError{File: d.file, Line: line, Column: col, Msg: prefix + msg}
}
