package editor

import (
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// look is how the editor draws a diagnostic's severity: three looks for
// diag's four severities (a security warning is drawn as a warning, a
// suggestion as information). An unset severity is drawn as an error. The
// gutter shows the worst look of a line.
type look int

const (
	lookError look = iota
	lookWarning
	lookInfo
)

func lookOf(s diag.Severity) look {
	switch s {
	case diag.SecurityWarning, diag.Warning:
		return lookWarning
	case diag.Suggestion:
		return lookInfo
	}
	return lookError
}

// MarkKind chooses the style of a Mark.
type MarkKind int

const (
	MarkInfo MarkKind = iota
	MarkDeny
	MarkAllow
)

// Mark is an annotation drawn after the end of a line, such as "◀ DENY" on
// the statement that decided the selected check. Line is 1-based.
type Mark struct {
	Line int
	Text string
	Kind MarkKind
}

// ChangedMsg is sent (through a tea.Cmd) after every change of the text made
// by the learner: typing, deleting, pasting, undo, redo, external edits.
// SetValue does not send it: the parent already knows.
//
// Bubble Tea runs commands concurrently, so ChangedMsgs of quick keystrokes
// can arrive out of order: drop one whose Version is not newer than the last
// one handled (or read Value and Version from the editor instead).
type ChangedMsg struct {
	Value   string
	Version int
}

// readOnlyMessage is what a refused edit says.
const readOnlyMessage = "read-only: this document is locked in this scenario"

// Model is the editor component.
type Model struct {
	// KeyMap is the editor's key bindings; the parent may rebind or disable
	// entries (for instance External) before or after New.
	KeyMap KeyMap

	guard SeqGuard // drops the tail of a cut escape sequence

	styles *theme.Styles
	buf    *buffer
	hist   *history
	hl     *highlighter
	cache  *renderCache

	cur   pos
	goalX int // display column kept across vertical moves; -1 when unset

	selecting bool   // a selection runs from anchor to cur
	anchor    pos    // where the selection started
	clipboard string // the last text cut or copied, for the Paste key

	width, height int
	yoff, xoff    int // first visible line and first visible display column

	focused  bool
	readOnly bool
	version  int
	changed  bool   // set by edits during one Update, to send ChangedMsg
	status   string // transient message, cleared by the next key

	diags      []diag.Diagnostic // sorted by line, then column; File is not used
	lineDiag   map[int]diag.Diagnostic
	lineMarks  map[int][]Mark
	fileExt    string
	statusLine bool
}

// New returns an empty, blurred editor using the given styles (the dark
// theme's when nil).
func New(styles *theme.Styles) Model {
	if styles == nil {
		styles = theme.NewStyles(theme.Dark())
	}
	m := Model{
		KeyMap:     DefaultKeyMap(),
		styles:     styles,
		buf:        newBuffer(""),
		hist:       &history{},
		hl:         newHighlighter(),
		cache:      &renderCache{},
		goalX:      -1,
		width:      40,
		height:     10,
		fileExt:    ".json",
		statusLine: true,
	}
	m.hist.reset()
	return m
}

// Init implements the usual component shape; the editor needs no start-up
// command.
func (m Model) Init() tea.Cmd { return nil }

// SetStyles swaps the styles (after a theme change) and drops rendered lines.
func (m *Model) SetStyles(s *theme.Styles) {
	if s != nil && s != m.styles {
		m.styles = s
		m.cache.clear()
	}
}

// SetValue replaces the whole text, as when another document is opened. It
// clears undo history and puts the cursor at the start; it sends no
// ChangedMsg. Carriage returns are normalised to line feeds.
func (m *Model) SetValue(s string) {
	m.buf.set(s)
	m.hist.reset()
	m.cur = pos{}
	m.goalX = -1
	m.yoff, m.xoff = 0, 0
	m.version++
	m.status = ""
	m.selecting = false
}

// Value returns the text.
func (m Model) Value() string { return m.buf.String() }

// Version counts changes of the text, including SetValue, so a parent can
// tell whether it has evaluated the current text.
func (m Model) Version() int { return m.version }

// LineCount returns the number of lines (at least 1).
func (m Model) LineCount() int { return m.buf.lineCount() }

// Position returns the cursor as 1-based line and column (in characters),
// the same convention as Diagnostic.
func (m Model) Position() (line, col int) { return m.cur.line + 1, m.cur.col + 1 }

// SetPosition moves the cursor to a 1-based line and column, clamped to the
// text, and scrolls it into view; the parent uses it to jump to an error.
func (m *Model) SetPosition(line, col int) {
	m.cur = m.buf.clamp(pos{line - 1, col - 1})
	m.goalX = -1
	m.selecting = false
	m.hist.seal()
	m.scrollToCursor()
}

// SetSize sets the size of the whole component, status line included.
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 1), max(h, 1)
	if w != m.width {
		m.cache.clear()
	}
	m.width, m.height = w, h
	m.scrollToCursor()
}

// Width and Height return the size given to SetSize.
func (m Model) Width() int  { return m.width }
func (m Model) Height() int { return m.height }

// SetShowStatus turns the bottom status line on or off (on by default); a
// parent that shows diagnostics itself can reclaim the row.
func (m *Model) SetShowStatus(on bool) {
	m.statusLine = on
	m.scrollToCursor()
}

// SetFileExt sets the extension of the temporary file handed to $EDITOR, so
// that the external editor picks the right syntax (".json" by default).
func (m *Model) SetFileExt(ext string) { m.fileExt = ext }

// Focus makes the editor take keys and show its cursor.
func (m *Model) Focus() { m.focused = true }

// Blur makes the editor ignore keys and hide its cursor.
func (m *Model) Blur() {
	m.focused = false
	m.hist.seal()
}

// Focused reports whether the editor takes keys.
func (m Model) Focused() bool { return m.focused }

// SetReadOnly locks or unlocks the text. Movement still works; edits are
// refused with a status message.
func (m *Model) SetReadOnly(ro bool) {
	m.readOnly = ro
}

// ReadOnly reports whether the text is locked.
func (m Model) ReadOnly() bool { return m.readOnly }

// SetStatus shows a transient message in the status line until the next key.
func (m *Model) SetStatus(s string) { m.status = s }

// SetDiagnostics replaces the diagnostics. Lines outside the text are kept
// for the status line but marked nowhere.
func (m *Model) SetDiagnostics(ds []diag.Diagnostic) {
	m.diags = append(m.diags[:0:0], ds...)
	sort.SliceStable(m.diags, func(i, j int) bool {
		a, b := m.diags[i], m.diags[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	m.lineDiag = make(map[int]diag.Diagnostic, len(m.diags))
	for _, d := range m.diags {
		// Keep the worst diagnostic of each line; among equals, the first.
		if old, ok := m.lineDiag[d.Line]; !ok || lookOf(d.Severity) < lookOf(old.Severity) {
			m.lineDiag[d.Line] = d
		}
	}
}

// Diagnostics returns the current diagnostics, sorted by position.
func (m Model) Diagnostics() []diag.Diagnostic { return m.diags }

// SetMarks replaces the end-of-line annotations.
func (m *Model) SetMarks(ms []Mark) {
	m.lineMarks = make(map[int][]Mark, len(ms))
	for _, mk := range ms {
		m.lineMarks[mk.Line] = append(m.lineMarks[mk.Line], mk)
	}
}

// Cursor returns the terminal cursor relative to the editor's top-left
// corner, or nil when the editor is blurred or the cursor is scrolled out
// of view. The parent adds the editor's screen offset to X and Y.
func (m Model) Cursor() *tea.Cursor {
	x, y, ok := m.CursorPosition()
	if !ok {
		return nil
	}
	c := tea.NewCursor(x, y)
	c.Shape = tea.CursorBar // a bar sits between characters, where typing goes
	return c
}

// CursorPosition is Cursor without the tea type: the cell the cursor is on,
// relative to the editor's top-left corner.
func (m Model) CursorPosition() (x, y int, ok bool) {
	if !m.focused {
		return 0, 0, false
	}
	y = m.cur.line - m.yoff
	x = m.gutterWidth() + m.displayCol(m.cur) - m.xoff
	if y < 0 || y >= m.textRows() || x < m.gutterWidth() || x >= m.width {
		return 0, 0, false
	}
	return x, y, true
}

// ShortHelp implements help.KeyMap. A read-only editor offers no editing
// keys, so it advertises none.
func (m Model) ShortHelp() []key.Binding {
	if m.readOnly {
		return nil
	}
	return m.KeyMap.ShortHelp()
}

// FullHelp implements help.KeyMap; read-only editors list movement only.
func (m Model) FullHelp() [][]key.Binding {
	full := m.KeyMap.FullHelp()
	if m.readOnly {
		return full[:2]
	}
	return full
}
