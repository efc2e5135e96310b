package editor

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The selection runs from anchor to the cursor, in either order. It exists
// while selecting is true; shift with any motion key starts or extends it,
// a motion without shift, a click or any edit ends it.

// selection returns the selected range in order, and whether it is
// non-empty.
func (m Model) selection() (from, to pos, ok bool) {
	if !m.selecting || m.anchor == m.cur {
		return pos{}, pos{}, false
	}
	from, to = m.anchor, m.cur
	if to.before(from) {
		from, to = to, from
	}
	return from, to, true
}

// Selected returns the selected text, empty when nothing is selected.
func (m Model) Selected() string {
	from, to, ok := m.selection()
	if !ok {
		return ""
	}
	return m.buf.slice(from, to)
}

// lineSelection is the part of line ln inside the selection as a rune range
// [from, to); to may exceed the line's length by one when the selection
// takes the line break, which is drawn as one selected cell.
func (m Model) lineSelection(ln int) (from, to int) {
	s, e, ok := m.selection()
	if !ok || ln < s.line || ln > e.line {
		return -1, -1
	}
	from, to = 0, len(m.buf.line(ln))+1
	if ln == s.line {
		from = s.col
	}
	if ln == e.line {
		to = e.col
	}
	return from, to
}

func (m *Model) clearSelection() { m.selecting = false }

// startSelection anchors a selection at the cursor unless one is running.
func (m *Model) startSelection() {
	if !m.selecting {
		m.selecting = true
		m.anchor = m.cur
	}
}

// deleteSelection removes the selected text as its own undo step and
// reports whether there was any.
func (m *Model) deleteSelection() bool {
	from, to, ok := m.selection()
	if !ok {
		m.clearSelection()
		return false
	}
	if !m.editable() {
		return false
	}
	m.clearSelection()
	before := m.cur
	e, end := m.replace(from, to, "")
	m.cur = end
	m.hist.record(kindOther, e, before, m.cur, 0)
	return true
}

// copySelection puts the selection on the internal clipboard and, through
// OSC 52, on the terminal's.
func (m *Model) copySelection(cut bool) tea.Cmd {
	text := m.Selected()
	if text == "" {
		return nil
	}
	m.clipboard = text
	if cut {
		if !m.editable() {
			return nil
		}
		m.deleteSelection()
	}
	return tea.SetClipboard(text)
}

// indentLines shifts every line touched by the selection one level right
// (dir > 0) or left, as one undo step; the selection follows its text.
func (m *Model) indentLines(dir int) {
	s, e, _ := m.selection()
	last := e.line
	if e.col == 0 && e.line > s.line {
		last-- // a selection ending at a line start does not touch that line
	}
	before := m.cur
	first := true
	shift := func(p *pos, ln, delta int) {
		if p.line == ln {
			p.col = max(0, p.col+delta)
		}
	}
	for ln := s.line; ln <= last; ln++ {
		l := m.buf.line(ln)
		var ed edit
		delta := 0
		if dir > 0 {
			if len(l) == 0 {
				continue
			}
			ed, _ = m.replace(pos{ln, 0}, pos{ln, 0}, indentUnit)
			delta = len(indentUnit)
		} else {
			n := len(l) - len(strings.TrimLeft(string(l), " "))
			n = min(n, len(indentUnit))
			if n == 0 {
				continue
			}
			ed, _ = m.replace(pos{ln, 0}, pos{ln, n}, "")
			delta = -n
		}
		shift(&m.cur, ln, delta)
		shift(&m.anchor, ln, delta)
		if first {
			m.hist.record(kindOther, ed, before, m.cur, 0)
			first = false
		} else {
			m.hist.extend(ed, m.cur)
		}
	}
}
