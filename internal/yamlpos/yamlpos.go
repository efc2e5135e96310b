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
	"github.com/goccy/go-yaml/token"
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

// Doc is where every value and key of one YAML tree was written. It is a
// table worked out once from the tree, not the tree itself, so that it can
// be saved (AppendBinary) and read back (ReadDoc) without parsing the YAML
// again: the trainer caches decoded files between runs.
type Doc struct {
	at map[string]entry
}

// entry is what Doc answers about one path.
type entry struct {
	flags  uint8
	pos    point  // Pos of the path itself (flagPos)
	field  point  // FieldPos of the path itself (flagField)
	key    point  // the key's position (flagKeyPos)
	block  point  // BlockStart (flagBlock)
	scalar string // the text of a plain or quoted string (flagScalar)
}

// point is a line and column; int32 halves the table's size, and no
// file iamlab reads has two billion lines.
type point struct{ line, col int32 }

func pointOf(tk *token.Token) point {
	return point{int32(tk.Position.Line), int32(tk.Position.Column)}
}

const (
	flagPos    uint8 = 1 << iota // the value, or its key, has a position
	flagField                    // the same for FieldPos
	flagKey                      // the author wrote a key for the path
	flagKeyPos                   // ... and it has a position
	flagScalar                   // the value is a string scalar
	flagBlock                    // the value is a `|` literal block
	flagMask   = 1<<iota - 1
)

// Index records the position of every value under root. src is the text
// of the whole file, for BlockStart; it may be nil.
func Index(src []byte, root ast.Node) *Doc {
	ix := indexer{src: src, nodes: map[string]ast.Node{}, keys: map[string]ast.Node{}}
	ix.index("", root)
	d := &Doc{at: make(map[string]entry, len(ix.nodes))}
	for p, n := range ix.nodes {
		d.at[p] = ix.entry(p, n)
	}
	for p := range ix.keys {
		if _, done := d.at[p]; !done {
			d.at[p] = ix.entry(p, nil)
		}
	}
	return d
}

// indexer walks the tree once, by path.
type indexer struct {
	src       []byte
	lineStart []int               // offsets of the lines of src, made on first need
	nodes     map[string]ast.Node // path → value node
	keys      map[string]ast.Node // path → the key the value was written under
}

func (ix *indexer) index(at string, n ast.Node) {
	n = Unwrap(n)
	if n == nil {
		return
	}
	ix.nodes[at] = n
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			ix.indexPair(at, mv)
		}
	case *ast.MappingValueNode:
		ix.indexPair(at, n)
	case *ast.SequenceNode:
		for i, item := range n.Values {
			ix.index(Join(at, i), item)
		}
	}
}

func (ix *indexer) indexPair(at string, mv *ast.MappingValueNode) {
	key := strings.TrimSpace(mv.Key.String())
	if s, ok := Unwrap(mv.Key).(*ast.StringNode); ok {
		key = s.Value
	}
	p := Join(at, key)
	ix.keys[p] = mv.Key
	ix.index(p, mv.Value)
}

// entry works out the answers for one path; n is nil when only a key was
// written there.
func (ix *indexer) entry(path string, n ast.Node) entry {
	var e entry
	k, hasKey := ix.keys[path]
	if hasKey {
		e.flags |= flagKey
		if tk := k.GetToken(); tk != nil {
			e.flags |= flagKeyPos
			e.key = pointOf(tk)
		}
	}
	if p, ok := ix.shown(n, k, hasKey, false); ok {
		e.flags, e.pos = e.flags|flagPos, p
	}
	if p, ok := ix.shown(n, k, hasKey, true); ok {
		e.flags, e.field = e.flags|flagField, p
	}
	if s, ok := n.(*ast.StringNode); ok {
		e.flags, e.scalar = e.flags|flagScalar, s.Value
	}
	if p, ok := ix.blockStart(n); ok {
		e.flags, e.block = e.flags|flagBlock, p
	}
	return e
}

// shown is where a path is shown: its value (a mapping by its first key,
// or, for FieldPos, a collection by the key it is written under), else
// its key. ok is false when neither has a position, and the path is shown
// by its parent.
func (ix *indexer) shown(n, k ast.Node, hasKey, collectionsAtKey bool) (point, bool) {
	if n != nil {
		if hasKey && collectionsAtKey && isCollection(n) {
			n = k
		} else if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
			n = m.Values[0].Key
		} else if mv, ok := n.(*ast.MappingValueNode); ok {
			n = mv.Key
		}
		if tk := n.GetToken(); tk != nil {
			return pointOf(tk), true
		}
	}
	if hasKey {
		if tk := k.GetToken(); tk != nil {
			return pointOf(tk), true
		}
	}
	return point{}, false
}

func isCollection(n ast.Node) bool {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return true
	}
	return false
}

// blockStart is where the text of a `key: |` literal block begins in the
// file: the first line after the indicator that is not blank, at its
// indentation.
func (ix *indexer) blockStart(n ast.Node) (point, bool) {
	lit, isLit := n.(*ast.LiteralNode)
	if !isLit || lit.Start == nil || lit.Start.Value == "" || lit.Start.Value[0] != '|' {
		return point{}, false
	}
	if ix.lineStart == nil {
		ix.lineStart = []int{0}
		for i, c := range ix.src {
			if c == '\n' {
				ix.lineStart = append(ix.lineStart, i+1)
			}
		}
	}
	line := func(i int) string { // line i, counted from 1
		end := len(ix.src)
		if i < len(ix.lineStart) {
			end = ix.lineStart[i] - 1
		}
		return string(ix.src[ix.lineStart[i-1]:end])
	}
	first := lit.Start.Position.Line + 1
	for first >= 1 && first-1 < len(ix.lineStart) && strings.TrimSpace(line(first)) == "" {
		first++
	}
	if first < 1 || first-1 >= len(ix.lineStart) {
		return point{}, false
	}
	l := line(first)
	indent := len(l) - len(strings.TrimLeft(l, " "))
	return point{int32(first), int32(indent + 1)}, true
}

// Pos is the position of the value at path, or of its nearest ancestor
// that was written (a missing field points at its parent mapping). A
// mapping is shown by its first key. ok is false when not even the root
// was written.
func (d *Doc) Pos(path string) (line, col int, ok bool) {
	return d.find(path, flagPos)
}

// FieldPos is Pos, except that a list or mapping is shown by the key it is
// written under ("options:"), not by its first entry.
func (d *Doc) FieldPos(path string) (line, col int, ok bool) {
	return d.find(path, flagField)
}

func (d *Doc) find(path string, which uint8) (int, int, bool) {
	for {
		if e, ok := d.at[path]; ok && e.flags&which != 0 {
			p := e.pos
			if which == flagField {
				p = e.field
			}
			return int(p.line), int(p.col), true
		}
		if path == "" {
			return 0, 0, false
		}
		path = parent(path)
	}
}

// parent is the path one level up; the root's parent is the root.
func parent(path string) string {
	if i := strings.LastIndexByte(path, sep); i >= 0 {
		return path[:i]
	}
	return ""
}

// KeyPos is the position of the key of the field at path (for "this field
// is not allowed here"), falling back to Pos.
func (d *Doc) KeyPos(path string) (line, col int, ok bool) {
	if e, found := d.at[path]; found && e.flags&flagKeyPos != 0 {
		return int(e.key.line), int(e.key.col), true
	}
	return d.Pos(path)
}

// Has reports whether the author wrote the field at path.
func (d *Doc) Has(path string) bool {
	return d.at[path].flags&flagKey != 0
}

// Scalars yields the path and text of every plain or quoted string written
// under the path prefix under ("" for all), in no particular order.
func (d *Doc) Scalars(under string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for p, e := range d.at {
			if e.flags&flagScalar == 0 || under != "" && !strings.HasPrefix(p, under) {
				continue
			}
			if !yield(p, e.scalar) {
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
	if e := d.at[path]; e.flags&flagBlock != 0 {
		return int(e.block.line), int(e.block.col), true
	}
	return 0, 0, false
}
