package policy

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// ParseError is an error in a policy file, with its position.
type ParseError struct {
	File   string
	Line   int // 1-based; 0 when the error concerns the whole file
	Column int // 1-based
	Msg    string
}

// Error returns "file:line:col: message".
func (e *ParseError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Parse reads a policy file, YAML or JSON (a name ending in ".json", or
// content starting with "{", is read as JSON):
//
//	site: example.org            # optional
//	cookies:
//	  - name: sessionid          # required: exact name, "_ga_*" or "/^_hj.*$/"
//	    category: necessary      # required: a category or a synonym of one
//	    duration: session        # optional: session | persistent | 30m | 1d | 13mo | 2y …
//	    provider: Example        # optional
//	    domain: example.org      # optional
//	    purpose: Keeps you signed in
//	    source:                  # optional: where an extraction found it
//	      page: https://example.org/cookies
//	      heading: Strictly necessary cookies
//	      table: 1
//	      layout: table
//	      category: Strictly necessary cookies   # the page's wording
//	      duration: Session                      # the page's wording
//
// A declaration's Duration.Text is the source's wording ("source:
// duration") when given, else the duration as written; its CategoryText is
// "source: category" for a declaration with a source block, else the
// category as written.
//
// Every error is a *[ParseError] naming the file, line and column, and what
// was expected: broken syntax, bytes that are not UTF-8, unknown keys, a
// value of the wrong type, an unknown category, a duration or name that
// cannot be understood, a missing name or category, and a file with no
// cookies at all; or a *[SizeError] for a file larger than [MaxSize].
func Parse(name string, data []byte) (*Policy, error) {
	if err := CheckSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	var root *node
	var err error
	if isJSON(name, data) {
		root, err = readJSON(name, data)
	} else {
		root, err = readYAML(name, data)
	}
	if err != nil {
		return nil, err
	}
	d := decoder{file: name}
	return d.policy(root)
}

func isJSON(name string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		return true
	}
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// node is a YAML or JSON value with its position, the common ground of the
// two readers.
type node struct {
	kind      nodeKind
	line, col int
	text      string  // scalar text
	keys      []*node // mapping keys (scalars), in order
	vals      []*node // mapping values
	items     []*node // sequence items
}

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// String names the kind for error messages.
func (k nodeKind) String() string {
	switch k {
	case scalarNode:
		return "a scalar"
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	}
	return "nothing"
}

// maxDepth bounds the nesting of policy files. The format needs four levels;
// the bound keeps hostile input from exhausting the stack.
const maxDepth = 64

// readYAML parses YAML into a node tree.
func readYAML(name string, data []byte) (*node, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			pos := ye.GetToken().Position
			return nil, &ParseError{File: name, Line: pos.Line, Column: pos.Column, Msg: "invalid YAML: " + ye.GetMessage()}
		}
		return nil, &ParseError{File: name, Msg: "invalid YAML: " + err.Error()}
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			line, col := position(doc.Body)
			return nil, &ParseError{File: name, Line: line, Column: col, Msg: "a second YAML document (want one policy per file)"}
		}
		body = doc.Body
	}
	if body == nil {
		return nil, nil
	}
	c := yamlConverter{file: name, anchors: map[string]*node{}}
	return c.convert(body, 0)
}

type yamlConverter struct {
	file    string
	anchors map[string]*node
}

// position returns where a node starts for a reader: a block mapping's own
// token is its first colon, so its first key stands for it.
func position(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0] != nil && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

func (c *yamlConverter) errorf(n ast.Node, format string, args ...any) error {
	line, col := position(n)
	return &ParseError{File: c.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (c *yamlConverter) convert(n ast.Node, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, c.errorf(n, "nesting too deep")
	}
	line, col := position(n)
	out := &node{line: line, col: col}
	switch v := n.(type) {
	case nil:
		return out, nil
	case *ast.NullNode:
		return out, nil
	case *ast.StringNode:
		out.kind, out.text = scalarNode, v.Value
	case *ast.LiteralNode:
		out.kind = scalarNode
		if v.Value != nil {
			out.text = v.Value.Value
		}
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		out.kind = scalarNode
		if tk := n.GetToken(); tk != nil {
			out.text = tk.Value
		}
	case *ast.TagNode:
		return c.convert(v.Value, depth+1)
	case *ast.AnchorNode:
		val, err := c.convert(v.Value, depth+1)
		if err != nil {
			return nil, err
		}
		if v.Name != nil {
			c.anchors[v.Name.String()] = val
		}
		return val, nil
	case *ast.AliasNode:
		name := ""
		if v.Value != nil {
			name = v.Value.String()
		}
		val, ok := c.anchors[name]
		if !ok {
			return nil, c.errorf(n, "unknown alias %q", "*"+name)
		}
		return val, nil
	case *ast.MappingNode:
		out.kind = mapNode
		for _, mv := range v.Values {
			if err := c.addPair(out, mv, depth); err != nil {
				return nil, err
			}
		}
	case *ast.MappingValueNode:
		out.kind = mapNode
		if err := c.addPair(out, v, depth); err != nil {
			return nil, err
		}
	case *ast.SequenceNode:
		out.kind = seqNode
		for _, item := range v.Values {
			it, err := c.convert(item, depth+1)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, it)
		}
	default:
		return nil, c.errorf(n, "unsupported YAML %s", n.Type().YAMLName())
	}
	return out, nil
}

func (c *yamlConverter) addPair(m *node, mv *ast.MappingValueNode, depth int) error {
	if mv == nil {
		return nil
	}
	var key *node
	switch k := mv.Key.(type) {
	case *ast.MergeKeyNode:
		return c.errorf(k, "merge keys (<<) are not supported")
	case *ast.MappingKeyNode:
		return c.errorf(k, "complex keys (?) are not supported")
	case nil:
		return c.errorf(mv, "missing key")
	default:
		kn, err := c.convert(k, depth+1)
		if err != nil {
			return err
		}
		if kn.kind != scalarNode {
			return c.errorf(k, "a key must be a plain word, got %s", kn.kind)
		}
		key = kn
	}
	val, err := c.convert(mv.Value, depth+1)
	if err != nil {
		return err
	}
	m.keys = append(m.keys, key)
	m.vals = append(m.vals, val)
	return nil
}

// decoder turns a node tree into a Policy, checking every key and value.
type decoder struct {
	file string
}

func (d *decoder) errorf(n *node, format string, args ...any) error {
	return &ParseError{File: d.file, Line: n.line, Column: n.col, Msg: fmt.Sprintf(format, args...)}
}

// fields checks the keys of a mapping against the allowed ones and returns
// the values by key.
func (d *decoder) fields(n *node, what string, allowed ...string) (map[string]*node, error) {
	if n.kind != mapNode {
		return nil, d.errorf(n, "%s: want a mapping with keys %s, got %s", what, strings.Join(allowed, ", "), n.kind)
	}
	out := map[string]*node{}
	for i, k := range n.keys {
		known := false
		for _, a := range allowed {
			if k.text == a {
				known = true
			}
		}
		if !known {
			return nil, d.errorf(k, "unknown key %q in %s (want %s)", k.text, what, strings.Join(allowed, ", "))
		}
		if _, dup := out[k.text]; dup {
			return nil, d.errorf(k, "duplicate key %q in %s", k.text, what)
		}
		out[k.text] = n.vals[i]
	}
	return out, nil
}

// str returns the text of a scalar field; a missing or null field is "".
func (d *decoder) str(f map[string]*node, key, what string) (string, error) {
	n, ok := f[key]
	if !ok || n.kind == nullNode {
		return "", nil
	}
	if n.kind != scalarNode {
		return "", d.errorf(n, "%s %s: want a string, got %s", what, key, n.kind)
	}
	return n.text, nil
}

func (d *decoder) policy(root *node) (*Policy, error) {
	if root == nil || root.kind == nullNode {
		return nil, &ParseError{File: d.file, Line: 1, Column: 1, Msg: `empty policy (want a mapping with a "cookies" list)`}
	}
	f, err := d.fields(root, "policy", "site", "cookies", "services")
	if err != nil {
		return nil, err
	}
	p := &Policy{Source: d.file}
	if p.Site, err = d.str(f, "site", "policy"); err != nil {
		return nil, err
	}
	list, hasCookies := f["cookies"]
	services, hasServices := f["services"]
	if !hasCookies && !hasServices {
		return nil, d.errorf(root, `missing "cookies" (want a list of cookie declarations)`)
	}
	for _, l := range []struct {
		key  string
		list *node
	}{{"cookies", list}, {"services", services}} {
		if l.list == nil || l.list.kind == nullNode {
			continue
		}
		if l.list.kind == mapNode || l.list.kind == scalarNode {
			return nil, d.errorf(l.list, "%s: want a list of %s declarations, got %s", l.key, strings.TrimSuffix(l.key, "s"), l.list.kind)
		}
		for i, item := range l.list.items {
			decl, err := d.declaration(item, l.key, i+1)
			if err != nil {
				return nil, err
			}
			if decl.Service != "" {
				p.Services = append(p.Services, decl)
			} else {
				p.Cookies = append(p.Cookies, decl)
			}
		}
	}
	if len(p.Cookies) == 0 && len(p.Services) == 0 {
		key := "cookies"
		if !hasCookies {
			key = "services"
		}
		k := root.keys[indexOf(root.keys, key)]
		return nil, d.errorf(k, "no cookies declared (want at least one entry under cookies)")
	}
	return p, nil
}

func indexOf(keys []*node, key string) int {
	for i, k := range keys {
		if k.text == key {
			return i
		}
	}
	return 0
}

// declaration reads an entry of the cookies list (a name, or a service)
// or of the services list (a service).
func (d *decoder) declaration(n *node, list string, index int) (Declaration, error) {
	what := fmt.Sprintf("cookie %d", index)
	if list == "services" {
		what = fmt.Sprintf("service %d", index)
	}
	f, err := d.fields(n, what, "name", "service", "type", "provider", "purpose", "category", "duration", "domain", "source")
	if err != nil {
		return Declaration{}, err
	}
	decl := Declaration{Source: Source{File: d.file, Line: n.line, Column: n.col}}

	if decl.Service, err = d.str(f, "service", what); err != nil {
		return decl, err
	}
	decl.Service = strings.TrimSpace(decl.Service)
	nameNode, hasName := f["name"]
	hasName = hasName && nameNode.kind != nullNode
	switch {
	case list == "services" && decl.Service == "":
		return decl, d.errorf(n, "%s: missing service (want the name of a service, such as Google Analytics)", what)
	case decl.Service != "" && hasName:
		return decl, d.errorf(nameNode, "%s: give a name or a service, not both (a service declares the cookies the knowledge base knows of it)", what)
	case decl.Service == "" && !hasName:
		return decl, d.errorf(n, "%s: missing name (want the cookie name or a pattern, or a service)", what)
	}
	if hasName {
		name, err := d.str(f, "name", what)
		if err != nil {
			return decl, err
		}
		if decl.Name, err = ParsePattern(name); err != nil {
			return decl, d.errorf(nameNode, "%v", err)
		}
		what = fmt.Sprintf("cookie %q", name)
	} else {
		what = fmt.Sprintf("service %q", decl.Service)
	}

	typ, err := d.str(f, "type", what)
	if err != nil {
		return decl, err
	}
	if decl.Type, err = ParseStorageType(typ); err != nil {
		return decl, d.errorf(f["type"], "%s: %v", what, err)
	}
	if decl.Service != "" && decl.Type != Cookie {
		return decl, d.errorf(f["type"], "%s: a service declares cookies; type %q is for named entries", what, typ)
	}

	for _, s := range []struct {
		key string
		dst *string
	}{{"provider", &decl.Provider}, {"purpose", &decl.Purpose}, {"domain", &decl.Domain}} {
		if *s.dst, err = d.str(f, s.key, what); err != nil {
			return decl, err
		}
	}

	cat, err := d.str(f, "category", what)
	if err != nil {
		return decl, err
	}
	if strings.TrimSpace(cat) == "" {
		return decl, d.errorf(n, "%s: missing category (want one of %s)", what, categoryList())
	}
	if decl.Category, err = ParseCategory(cat); err != nil {
		return decl, d.errorf(f["category"], "%v", err)
	}
	decl.CategoryText = strings.TrimSpace(cat)

	dur, err := d.str(f, "duration", what)
	if err != nil {
		return decl, err
	}
	if strings.TrimSpace(dur) != "" {
		if decl.Duration, err = ParseDuration(dur); err != nil {
			return decl, d.errorf(f["duration"], "%v", err)
		}
	}

	if src, ok := f["source"]; ok && src.kind != nullNode {
		if err := d.source(src, what, &decl); err != nil {
			return decl, err
		}
	}
	return decl, nil
}

func (d *decoder) source(n *node, what string, decl *Declaration) error {
	what += " source"
	f, err := d.fields(n, what, "page", "heading", "table", "layout", "category", "duration")
	if err != nil {
		return err
	}
	for _, s := range []struct {
		key string
		dst *string
	}{{"page", &decl.Source.Page}, {"heading", &decl.Source.Heading}, {"layout", &decl.Source.Layout}} {
		if *s.dst, err = d.str(f, s.key, what); err != nil {
			return err
		}
	}
	table, err := d.str(f, "table", what)
	if err != nil {
		return err
	}
	if table != "" {
		t, err := strconv.Atoi(table)
		if err != nil || t < 0 {
			return d.errorf(f["table"], "%s table: want a table number, got %q", what, table)
		}
		decl.Source.Table = t
	}
	// With a source block, the category wording is the source's, and a
	// source that had none (a page without a category) has none.
	if decl.CategoryText, err = d.str(f, "category", what); err != nil {
		return err
	}
	dur, err := d.str(f, "duration", what)
	if err != nil {
		return err
	}
	if dur != "" {
		decl.Duration.Text = dur
	}
	return nil
}
