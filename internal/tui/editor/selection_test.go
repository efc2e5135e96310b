package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func TestSelectionEdits(t *testing.T) {
	tests := []struct {
		name  string
		start string
		keys  []string
		text  string
		want  string
	}{
		{"shift+right then type replaces", "|abc", []string{"shift+right", "shift+right"}, "x", "x|c"},
		{"shift+left then backspace", "abc|", []string{"shift+left", "shift+left", "backspace"}, "", "a|"},
		{"selection across lines then delete", "ab|c\nde", []string{"shift+down", "delete"}, "", "ab|"},
		{"motion without shift ends the selection", "|abc", []string{"shift+right", "right"}, "x", "abx|c"},
		{"tab indents selected lines", "|a\nb\nc", []string{"shift+down", "shift+right", "tab"}, "", "  a\n  b|\nc"},
		{"shift+tab dedents selected lines", "  a\n  |b\n  c", []string{"shift+up", "shift+tab"}, "", "|a\nb\n  c"},
		{"enter replaces the selection", "{|xx}", []string{"shift+end", "shift+left", "enter"}, "", "{\n  |\n}"},
		{"cut and paste", "|ab cd", []string{"shift+alt+right", "ctrl+x", "end", "ctrl+v"}, "", " cdab|"},
		{"copy keeps the text", "|ab", []string{"shift+end", "alt+c", "end", "ctrl+v"}, "", "abab|"},
		{"shift+delete cuts", "|ab", []string{"shift+right", "shift+delete", "ctrl+v", "ctrl+v"}, "", "aa|b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(fromCursorText(tt.start, 60, 10), tt.keys...)
			m = typeText(m, tt.text)
			if got := cursorText(m); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSelectionUndo(t *testing.T) {
	m := fromCursorText("|abc", 40, 5)
	m = press(m, "shift+end", "backspace")
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "abc|" {
		t.Fatalf("undo of a selection delete: %q", got)
	}
	m = fromCursorText("|a\nb", 40, 5)
	m = press(m, "shift+down", "shift+end", "tab", "ctrl+z")
	if m.Value() != "a\nb" {
		t.Fatalf("undo of indenting lines: %q", m.Value())
	}
}

func TestCopySetsTheTerminalClipboard(t *testing.T) {
	m := fromCursorText("|s3:GetObject", 40, 5)
	m = press(m, "shift+alt+right")
	if m.Selected() != "s3" {
		t.Fatalf("selected %q", m.Selected())
	}
	_, cmd := m.Update(screentest.Key("alt+c"))
	if cmd == nil {
		t.Fatal("copy returned no command")
	}
	if msg := cmd(); msg == nil {
		t.Fatal("clipboard command returned nothing")
	}
}

func TestSelectionIsDrawn(t *testing.T) {
	m := fromCursorText("|ab\ncd", 20, 4)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m = press(m, "right", "shift+down")
	emu := emulate(t, m.View(), 20, 4)
	gw := m.gutterWidth()
	reverse := func(x, y int) bool { return emu.CellAt(x, y).Style.Attrs&uv.AttrReverse != 0 }
	want := map[[2]int]bool{
		{gw, 0}: false, {gw + 1, 0}: true, {gw + 2, 0}: true, // "b" and the line break
		{gw, 1}: true, {gw + 1, 1}: false,
	}
	for at, sel := range want {
		if reverse(at[0], at[1]) != sel {
			t.Errorf("cell %v selected = %v, want %v", at, !sel, sel)
		}
	}
	m, _ = m.Update(tea.MouseClickMsg{X: gw, Y: 0})
	if m.Selected() != "" || strings.Contains(m.View(), "\x1b[7m") {
		t.Error("a click did not end the selection")
	}
}

func TestReadOnlySelectionCopiesButNeverCuts(t *testing.T) {
	m := fromCursorText("|ab", 40, 4)
	m.SetReadOnly(true)
	m = press(m, "shift+right", "ctrl+x", "backspace", "x")
	if m.Value() != "ab" {
		t.Fatalf("read-only text changed: %q", m.Value())
	}
	if _, cmd := m.Update(screentest.Key("alt+c")); cmd == nil {
		t.Fatal("copy refused in read-only mode")
	}
}
