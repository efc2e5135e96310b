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
	moved := true
	keepGoal := false
	switch {
	case key.Matches(msg, k.Up):
		m.moveVertical(-1)
		keepGoal = true
	case key.Matches(msg, k.Down):
		m.moveVertical(1)
		keepGoal = true
	case key.Matches(msg, k.PageUp):
		m.page(-1)
		keepGoal = true
	case key.Matches(msg, k.PageDown):
		m.page(1)
		keepGoal = true
	case key.Matches(msg, k.Left):
		m.moveLeft()
	case key.Matches(msg, k.Right):
		m.moveRight()
	case key.Matches(msg, k.WordLeft):
		m.wordLeft()
	case key.Matches(msg, k.WordRight):
		m.wordRight()
	case key.Matches(msg, k.LineStart):
		m.lineStart()
	case key.Matches(msg, k.LineEnd):
		m.lineEnd()
	case key.Matches(msg, k.DocStart):
		m.cur = pos{}
	case key.Matches(msg, k.DocEnd):
		m.cur = m.buf.end()
	default:
		moved = false
	}
	if moved {
		if !keepGoal {
			m.goalX = -1
		}
		m.hist.seal()
		return nil
	}

	switch {
	case key.Matches(msg, k.Newline):
		m.newline()
	case key.Matches(msg, k.Tab):
		m.tab()
	case key.Matches(msg, k.Backspace):
		m.backspace()
	case key.Matches(msg, k.Delete):
		m.deleteForward()
	case key.Matches(msg, k.DeleteWordBack):
		m.deleteWordBack()
	case key.Matches(msg, k.Undo):
		m.undo()
	case key.Matches(msg, k.Redo):
		m.redo()
	case key.Matches(msg, k.External):
		if m.editable() {
			return OpenExternal(m.buf.String(), m.fileExt)
		}
	case key.Matches(msg, k.Dedent):
		m.dedent()
	default:
		if typesText(msg) {
			m.insertText(msg.Text)
		}
	}
	return nil
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
