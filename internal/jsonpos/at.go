package jsonpos

import "fmt"

// ParseAt reads one JSON value that stands at base inside a larger
// file, with depth levels of nesting around it, so that a reader streaming
// a long file can parse one element at a time and still report positions
// (in nodes and errors) as the file's own line, column and offset, and
// refuse the same nesting as a whole-file parse would.
func ParseAt(src []byte, base Pos, depth int) (*Node, error) {
	if !base.IsValid() {
		base = Pos{Line: 1, Col: 1}
	}
	r := newReader(src, base.Line, base.Col)
	defer r.done()
	r.base, r.depth = base.Offset, depth
	return r.valueAt()
}

func (r *jsonReader) valueAt() (*Node, error) {
	r.skipSpace()
	if r.off >= len(r.src) {
		return nil, r.errf(r.pos(), "the document ends too early", "expected a value")
	}
	n, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	if r.off < len(r.src) {
		return nil, r.errf(r.pos(), fmt.Sprintf("unexpected %s after the value", r.describe()), "expected ',' or the end of the enclosing list")
	}
	return n, nil
}
