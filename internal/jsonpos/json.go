package jsonpos

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the JSON type of a Node.
type Kind uint8

// JSON kinds.
const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "a boolean"
	case KindNumber:
		return "a number"
	case KindString:
		return "a string"
	case KindArray:
		return "a list"
	case KindObject:
		return "an object"
	}
	return "a value"
}

// Node is one JSON value with the place it starts. Policies are small and a
// learner's errors must point at a character, so iamlab reads JSON itself
// instead of going through encoding/json, which knows only byte offsets of
// syntax errors and nothing of where a valid-but-wrong value stands.
type Node struct {
	Kind    Kind
	Pos     Pos
	Text    string // a string's value, a number's literal, "true"/"false"
	Members []Member
	Elems   []*Node
}

// Member is one key of an object, in document order.
type Member struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value of key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	for i := range n.Members {
		if n.Members[i].Key == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// MaxDepth bounds nesting so hostile input cannot exhaust the stack; no
// policy nests deeper than five levels.
const MaxDepth = 100

type jsonReader struct {
	src       []byte
	text      string // src as a string, so strings and numbers are slices of it
	off       int
	base      int // the offset of src[0] in the file, for Parser.ParseAt
	line      int
	lineStart int
	// col cache: positions are requested in increasing order, so counting
	// runes from the last one keeps a single-line document linear.
	colOff, colVal, colLine int
	depth                   int

	*store
}

// A document of a few hundred values would otherwise cost as many
// allocations: nodes, members and elements are carved from blocks
// instead, and an object's members (a list's elements) are gathered on a
// stack, then copied once into a block at their final length rather than
// grown by append.
type store struct {
	nodes   blocks[Node]
	members blocks[Member]
	elems   blocks[*Node]
	stacks
}

// stacks outlive a parse (in a pool for Parse, in a Parser for its
// calls), so that many small documents grow them once, not once each.
type stacks struct {
	members []Member
	elems   []*Node
}

var stackPool = sync.Pool{New: func() any { return new(stacks) }}

// blocks hands out runs of T carved from larger blocks. With reuse set
// (a Parser), reset hands the same blocks out again.
type blocks[T any] struct {
	cur   []T   // what is left of the block in use
	all   [][]T // every block, when reused
	next  int   // the block of all to use after cur
	reuse bool
}

// take returns n fresh elements, capped so that an append by a caller can
// never write into a neighbour's; a new block holds at least size.
func (b *blocks[T]) take(n, size int) []T {
	if len(b.cur) < n {
		b.cur = nil
		for b.reuse && b.cur == nil && b.next < len(b.all) {
			if len(b.all[b.next]) >= n {
				b.cur = b.all[b.next]
			}
			b.next++
		}
		if b.cur == nil {
			b.cur = make([]T, max(n, size))
			if b.reuse {
				b.all = append(b.all, b.cur)
				b.next = len(b.all)
			}
		}
	}
	out := b.cur[:n:n]
	b.cur = b.cur[n:]
	return out
}

// reset makes every block available again; blocks past limit elements in
// all (grown by one hostile document) are let go.
func (b *blocks[T]) reset(limit int) {
	total := 0
	for i, blk := range b.all {
		total += len(blk)
		if total > limit {
			clear(b.all[i:])
			b.all = b.all[:i]
			break
		}
	}
	b.cur, b.next = nil, 0
}

func newReader(src []byte, line, col int, st *store) *jsonReader {
	// One copy of the text: every string without escapes and every number
	// is then a slice of it, which keeps the document's text alive as long
	// as any of its values is kept; documents are small.
	return &jsonReader{src: src, text: string(src), line: line, colLine: line, colVal: col, store: st}
}

// pooledStore is the store of a one-off parse: fresh blocks, and stacks
// from the pool.
func pooledStore() *store {
	return &store{stacks: *stackPool.Get().(*stacks)}
}

// done returns the stacks of a one-off parse, emptied so that they hold
// no document alive (what an object or list pops is cleared then; what
// an error left is cleared here). Stacks a hostile document grew large
// are dropped.
func (r *jsonReader) done() {
	st := r.stacks
	r.stacks = stacks{}
	if cap(st.members) > 4096 || cap(st.elems) > 4096 {
		return
	}
	clear(st.members)
	clear(st.elems)
	st.members, st.elems = st.members[:0], st.elems[:0]
	stackPool.Put(&st)
}

// Parse reads one JSON document and returns its tree. Errors are
// *Error with the position of the offending character.
func Parse(src []byte) (*Node, error) {
	r := newReader(src, 1, 1, pooledStore())
	defer r.done()
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		r.off = 3 // tolerate a UTF-8 byte-order mark from Windows editors
		r.lineStart = 3
		r.colOff = 3
	}
	r.skipSpace()
	if r.off >= len(src) {
		return nil, r.errf(r.pos(), "the document is empty", "expected a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": [...]}")
	}
	n, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	if r.off < len(src) {
		return nil, r.errf(r.pos(), fmt.Sprintf("unexpected %s after the end of the document", r.describe()), "expected nothing after the closing brace")
	}
	return n, nil
}

func (r *jsonReader) pos() Pos {
	if r.colLine != r.line || r.colOff < r.lineStart {
		r.colLine, r.colOff, r.colVal = r.line, r.lineStart, 1
	}
	r.colVal += utf8.RuneCount(r.src[r.colOff:r.off])
	r.colOff = r.off
	return Pos{Offset: r.base + r.off, Line: r.line, Col: r.colVal}
}

// node returns a new node from the current block. Blocks are sized by
// what is left to read: a value takes some 20 bytes of a case file.
func (r *jsonReader) node(k Kind, p Pos, text string) *Node {
	n := &r.nodes.take(1, blockSize(len(r.src)-r.off, 16))[0]
	*n = Node{Kind: k, Pos: p, Text: text}
	return n
}

// blockSize is how many values to allocate at once when rest bytes are
// left and each value takes about per of them: enough to rarely come
// back, and never much more than the document can hold.
func blockSize(rest, per int) int {
	return min(max(rest/per, 8), 1024)
}

// keep copies a finished object's members (or a list's elements) off the
// stack into a block.
func keep[T any](b *blocks[T], stack []T, size int) []T {
	if len(stack) == 0 {
		return nil
	}
	out := b.take(len(stack), size)
	copy(out, stack)
	return out
}

func (r *jsonReader) errf(p Pos, msg, expected string) *Error {
	return &Error{Pos: p, Msg: msg, Expected: expected}
}

// describe names the character at the cursor for an error message.
func (r *jsonReader) describe() string { return DescribeNext(r.src[r.off:]) }

// DescribeNext names the first character of b for an error message ("line
// break", "character 'x'", "end of document"); every JSON reader of
// iamlab words its errors this way.
func DescribeNext(b []byte) string {
	if len(b) == 0 {
		return "end of document"
	}
	c, _ := utf8.DecodeRune(b)
	switch c {
	case '\n':
		return "line break"
	case '\'':
		return "single quote ' (JSON strings use double quotes)"
	}
	if c < 0x20 || c == utf8.RuneError {
		return fmt.Sprintf("character %U", c)
	}
	return fmt.Sprintf("character %q", c)
}

func (r *jsonReader) skipSpace() {
	for r.off < len(r.src) {
		switch r.src[r.off] {
		case ' ', '\t', '\r':
			r.off++
		case '\n':
			r.off++
			r.line++
			r.lineStart = r.off
		default:
			return
		}
	}
}

func (r *jsonReader) value() (*Node, error) {
	p := r.pos()
	if r.off >= len(r.src) {
		return nil, r.errf(p, "the document ends too early", "expected a value")
	}
	switch c := r.src[r.off]; {
	case c == '{':
		return r.object(p)
	case c == '[':
		return r.array(p)
	case c == '"':
		s, err := r.str(p)
		if err != nil {
			return nil, err
		}
		return r.node(KindString, p, s), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number(p)
	case c == 't' || c == 'f' || c == 'n':
		return r.literal(p)
	default:
		return nil, r.errf(p, "unexpected "+r.describe(), "expected a value: a string, number, list or object")
	}
}

// open steps into the object or list at the cursor, refusing it when it
// nests too deeply, and reports whether it closes at once ({} or []).
func (r *jsonReader) open(p Pos, closer byte) (empty bool, err error) {
	r.depth++
	if r.depth > MaxDepth {
		return false, r.errf(p, "the document nests too deeply", fmt.Sprintf("expected at most %d levels", MaxDepth))
	}
	r.off++ // { or [
	r.skipSpace()
	if r.off < len(r.src) && r.src[r.off] == closer {
		r.off++
		r.depth--
		return true, nil
	}
	return false, nil
}

func (r *jsonReader) object(p Pos) (*Node, error) {
	n := r.node(KindObject, p, "")
	empty, err := r.open(p, '}')
	if err != nil {
		return nil, err
	}
	if empty {
		return n, nil
	}
	base := len(r.stacks.members)
	var seen map[string]int // built once an object is large, so duplicate checks stay linear
	for {
		r.skipSpace()
		kp := r.pos()
		if r.off >= len(r.src) {
			return nil, r.errf(kp, "the document ends inside an object", "expected a quoted key or '}'")
		}
		if r.src[r.off] != '"' {
			if r.src[r.off] == '}' {
				return nil, r.errf(kp, "a comma before '}' leaves an empty member", "expected a quoted key after ',' (JSON allows no trailing comma)")
			}
			return nil, r.errf(kp, "unexpected "+r.describe(), "expected a quoted key such as \"Effect\"")
		}
		key, err := r.str(kp)
		if err != nil {
			return nil, err
		}
		if i, dup := r.findKey(r.stacks.members[base:], &seen, key); dup {
			return nil, r.errf(kp, fmt.Sprintf("duplicate key %q (first at %s)", key, r.stacks.members[base+i].KeyPos), "expected each key once; merge the values into one")
		}
		r.skipSpace()
		if r.off >= len(r.src) || r.src[r.off] != ':' {
			return nil, r.errf(r.pos(), "unexpected "+r.describe(), fmt.Sprintf("expected ':' after the key %q", key))
		}
		r.off++
		r.skipSpace()
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		r.stacks.members = append(r.stacks.members, Member{Key: key, KeyPos: kp, Value: v})
		if done, err := r.after(&objectWords); err != nil {
			return nil, err
		} else if done {
			n.Members = keep(&r.members, r.stacks.members[base:], blockSize(len(r.src)-r.off, 24))
			clear(r.stacks.members[base:])
			r.stacks.members = r.stacks.members[:base]
			return n, nil
		}
	}
}

// findKey reports whether key is already among members (and where). Small
// objects are scanned; from 16 members on, an index keeps the check linear
// in the object's size for hostile documents with thousands of keys.
func (r *jsonReader) findKey(members []Member, seen *map[string]int, key string) (int, bool) {
	if len(members) < 16 {
		for i := range members {
			if members[i].Key == key {
				return i, true
			}
		}
		return 0, false
	}
	if *seen == nil {
		*seen = make(map[string]int, 2*len(members))
		for i := range members {
			(*seen)[members[i].Key] = i
		}
	}
	if i, ok := (*seen)[key]; ok {
		return i, true
	}
	(*seen)[key] = len(members)
	return 0, false
}

func (r *jsonReader) array(p Pos) (*Node, error) {
	n := r.node(KindArray, p, "")
	empty, err := r.open(p, ']')
	if err != nil {
		return nil, err
	}
	if empty {
		return n, nil
	}
	base := len(r.stacks.elems)
	for {
		r.skipSpace()
		if r.off < len(r.src) && r.src[r.off] == ']' {
			return nil, r.errf(r.pos(), "a comma before ']' leaves an empty element", "expected a value after ',' (JSON allows no trailing comma)")
		}
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		r.stacks.elems = append(r.stacks.elems, v)
		if done, err := r.after(&listWords); err != nil {
			return nil, err
		} else if done {
			n.Elems = keep(&r.elems, r.stacks.elems[base:], blockSize(len(r.src)-r.off, 32))
			clear(r.stacks.elems[base:])
			r.stacks.elems = r.stacks.elems[:base]
			return n, nil
		}
	}
}

// container words the errors of an object or a list.
type container struct {
	closer              byte
	inside, items, name string
}

var (
	objectWords = container{'}', "an object", "members", "the object"}
	listWords   = container{']', "a list", "elements", "the list"}
)

// after reads what follows an element of an object or a list: a comma
// when more follow, or the closing bracket, which it steps out of.
func (r *jsonReader) after(c *container) (done bool, err error) {
	r.skipSpace()
	if r.off >= len(r.src) {
		return false, r.errf(r.pos(), "the document ends inside "+c.inside, fmt.Sprintf("expected ',' or '%c'", c.closer))
	}
	switch r.src[r.off] {
	case ',':
		r.off++
		return false, nil
	case c.closer:
		r.off++
		r.depth--
		return true, nil
	}
	return false, r.errf(r.pos(), "unexpected "+r.describe(), fmt.Sprintf("expected ',' between %s or '%c' to close %s", c.items, c.closer, c.name))
}

// str reads the string at the cursor, which stands at start (the caller
// has that position already).
func (r *jsonReader) str(start Pos) (string, error) {
	r.off++ // opening quote
	// Fast path: no escapes.
	i := r.off
	for i < len(r.src) {
		c := r.src[i]
		if c == '"' {
			s := r.text[r.off:i]
			if !utf8.ValidString(s) {
				break
			}
			r.off = i + 1
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	var b strings.Builder
	for {
		if r.off >= len(r.src) {
			return "", r.errf(start, "this string is never closed", "expected a closing double quote")
		}
		c := r.src[r.off]
		switch {
		case c == '"':
			r.off++
			return b.String(), nil
		case c == '\n':
			return "", r.errf(start, "this string is never closed on its line", "expected a closing double quote before the line break")
		case c < 0x20:
			return "", r.errf(r.pos(), fmt.Sprintf("control character %U inside a string", rune(c)), "expected it written as an escape such as \\t")
		case c == '\\':
			ep := r.pos()
			r.off++
			if r.off >= len(r.src) {
				return "", r.errf(start, "this string is never closed", "expected a closing double quote")
			}
			e := r.src[r.off]
			r.off++
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				ru, ok := r.hex4()
				if !ok {
					return "", r.errf(ep, "bad \\u escape", "expected four hexadecimal digits after \\u")
				}
				if utf16.IsSurrogate(ru) {
					// Take the next escape only when it completes a pair;
					// otherwise it is read on its own (and checked).
					pair := utf8.RuneError
					if r.off+1 < len(r.src) && r.src[r.off] == '\\' && r.src[r.off+1] == 'u' {
						save := r.off
						r.off += 2
						if lo, ok := r.hex4(); ok {
							pair = utf16.DecodeRune(ru, lo)
						}
						if pair == utf8.RuneError {
							r.off = save
						}
					}
					ru = pair
				}
				b.WriteRune(ru)
			default:
				return "", r.errf(ep, fmt.Sprintf("unknown escape \\%c", e), "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
			}
		default:
			ru, size := utf8.DecodeRune(r.src[r.off:])
			if ru == utf8.RuneError && size == 1 {
				return "", r.errf(r.pos(), "invalid UTF-8 in a string", "expected UTF-8 text")
			}
			b.Write(r.src[r.off : r.off+size])
			r.off += size
		}
	}
}

func (r *jsonReader) hex4() (rune, bool) {
	if r.off+4 > len(r.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(r.src[r.off:r.off+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	r.off += 4
	return rune(v), true
}

func (r *jsonReader) number(p Pos) (*Node, error) {
	start := r.off
	if r.src[r.off] == '-' {
		r.off++
	}
	digits := func() int {
		s := r.off
		for r.off < len(r.src) && r.src[r.off] >= '0' && r.src[r.off] <= '9' {
			r.off++
		}
		return r.off - s
	}
	intStart := r.off
	if digits() == 0 {
		return nil, r.errf(r.pos(), "a number needs digits", "expected a digit")
	}
	if r.src[intStart] == '0' && r.off-intStart > 1 {
		return nil, r.errf(p, "a number may not start with 0", "expected no leading zeros (write \"0123\" as a string if it is an identifier)")
	}
	if r.off < len(r.src) && r.src[r.off] == '.' {
		r.off++
		if digits() == 0 {
			return nil, r.errf(r.pos(), "a decimal point needs digits after it", "expected a digit")
		}
	}
	if r.off < len(r.src) && (r.src[r.off] == 'e' || r.src[r.off] == 'E') {
		r.off++
		if r.off < len(r.src) && (r.src[r.off] == '+' || r.src[r.off] == '-') {
			r.off++
		}
		if digits() == 0 {
			return nil, r.errf(r.pos(), "an exponent needs digits", "expected a digit")
		}
	}
	return r.node(KindNumber, p, r.text[start:r.off]), nil
}

func (r *jsonReader) literal(p Pos) (*Node, error) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(r.text[r.off:], lit) {
			end := r.off + len(lit)
			if end < len(r.src) && isIdentByte(r.src[end]) {
				break
			}
			r.off = end
			if lit == "null" {
				return r.node(KindNull, p, lit), nil
			}
			return r.node(KindBool, p, lit), nil
		}
	}
	end := r.off
	for end < len(r.src) && isIdentByte(r.src[end]) {
		end++
	}
	word := r.text[r.off:end]
	return nil, r.errf(p, fmt.Sprintf("unexpected word %q", word), "expected a value; text must be in double quotes")
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
