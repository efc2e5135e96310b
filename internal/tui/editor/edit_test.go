package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/screentest"
)

func TestTypingWithPairs(t *testing.T) {
	m := newEditor("", 40, 10, 1, 1)
	m = typeText(m, `{"Effect": "Allow"}`)
	if got, want := m.Value(), `{"Effect": "Allow"}`; got != want {
		t.Fatalf("value = %q, want %q", got, want)
	}
	if line, col := m.Position(); line != 1 || col != 20 {
		t.Fatalf("cursor = %d:%d, want 1:20", line, col)
	}
}

func TestEditCases(t *testing.T) {
	tests := []struct {
		name  string
		start string // "|" marks the cursor
		keys  []string
		text  string // typed after keys
		want  string
	}{
		{"enter keeps indentation", "  \"a\": 1,|", []string{"enter"}, "", "  \"a\": 1,\n  |"},
		{"enter after brace adds a level", "  \"S\": {|", []string{"enter"}, "", "  \"S\": {\n    |"},
		{"enter after bracket adds a level", "[|", []string{"enter"}, "", "[\n  |"},
		{"enter between braces opens the pair", "{|}", []string{"enter"}, "", "{\n  |\n}"},
		{"enter between indented brackets", "  \"A\": [|]", []string{"enter"}, "", "  \"A\": [\n    |\n  ]"},
		{"enter drops whitespace around the split", "\"a\",  |  \"b\"", []string{"enter"}, "", "\"a\",\n|\"b\""},
		{"enter inside the indentation", "  | x", []string{"enter"}, "", "\n  |x"},
		{"closing brace dedents blank line", "{\n  \"a\": {\n    \"b\": 1\n    |", nil, "}", "{\n  \"a\": {\n    \"b\": 1\n  }|"},
		{"closing bracket dedents to opener", "  [\n      |", nil, "]", "  [\n  ]|"},
		{"closer ignores brackets in strings", "{\n  \"x\": \"{[\",\n  |", nil, "}", "{\n  \"x\": \"{[\",\n}|"},
		{"brace pairs", "|", nil, "{", "{|}"},
		{"bracket pairs", "|", nil, "[", "[|]"},
		{"quote pairs", "|", nil, "\"", "\"|\""},
		{"no pair before a word", "|abc", nil, "[", "[|abc"},
		{"no quote pair after a word", "abc|", nil, "\"", "abc\"|"},
		{"a quote closing an open string does not pair", "  \"Resource\": \"arn:aws:s3:::b/*|", nil, "\"", "  \"Resource\": \"arn:aws:s3:::b/*\"|"},
		{"a quote after a closed string pairs", "\"a\": |", nil, "\"", "\"a\": \"|\""},
		{"an escaped quote does not end the string", "\"a\\\" b|", nil, "\"", "\"a\\\" b\"|"},
		{"no quote pair after backslash", "\"a\\|\"", nil, "\"", "\"a\\\"|\""},
		{"step over closing brace", "{|}", nil, "}", "{}|"},
		{"step over closing quote", "\"ab|\"", nil, "\"", "\"ab\"|"},
		{"backspace deletes empty pair", "[|]", []string{"backspace"}, "", "|"},
		{"backspace deletes empty quotes", "\"|\"", []string{"backspace"}, "", "|"},
		{"backspace keeps non-empty pair", "[a|]", []string{"backspace"}, "", "[|]"},
		{"backspace in indentation removes a level", "    |x", []string{"backspace"}, "", "  |x"},
		{"backspace joins lines", "a\n|b", []string{"backspace"}, "", "a|b"},
		{"backspace at start does nothing", "|a", []string{"backspace"}, "", "|a"},
		{"delete joins lines", "a|\nb", []string{"delete"}, "", "a|b"},
		{"delete at end does nothing", "a|", []string{"delete"}, "", "a|"},
		{"tab inserts two spaces", "|x", []string{"tab"}, "", "  |x"},
		{"shift+tab dedents the line", "    ab|c", []string{"shift+tab"}, "", "  ab|c"},
		{"shift+tab at column 1", "|  x", []string{"shift+tab"}, "", "|x"},
		{"shift+tab without indentation", "a|b", []string{"shift+tab"}, "", "a|b"},
		{"delete word back", "\"s3:GetObject|\"", []string{"alt+backspace"}, "", "\"s3:|\""},
		{"backspace removes letter with its accent", "e\u0301|", []string{"backspace"}, "", "|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fromCursorText(tt.start, 60, 10)
			m = press(m, tt.keys...)
			m = typeText(m, tt.text)
			if got := cursorText(m); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMovement(t *testing.T) {
	tests := []struct {
		name  string
		start string
		keys  []string
		want  string
	}{
		{"left wraps to previous line", "ab\n|c", []string{"left"}, "ab|\nc"},
		{"right wraps to next line", "ab|\nc", []string{"right"}, "ab\n|c"},
		{"up keeps the column", "abcdef\nab\nabc|def", []string{"up", "up"}, "abc|def\nab\nabcdef"},
		{"up at first line goes home", "ab|c", []string{"up"}, "|abc"},
		{"down at last line goes end", "a|bc", []string{"down"}, "abc|"},
		{"smart home to indentation", "    ab|c", []string{"home"}, "    |abc"},
		{"smart home twice to column 1", "    ab|c", []string{"home", "home"}, "|    abc"},
		{"ctrl+a and ctrl+e", "  a|bc", []string{"ctrl+e", "ctrl+a"}, "  |abc"},
		{"word right", "|\"s3:GetObject\"", []string{"alt+right", "alt+right"}, "\"s3:GetObject|\""},
		{"word left", "\"s3:GetObject\"|", []string{"ctrl+left"}, "\"s3:|GetObject\""},
		{"doc end and start", "a\nb|\nc", []string{"ctrl+end"}, "a\nb\nc|"},
		{"doc start", "a\nb|\nc", []string{"ctrl+home"}, "|a\nb\nc"},
		{"right skips over a combining mark", "|e\u0301x", []string{"right"}, "e\u0301|x"},
		{"up through wide characters", "日本語x\nab|cdef", []string{"up"}, "日|本語x\nabcdef"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(fromCursorText(tt.start, 60, 10), tt.keys...)
			if got := cursorText(m); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestUndoGrouping(t *testing.T) {
	m := newEditor("", 60, 10, 1, 1)
	m = typeText(m, "hello world")
	m = press(m, "ctrl+z")
	if got := m.Value(); got != "hello " {
		t.Fatalf("after one undo: %q, want %q", got, "hello ")
	}
	m = press(m, "ctrl+z")
	if got := m.Value(); got != "" {
		t.Fatalf("after two undos: %q, want empty", got)
	}
	m = press(m, "ctrl+y")
	if got := cursorText(m); got != "hello |" {
		t.Fatalf("after redo: %q", got)
	}
	m = press(m, "ctrl+shift+z")
	if got := cursorText(m); got != "hello world|" {
		t.Fatalf("after second redo: %q", got)
	}
}

func TestUndoRestoresCursorAndSplitsOnMotion(t *testing.T) {
	m := newEditor("abc\ndef", 60, 10, 2, 4)
	m = typeText(m, "xy")
	m = press(m, "up", "home")
	m = typeText(m, "zz")
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "|abc\ndefxy" {
		t.Fatalf("undo 1: %q", got)
	}
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "abc\ndef|" {
		t.Fatalf("undo 2: %q", got)
	}
}

func TestUndoBackspaceRunAndDedent(t *testing.T) {
	m := newEditor("abcdef", 60, 10, 1, 7)
	m = press(m, "backspace", "backspace", "backspace")
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "abcdef|" {
		t.Fatalf("backspaces undo as one step: %q", got)
	}

	m = fromCursorText("{\n  \"a\": 1\n    |", 60, 10)
	m = typeText(m, "}")
	if got := cursorText(m); got != "{\n  \"a\": 1\n}|" {
		t.Fatalf("dedent: %q", got)
	}
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "{\n  \"a\": 1\n    |" {
		t.Fatalf("dedent and brace undo as one step: %q", got)
	}
}

func TestPasteIsOneUndoStep(t *testing.T) {
	m := newEditor("[]", 60, 10, 1, 2)
	m, cmd := m.Update(pasteMsg("\"a\",\r\n\"b\""))
	if got := cursorText(m); got != "[\"a\",\n\"b\"|]" {
		t.Fatalf("paste: %q", got)
	}
	if cmd == nil {
		t.Fatal("paste sent no ChangedMsg")
	}
	m = press(m, "ctrl+z")
	if got := cursorText(m); got != "[|]" {
		t.Fatalf("undo paste: %q", got)
	}
}

func TestReadOnlyRefusesEdits(t *testing.T) {
	m := newEditor("{}", 60, 5, 1, 2)
	m.SetReadOnly(true)
	for _, k := range []string{"x", "enter", "backspace", "delete", "tab", "ctrl+z", "ctrl+o"} {
		var cmd tea.Cmd
		m, cmd = m.Update(screentest.Key(k))
		if cmd != nil {
			t.Errorf("%s: read-only editor returned a command", k)
		}
		if m.Value() != "{}" {
			t.Fatalf("%s changed the text to %q", k, m.Value())
		}
		if !strings.Contains(statusText(m), "read-only: this document is locked") {
			t.Errorf("%s: status line %q has no refusal", k, statusText(m))
		}
	}
	m = press(m, "right")
	if _, col := m.Position(); col != 3 {
		t.Errorf("movement refused in read-only mode")
	}
	if len(m.ShortHelp()) != 0 {
		t.Errorf("read-only editor advertises editing keys")
	}
}

func TestBlurredIgnoresKeys(t *testing.T) {
	m := newEditor("ab", 20, 3, 1, 1)
	m.Blur()
	m = typeText(m, "x")
	m, _ = m.Update(pasteMsg("y"))
	if m.Value() != "ab" {
		t.Fatalf("blurred editor took input: %q", m.Value())
	}
	if m.Cursor() != nil {
		t.Fatal("blurred editor shows a cursor")
	}
	m.Focus()
	if m.Cursor() == nil {
		t.Fatal("focused editor hides its cursor")
	}
}

func TestChangedMsgOnEveryEdit(t *testing.T) {
	m := newEditor("", 20, 3, 1, 1)
	m, cmd := m.Update(screentest.Key("a"))
	msg := findChanged(t, cmd)
	if msg.Value != "a" || msg.Version != m.Version() {
		t.Fatalf("ChangedMsg = %+v, version %d", msg, m.Version())
	}
	m, cmd = m.Update(screentest.Key("left"))
	if cmd != nil {
		t.Fatal("motion sent a command")
	}
	_, cmd = m.Update(screentest.Key("ctrl+z"))
	if findChanged(t, cmd).Value != "" {
		t.Fatal("undo did not report the empty text")
	}
}

func TestTypesText(t *testing.T) {
	tests := []struct {
		msg  tea.KeyPressMsg
		want bool
	}{
		{tea.KeyPressMsg{Code: 'a', Text: "a"}, true},
		{tea.KeyPressMsg{Code: 'a', Text: "A", Mod: tea.ModShift}, true},
		{tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModCtrl}, false},
		{tea.KeyPressMsg{Code: 'b', Text: "b", Mod: tea.ModAlt}, false},
		{tea.KeyPressMsg{Code: '7', Text: "{", Mod: tea.ModCtrl | tea.ModAlt}, true}, // AltGr
		{tea.KeyPressMsg{Code: tea.KeyEnter}, false},
	}
	for _, tt := range tests {
		if got := typesText(tt.msg); got != tt.want {
			t.Errorf("typesText(%+v) = %v", tt.msg, got)
		}
	}
}
