package policy

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cookieaudit/cookieaudit/internal/yamlpos"
	"github.com/goccy/go-yaml/ast"
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

// Parse reads a policy file, YAML or JSON. JSON (a name ending in ".json",
// or content starting with "{") has its syntax checked as JSON, then is
// read as the YAML it also is:
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
// key given twice, a value of the wrong type, an unknown category, a
// duration or name that cannot be understood, a missing name or category,
// and a file with no cookies at all; or a *[SizeError] for a file larger
// than [MaxSize].
func Parse(name string, data []byte) (*Policy, error) {
	if err := CheckSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	d := &decoder{file: name, format: "YAML", anchors: anchors{}}
	if isJSON(name, data) {
		d.format = "JSON"
		var err error
		if data, err = jsonAsYAML(name, data); err != nil {
			return nil, err
		}
	}
	body, err := d.parse(data)
	if err != nil {
		return nil, err
	}
	return d.policy(body)
}

// isJSON reports whether a policy file is JSON: by its name, or by its
// content starting with "{".
func isJSON(name string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		return true
	}
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// document is a policy file as goccy/go-yaml decodes it, once the decoder
// has checked its shape. (fileDoc, in write.go, is what WriteYAML writes.)
type document struct {
	Site     string     `yaml:"site"`
	Cookies  []docEntry `yaml:"cookies"`
	Services []docEntry `yaml:"services"`
}

// docEntry is one entry of the cookies or services list. Pattern, Category
// and Duration decode themselves, each error at its value.
type docEntry struct {
	Name     Pattern    `yaml:"name"`
	Service  string     `yaml:"service"`
	Type     string     `yaml:"type"`
	Provider string     `yaml:"provider"`
	Purpose  string     `yaml:"purpose"`
	Category Category   `yaml:"category"`
	Duration Duration   `yaml:"duration"`
	Domain   string     `yaml:"domain"`
	Source   *docSource `yaml:"source"`
}

// docSource is an entry's source block. Table is read as text so that a
// word there is told as "want a table number".
type docSource struct {
	Page     string `yaml:"page"`
	Heading  string `yaml:"heading"`
	Table    string `yaml:"table"`
	Layout   string `yaml:"layout"`
	Category string `yaml:"category"`
	Duration string `yaml:"duration"`
}

// The keys of each mapping of a policy file, in the order errors list them.
var (
	policyKeys = []string{"site", "cookies", "services"}
	entryKeys  = []string{"name", "service", "type", "provider", "purpose", "category", "duration", "domain", "source"}
	sourceKeys = []string{"page", "heading", "table", "layout", "category", "duration"}
)

// decoder reads a policy file into a Policy in three steps: it checks the
// shape of the document (mappings with known keys, lists, single values),
// so that each mistake is told in the file's words; goccy/go-yaml decodes
// the document into a document struct; then each entry is checked as a
// whole (a name or a service, a category) and becomes a Declaration.
type decoder struct {
	file    string
	format  string // "YAML" or "JSON", for syntax errors
	anchors anchors
}

// pairs are the pairs of a mapping, by key.
type pairs map[string]*ast.MappingValueNode

// value returns the value of key, nil when the key is not given.
func (p pairs) value(key string) ast.Node {
	if kv, ok := p[key]; ok {
		return kv.Value
	}
	return nil
}

// shape is an entry as written: where it starts, its pairs and those of
// its source block, and the words errors use for it.
type shape struct {
	at     ast.Node
	pairs  pairs
	source pairs
	index  string // "cookie 3"
	what   string // `cookie "_ga"`, or the index for an entry without a name
}

// policy checks the shape of the document, decodes it and turns its
// entries into declarations.
func (d *decoder) policy(body ast.Node) (*Policy, error) {
	n, err := d.resolve(body)
	if err != nil {
		return nil, err
	}
	if kind(n) == "nothing" {
		return nil, &ParseError{File: d.file, Line: 1, Column: 1, Msg: `empty policy (want a mapping with a "cookies" list)`}
	}
	top, err := d.pairs(body, "policy", policyKeys)
	if err != nil {
		return nil, err
	}
	if err := d.scalars(top, "policy", "site"); err != nil {
		return nil, err
	}
	cookies, services := top["cookies"], top["services"]
	if cookies == nil && services == nil {
		return nil, d.errorf(body, `missing "cookies" (want a list of cookie declarations)`)
	}
	cookieShapes, err := d.list(cookies, "cookies")
	if err != nil {
		return nil, err
	}
	serviceShapes, err := d.list(services, "services")
	if err != nil {
		return nil, err
	}

	doc, err := d.decode(body)
	if err != nil {
		return nil, err
	}
	p := &Policy{Site: doc.Site, Source: d.file}
	for _, l := range []struct {
		name    string
		entries []docEntry
		shapes  []shape
	}{{"cookies", doc.Cookies, cookieShapes}, {"services", doc.Services, serviceShapes}} {
		for i, e := range l.entries {
			decl, err := d.declaration(e, l.shapes[i], l.name)
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
		key := cookies
		if key == nil {
			key = services
		}
		return nil, d.errorf(key.Key, "no cookies declared (want at least one entry under cookies)")
	}
	return p, nil
}

// list checks the shape of the cookies or services list and of each of its
// entries; a list not given, or empty, has none.
func (d *decoder) list(kv *ast.MappingValueNode, name string) ([]shape, error) {
	if kv == nil {
		return nil, nil
	}
	n, err := d.resolve(kv.Value)
	if err != nil {
		return nil, err
	}
	var items []ast.Node
	switch n := n.(type) {
	case nil, *ast.NullNode:
	case *ast.SequenceNode:
		items = n.Values
	default:
		return nil, d.errorf(n, "%s: want a list of %s declarations, got %s", name, strings.TrimSuffix(name, "s"), kind(n))
	}
	shapes := make([]shape, len(items))
	for i, item := range items {
		s := &shapes[i]
		s.index = fmt.Sprintf("%s %d", strings.TrimSuffix(name, "s"), i+1)
		s.what = s.index
		if s.at, err = d.resolve(item); err != nil {
			return nil, err
		}
		if s.pairs, err = d.pairs(item, s.index, entryKeys); err != nil {
			return nil, err
		}
		if err := d.scalars(s.pairs, s.index, "service", "name"); err != nil {
			return nil, err
		}
		if cookie := d.text(s.pairs.value("name")); cookie != "" {
			s.what = fmt.Sprintf("cookie %q", cookie)
		} else if service := strings.TrimSpace(d.text(s.pairs.value("service"))); service != "" {
			s.what = fmt.Sprintf("service %q", service)
		}
		if err := d.scalars(s.pairs, s.what, "type", "provider", "purpose", "domain", "category", "duration"); err != nil {
			return nil, err
		}
		src, err := d.resolve(s.pairs.value("source"))
		if err != nil {
			return nil, err
		}
		if kind(src) == "nothing" {
			continue
		}
		if s.source, err = d.pairs(s.pairs.value("source"), s.what+" source", sourceKeys); err != nil {
			return nil, err
		}
		if err := d.scalars(s.source, s.what+" source", sourceKeys...); err != nil {
			return nil, err
		}
	}
	return shapes, nil
}

// declaration checks a decoded entry as a whole and makes it a
// Declaration.
func (d *decoder) declaration(e docEntry, s shape, list string) (Declaration, error) {
	line, col := yamlpos.Of(s.at)
	decl := Declaration{
		Name:     e.Name,
		Service:  strings.TrimSpace(e.Service),
		Provider: e.Provider,
		Purpose:  e.Purpose,
		Category: e.Category,
		Duration: e.Duration,
		Domain:   e.Domain,
		Source:   Source{File: d.file, Line: line, Column: col},
	}
	hasName := e.Name.Text != ""
	switch {
	case list == "services" && decl.Service == "":
		return decl, d.errorf(s.at, "%s: missing service (want the name of a service, such as Google Analytics)", s.index)
	case decl.Service != "" && hasName:
		return decl, d.errorf(s.pairs.value("name"), "%s: give a name or a service, not both (a service declares the cookies the knowledge base knows of it)", s.index)
	case decl.Service == "" && !hasName:
		return decl, d.errorf(s.at, "%s: missing name (want the cookie name or a pattern, or a service)", s.index)
	}

	var err error
	if decl.Type, err = ParseStorageType(e.Type); err != nil {
		return decl, d.errorf(s.pairs.value("type"), "%s: %v", s.what, err)
	}
	if decl.Service != "" && decl.Type != Cookie {
		return decl, d.errorf(s.pairs.value("type"), "%s: a service declares cookies; type %q is for named entries", s.what, e.Type)
	}
	if decl.Category == "" {
		return decl, d.errorf(s.at, "%s: missing category (want one of %s)", s.what, categoryList())
	}
	decl.CategoryText = strings.TrimSpace(d.text(s.pairs.value("category")))

	if e.Source == nil {
		return decl, nil
	}
	decl.Source.Page, decl.Source.Heading, decl.Source.Layout = e.Source.Page, e.Source.Heading, e.Source.Layout
	if e.Source.Table != "" {
		t, err := strconv.Atoi(e.Source.Table)
		if err != nil || t < 0 {
			return decl, d.errorf(s.source.value("table"), "%s source table: want a table number, got %q", s.what, e.Source.Table)
		}
		decl.Source.Table = t
	}
	// With a source block, the category wording is the source's, and a
	// source that had none (a page without a category) has none.
	decl.CategoryText = e.Source.Category
	if e.Source.Duration != "" {
		decl.Duration.Text = e.Source.Duration
	}
	return decl, nil
}

// pairs checks that n is a mapping whose keys are among allowed, and
// returns its pairs by key. (The parser refuses a key given twice.)
func (d *decoder) pairs(n ast.Node, what string, allowed []string) (pairs, error) {
	r, err := d.resolve(n)
	if err != nil {
		return nil, err
	}
	var kvs []*ast.MappingValueNode
	switch m := r.(type) {
	case *ast.MappingNode:
		kvs = m.Values
	case *ast.MappingValueNode:
		kvs = []*ast.MappingValueNode{m}
	default:
		at := r
		if at == nil {
			at = n
		}
		return nil, d.errorf(at, "%s: want a mapping with keys %s, got %s", what, strings.Join(allowed, ", "), kind(r))
	}
	ps := make(pairs, len(kvs))
	for _, kv := range kvs {
		key, err := d.key(kv.Key)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(allowed, key) {
			return nil, d.errorf(kv.Key, "unknown key %q in %s (want %s)", key, what, strings.Join(allowed, ", "))
		}
		ps[key] = kv
	}
	return ps, nil
}

// key returns the text of a mapping key, which must be a single value.
func (d *decoder) key(n ast.Node) (string, error) {
	switch n.(type) {
	case *ast.MergeKeyNode:
		return "", d.errorf(n, "merge keys (<<) are not supported")
	case *ast.MappingKeyNode:
		return "", d.errorf(n, "complex keys (?) are not supported")
	}
	r, err := d.resolve(n)
	if err != nil {
		return "", err
	}
	if k := kind(r); k != "a scalar" {
		return "", d.errorf(n, "a key must be a plain word, got %s", k)
	}
	return scalarText(r), nil
}

// scalars checks that the values of keys, where given, are single values
// or nothing.
func (d *decoder) scalars(ps pairs, what string, keys ...string) error {
	for _, key := range keys {
		n, err := d.resolve(ps.value(key))
		if err != nil {
			return err
		}
		if k := kind(n); k == "a mapping" || k == "a list" {
			return d.errorf(n, "%s %s: want a string, got %s", what, key, k)
		}
	}
	return nil
}
