package editor

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// overflow marks text scrolled off the left or right edge.
const overflow = "…"

// lineKey identifies a rendered text row: the same content, room and error
// column always render the same way under one scroll offset and theme.
type lineKey struct {
	text           string
	avail          int
	diagCol        int
	sev            look
	selFrom, selTo int
}

type gutterKey struct {
	n, digits int
	state     int // 0 plain, 1 cursor line, then 2+severity
}

// renderCache keeps rendered rows and gutters. It is valid for one
// horizontal offset, width and style set, and is dropped when any changes.
type renderCache struct {
	xoff, width int
	styles      *theme.Styles
	lines       map[lineKey]string
	gutters     map[gutterKey]string
}

func (c *renderCache) clear() {
	c.lines, c.gutters = nil, nil
}

func (c *renderCache) validate(xoff, width int, st *theme.Styles) {
	if c.lines == nil || c.xoff != xoff || c.width != width || c.styles != st || len(c.lines) > maxCachedLines {
		c.lines = make(map[lineKey]string)
		c.xoff, c.width, c.styles = xoff, width, st
	}
	if c.gutters == nil || c.styles != st || len(c.gutters) > maxCachedLines {
		c.gutters = make(map[gutterKey]string)
	}
}

// View renders exactly Height rows of exactly Width cells: the visible
// lines with gutter, then the status line.
func (m Model) View() string {
	m.cache.validate(m.xoff, m.width, m.styles)
	rows := m.textRows()
	gw := m.gutterWidth()
	tw := m.textWidth()
	digits := max(0, gw-2)

	var sb strings.Builder
	sb.Grow(m.height * m.width * 4) // room for the colour escapes
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteByte('\n')
		}
		ln := m.yoff + i
		if ln >= m.buf.lineCount() {
			sb.WriteString(strings.Repeat(" ", m.width))
			continue
		}
		if gw > 0 {
			sb.WriteString(m.gutter(ln, digits))
		}
		sb.WriteString(m.row(ln, tw))
	}
	if rows < m.height {
		sb.WriteByte('\n')
		sb.WriteString(m.statusView())
	}
	return sb.String()
}

// gutter draws the marker cell, the right-aligned line number and a space.
func (m Model) gutter(ln, digits int) string {
	d, hasDiag := m.lineDiag[ln+1]
	k := gutterKey{n: ln + 1, digits: digits}
	switch {
	case hasDiag:
		k.state = 2 + int(lookOf(d.Severity))
	case ln == m.cur.line && m.focused:
		k.state = 1
	}
	if g, ok := m.cache.gutters[k]; ok {
		return g
	}
	es := m.styles.Editor
	marker, numStyle := " ", es.LineNumber
	switch k.state {
	case 1:
		numStyle = es.LineNumberCur
	case 2 + int(lookError):
		marker, numStyle = es.GutterError.Render("✗"), es.LineNumberErr
	case 2 + int(lookWarning):
		marker = es.GutterWarning.Render("!")
	case 2 + int(lookInfo):
		marker = es.GutterInfo.Render("i")
	}
	num := strconv.Itoa(ln + 1)
	if len(num) < digits {
		num = strings.Repeat(" ", digits-len(num)) + num
	}
	g := marker + numStyle.Render(num) + " "
	m.cache.gutters[k] = g
	return g
}

// row draws the text of one line in tw cells, with its marks if any.
func (m Model) row(ln, tw int) string {
	l := m.buf.line(ln)
	diagCol, sev := -1, lookError
	if d, ok := m.lineDiag[ln+1]; ok {
		diagCol = max(0, min(d.Col-1, len(l)))
		sev = lookOf(d.Severity)
	}
	marks := m.lineMarks[ln+1]
	if len(marks) == 0 {
		return m.cachedText(ln, tw, diagCol, sev)
	}

	markText, markW := m.renderMarks(marks)
	if markW+2 > tw {
		return m.cachedText(ln, tw, diagCol, sev)
	}
	need := lineWidth(l) - m.xoff
	if diagCol == len(l) {
		need++
	}
	need = max(need, 0)
	if need+2+markW <= tw {
		// The mark follows the text, as a comment would.
		text := m.cachedText(ln, need, diagCol, sev)
		return text + "  " + markText + strings.Repeat(" ", tw-need-2-markW)
	}
	// Not enough room: the mark keeps its place at the right edge and the
	// text gives way, because the mark is what the learner must see.
	return m.cachedText(ln, tw-markW-1, diagCol, sev) + " " + markText
}

func (m Model) renderMarks(marks []Mark) (string, int) {
	var sb strings.Builder
	w := 0
	for i, mk := range marks {
		if i > 0 {
			sb.WriteString("  ")
			w += 2
		}
		st := m.styles.Editor.MarkInfo
		switch mk.Kind {
		case MarkDeny:
			st = m.styles.Editor.MarkDeny
		case MarkAllow:
			st = m.styles.Editor.MarkAllow
		}
		sb.WriteString(st.Render(mk.Text))
		w += cells.Width(mk.Text)
	}
	return sb.String(), w
}

func (m Model) cachedText(ln, avail, diagCol int, sev look) string {
	if avail <= 0 {
		return ""
	}
	l := m.buf.line(ln)
	text := string(l)
	selFrom, selTo := m.lineSelection(ln)
	k := lineKey{text: text, avail: avail, diagCol: diagCol, sev: sev, selFrom: selFrom, selTo: selTo}
	if s, ok := m.cache.lines[k]; ok {
		return s
	}
	s := m.renderText(l, m.hl.spans(text), avail, diagCol, sev, selFrom, selTo)
	m.cache.lines[k] = s
	return s
}

func lineWidth(l []rune) int {
	w := 0
	for _, r := range l {
		w += cellWidth(r)
	}
	return w
}

// displayRune draws characters that have no glyph of their own: a tab as a
// space (it is one character, so one cell, to keep columns exact), other
// control characters as "?", never raw, since they would reach the
// terminal, and joiners (see isJoiner) as "·".
func displayRune(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case r < 0x20 || r == 0x7f:
		return '?'
	case r >= 0x7f && isJoiner(r):
		return '·'
	}
	return r
}

// renderText draws the part of line l that falls in the horizontal window
// [xoff, xoff+avail), highlighted, exactly avail cells wide, with "…" where
// text is hidden on either side, the diagnostic column emphasised and the
// runes in [selFrom, selTo) selected (selTo past the end selects the line
// break, drawn as one cell).
func (m Model) renderText(l []rune, spans []span, avail, diagCol int, sev look, selFrom, selTo int) string {
	es := m.styles.Editor
	diagStyle := es.ErrorChar
	if sev != lookError {
		diagStyle = es.WarningChar
	}
	xoff := m.xoff
	total := lineWidth(l)
	eol := -1 // what the cell after the last character shows
	switch {
	case selTo > len(l):
		eol = styleSelected
	case diagCol == len(l):
		eol = styleDiag
	}
	if eol != -1 {
		total++
	}

	var sb strings.Builder
	out := 0
	lo, hi := xoff, xoff+avail
	if xoff > 0 && hiddenText(l, xoff) && avail > 1 {
		sb.WriteString(es.Overflow.Render(overflow))
		out, lo = 1, xoff+1
	}
	rightCut := total > hi
	if rightCut {
		hi--
	}

	// Runes are grouped into runs of one style; a style is a span index, or
	// one of the negative ids for the selection and the diagnostic.
	styleOf := func(id int) lipgloss.Style {
		switch id {
		case styleSelected:
			return es.Selection
		case styleDiag:
			return diagStyle
		}
		return m.styles.Syntax.Style(spans[id].typ)
	}
	var seg strings.Builder
	segID := -1
	flush := func() {
		if seg.Len() > 0 {
			sb.WriteString(styleOf(segID).Render(seg.String()))
			seg.Reset()
		}
	}
	put := func(id int, text string) {
		if id != segID {
			flush()
			segID = id
		}
		seg.WriteString(text)
	}

	x, si := 0, 0
	for ri, r := range l {
		for si < len(spans)-1 && ri >= spans[si].end {
			si++
		}
		w := cellWidth(r)
		start := x
		x += w
		id := si
		switch {
		case ri >= selFrom && ri < selTo:
			id = styleSelected
		case ri == diagCol:
			id = styleDiag
		}
		if start < lo {
			if n := min(x, hi) - lo; n > 0 {
				// A wide character cut by the left edge: show the half in
				// view as blank.
				put(id, strings.Repeat(" ", n))
				out += n
			}
			if x >= hi {
				break
			}
			continue
		}
		if x > hi {
			break
		}
		put(id, string(displayRune(r)))
		out += w
	}
	if eol != -1 && x >= lo && x < hi && !rightCut {
		put(eol, " ")
		out++
	}
	flush()
	limit := avail
	if rightCut {
		limit--
	}
	if out < limit {
		sb.WriteString(strings.Repeat(" ", limit-out))
	}
	if rightCut {
		sb.WriteString(es.Overflow.Render(overflow))
	}
	return sb.String()
}

// Style ids of renderText beside span indexes.
const (
	styleSelected = -3
	styleDiag     = -2
)

// hiddenText reports whether anything but indentation is scrolled off the
// left edge; hidden indentation needs no marker.
func hiddenText(l []rune, xoff int) bool {
	x := 0
	for _, r := range l {
		if x >= xoff {
			return false
		}
		if r != ' ' && r != '\t' {
			return true
		}
		x += cellWidth(r)
	}
	return false
}

// maxStatusRows bounds the status area: a finding such as "unknown action
// s3:GetObjects (did you mean "s3:GetObject"?)" is read whole, wrapped, but
// never takes more than three rows from the text.
const maxStatusRows = 3

// statusRows is how many rows the status area takes now: one, or up to
// maxStatusRows for a long message, always leaving a row of text.
func (m Model) statusRows() int {
	msg, _ := m.statusMessage()
	if msg == "" {
		return 1
	}
	_, room := m.statusMeta()
	n := strings.Count(ansi.Wrap(msg, max(1, room), " /"), "\n") + 1
	return max(1, min(n, maxStatusRows, m.height-1))
}

// statusMeta is the position (and selection, read-only) shown at the right
// of the first status row, and the room left for the message.
func (m Model) statusMeta() (meta string, room int) {
	meta = "Ln " + strconv.Itoa(m.cur.line+1) + ", Col " + strconv.Itoa(m.cur.col+1)
	if sel := m.Selected(); sel != "" {
		meta = strconv.Itoa(utf8.RuneCountInString(sel)) + " selected · " + meta
	}
	if m.readOnly {
		meta = "read-only · " + meta
	}
	room = m.width - cells.Width(meta) - 1
	if room < 8 {
		// Narrow: the message matters more than the position.
		return "", m.width
	}
	return meta, room
}

// statusView is the status area: the message wrapped on the left, the
// position at the right of its first row.
func (m Model) statusView() string {
	es := m.styles.Editor
	meta, room := m.statusMeta()
	msg, msgStyle := m.statusMessage()
	rows := m.statusRows()
	lines := []string{""}
	if msg != "" {
		lines = strings.Split(ansi.Wrap(msg, max(1, room), " /"), "\n")
	}
	if len(lines) > rows {
		lines = lines[:rows]
		lines[rows-1] = ansi.Truncate(lines[rows-1], max(1, room-1), "") + overflow
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		l = ansi.Truncate(strings.TrimRight(l, " "), room, overflow)
		var sb strings.Builder
		if l != "" {
			sb.WriteString(msgStyle.Render(l))
		}
		right := ""
		if i == 0 {
			right = meta
		}
		sb.WriteString(strings.Repeat(" ", max(0, m.width-cells.Width(l)-cells.Width(right))))
		if right != "" {
			sb.WriteString(es.StatusMeta.Render(right))
		}
		out[i] = sb.String()
	}
	return strings.Join(out, "\n")
}

// statusMessage picks what the status line says: a transient message first,
// then the diagnostic on the cursor's line, then the first diagnostic.
func (m Model) statusMessage() (string, lipgloss.Style) {
	es := m.styles.Editor
	if m.status != "" {
		return m.status, es.StatusWarning
	}
	if len(m.diags) == 0 {
		return "", es.Status
	}
	d, ok := m.lineDiag[m.cur.line+1]
	if !ok {
		d = m.diags[0]
	}
	sym, st := "✗", es.StatusError
	switch lookOf(d.Severity) {
	case lookWarning:
		sym, st = "!", es.StatusWarning
	case lookInfo:
		sym, st = "i", es.Status
	}
	msg := sym + " " + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col) + " " + d.Message
	if n := len(m.diags); n > 1 {
		msg += " (" + strconv.Itoa(n) + " problems)"
	}
	return msg, st
}
