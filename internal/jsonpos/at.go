package jsonpos

import "fmt"

// Parser reads one JSON value at a time that stands at a known place
// inside a larger file, so that a reader streaming a long file can parse
// one element at a time and still report positions (in nodes and errors)
// as the file's own line, column and offset, and refuse the same nesting
// as a whole-file parse would.
//
// It puts every tree into the same memory, so a file of any length costs
// the allocations of its largest element, not of all of them: a tree it
// returns is valid only until its next call (the strings in it stay
// valid), which suits a reader done with each element before it reads
// the next, such as a case file read case by case. The zero Parser is
// ready to use; it is not safe for concurrent use.
type Parser struct {
	st store
}

// maxKept bounds the values a Parser keeps between calls, so one huge
// element does not hold its memory for the rest of the file.
const maxKept = 1 << 14

// ParseAt reads the value src holds, which stands at base in its file
// with depth levels of nesting around it.
func (p *Parser) ParseAt(src []byte, base Pos, depth int) (*Node, error) {
	p.st.nodes.reuse, p.st.members.reuse, p.st.elems.reuse = true, true, true
	p.st.nodes.reset(maxKept)
	p.st.members.reset(maxKept)
	p.st.elems.reset(maxKept)
	r := newReader(src, 0, 0, &p.st)
	n, err := r.valueAt(base, depth)
	// What an error left on the stacks must not keep a document alive.
	clear(p.st.stacks.members)
	clear(p.st.stacks.elems)
	p.st.stacks.members, p.st.stacks.elems = p.st.stacks.members[:0], p.st.stacks.elems[:0]
	return n, err
}

func (r *jsonReader) valueAt(base Pos, depth int) (*Node, error) {
	if !base.IsValid() {
		base = Pos{Line: 1, Col: 1}
	}
	r.base, r.line, r.colLine, r.colVal, r.depth = base.Offset, base.Line, base.Line, base.Col, depth
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
