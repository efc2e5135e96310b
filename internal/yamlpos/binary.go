package yamlpos

import (
	"encoding/binary"
	"errors"
	"slices"
)

// AppendBinary appends the table of d to b, paths in order so the same
// file always gives the same bytes. ReadDoc reads it back.
func (d *Doc) AppendBinary(b []byte) ([]byte, error) {
	paths := make([]string, 0, len(d.at))
	for p := range d.at {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b = binary.AppendUvarint(b, uint64(len(paths)))
	for _, p := range paths {
		e := d.at[p]
		b = appendString(b, p)
		b = append(b, e.flags)
		e.eachPoint(func(pt *point) {
			b = binary.AppendUvarint(b, uint64(pt.line))
			b = binary.AppendUvarint(b, uint64(pt.col))
		})
		if e.flags&flagScalar != 0 {
			b = appendString(b, e.scalar)
		}
	}
	return b, nil
}

// eachPoint calls f with each position the entry has, in the order they
// are written.
func (e *entry) eachPoint(f func(*point)) {
	if e.flags&flagPos != 0 {
		f(&e.pos)
	}
	if e.flags&flagField != 0 {
		f(&e.field)
	}
	if e.flags&flagKeyPos != 0 {
		f(&e.key)
	}
	if e.flags&flagBlock != 0 {
		f(&e.block)
	}
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorrupt = errors.New("yamlpos: not a saved position table")

// ReadDoc reads a table written by AppendBinary from the front of b and
// returns it with the bytes after it. Bytes that are not such a table are
// an error, never a panic.
//
// The table is read twice: once to check it and find where it ends, then
// into a map whose paths and texts are all cut from one copy of its bytes,
// so a table costs a few allocations, not two per path.
func ReadDoc(b []byte) (*Doc, []byte, error) {
	n, count, err := scanDoc(b)
	if err != nil {
		return nil, nil, err
	}
	text := string(b[:n])
	r := reader{b: b[:n]}
	r.uvarint()
	cut := func(s span) string { return text[s.from:s.to] }
	d := &Doc{at: make(map[string]entry, count)}
	for range count {
		p, e := r.entry()
		e.scalar = cut(e.scalarAt)
		d.at[cut(p)] = e.entry
	}
	return d, b[n:], nil
}

// scanDoc checks that b starts with a table and says how long it is and
// how many paths it has.
func scanDoc(b []byte) (n int, count uint64, err error) {
	r := reader{b: b}
	count = r.uvarint()
	if r.err != nil || count > uint64(len(b)) { // every entry takes bytes
		return 0, 0, errCorrupt
	}
	for range count {
		if r.entry(); r.err != nil {
			return 0, 0, r.err
		}
	}
	return len(b) - len(r.b), count, nil
}

// span is where a text lies in the bytes being read.
type span struct{ from, to int }

// readEntry is an entry with where its path and text lie.
type readEntry struct {
	entry
	scalarAt span
}

// entry reads one path and its entry; texts are left as spans.
func (r *reader) entry() (span, readEntry) {
	p := r.span()
	e := readEntry{entry: entry{flags: r.byte()}}
	if e.flags&^flagMask != 0 {
		r.err = errCorrupt
	}
	e.eachPoint(func(pt *point) { pt.line, pt.col = r.int32(), r.int32() })
	if e.flags&flagScalar != 0 {
		e.scalarAt = r.span()
	}
	return p, e
}

// reader takes values off the front of b; after the first error every
// read returns a zero value and err stays set. read counts the bytes
// taken, for spans.
type reader struct {
	b    []byte
	read int
	err  error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b, r.read = r.b[n:], r.read+n
	return v
}

func (r *reader) int32() int32 {
	v := r.uvarint()
	if v >= 1<<31 {
		r.err = errCorrupt
		return 0
	}
	return int32(v)
}

func (r *reader) byte() uint8 {
	if r.err != nil || len(r.b) == 0 {
		r.err = errCorrupt
		return 0
	}
	c := r.b[0]
	r.b, r.read = r.b[1:], r.read+1
	return c
}

func (r *reader) span() span {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errCorrupt
		return span{}
	}
	s := span{r.read, r.read + int(n)}
	r.b, r.read = r.b[n:], s.to
	return s
}
