package editor

import "strings"

// indentUnit is one level of indentation, and what tab inserts: two spaces,
// the indentation of the policies AWS shows in its console.
const indentUnit = "  "

// closers pairs each opening character with the one typing it adds.
var closers = map[rune]rune{'{': '}', '[': ']', '"': '"'}

// editable reports whether edits are allowed, and explains when not.
func (m *Model) editable() bool {
	if m.readOnly {
		m.status = readOnlyMessage
		return false
	}
	return true
}

// replace changes the buffer and marks the text as changed; the caller
// places the cursor and records the edit, so compound operations can choose
// both.
func (m *Model) replace(from, to pos, text string) (edit, pos) {
	removed, end := m.buf.replace(from, to, text)
	m.version++
	m.changed = true
	m.goalX = -1
	return edit{from: from, removed: removed, inserted: text}, end
}

// insertText handles typed text, rune by rune, with pairing and dedent.
func (m *Model) insertText(text string) {
	if !m.editable() {
		return
	}
	for _, r := range normalize(text) {
		if r == '\n' {
			m.newline()
			continue
		}
		m.typeRune(r)
	}
}

func (m *Model) typeRune(r rune) {
	l := m.buf.line(m.cur.line)
	c := m.cur.col
	var prev, next rune
	if c > 0 {
		prev = l[c-1]
	}
	if c < len(l) {
		next = l[c]
	}
	before := m.cur

	// Step over a closing character that is already there, so typing the
	// pair by habit does not double it. An escaped quote is content.
	if (r == '}' || r == ']' || r == '"') && next == r && prev != '\\' {
		m.cur.col++
		m.hist.seal()
		m.goalX = -1
		return
	}

	// A closing bracket typed on a blank line goes back to the indentation
	// of the line that opened the block.
	if (r == '}' || r == ']') && isBlank(l[:c]) {
		want, ok := m.openerIndent(m.cur)
		if !ok {
			want = strings.TrimSuffix(string(l[:c]), indentUnit)
		}
		if want != string(l[:c]) {
			e, end := m.replace(pos{m.cur.line, 0}, m.cur, want)
			m.cur = end
			m.hist.record(kindType, e, before, m.cur, r)
			m.hist.sealed = false
			e2, end2 := m.replace(m.cur, m.cur, string(r))
			m.cur = end2
			m.hist.extend(e2, m.cur)
			return
		}
	}

	text := string(r)
	if closer, ok := closers[r]; ok && m.shouldPair(r, prev, next) {
		text += string(closer)
	}
	e, end := m.replace(m.cur, m.cur, text)
	m.cur = end
	if len(text) > len(string(r)) {
		m.cur.col-- // between the pair
	}
	m.hist.record(kindType, e, before, m.cur, r)
}

// shouldPair decides whether an opening character gets its closer: only
// where the closer cannot glue onto following text, and never for a quote
// that ends a string or follows a backslash.
func (m *Model) shouldPair(r, prev, next rune) bool {
	switch next {
	case 0, ' ', '\t', ',', '}', ']', ':':
	default:
		return false
	}
	if r == '"' && (prev == '\\' || isWordRune(prev) || prev == '"' || m.insideString()) {
		return false
	}
	return true
}

// insideString reports whether the cursor sits inside a JSON string on its
// line, so a quote typed there closes the string instead of opening a pair.
// JSON strings cannot span lines, which keeps this a one-line scan.
func (m *Model) insideString() bool {
	l := m.buf.line(m.cur.line)
	in := false
	for i := 0; i < m.cur.col && i < len(l); i++ {
		switch l[i] {
		case '\\':
			if in {
				i++
			}
		case '"':
			in = !in
		}
	}
	return in
}

// openerIndent finds the indentation of the line holding the bracket that a
// closer typed at p would close, skipping brackets inside strings.
func (m *Model) openerIndent(p pos) (string, bool) {
	depth := 0
	for ln := p.line; ln >= 0; ln-- {
		l := m.buf.line(ln)
		limit := len(l)
		if ln == p.line {
			limit = p.col
		}
		bs := brackets(l[:limit])
		for i := len(bs) - 1; i >= 0; i-- {
			switch bs[i] {
			case '}', ']':
				depth++
			default:
				if depth == 0 {
					return indentOf(l), true
				}
				depth--
			}
		}
	}
	return "", false
}

// brackets returns the brackets of a line that are outside strings, in
// order. JSON strings cannot span lines, so one line is enough context.
func brackets(l []rune) []rune {
	var out []rune
	inString, escaped := false, false
	for _, r := range l {
		switch {
		case escaped:
			escaped = false
		case inString && r == '\\':
			escaped = true
		case r == '"':
			inString = !inString
		case !inString && (r == '{' || r == '[' || r == '}' || r == ']'):
			out = append(out, r)
		}
	}
	return out
}

// newline splits the line, keeping its indentation, adding a level after an
// opening bracket, and opening an empty pair onto three lines.
func (m *Model) newline() {
	if !m.editable() {
		return
	}
	l := m.buf.line(m.cur.line)
	c := m.cur.col
	indent := indentOf(l)
	if len([]rune(indent)) > c {
		indent = string(l[:c])
	}
	prevIdx := c - 1
	for prevIdx >= 0 && (l[prevIdx] == ' ' || l[prevIdx] == '\t') {
		prevIdx--
	}
	nextIdx := c
	for nextIdx < len(l) && (l[nextIdx] == ' ' || l[nextIdx] == '\t') {
		nextIdx++
	}
	var prev, next rune
	if prevIdx >= 0 {
		prev = l[prevIdx]
	}
	if nextIdx < len(l) {
		next = l[nextIdx]
	}

	before := m.cur
	// Whitespace around the split would only leave trailing blanks behind.
	from, to := pos{m.cur.line, prevIdx + 1}, pos{m.cur.line, nextIdx}
	if closer, ok := closers[prev]; ok && prev != '"' {
		inner := indent + indentUnit
		if next == closer {
			e, _ := m.replace(from, to, "\n"+inner+"\n"+indent)
			m.cur = pos{m.cur.line + 1, len([]rune(inner))}
			m.hist.record(kindOther, e, before, m.cur, '\n')
			return
		}
		indent = inner
	}
	e, end := m.replace(from, to, "\n"+indent)
	m.cur = end
	m.hist.record(kindOther, e, before, m.cur, '\n')
}

func (m *Model) tab() {
	if !m.editable() {
		return
	}
	before := m.cur
	e, end := m.replace(m.cur, m.cur, indentUnit)
	m.cur = end
	m.hist.record(kindType, e, before, m.cur, ' ')
}

// dedent removes one level of indentation from the cursor's line, wherever
// the cursor is on it.
func (m *Model) dedent() {
	if !m.editable() {
		return
	}
	l := m.buf.line(m.cur.line)
	n := 0
	for n < len(indentUnit) && n < len(l) && l[n] == ' ' {
		n++
	}
	if n == 0 && len(l) > 0 && l[0] == '\t' {
		n = 1
	}
	if n == 0 {
		return
	}
	before := m.cur
	e, _ := m.replace(pos{m.cur.line, 0}, pos{m.cur.line, n}, "")
	m.cur.col = max(0, m.cur.col-n)
	m.hist.record(kindOther, e, before, m.cur, 0)
}

func (m *Model) backspace() {
	if !m.editable() {
		return
	}
	before := m.cur
	l := m.buf.line(m.cur.line)
	c := m.cur.col
	var from, to pos
	switch {
	case c == 0 && m.cur.line == 0:
		return
	case c == 0:
		from = pos{m.cur.line - 1, len(m.buf.line(m.cur.line - 1))}
		to = m.cur
	case c < len(l) && closers[l[c-1]] == l[c]:
		// Backspace inside an empty pair removes both halves.
		from, to = pos{m.cur.line, c - 1}, pos{m.cur.line, c + 1}
	case c >= len(indentUnit) && strings.Trim(string(l[:c]), " ") == "":
		// In the indentation, go back one level, not one space.
		from, to = pos{m.cur.line, (c - 1) / len(indentUnit) * len(indentUnit)}, m.cur
	default:
		start := c - 1
		for start > 0 && cellWidth(l[start]) == 0 {
			start-- // remove a letter with its combining marks
		}
		from, to = pos{m.cur.line, start}, m.cur
	}
	e, end := m.replace(from, to, "")
	m.cur = end
	m.hist.record(kindBackspace, e, before, m.cur, 0)
}

func (m *Model) deleteForward() {
	if !m.editable() {
		return
	}
	before := m.cur
	l := m.buf.line(m.cur.line)
	to := pos{m.cur.line, skipZeroWidth(l, m.cur.col+1)}
	if m.cur.col >= len(l) {
		if m.cur.line >= m.buf.lineCount()-1 {
			return
		}
		to = pos{m.cur.line + 1, 0}
	}
	e, end := m.replace(m.cur, to, "")
	m.cur = end
	m.hist.record(kindDelete, e, before, m.cur, 0)
}

func (m *Model) deleteWordBack() {
	if !m.editable() {
		return
	}
	before := m.cur
	m.wordLeft()
	from := m.cur
	m.cur = before
	if from == before {
		return
	}
	e, end := m.replace(from, before, "")
	m.cur = end
	m.hist.record(kindOther, e, before, m.cur, 0)
}

// paste inserts text as typed by nobody: no pairing, no auto-indent, one
// undo step.
func (m *Model) paste(text string) {
	if !m.editable() || text == "" {
		return
	}
	before := m.cur
	e, end := m.replace(m.cur, m.cur, normalize(text))
	m.cur = end
	m.hist.record(kindOther, e, before, m.cur, 0)
}

// replaceAll swaps the whole text as one undo step, keeping the cursor
// where it was as far as the new text allows.
func (m *Model) replaceAll(text string) {
	text = normalize(text)
	if text == m.buf.String() {
		return
	}
	before := m.cur
	e, _ := m.replace(pos{}, m.buf.end(), text)
	m.cur = m.buf.clamp(before)
	m.hist.record(kindOther, e, before, m.cur, 0)
}

func (m *Model) undo() {
	if !m.editable() {
		return
	}
	if p, ok := m.hist.undo(m.buf); ok {
		m.afterHistory(p)
	}
}

func (m *Model) redo() {
	if !m.editable() {
		return
	}
	if p, ok := m.hist.redo(m.buf); ok {
		m.afterHistory(p)
	}
}

func (m *Model) afterHistory(p pos) {
	m.cur = m.buf.clamp(p)
	m.version++
	m.changed = true
	m.goalX = -1
}
