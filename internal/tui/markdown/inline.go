package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the inlines of a paragraph or heading (CommonMark 6):
// code spans, emphasis (the delimiter algorithm of the specification's
// appendix), backslash escapes, a few entities and line breaks; links,
// autolinks and raw HTML are in links.go. Reference links need
// definitions, which are not read, so they stay text.

type ikind uint8

const (
	iText ikind = iota
	iSoft       // a soft line break
	iHard       // a hard line break
	iCode
	iEmph // level 1 emphasis, 2 strong
	iLink
	iImage
	iAutoLink
	iHTML
)

// inode is an inline: a node of a doubly linked list, children in one too.
type inode struct {
	kind        ikind
	text        string
	level       int
	prev, next  *inode
	first, last *inode // children of emphasis, links and images
	parent      *inode
}

func (n *inode) append(c *inode) {
	c.parent, c.prev, c.next = n, n.last, nil
	if n.last == nil {
		n.first = c
	} else {
		n.last.next = c
	}
	n.last = c
}

func (n *inode) unlink() {
	p := n.parent
	if n.prev == nil {
		p.first = n.next
	} else {
		n.prev.next = n.next
	}
	if n.next == nil {
		p.last = n.prev
	} else {
		n.next.prev = n.prev
	}
	n.prev, n.next, n.parent = nil, nil, nil
}

// delim is an entry of the delimiter stack: a run of * or _, or a [ or ![.
type delim struct {
	node              *inode
	ch                byte
	n, orig           int
	canOpen, canClose bool
	active            bool // brackets: a [ inside a link may not open one
	image             bool
	prev, next        *delim
	prevBracket       *delim
	afterBracket      *delim // the top of the delimiter stack when [ was read
}

type inlineParser struct {
	s        string
	pos      int
	root     *inode
	delims   *delim // top of the stack
	brackets *delim
}

// parseInlines reads the inline source of a paragraph or heading.
func parseInlines(src string) *inode {
	p := &inlineParser{s: strings.Trim(src, " \t\n"), root: &inode{}}
	for p.pos < len(p.s) {
		p.step()
	}
	p.emphasis(nil)
	return p.root
}

func (p *inlineParser) text(s string) *inode {
	n := &inode{kind: iText, text: s}
	p.root.append(n)
	return n
}

const specials = "\n\\`*_[]!<&"

func (p *inlineParser) step() {
	c := p.s[p.pos]
	switch c {
	case '\n':
		p.newline()
	case '\\':
		p.backslash()
	case '`':
		p.codeSpan()
	case '*', '_':
		p.delimRun(c)
	case '[':
		p.pos++
		p.pushBracket(p.text("["), false)
	case '!':
		if p.pos+1 < len(p.s) && p.s[p.pos+1] == '[' {
			p.pos += 2
			p.pushBracket(p.text("!["), true)
			return
		}
		p.pos++
		p.text("!")
	case ']':
		p.pos++
		p.closeBracket()
	case '<':
		p.angle()
	case '&':
		p.reference()
	default:
		end := p.pos + 1
		for end < len(p.s) && !strings.ContainsRune(specials, rune(p.s[end])) {
			end++
		}
		p.text(p.s[p.pos:end])
		p.pos = end
	}
}

// newline: two or more spaces before it make a hard break; the spaces
// around it are dropped.
func (p *inlineParser) newline() {
	hard := false
	if t := p.root.last; t != nil && t.kind == iText {
		trimmed := strings.TrimRight(t.text, " ")
		hard = len(t.text)-len(trimmed) >= 2
		t.text = trimmed
	}
	p.pos++
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
	if hard {
		p.root.append(&inode{kind: iHard})
	} else {
		p.root.append(&inode{kind: iSoft})
	}
}

func (p *inlineParser) backslash() {
	p.pos++
	switch {
	case p.pos < len(p.s) && p.s[p.pos] == '\n':
		p.pos++
		for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
			p.pos++
		}
		p.root.append(&inode{kind: iHard})
	case p.pos < len(p.s) && isASCIIPunct(p.s[p.pos]):
		p.text(p.s[p.pos : p.pos+1])
		p.pos++
	default:
		p.text("\\")
	}
}

// codeSpan: a run of backticks up to the next run of the same length;
// line endings inside are spaces, and one space is stripped from each
// end when both ends have one.
func (p *inlineParser) codeSpan() {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] == '`' {
		p.pos++
	}
	ticks := p.pos - start
	for i := p.pos; i < len(p.s); {
		if p.s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(p.s) && p.s[j] == '`' {
			j++
		}
		if j-i == ticks {
			code := strings.ReplaceAll(p.s[p.pos:i], "\n", " ")
			if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
				code = code[1 : len(code)-1]
			}
			p.root.append(&inode{kind: iCode, text: code})
			p.pos = j
			return
		}
		i = j
	}
	p.text(p.s[start:p.pos])
}

// delimRun reads a run of * or _ and pushes it on the delimiter stack
// with what it may do (CommonMark 6.2, flanking).
func (p *inlineParser) delimRun(c byte) {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
	}
	before, after := ' ', ' '
	if start > 0 {
		before, _ = utf8.DecodeLastRuneInString(p.s[:start])
	}
	if p.pos < len(p.s) {
		after, _ = utf8.DecodeRuneInString(p.s[p.pos:])
	}
	wsAfter, wsBefore := unicode.IsSpace(after), unicode.IsSpace(before)
	pAfter, pBefore := isPunct(after), isPunct(before)
	left := !wsAfter && (!pAfter || wsBefore || pBefore)
	right := !wsBefore && (!pBefore || wsAfter || pAfter)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || pBefore)
		canClose = right && (!left || pAfter)
	}
	n := p.pos - start
	d := &delim{node: p.text(p.s[start:p.pos]), ch: c, n: n, orig: n, canOpen: canOpen, canClose: canClose, prev: p.delims}
	if p.delims != nil {
		p.delims.next = d
	}
	p.delims = d
}

// entity is the character a named reference stands for; names other
// than these stay as written (the full table is two thousand names).
func entity(name string) (string, bool) {
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	case "nbsp":
		return "\u00a0", true
	}
	return "", false
}

func (p *inlineParser) reference() {
	rest := p.s[p.pos:]
	if semi := strings.IndexByte(rest, ';'); semi > 1 && semi <= 33 {
		name := rest[1:semi]
		if r, ok := entity(name); ok {
			p.text(r)
			p.pos += semi + 1
			return
		}
		if name[0] == '#' && len(name) > 1 {
			var v uint64
			var err error
			if name[1] == 'x' || name[1] == 'X' {
				if len(name) > 2 && len(name) <= 8 {
					v, err = strconv.ParseUint(name[2:], 16, 32)
				} else {
					err = strconv.ErrSyntax
				}
			} else if len(name) <= 8 {
				v, err = strconv.ParseUint(name[1:], 10, 32)
			} else {
				err = strconv.ErrSyntax
			}
			if err == nil {
				r := rune(v)
				if v == 0 || v > unicode.MaxRune || !utf8.ValidRune(r) {
					r = utf8.RuneError
				}
				p.text(string(r))
				p.pos += semi + 1
				return
			}
		}
	}
	p.pos++
	p.text("&")
}

// emphasis matches the delimiter runs above bottom into emphasis and
// strong emphasis (the specification's "process emphasis").
func (p *inlineParser) emphasis(bottom *delim) {
	type key struct {
		ch      byte
		canOpen bool
		mod     int
	}
	openersBottom := map[key]*delim{}
	closer := p.delims
	for closer != nil && closer.prev != bottom {
		closer = closer.prev
	}
	for closer != nil {
		if !closer.canClose {
			closer = closer.next
			continue
		}
		k := key{closer.ch, closer.canOpen, closer.orig % 3}
		opener := closer.prev
		found := false
		for opener != nil && opener != bottom && opener != openersBottom[k] {
			odd := (closer.canOpen || opener.canClose) && closer.orig%3 != 0 && (opener.orig+closer.orig)%3 == 0
			if opener.ch == closer.ch && opener.canOpen && !odd {
				found = true
				break
			}
			opener = opener.prev
		}
		old := closer
		if !found {
			closer = closer.next
			openersBottom[k] = old.prev
			if !old.canOpen {
				p.removeDelim(old)
			}
			continue
		}
		use := 1
		if closer.n >= 2 && opener.n >= 2 {
			use = 2
		}
		on, cn := opener.node, closer.node
		opener.n -= use
		closer.n -= use
		on.text = on.text[:len(on.text)-use]
		cn.text = cn.text[:len(cn.text)-use]
		em := &inode{kind: iEmph, level: use}
		parent := on.parent
		for c := on.next; c != nil && c != cn; {
			next := c.next
			c.unlink()
			em.append(c)
			c = next
		}
		// Insert em after the opener's node.
		em.parent = parent
		em.prev, em.next = on, cn
		on.next, cn.prev = em, em
		for d := closer.prev; d != nil && d != opener; {
			prev := d.prev
			p.removeDelim(d)
			d = prev
		}
		if opener.n == 0 {
			on.unlink()
			p.removeDelim(opener)
		}
		if closer.n == 0 {
			next := closer.next
			cn.unlink()
			p.removeDelim(closer)
			closer = next
		}
	}
	for p.delims != nil && p.delims != bottom {
		p.removeDelim(p.delims)
	}
}

func (p *inlineParser) removeDelim(d *delim) {
	if d.prev != nil {
		d.prev.next = d.next
	}
	if d.next != nil {
		d.next.prev = d.prev
	} else {
		p.delims = d.prev
	}
	d.prev, d.next = nil, nil
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// isPunct: Unicode punctuation or symbol, as CommonMark 0.31 counts it.
func isPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIPunct(byte(r))
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}
