package scenarios

import "github.com/goccy/go-yaml/ast"

// scalarText is the text of a plain or quoted scalar node.
func scalarText(n ast.Node) (string, bool) {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value, true
	}
	return "", false
}
