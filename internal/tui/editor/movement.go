package editor

import (
	"unicode"

	"github.com/clipperhouse/displaywidth"
)

// cellWidth is how many terminal cells a rune takes in the editor. Tabs and
// control characters are drawn as one cell (see displayRune) so that one
// character never becomes a variable number of cells, which would make
// diagnostic columns drift. Runes that would fuse with their neighbours
// into one glyph are drawn as a placeholder cell of their own, so the sum
// of rune widths is the width the terminal shows.
func cellWidth(r rune) int {
	if r < 0x7f || r == 0x7f || isJoiner(r) {
		return 1
	}
	return displaywidth.Rune(r)
}

// isJoiner reports runes that change how the runes around them are drawn:
// format characters (zero-width joiner, prepended marks, byte order mark),
// spacing marks, variation selectors, emoji skin tones, flag letters and
// Hangul vowel and final jamo. They are rare in a policy, and invisible
// ones there are usually a mistake worth showing.
func isJoiner(r rune) bool {
	switch {
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF, r >= 0x1F1E6 && r <= 0x1F1FF: // skin tones, flags
		return true
	case r >= 0x1160 && r <= 0x11FF, r >= 0xD7B0 && r <= 0xD7FF: // jamo
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Mc)
}

// displayCol is the display column of p within its line.
func (m Model) displayCol(p pos) int {
	x := 0
	for _, r := range m.buf.line(p.line)[:p.col] {
		x += cellWidth(r)
	}
	return x
}

// colAt returns the rune index in line l of the character covering display
// column x, or the line's length when x is past its end.
func colAt(l []rune, x int) int {
	acc := 0
	for i, r := range l {
		w := cellWidth(r)
		if acc+w > x {
			return i
		}
		acc += w
	}
	return len(l)
}

// skipZeroWidth moves a column forward over combining marks so that the
// cursor never sits between a letter and its accent.
func skipZeroWidth(l []rune, col int) int {
	for col < len(l) && col > 0 && cellWidth(l[col]) == 0 {
		col++
	}
	return col
}

func (m *Model) moveLeft() {
	if m.cur.col > 0 {
		l := m.buf.line(m.cur.line)
		m.cur.col--
		for m.cur.col > 0 && cellWidth(l[m.cur.col]) == 0 {
			m.cur.col--
		}
	} else if m.cur.line > 0 {
		m.cur.line--
		m.cur.col = len(m.buf.line(m.cur.line))
	}
}

func (m *Model) moveRight() {
	l := m.buf.line(m.cur.line)
	if m.cur.col < len(l) {
		m.cur.col = skipZeroWidth(l, m.cur.col+1)
	} else if m.cur.line < m.buf.lineCount()-1 {
		m.cur = pos{m.cur.line + 1, 0}
	}
}

// moveVertical moves by dy lines, keeping the display column the cursor had
// before the first vertical move (goalX), as editors do.
func (m *Model) moveVertical(dy int) {
	if m.goalX < 0 {
		m.goalX = m.displayCol(m.cur)
	}
	line := max(0, min(m.cur.line+dy, m.buf.lineCount()-1))
	if line == m.cur.line {
		// At the first or last line, up/down go to its start or end.
		if dy < 0 {
			m.cur.col = 0
		} else if dy > 0 {
			m.cur.col = len(m.buf.line(line))
		}
		return
	}
	l := m.buf.line(line)
	m.cur = pos{line, skipZeroWidth(l, colAt(l, m.goalX))}
}

func (m *Model) wordLeft() {
	if m.cur.col == 0 {
		m.moveLeft()
		return
	}
	l := m.buf.line(m.cur.line)
	c := m.cur.col
	for c > 0 && !isWordRune(l[c-1]) {
		c--
	}
	for c > 0 && isWordRune(l[c-1]) {
		c--
	}
	m.cur.col = c
}

func (m *Model) wordRight() {
	l := m.buf.line(m.cur.line)
	if m.cur.col >= len(l) {
		m.moveRight()
		return
	}
	c := m.cur.col
	for c < len(l) && !isWordRune(l[c]) {
		c++
	}
	for c < len(l) && isWordRune(l[c]) {
		c++
	}
	m.cur.col = c
}

// lineStart is a "smart home": first to the indentation, then to column 0,
// because in indented JSON the indentation is almost never where one wants
// to type.
func (m *Model) lineStart() {
	ind := len([]rune(indentOf(m.buf.line(m.cur.line))))
	if m.cur.col != ind {
		m.cur.col = ind
	} else {
		m.cur.col = 0
	}
}

func (m *Model) lineEnd() { m.cur.col = len(m.buf.line(m.cur.line)) }

func (m *Model) page(dir int) {
	step := max(1, m.textRows()-1)
	m.moveVertical(dir * step)
	m.yoff = max(0, min(m.yoff+dir*step, m.buf.lineCount()-1))
}

// textRows is the number of rows that show text (all but the status line).
func (m Model) textRows() int {
	if m.statusLine && m.height > 1 {
		return m.height - m.statusRows()
	}
	return m.height
}

// gutterWidth is the marker cell, the line number and a space.
func (m Model) gutterWidth() int {
	digits := 1
	for n := m.buf.lineCount(); n >= 10; n /= 10 {
		digits++
	}
	g := 1 + max(2, digits) + 1
	if g > m.width-1 {
		// Too narrow for a gutter: give the text everything.
		return 0
	}
	return g
}

// textWidth is the number of cells available to text.
func (m Model) textWidth() int { return max(1, m.width-m.gutterWidth()) }

// scrollMargins are the rows and columns kept between the cursor and the
// edges, shrunk on tiny editors so that the cursor can still reach every
// line.
func (m Model) scrollMargins() (rows, cols int) {
	return min(2, (m.textRows()-1)/2), min(4, max(0, (m.textWidth()-3)/4))
}

// scrollToCursor adjusts the offsets so that the cursor is visible with a
// margin. Horizontally, the first column of a scrolled line holds the "…"
// marker and the last column is kept for the cursor at end of line.
func (m *Model) scrollToCursor() {
	rows, tw := m.textRows(), m.textWidth()
	vm, hm := m.scrollMargins()
	n := m.buf.lineCount()

	if m.cur.line < m.yoff+vm {
		m.yoff = m.cur.line - vm
	}
	if m.cur.line > m.yoff+rows-1-vm {
		m.yoff = m.cur.line - rows + 1 + vm
	}
	m.yoff = max(0, min(m.yoff, n-1))

	x := m.displayCol(m.cur)
	if m.xoff > 0 && x < m.xoff+1+hm {
		m.xoff = max(0, x-1-hm)
	}
	right := tw - 1 - hm // last column the cursor may sit in, relative
	if right < 1 {
		right = tw - 1
	}
	if x > m.xoff+right {
		m.xoff = x - right
	}
	if m.xoff > 0 && x < m.xoff+1 {
		// Tiny widths: the marker would cover the cursor.
		m.xoff = max(0, x-1)
	}
}

// clampToView moves the cursor into the visible rows, used after the wheel
// scrolls the view away from it.
func (m *Model) clampToView() {
	rows := m.textRows()
	vm, _ := m.scrollMargins()
	lo := m.yoff + vm
	hi := m.yoff + rows - 1 - vm
	if m.yoff == 0 {
		lo = 0
	}
	if m.yoff+rows >= m.buf.lineCount() {
		hi = m.buf.lineCount() - 1
	}
	if m.cur.line < lo || m.cur.line > hi {
		line := max(lo, min(m.cur.line, hi))
		line = max(0, min(line, m.buf.lineCount()-1))
		if m.goalX < 0 {
			m.goalX = m.displayCol(m.cur)
		}
		l := m.buf.line(line)
		m.cur = pos{line, skipZeroWidth(l, colAt(l, m.goalX))}
	}
}
