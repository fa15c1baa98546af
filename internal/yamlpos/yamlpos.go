// Package yamlpos says where a node or an error of goccy/go-yaml stands in
// its file, for the readers of policy files and ignore files, which both
// report errors at a line and a column.
package yamlpos

import (
	"errors"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Of returns the 1-based line and column where n starts for a reader: the
// first key of a block mapping, the key of a mapping value, else the node's
// own token. It returns 0, 0 when n has no position.
func Of(n ast.Node) (line, col int) {
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0] != nil {
		n = m.Values[0]
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	if n == nil {
		return 0, 0
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// OfError returns the position and message of an error of goccy/go-yaml:
// its token's line and column (0, 0 when it has none) and its message
// without the position and the source excerpt. Any other error gives
// 0, 0 and its text.
func OfError(err error) (line, col int, msg string) {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return 0, 0, err.Error()
	}
	if tk := ye.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column, ye.GetMessage()
	}
	return 0, 0, ye.GetMessage()
}
