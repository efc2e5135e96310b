package editor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// wheelLines is how far one wheel notch scrolls.
const wheelLines = 3

// Update handles keys and paste (when focused), mouse clicks and wheel (in
// editor-relative coordinates, see the package doc) and ExternalEditedMsg.
// When the text changed it returns a command that yields a ChangedMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.changed = false
	if m.guard.Drop(msg) {
		return m, nil
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused {
			return m, nil
		}
		m.status = ""
		m.deleteSelection()
		m.paste(msg.Content)
	case tea.MouseClickMsg:
		m.click(msg.X, msg.Y)
	case tea.MouseWheelMsg:
		m.wheel(msg.Button)
		return m, nil
	case ExternalEditedMsg:
		m.external(msg)
	default:
		return m, nil
	}
	m.scrollToCursor()
	if m.changed {
		changed := ChangedMsg{Value: m.buf.String(), Version: m.version}
		cmd = tea.Batch(cmd, func() tea.Msg { return changed })
	}
	return m, cmd
}

// handleKey runs the binding a key matches, or types its text.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.status = ""
	k := &m.KeyMap

	// Motion keys select when shift is held, so they are matched without
	// it; shift+tab and shift+delete are not motions and keep their shift.
	base := msg
	base.Mod &^= tea.ModShift
	if move, keepGoal := m.motion(base); move != nil {
		if msg.Mod&tea.ModShift != 0 {
			m.startSelection()
		} else {
			m.clearSelection()
		}
		move()
		if !keepGoal {
			m.goalX = -1
		}
		m.hist.seal()
		return nil
	}

	switch {
	case key.Matches(msg, k.Newline):
		m.deleteSelection()
		m.newline()
	case key.Matches(msg, k.Tab):
		m.indent(1)
	case key.Matches(msg, k.Dedent):
		m.indent(-1)
	case key.Matches(msg, k.Backspace):
		if !m.deleteSelection() {
			m.backspace()
		}
	case key.Matches(msg, k.Delete):
		if !m.deleteSelection() {
			m.deleteForward()
		}
	case key.Matches(msg, k.DeleteWordBack):
		if !m.deleteSelection() {
			m.deleteWordBack()
		}
	case key.Matches(msg, k.Undo):
		m.clearSelection()
		m.undo()
	case key.Matches(msg, k.Redo):
		m.clearSelection()
		m.redo()
	case key.Matches(msg, k.Copy):
		return m.copySelection(false)
	case key.Matches(msg, k.Cut):
		return m.copySelection(true)
	case key.Matches(msg, k.Paste):
		m.deleteSelection()
		m.paste(m.clipboard)
	case key.Matches(msg, k.External):
		if m.editable() {
			return OpenExternal(m.buf.String(), m.fileExt)
		}
	default:
		if typesText(msg) {
			m.deleteSelection()
			m.insertText(msg.Text)
		}
	}
	return nil
}

// motion returns the cursor motion a key asks for, if any, and whether it
// keeps the goal column (vertical motions do).
func (m *Model) motion(msg tea.KeyPressMsg) (move func(), keepGoal bool) {
	k := &m.KeyMap
	switch {
	case key.Matches(msg, k.Up):
		return func() { m.moveVertical(-1) }, true
	case key.Matches(msg, k.Down):
		return func() { m.moveVertical(1) }, true
	case key.Matches(msg, k.PageUp):
		return func() { m.page(-1) }, true
	case key.Matches(msg, k.PageDown):
		return func() { m.page(1) }, true
	case key.Matches(msg, k.Left):
		return m.moveLeft, false
	case key.Matches(msg, k.Right):
		return m.moveRight, false
	case key.Matches(msg, k.WordLeft):
		return m.wordLeft, false
	case key.Matches(msg, k.WordRight):
		return m.wordRight, false
	case key.Matches(msg, k.LineStart):
		return m.lineStart, false
	case key.Matches(msg, k.LineEnd):
		return m.lineEnd, false
	case key.Matches(msg, k.DocStart):
		return func() { m.cur = pos{} }, false
	case key.Matches(msg, k.DocEnd):
		return func() { m.cur = m.buf.end() }, false
	}
	return nil, false
}

// indent is tab and shift+tab: whole lines when there is a selection,
// otherwise two spaces at the cursor or one level off the line.
func (m *Model) indent(dir int) {
	if _, _, ok := m.selection(); ok {
		if m.editable() {
			m.indentLines(dir)
		}
		return
	}
	m.clearSelection()
	if dir > 0 {
		m.tab()
	} else {
		m.dedent()
	}
}

// click places the cursor at an editor-relative cell. A click in the gutter
// goes to the start of that line; below the text, to the end of the text.
func (m *Model) click(x, y int) {
	if y < 0 || y >= m.textRows() || x < 0 || x >= m.width {
		return
	}
	line := m.yoff + y
	if line >= m.buf.lineCount() {
		m.cur = m.buf.end()
	} else {
		l := m.buf.line(line)
		tx := x - m.gutterWidth()
		if tx < 0 {
			m.cur = pos{line, 0}
		} else {
			m.cur = pos{line, skipZeroWidth(l, colAt(l, m.xoff+tx))}
		}
	}
	m.goalX = -1
	m.clearSelection()
	m.hist.seal()
}

// wheel scrolls the view and drags the cursor along, so that it stays on
// screen as the real terminal cursor must.
func (m *Model) wheel(b tea.MouseButton) {
	switch b {
	case tea.MouseWheelUp:
		m.yoff = max(0, m.yoff-wheelLines)
	case tea.MouseWheelDown:
		m.yoff = max(0, min(m.yoff+wheelLines, m.buf.lineCount()-m.textRows()))
	case tea.MouseWheelLeft:
		m.xoff = max(0, m.xoff-wheelLines)
	case tea.MouseWheelRight:
		m.xoff += wheelLines
	default:
		return
	}
	m.clampToView()
	m.hist.seal()
	// The cursor may have landed on a shorter line: bring the columns along.
	m.scrollToCursor()
}

// external takes the text back from $EDITOR as one undo step.
func (m *Model) external(msg ExternalEditedMsg) {
	if msg.Err != nil {
		m.status = "external editor: " + msg.Err.Error()
		return
	}
	if !m.editable() {
		return
	}
	m.clearSelection()
	m.replaceAll(msg.Value)
}

// typesText decides whether an unbound key types its text. Chords nobody
// bound (ctrl+x, alt+b) must not type their letter, but AltGr, which some
// terminals report as ctrl+alt, is how many keyboards type "{" and "[": its
// text differs from the key pressed, and then it is typing.
func typesText(msg tea.KeyPressMsg) bool {
	if msg.Text == "" {
		return false
	}
	if msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper|tea.ModHyper|tea.ModMeta) == 0 {
		return true
	}
	base := string(msg.Code)
	return msg.Text != base && msg.Text != strings.ToUpper(base)
}
