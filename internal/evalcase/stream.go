package evalcase

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// MaxCaseBytes caps one case. The largest policy AWS accepts is a 32 KB
// KMS key policy, and a case's documents together (identity policies, a
// resource policy, a boundary, a session policy, endpoint policies, five
// levels of SCPs and RCPs) come to a few hundred KB even pretty-printed;
// 1 MiB leaves room for that and keeps a hostile input from costing more
// than a few tens of MB to read.
const MaxCaseBytes = 1 << 20

// Reader reads a case file one case at a time, so a file of any length is
// evaluated in memory that does not grow with it. Positions in cases and
// errors are the file's own. A syntax error inside one case makes only
// that case invalid; reading stops only where the file's list structure
// itself cannot be followed.
type Reader struct {
	file  string
	in    io.Reader
	buf   []byte // buf[r:w] is read but not consumed
	r, w  int
	eof   bool
	ioErr error

	pos   jsonpos.Pos // of buf[r] in the file
	state state
	depth int // levels around a streamed case: 1 in a list, 2 in {"cases": [...]}
	idx   int // cases met so far
	queue []result
	// MaxCase is the size above which a case is refused (MaxCaseBytes by
	// default).
	MaxCase int
	// KeepSource copies each case's text into Case.Source. Off by default:
	// it costs a copy of every case.
	KeepSource bool
	kept       []byte // the text being read into cases, when KeepSource
	keptOff    int
	// Each case's tree is done with before the next is read (the cases
	// keep only strings of it), so one parser's memory serves them all.
	parser jsonpos.Parser
}

type result struct {
	c   *Case
	err error
}

type state uint8

const (
	stStart      state = iota
	stList             // before a case, or the list's end
	stAfter            // after a case: ',' or the end
	stWrapperEnd       // after the list of {"cases": [...]}
	stEnd              // after the document: only space
	stDone
)

// NewReader returns a Reader of the file named file (for positions).
func NewReader(file string, in io.Reader) *Reader {
	return &Reader{file: file, in: in, buf: make([]byte, 0, 64<<10), pos: jsonpos.Pos{Line: 1, Col: 1}, MaxCase: MaxCaseBytes}
}

// Next returns the next case. For a case that cannot be evaluated it
// returns the case (with its name and position) and the case's problems, a diag.List.
// For a problem with the file itself (unreadable, its list structure
// broken) it returns a nil case and the problems; reading stops there. At the
// end it returns io.EOF.
func (r *Reader) Next() (*Case, error) {
	for {
		if len(r.queue) > 0 {
			q := r.queue[0]
			r.queue = r.queue[1:]
			return q.c, q.err
		}
		switch r.state {
		case stDone:
			return nil, io.EOF
		case stStart:
			if c, err, ok := r.start(); ok {
				return c, err
			}
		case stList:
			r.skipSpace()
			if r.avail() == 0 {
				return r.fatal("the document ends inside the list of cases", "expected a case or ']'")
			}
			switch r.buf[r.r] {
			case ']':
				r.advance(1)
				r.state = stEnd
				if r.depth == 2 {
					r.state = stWrapperEnd
				}
				continue
			case ',':
				return r.fatal("a comma with no case before it", "expected a case object")
			}
			r.state = stAfter
			return r.element()
		case stAfter:
			r.skipSpace()
			if r.avail() == 0 {
				return r.fatal("the document ends inside the list of cases", "expected ',' or ']'")
			}
			switch r.buf[r.r] {
			case ',':
				r.advance(1)
				r.skipSpace()
				if r.avail() > 0 && r.buf[r.r] == ']' {
					return r.fatal("a comma before ']' leaves an empty element", "expected a case after ',' (JSON allows no trailing comma)")
				}
				r.state = stList
			case ']':
				r.state = stList
			default:
				return r.fatal("unexpected "+r.describe(), "expected ',' between cases or ']' to close the list")
			}
		case stWrapperEnd:
			r.skipSpace()
			if r.avail() == 0 {
				return r.fatal("the document ends inside an object", "expected '}'")
			}
			switch r.buf[r.r] {
			case '}':
				r.advance(1)
				r.state = stEnd
			case ',':
				r.advance(1)
				if err := r.extraMember(); err != nil {
					return nil, err
				}
			default:
				return r.fatal("unexpected "+r.describe(), "expected '}' after the list of cases")
			}
		case stEnd:
			r.skipSpace()
			if r.avail() > 0 {
				return r.fatal("unexpected "+r.describe()+" after the end of the document", "expected nothing after the closing bracket")
			}
			r.state = stDone
			if r.ioErr != nil {
				return r.failIO()
			}
		}
	}
}

// start reads up to the first case. ok is false when it has only moved the
// state on.
func (r *Reader) start() (*Case, error, bool) {
	r.fill(3)
	if r.avail() >= 3 && r.buf[r.r] == 0xEF && r.buf[r.r+1] == 0xBB && r.buf[r.r+2] == 0xBF {
		r.r += 3 // a UTF-8 byte-order mark from Windows editors
		r.pos.Offset += 3
	}
	r.skipSpace()
	if r.avail() == 0 {
		if r.ioErr != nil {
			c, err := r.failIO()
			return c, err, true
		}
		c, err := r.fatal("the document is empty", "expected a case object, a list of cases, or {\"cases\": [...]}")
		return c, err, true
	}
	switch r.buf[r.r] {
	case '[':
		r.advance(1)
		r.depth = 1
		r.state = stList
		return nil, nil, false
	case '{':
		if r.casesFirst() {
			r.depth = 2
			r.state = stList
			return nil, nil, false
		}
	}
	// One case, a {"cases": ...} whose list is not first, or something
	// that is no case at all: read it whole (it is one case's size at most)
	// and let the tree decide.
	r.state = stEnd
	c, err := r.element()
	return c, err, true
}

// casesFirst consumes `{ "cases" : [` when the object starts so, the form
// that can be streamed.
func (r *Reader) casesFirst() bool {
	i := r.r + 1
	want := []byte(`"cases"`)
	for {
		for i < r.w && isSpace(r.buf[i]) {
			i++
		}
		if i < r.w || r.eof {
			break
		}
		i -= r.r
		r.fill(i + 1)
		i += r.r
	}
	j := i
	if !r.has(j, len(want)) || !bytes.Equal(r.buf[j:j+len(want)], want) {
		return false
	}
	j += len(want)
	for _, sep := range []byte{':', '['} {
		for {
			for j < r.w && isSpace(r.buf[j]) {
				j++
			}
			if j < r.w || r.eof {
				break
			}
			j -= r.r
			r.fill(j + 1)
			j += r.r
		}
		if j >= r.w || r.buf[j] != sep {
			return false
		}
		j++
	}
	r.advance(j - r.r)
	return true
}

// has reports whether n bytes from index i are buffered, reading more if
// needed. i is an index into buf and stays valid.
func (r *Reader) has(i, n int) bool {
	rel := i - r.r
	r.fill(rel + n)
	return r.r+rel+n <= r.w
}

// element reads one value (a case), parses and compiles it.
func (r *Reader) element() (*Case, error) {
	r.idx++
	start := r.pos
	n, complete, tooBig := r.scanValue(true)
	if tooBig && r.buf[r.r] != '{' && r.buf[r.r] != '[' {
		// A string or number that long is no case and has no end to
		// look for.
		r.state = stDone
		return nil, diag.List{errorAt(r.file, start, fmt.Sprintf("a value of over %d KiB where a case should be; expected a case object", r.MaxCase>>10))}
	}
	if tooBig {
		r.skipValue()
		e := errorAt(r.file, start, fmt.Sprintf("case %d is larger than %d KiB; expected a case of at most that size (the largest policy AWS accepts is 32 KB)", r.idx, r.MaxCase>>10))
		return &Case{Name: fmt.Sprintf("case-%d", r.idx), Pos: start}, diag.List{e}
	}
	if !complete && r.ioErr != nil {
		return r.failIO()
	}
	src := r.buf[r.r : r.r+n]
	node, err := r.parser.ParseAt(src, start, r.depth)
	if r.KeepSource && err == nil {
		r.kept, r.keptOff = append([]byte(nil), src...), start.Offset
	}
	r.advance(n)
	if err != nil {
		pe := err.(*jsonpos.Error)
		e := diag.List{policyError(r.file, pe, "")}
		if !complete || r.depth == 0 {
			// The file ends inside this case: nothing follows to read.
			r.state = stDone
			return nil, e
		}
		return &Case{Name: fmt.Sprintf("case-%d", r.idx), Pos: start}, e
	}
	if !complete {
		r.state = stDone
		return r.fatal("the document ends too early", "expected the rest of the case")
	}
	if r.depth == 0 {
		r.document(node)
		return r.Next()
	}
	return r.caseOf(node, r.idx)
}

func (r *Reader) caseOf(n *jsonpos.Node, num int) (*Case, error) {
	rd := &reader{file: r.file}
	c := rd.caseOf(n, num)
	if r.KeepSource {
		c.Source, c.SourceOffset = r.kept, r.keptOff
	}
	if len(rd.errs) > 0 {
		return c, rd.errs
	}
	return c, nil
}

// document queues what a document read whole holds: one case, or the
// cases of a {"cases": [...]} whose list is not its first key.
func (r *Reader) document(root *jsonpos.Node) {
	switch {
	case root.Kind == jsonpos.KindObject && root.Get("cases") != nil:
		var errs diag.List
		for _, m := range root.Members {
			if m.Key != "cases" {
				errs = append(errs, errorAt(r.file, m.KeyPos, fmt.Sprintf("unknown key %q next to \"cases\"; expected only \"cases\"", m.Key)))
			}
		}
		if len(errs) > 0 {
			r.queue = append(r.queue, result{nil, errs})
		}
		cs := root.Get("cases")
		if cs.Kind != jsonpos.KindArray {
			r.queue = append(r.queue, result{nil, diag.List{errorAt(r.file, cs.Pos, fmt.Sprintf("\"cases\" is %s; expected a list of cases", cs.Kind))}})
			return
		}
		for i, e := range cs.Elems {
			c, err := r.caseOf(e, i+1)
			r.queue = append(r.queue, result{c, err})
		}
		r.idx = len(cs.Elems)
	case root.Kind == jsonpos.KindObject:
		c, err := r.caseOf(root, 1)
		r.queue = append(r.queue, result{c, err})
	default:
		r.queue = append(r.queue, result{nil, diag.List{errorAt(r.file, root.Pos, fmt.Sprintf("the file holds %s; expected a case object, a list of cases, or {\"cases\": [...]}", root.Kind))}})
	}
}

// scanValue finds the end of the value at the cursor: n bytes, whether it
// ended before the input did, and whether it is over the size cap. It
// follows strings and brackets only; the parser checks the rest. With keep
// false it consumes what it scans, so a value over the cap is skipped in
// constant memory.
func (r *Reader) scanValue(keep bool) (n int, complete, tooBig bool) {
	i := 0
	depth := 0
	inStr, esc := false, false
	scalar := false
	first := true
	for ; ; first = false {
		if keep && i >= r.MaxCase {
			// Checked on every byte, not only when the buffer runs out,
			// so that a case is refused by its size alone, however the
			// input happened to arrive.
			return i, false, true
		}
		if r.r+i >= r.w {
			if !keep {
				r.advance(i)
				i = 0
			}
			r.fill(i + 1)
			if r.r+i >= r.w {
				return i, false, false
			}
		}
		c := r.buf[r.r+i]
		if first && !startsValue(c) {
			// Not JSON at all (a NUL from /dev/zero, a stray word):
			// the parser names the character, and nothing is skipped.
			r.fill(utf8.UTFMax)
			_, size := utf8.DecodeRune(r.buf[r.r:r.w])
			return size, true, false
		}
		switch {
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
				if depth == 0 {
					return i + 1, true, false
				}
			} else {
				// Skip to the next quote or backslash in what is buffered.
				k := i
				for b := r.buf[r.r:r.w]; k < len(b) && b[k] != '"' && b[k] != '\\'; k++ {
				}
				i = k
				continue
			}
		case c == '"':
			if scalar {
				return i, true, false
			}
			inStr = true
		case c == '{' || c == '[':
			if scalar {
				return i, true, false
			}
			depth++
			if depth > jsonpos.MaxDepth {
				// The parser refuses this depth anyway; stop before an
				// endless "[[[[" is read to its end.
				return i + 1, true, false
			}
		case c == '}' || c == ']':
			if depth == 0 {
				return i, true, false
			}
			depth--
			if depth == 0 {
				return i + 1, true, false
			}
		case depth == 0 && (c == ',' || c == ':' || isSpace(c)):
			return i, true, false
		case depth == 0 && scalar && !scalarByte(c):
			return i, true, false
		default:
			if depth == 0 {
				scalar = true
			}
		}
		i++
	}
}

func startsValue(c byte) bool {
	return c == '{' || c == '[' || c == '"' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n'
}

// scalarByte is a byte of a number or a bare word.
func scalarByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.' || c == '_'
}

// skipValue consumes the value at the cursor without keeping it.
func (r *Reader) skipValue() {
	n, _, _ := r.scanValue(false)
	r.advance(n)
}

// extraMember reports a key next to "cases" and skips its value.
func (r *Reader) extraMember() error {
	r.skipSpace()
	at := r.pos
	n, complete, tooBig := r.scanValue(true)
	if tooBig || !complete || n == 0 || r.buf[r.r] != '"' {
		r.state = stDone
		return diag.List{errorAt(r.file, at, "unexpected "+r.describe()+" next to \"cases\"; expected only \"cases\"")}
	}
	key := string(r.buf[r.r : r.r+n])
	r.advance(n)
	r.skipSpace()
	if r.avail() == 0 || r.buf[r.r] != ':' {
		r.state = stDone
		return diag.List{errorAt(r.file, r.pos, "unexpected "+r.describe()+"; expected ':' after a key")}
	}
	r.advance(1)
	r.skipSpace()
	r.skipValue()
	return diag.List{errorAt(r.file, at, fmt.Sprintf("unknown key %s next to \"cases\"; expected only \"cases\"", key))}
}

func (r *Reader) fatal(msg, expected string) (*Case, error) {
	r.state = stDone
	if r.ioErr != nil && r.avail() == 0 {
		return r.failIO()
	}
	return nil, diag.List{errorAt(r.file, r.pos, msg+"; "+expected)}
}

func (r *Reader) failIO() (*Case, error) {
	r.state = stDone
	err := r.ioErr
	if u := errors.Unwrap(err); u != nil {
		err = u // "read NAME: is a directory" names the file twice
	}
	if r.pos.Offset == 0 {
		return nil, diag.List{errorAt(r.file, eval.Pos{}, "cannot read: "+err.Error())}
	}
	return nil, diag.List{errorAt(r.file, r.pos, "cannot read further: "+err.Error())}
}

func (r *Reader) avail() int { return r.w - r.r }

// fill makes at least n unread bytes available unless the input ends
// first. Consumed bytes are dropped, so the buffer holds one case at most.
func (r *Reader) fill(n int) {
	for r.w-r.r < n && !r.eof {
		if r.r > 0 && (r.r >= len(r.buf)/2 || cap(r.buf)-r.w < 4096) {
			copy(r.buf, r.buf[r.r:r.w])
			r.w -= r.r
			r.r = 0
			r.buf = r.buf[:r.w]
		}
		if cap(r.buf)-r.w < 4096 {
			nb := make([]byte, r.w, 2*cap(r.buf))
			copy(nb, r.buf[:r.w])
			r.buf = nb
		}
		m, err := r.in.Read(r.buf[r.w:cap(r.buf)])
		r.w += m
		r.buf = r.buf[:r.w]
		if err != nil {
			r.eof = true
			if !errors.Is(err, io.EOF) {
				r.ioErr = err
			}
		}
	}
}

// advance consumes n bytes, keeping the position of the cursor.
func (r *Reader) advance(n int) {
	b := r.buf[r.r : r.r+n]
	r.pos.Offset += n
	if nl := bytes.Count(b, []byte{'\n'}); nl > 0 {
		r.pos.Line += nl
		b = b[bytes.LastIndexByte(b, '\n')+1:]
		r.pos.Col = 1
	}
	r.pos.Col += utf8.RuneCount(b)
	r.r += n
}

func (r *Reader) skipSpace() {
	for {
		i := r.r
		for i < r.w && isSpace(r.buf[i]) {
			i++
		}
		r.advance(i - r.r)
		if r.r < r.w || r.eof {
			return
		}
		r.fill(1)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (r *Reader) describe() string {
	r.fill(utf8.UTFMax)
	return jsonpos.DescribeNext(r.buf[r.r:r.w])
}
