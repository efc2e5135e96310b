package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// press sends keys to m, discarding commands.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(screentest.Key(k))
	}
	return m
}

// typeText types every rune of s as its own key press.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// newEditor returns a focused editor of the given size holding text, with
// the cursor at the 1-based line and column.
func newEditor(text string, w, h, line, col int) Model {
	m := New(nil)
	m.SetSize(w, h)
	m.SetValue(text)
	m.Focus()
	m.SetPosition(line, col)
	return m
}

// plainRows is the view without styles, split into rows.
func plainRows(m Model) []string {
	return strings.Split(ansi.Strip(m.View()), "\n")
}

// emulate draws s on a virtual terminal and returns it, so tests can look
// at cells and their attributes instead of escape bytes.
func emulate(t testing.TB, s string, w, h int) *vt.Emulator {
	t.Helper()
	// A view holds only SGR sequences, so the emulator never answers a
	// query and its input pipe needs no reader.
	emu := vt.NewEmulator(w, h)
	_, _ = emu.WriteString(strings.ReplaceAll(s, "\n", "\r\n"))
	return emu
}

// cursorText returns the text with "|" at the cursor, for compact
// expectations.
func cursorText(m Model) string {
	line, col := m.Position()
	lines := strings.Split(m.Value(), "\n")
	r := []rune(lines[line-1])
	lines[line-1] = string(r[:col-1]) + "|" + string(r[col-1:])
	return strings.Join(lines, "\n")
}

// fromCursorText is the inverse of cursorText: an editor holding s without
// the "|", cursor where the "|" was.
func fromCursorText(s string, w, h int) Model {
	line, col := 1, 1
	for i, l := range strings.Split(s, "\n") {
		if j := strings.Index(l, "|"); j >= 0 {
			line, col = i+1, len([]rune(l[:j]))+1
			break
		}
	}
	return newEditor(strings.Replace(s, "|", "", 1), w, h, line, col)
}

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// findChanged runs cmd (and any batch) and returns the ChangedMsg it yields.
func findChanged(t testing.TB, cmd tea.Cmd) ChangedMsg {
	t.Helper()
	var found *ChangedMsg
	var walk func(tea.Cmd)
	walk = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case ChangedMsg:
			found = &msg
		case tea.BatchMsg:
			for _, c := range msg {
				walk(c)
			}
		}
	}
	walk(cmd)
	if found == nil {
		t.Fatal("no ChangedMsg")
	}
	return *found
}

// statusText is the status area's rows joined into one line, as read.
func statusText(m Model) string {
	rows := plainRows(m)
	var parts []string
	for _, r := range rows[m.textRows():] {
		parts = append(parts, strings.TrimSpace(r))
	}
	return strings.Join(parts, " ")
}
