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
	r := &jsonReader{src: src, line: base.Line, colLine: base.Line, colVal: base.Col, depth: depth}
	n, err := r.valueAt()
	if err != nil {
		if pe, ok := err.(*Error); ok {
			pe.Pos.Offset += base.Offset
		}
		return nil, err
	}
	if base.Offset != 0 {
		shiftOffsets(n, base.Offset)
	}
	return n, nil
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

func shiftOffsets(n *Node, by int) {
	n.Pos.Offset += by
	for i := range n.Members {
		n.Members[i].KeyPos.Offset += by
		shiftOffsets(n.Members[i].Value, by)
	}
	for _, e := range n.Elems {
		shiftOffsets(e, by)
	}
}
