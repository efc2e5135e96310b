package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// fuzzKeys are the keys an op byte picks from: every binding plus the
// characters that trigger pairing, dedent and wide-character handling.
var fuzzKeys = []string{
	"up", "down", "left", "right", "alt+left", "alt+right", "home", "end",
	"ctrl+a", "ctrl+e", "pgup", "pgdown", "ctrl+home", "ctrl+end",
	"enter", "tab", "shift+tab", "backspace", "delete", "alt+backspace", "ctrl+z", "ctrl+y",
	"shift+left", "shift+down", "shift+end", "shift+alt+right", "alt+c", "ctrl+x", "ctrl+v",
	"{", "}", "[", "]", "\"", "\\", ":", ",", "a", "1", "space", "é", "日", "\u0301",
}

func FuzzEditorOps(f *testing.F) {
	f.Add(samplePolicy, []byte{0, 1, 2, 3, 21, 22, 23, 14, 19, 20})
	f.Add("", []byte{21, 14, 23, 14, 25, 18, 18, 19, 20})
	f.Add("a\tb\r\nc日本\x1b", []byte{3, 3, 3, 16, 33, 34, 17, 19, 19, 20, 20})
	f.Add("[\n  \"x\"\n]", []byte{200, 201, 202, 203, 204, 205, 206, 13, 7, 9})
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		if len(ops) > 300 {
			ops = ops[:300]
		}
		m := newEditor(text, 24, 6, 1, 1)
		start := m.Value()
		for i, op := range ops {
			switch {
			case int(op) < len(fuzzKeys):
				m, _ = m.Update(screentest.Key(fuzzKeys[op]))
			case op == 200:
				m, _ = m.Update(tea.PasteMsg{Content: "{\n\t\"日\": [1]\r\n}"})
			case op == 201:
				m, _ = m.Update(tea.MouseClickMsg{X: int(ops[(i+1)%len(ops)]) % 30, Y: i % 7})
			case op == 202:
				m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
			case op == 203:
				m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
			case op == 204:
				m.SetSize(int(ops[(i+1)%len(ops)])%40+1, i%9+1)
			case op == 205:
				m, _ = m.Update(ExternalEditedMsg{Value: strings.Repeat("x\n", i%5)})
			case op == 206:
				m.SetDiagnostics([]diag.Diagnostic{{Line: i%12 - 1, Col: i%50 - 2, Message: "m"}})
				m.SetMarks([]Mark{{Line: i % 8, Text: "◀ DENY", Kind: MarkDeny}})
			default:
				m, _ = m.Update(screentest.Key(string(rune('a' + op%26))))
			}
			checkInvariants(t, m)
		}
		for range ops {
			m = press(m, "ctrl+z")
		}
		if m.Value() != start {
			t.Fatalf("undoing everything gave %q, want %q", m.Value(), start)
		}
	})
}

func checkInvariants(t *testing.T, m Model) {
	t.Helper()
	if m.cur.line < 0 || m.cur.line >= m.buf.lineCount() {
		t.Fatalf("cursor line %d outside %d lines", m.cur.line, m.buf.lineCount())
	}
	if l := m.buf.line(m.cur.line); m.cur.col < 0 || m.cur.col > len(l) {
		t.Fatalf("cursor col %d outside line of %d", m.cur.col, len(l))
	}
	if m.selecting {
		if a := m.buf.clamp(m.anchor); a != m.anchor {
			t.Fatalf("selection anchor %+v outside the text", m.anchor)
		}
	}
	rows := strings.Split(m.View(), "\n")
	if len(rows) != m.height {
		t.Fatalf("%d rows, want %d", len(rows), m.height)
	}
	for i, r := range rows {
		if w := ansi.StringWidth(r); w != m.width {
			t.Fatalf("row %d is %d cells, want %d: %q", i, w, m.width, ansi.Strip(r))
		}
	}
	if m.width > 8 && m.textRows() > 0 {
		if _, _, ok := m.CursorPosition(); !ok {
			t.Fatalf("cursor %+v not visible (yoff %d xoff %d size %dx%d)", m.cur, m.yoff, m.xoff, m.width, m.height)
		}
	}
}
