package yamlpos

// The tree-walking Doc that the table replaced, kept as the model the
// table is compared with (TestTableMatchesTree, FuzzTableMatchesTree).

import (
	"iter"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// refDoc answers from the tree itself.
type refDoc struct {
	src   []byte
	nodes map[string]ast.Node // path → value node
	keys  map[string]ast.Node // path → the key the value was written under
}

// refIndex walks the tree as Index does (the walk did not change) and
// keeps the nodes, to answer from them.
func refIndex(src []byte, root ast.Node) *refDoc {
	ix := indexer{src: src, nodes: map[string]ast.Node{}, keys: map[string]ast.Node{}}
	ix.index("", root)
	return &refDoc{src: src, nodes: ix.nodes, keys: ix.keys}
}

// Pos is the position of the value at path, or of its nearest ancestor
// that was written (a missing field points at its parent mapping). A
// mapping is shown by its first key. ok is false when not even the root
// was written.
func (d *refDoc) Pos(path string) (line, col int, ok bool) {
	return d.find(path, false)
}

// FieldPos is Pos, except that a list or mapping is shown by the key it is
// written under ("options:"), not by its first entry.
func (d *refDoc) FieldPos(path string) (line, col int, ok bool) {
	return d.find(path, true)
}

func (d *refDoc) find(path string, collectionsAtKey bool) (int, int, bool) {
	for {
		if n, ok := d.nodes[path]; ok && n != nil {
			if k, ok := d.keys[path]; ok && collectionsAtKey && isCollection(n) {
				n = k
			} else if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
				n = m.Values[0].Key
			} else if mv, ok := n.(*ast.MappingValueNode); ok {
				n = mv.Key
			}
			if tk := n.GetToken(); tk != nil {
				return tk.Position.Line, tk.Position.Column, true
			}
		}
		if k, ok := d.keys[path]; ok {
			if tk := k.GetToken(); tk != nil {
				return tk.Position.Line, tk.Position.Column, true
			}
		}
		if path == "" {
			return 0, 0, false
		}
		path = parent(path)
	}
}

// KeyPos is the position of the key of the field at path (for "this field
// is not allowed here"), falling back to Pos.
func (d *refDoc) KeyPos(path string) (line, col int, ok bool) {
	if k, found := d.keys[path]; found && k.GetToken() != nil {
		return k.GetToken().Position.Line, k.GetToken().Position.Column, true
	}
	return d.Pos(path)
}

// Has reports whether the author wrote the field at path.
func (d *refDoc) Has(path string) bool {
	_, ok := d.keys[path]
	return ok
}

// Scalars yields the path and text of every plain or quoted string written
// under the path prefix under ("" for all), in no particular order.
func (d *refDoc) Scalars(under string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for p, n := range d.nodes {
			if under != "" && !strings.HasPrefix(p, under) {
				continue
			}
			s, ok := n.(*ast.StringNode)
			if !ok {
				continue
			}
			if !yield(p, s.Value) {
				return
			}
		}
	}
}

// BlockStart tells where the text of a `key: |` literal block begins in the
// file, so a JSON error at (line, col) of the text maps to the YAML file.
// It returns ok=false for plain, quoted or folded scalars, whose text does
// not map line for line.
func (d *refDoc) BlockStart(path string) (line, col int, ok bool) {
	n, found := d.nodes[path]
	if !found {
		return 0, 0, false
	}
	lit, isLit := n.(*ast.LiteralNode)
	if !isLit || lit.Start == nil || lit.Start.Value == "" || lit.Start.Value[0] != '|' {
		return 0, 0, false
	}
	first := lit.Start.Position.Line + 1
	lines := strings.Split(string(d.src), "\n")
	// Skip blank lines before the content; the indentation of the first
	// content line is the block's indentation.
	for first-1 < len(lines) && strings.TrimSpace(lines[first-1]) == "" {
		first++
	}
	if first-1 >= len(lines) {
		return 0, 0, false
	}
	l := lines[first-1]
	indent := len(l) - len(strings.TrimLeft(l, " "))
	return first, indent + 1, true
}
