package markdown

import (
	"strconv"
	"strings"
)

// This file reads the block structure of CommonMark
// (https://spec.commonmark.org/0.31.2/, the parsing strategy of its
// appendix A): what a terminal shows of it. Not read: link reference
// definitions (no content uses them; such a line stays text). Tabs in a
// line's indentation count to the next multiple of four columns. Each
// line is read once, moving forward only, so no input can make it loop.

// kind is what a block is.
type kind uint8

const (
	kDocument kind = iota
	kHeading
	kParagraph
	kList
	kItem
	kCode // fenced or indented code, or an HTML block: lines shown as written
	kQuote
	kRule
)

// block is a node of the block tree. Container blocks (document, quote,
// list, item) have children; leaves have lines.
type block struct {
	kind     kind
	level    int      // heading level
	lines    []string // paragraph, heading: the inline source; code: its lines
	children []*block
	parent   *block
	open     bool
	from, to int // first and last line, for list tightness

	// lists and items
	ordered bool
	start   int
	marker  byte // the bullet, or the ordered list's delimiter
	tight   bool
	indent  int // an item's content column: marker offset plus padding

	// code
	fence       string // the opening fence; "" for indented code and HTML
	fenceIndent int
	html        int // the HTML block type (1–7), 0 for code
}

func (b *block) last() *block {
	if len(b.children) == 0 {
		return nil
	}
	return b.children[len(b.children)-1]
}

// acceptsLines: the leaves that take the text of the lines that follow.
func (b *block) acceptsLines() bool { return b.kind == kParagraph || b.kind == kCode }

type blockParser struct {
	doc, tip *block
	oldTip   *block
	// lastMatched is the deepest block the current line continued;
	// allClosed says the blocks below it are already closed.
	lastMatched *block
	allClosed   bool

	n      int    // line number, from 1
	s      string // the line, its indentation's tabs expanded
	pos    int    // where reading is
	next   int    // the first non-blank byte from pos
	ind    int    // next - pos: the indentation
	blank  bool
	indent bool // ind >= 4
}

// parseBlocks reads src into a block tree.
func parseBlocks(src string) *block {
	doc := &block{kind: kDocument, open: true, from: 1}
	p := &blockParser{doc: doc, tip: doc}
	lines := strings.Split(src, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, s := range lines {
		p.n = i + 1
		p.line(expandIndent(strings.TrimSuffix(s, "\r")))
	}
	for p.tip != nil {
		p.finalize(p.tip, len(lines))
	}
	return doc
}

// expandIndent turns the tabs among a line's leading whitespace (and
// after a quote's >) into spaces, to the next multiple of four columns.
func expandIndent(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var sb strings.Builder
	col := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\t':
			n := 4 - col%4
			sb.WriteString(strings.Repeat(" ", n))
			col += n
		case ' ', '>':
			sb.WriteByte(c)
			col++
		default:
			sb.WriteString(s[i:])
			return sb.String()
		}
	}
	return sb.String()
}

func (p *blockParser) findNext() {
	i := p.pos
	for i < len(p.s) && p.s[i] == ' ' {
		i++
	}
	p.next, p.ind = i, i-p.pos
	p.blank = i == len(p.s)
	p.indent = p.ind >= 4
}

func (p *blockParser) advance(n int) { p.pos = min(len(p.s), p.pos+n) }

func (p *blockParser) advanceNext() { p.pos = p.next }

// line reads one line: continue the open blocks, open new ones, add the
// text to the deepest.
func (p *blockParser) line(s string) {
	p.s, p.pos = s, 0
	p.oldTip = p.tip
	c := p.doc
	for {
		last := c.last()
		if last == nil || !last.open {
			break
		}
		p.findNext()
		r := p.continues(last)
		if r == 1 {
			break
		}
		if r == 2 {
			return
		}
		c = last
	}
	p.allClosed = c == p.oldTip
	p.lastMatched = c
	matchedLeaf := c.kind != kParagraph && c.acceptsLines()
	for !matchedLeaf {
		p.findNext()
		if !p.indent && (p.blank || !strings.ContainsRune("#`~*+_=<>0123456789-", rune(p.s[p.next]))) {
			p.advanceNext()
			break
		}
		started, leaf := p.start(c)
		if !started {
			p.advanceNext()
			break
		}
		c = p.tip
		if leaf {
			matchedLeaf = true
		}
	}
	p.findNext()
	if !p.allClosed && !p.blank && p.tip.kind == kParagraph {
		// A lazy continuation line of a paragraph.
		p.tip.lines = append(p.tip.lines, p.s[p.pos:])
		return
	}
	p.closeUnmatched()
	switch {
	case c.fence != "" && c.from == p.n:
		// The opening fence: its info string is not shown.
	case c.acceptsLines():
		c.lines = append(c.lines, p.s[p.pos:])
		if c.html >= 1 && c.html <= 5 && htmlEnds(c.html, p.s[p.pos:]) {
			p.finalize(c, p.n)
		}
	case !p.blank:
		p.advanceNext()
		p.addChild(kParagraph).lines = []string{p.s[p.pos:]}
	}
}

// continues reports whether the line continues the open block b: 0 yes,
// 1 no, 2 the line closed b and is used up.
func (p *blockParser) continues(b *block) int {
	switch b.kind {
	case kQuote:
		if !p.indent && p.next < len(p.s) && p.s[p.next] == '>' {
			p.advanceNext()
			p.advance(1)
			if p.pos < len(p.s) && p.s[p.pos] == ' ' {
				p.advance(1)
			}
			return 0
		}
		return 1
	case kList:
		return 0
	case kItem:
		switch {
		case p.blank:
			if len(b.children) == 0 {
				return 1 // a blank line after an empty item ends it
			}
			p.advanceNext()
		case p.ind >= b.indent:
			p.advance(b.indent)
		default:
			return 1
		}
		return 0
	case kCode:
		switch {
		case b.fence != "":
			if !p.indent && fenceCloses(p.s[p.next:], b.fence) {
				p.finalize(b, p.n)
				return 2
			}
			p.advance(min(p.ind, b.fenceIndent))
		case b.html > 0:
			if p.blank && b.html >= 6 {
				return 1
			}
		default:
			switch {
			case p.indent:
				p.advance(4)
			case p.blank:
				p.advanceNext()
			default:
				return 1
			}
		}
		return 0
	case kParagraph:
		if p.blank {
			return 1
		}
		return 0
	}
	return 1
}

// start tries each block start at the position, in CommonMark's order.
// started reports a new block; leaf that it takes the rest of the line.
func (p *blockParser) start(c *block) (started, leaf bool) {
	rest := p.s[p.next:]
	if !p.indent {
		switch {
		case rest[0] == '>':
			p.advanceNext()
			p.advance(1)
			if p.pos < len(p.s) && p.s[p.pos] == ' ' {
				p.advance(1)
			}
			p.closeUnmatched()
			p.addChild(kQuote)
			return true, false
		}
		if lvl, text, ok := atxHeading(rest); ok {
			p.closeUnmatched()
			h := p.addChild(kHeading)
			h.level, h.lines = lvl, []string{text}
			p.pos = len(p.s)
			return true, true
		}
		if f, ok := fenceOpen(rest); ok {
			p.closeUnmatched()
			b := p.addChild(kCode)
			b.fence, b.fenceIndent = f, p.ind
			p.pos = len(p.s)
			return true, true
		}
		if t := htmlStart(rest); t > 0 && (t < 7 || c.kind != kParagraph && !(!p.allClosed && !p.blank && p.tip.kind == kParagraph)) {
			p.closeUnmatched()
			p.addChild(kCode).html = t
			// The block keeps the line's indentation.
			return true, true
		}
		if c.kind == kParagraph {
			if lvl := setextLevel(rest); lvl > 0 {
				p.closeUnmatched()
				c.kind, c.level = kHeading, lvl
				p.pos = len(p.s)
				return true, true
			}
		}
		if thematicBreak(rest) {
			p.closeUnmatched()
			p.addChild(kRule)
			p.pos = len(p.s)
			return true, true
		}
	}
	if !p.indent || c.kind == kList {
		if it := p.listMarker(c); it != nil {
			p.closeUnmatched()
			if t := p.tip; t.kind != kList || t.ordered != it.ordered || t.marker != it.marker {
				l := p.addChild(kList)
				l.ordered, l.marker, l.start = it.ordered, it.marker, it.start
			}
			b := p.addChild(kItem)
			b.ordered, b.marker, b.start, b.indent = it.ordered, it.marker, it.start, it.indent
			return true, false
		}
	}
	if p.indent && p.tip.kind != kParagraph && !p.blank {
		p.advance(4)
		p.closeUnmatched()
		p.addChild(kCode)
		return true, true
	}
	return false, false
}

// listMarker reads a list item's marker and the spaces after it; in a
// paragraph only a non-empty item, and an ordered one only if numbered 1,
// may start (CommonMark 5.2, 5.3).
func (p *blockParser) listMarker(c *block) *block {
	if p.indent {
		return nil
	}
	rest := p.s[p.next:]
	it := &block{kind: kItem}
	width := 0
	switch {
	case rest[0] == '-' || rest[0] == '+' || rest[0] == '*':
		it.marker, width = rest[0], 1
	default:
		n := 0
		for n < len(rest) && n < 10 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n > 9 || n >= len(rest) || rest[n] != '.' && rest[n] != ')' {
			return nil
		}
		it.start, _ = strconv.Atoi(rest[:n])
		if c.kind == kParagraph && it.start != 1 {
			return nil
		}
		it.ordered, it.marker, width = true, rest[n], n+1
	}
	if width < len(rest) && rest[width] != ' ' {
		return nil
	}
	if c.kind == kParagraph && strings.TrimLeft(rest[width:], " ") == "" {
		return nil
	}
	markerOffset := p.ind
	p.advanceNext()
	p.advance(width)
	spaces := 0
	for p.pos+spaces < len(p.s) && p.s[p.pos+spaces] == ' ' && spaces < 5 {
		spaces++
	}
	blankItem := p.pos+spaces == len(p.s)
	if spaces >= 5 || spaces < 1 || blankItem {
		it.indent = markerOffset + width + 1
		if spaces > 0 {
			p.advance(1)
		}
	} else {
		it.indent = markerOffset + width + spaces
		p.advance(spaces)
	}
	return it
}

// addChild adds a block of kind k under the tip, closing the blocks that
// cannot hold it.
func (p *blockParser) addChild(k kind) *block {
	for !accepts(p.tip, k) {
		p.finalize(p.tip, p.n-1)
	}
	b := &block{kind: k, parent: p.tip, open: true, from: p.n, to: p.n}
	p.tip.children = append(p.tip.children, b)
	p.tip = b
	return b
}

func accepts(c *block, k kind) bool {
	switch c.kind {
	case kDocument, kQuote, kItem:
		return k != kItem
	case kList:
		return k == kItem
	}
	return false
}

// closeUnmatched closes the blocks below the last one the line continued.
func (p *blockParser) closeUnmatched() {
	if p.allClosed {
		return
	}
	for p.oldTip != p.lastMatched {
		parent := p.oldTip.parent
		p.finalize(p.oldTip, p.n-1)
		p.oldTip = parent
	}
	p.allClosed = true
}

// finalize closes b at line n; the tip becomes its parent.
func (p *blockParser) finalize(b *block, n int) {
	b.open = false
	b.to = n
	switch b.kind {
	case kCode:
		if b.fence == "" && b.html == 0 {
			for len(b.lines) > 0 && strings.Trim(b.lines[len(b.lines)-1], " ") == "" {
				b.lines = b.lines[:len(b.lines)-1]
			}
		}
	case kItem:
		if l := b.last(); l != nil {
			b.to = l.to
		} else {
			b.to = b.from
		}
	case kList:
		if l := b.last(); l != nil {
			b.to = l.to
		}
		b.tight = listTight(b)
	}
	p.tip = b.parent
}

// listTight: a list is loose when a blank line separates two of its
// items or two blocks of one item (CommonMark 5.3).
func listTight(l *block) bool {
	gap := func(sibs []*block, i int) bool { return i+1 < len(sibs) && sibs[i].to != sibs[i+1].from-1 }
	for i, it := range l.children {
		if gap(l.children, i) {
			return false
		}
		for j := range it.children {
			if gap(it.children, j) {
				return false
			}
		}
	}
	return true
}

// atxHeading reads "## Title ##".
func atxHeading(s string) (level int, text string, ok bool) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level < len(s) && s[level] != ' ' && s[level] != '\t' {
		return 0, "", false
	}
	text = strings.Trim(s[level:], " \t")
	// A closing run of #s goes if a space precedes it, or it is all.
	if t := strings.TrimRight(text, "#"); t == "" {
		text = ""
	} else if len(t) < len(text) && (t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		text = strings.TrimRight(t, " \t")
	}
	return level, text, true
}

// fenceOpen reads an opening code fence: three or more backticks or
// tildes; a backtick fence's info string has no backtick.
func fenceOpen(s string) (fence string, ok bool) {
	if s[0] != '`' && s[0] != '~' {
		return "", false
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 || s[0] == '`' && strings.Contains(s[n:], "`") {
		return "", false
	}
	return s[:n], true
}

// fenceCloses: the fence's character, at least as many, then only spaces.
func fenceCloses(s, fence string) bool {
	n := 0
	for n < len(s) && s[n] == fence[0] {
		n++
	}
	return n >= len(fence) && strings.Trim(s[n:], " \t") == ""
}

// setextLevel: === under a paragraph makes it a level 1 heading, --- a
// level 2.
func setextLevel(s string) int {
	t := strings.TrimRight(s, " \t")
	switch {
	case t == "":
		return 0
	case strings.Trim(t, "=") == "":
		return 1
	case strings.Trim(t, "-") == "":
		return 2
	}
	return 0
}

// thematicBreak: three or more of one of * - _, with spaces between.
func thematicBreak(s string) bool {
	if s[0] != '*' && s[0] != '-' && s[0] != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// htmlBlockTags are the tag names of CommonMark's HTML block type 6, each
// between spaces: a constant, so no process builds a table it never reads.
const htmlBlockTags = ` address article aside base basefont blockquote body caption center col
colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3
h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p
param search section summary table tbody td tfoot th thead title tr track ul `

// htmlStart returns the type (CommonMark 4.6) of the HTML block that s
// starts, or 0.
func htmlStart(s string) int {
	if s[0] != '<' {
		return 0
	}
	lower := strings.ToLower(s)
	for _, t := range []string{"pre", "script", "style", "textarea"} {
		if strings.HasPrefix(lower[1:], t) {
			if r := lower[1+len(t):]; r == "" || r[0] == ' ' || r[0] == '\t' || r[0] == '>' {
				return 1
			}
		}
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		return 2
	case strings.HasPrefix(s, "<?"):
		return 3
	case len(s) > 2 && s[1] == '!' && isASCIILetter(s[2]):
		return 4
	case strings.HasPrefix(s, "<![CDATA["):
		return 5
	}
	name := strings.TrimPrefix(lower[1:], "/")
	n := 0
	for n < len(name) && (isASCIILetter(name[n]) || n > 0 && name[n] >= '0' && name[n] <= '9') {
		n++
	}
	if n > 0 {
		r := name[n:]
		if r == "" || r[0] == ' ' || r[0] == '\t' || r[0] == '>' || strings.HasPrefix(r, "/>") {
			if strings.Contains(strings.ReplaceAll(htmlBlockTags, "\n", " "), " "+name[:n]+" ") {
				return 6
			}
		}
	}
	if k := htmlTag(s); k > 0 && strings.Trim(s[k:], " \t") == "" {
		return 7
	}
	return 0
}

// htmlEnds reports whether a line ends an HTML block of type t (1–5).
func htmlEnds(t int, s string) bool {
	switch t {
	case 1:
		l := strings.ToLower(s)
		return strings.Contains(l, "</pre>") || strings.Contains(l, "</script>") ||
			strings.Contains(l, "</style>") || strings.Contains(l, "</textarea>")
	case 2:
		return strings.Contains(s, "-->")
	case 3:
		return strings.Contains(s, "?>")
	case 4:
		return strings.Contains(s, ">")
	case 5:
		return strings.Contains(s, "]]>")
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
