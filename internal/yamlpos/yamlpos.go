// Package yamlpos remembers where each value of a YAML file was written, so
// that problems found after decoding (an unknown topic, a policy error
// inside a block string) still point at the line an author edits, and puts
// go-yaml's decoding errors in an author's words.
//
// Positions are looked up by path: field names and list indexes joined by
// Join, e.g. Join("checks", 0, "as"). Scenario packs and the quiz bank
// share it, and so does the world format of package worldfile.
package yamlpos

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// sep separates the parts of a path. It cannot occur in YAML keys authors
// write, so document IDs with "/", ":" and "." are safe as keys.
const sep = 0x1f

// Path builds a path from field names and indexes: Path("checks", 0, "as").
func Path(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(sep)
		}
		switch v := p.(type) {
		case int:
			b.WriteString("#" + strconv.Itoa(v))
		case string:
			b.WriteString(v)
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// Join extends the path base.
func Join(base string, parts ...any) string {
	if base == "" {
		return Path(parts...)
	}
	return base + string(rune(sep)) + Path(parts...)
}

// Unwrap strips tags and anchors from a node.
func Unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		default:
			return n
		}
	}
}

// Doc is where every value and key of one YAML tree was written.
type Doc struct {
	src   []byte
	nodes map[string]ast.Node // path → value node
	keys  map[string]ast.Node // path → the key the value was written under
}

// Index records the position of every value under root. src is the text
// of the whole file, for BlockStart; it may be nil.
func Index(src []byte, root ast.Node) *Doc {
	d := &Doc{src: src, nodes: map[string]ast.Node{}, keys: map[string]ast.Node{}}
	d.index("", root)
	return d
}

func (d *Doc) index(at string, n ast.Node) {
	n = Unwrap(n)
	if n == nil {
		return
	}
	d.nodes[at] = n
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			d.indexPair(at, mv)
		}
	case *ast.MappingValueNode:
		d.indexPair(at, n)
	case *ast.SequenceNode:
		for i, item := range n.Values {
			d.index(Join(at, i), item)
		}
	}
}

func (d *Doc) indexPair(at string, mv *ast.MappingValueNode) {
	key := strings.TrimSpace(mv.Key.String())
	if s, ok := Unwrap(mv.Key).(*ast.StringNode); ok {
		key = s.Value
	}
	p := Join(at, key)
	d.keys[p] = mv.Key
	d.index(p, mv.Value)
}

// Pos is the position of the value at path, or of its nearest ancestor
// that was written (a missing field points at its parent mapping). A
// mapping is shown by its first key. ok is false when not even the root
// was written.
func (d *Doc) Pos(path string) (line, col int, ok bool) {
	return d.find(path, false)
}

// FieldPos is Pos, except that a list or mapping is shown by the key it is
// written under ("options:"), not by its first entry.
func (d *Doc) FieldPos(path string) (line, col int, ok bool) {
	return d.find(path, true)
}

func (d *Doc) find(path string, collectionsAtKey bool) (int, int, bool) {
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
		i := strings.LastIndexByte(path, sep)
		if i < 0 {
			path = ""
		} else {
			path = path[:i]
		}
	}
}

func isCollection(n ast.Node) bool {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return true
	}
	return false
}

// KeyPos is the position of the key of the field at path (for "this field
// is not allowed here"), falling back to Pos.
func (d *Doc) KeyPos(path string) (line, col int, ok bool) {
	if k, found := d.keys[path]; found && k.GetToken() != nil {
		return k.GetToken().Position.Line, k.GetToken().Position.Column, true
	}
	return d.Pos(path)
}

// Has reports whether the author wrote the field at path.
func (d *Doc) Has(path string) bool {
	_, ok := d.keys[path]
	return ok
}

// Scalars yields the path and text of every plain or quoted string written
// under the path prefix under ("" for all), in no particular order.
func (d *Doc) Scalars(under string) iter.Seq2[string, string] {
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
func (d *Doc) BlockStart(path string) (line, col int, ok bool) {
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
