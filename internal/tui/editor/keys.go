package editor

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// KeyMap is the editor's key bindings. Build it with DefaultKeyMap; it is a
// plain value, so a parent can rebind a key without touching anyone else's
// copy.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	WordLeft, WordRight   key.Binding
	LineStart, LineEnd    key.Binding
	PageUp, PageDown      key.Binding
	DocStart, DocEnd      key.Binding

	Newline        key.Binding
	Tab            key.Binding
	Dedent         key.Binding
	Backspace      key.Binding
	Delete         key.Binding
	DeleteWordBack key.Binding

	Undo, Redo key.Binding
	External   key.Binding // open the text in $VISUAL / $EDITOR

	// Shift with any motion key selects; these act on the selection.
	Copy, Cut, Paste key.Binding
}

// DefaultKeyMap returns the standard bindings. ctrl+e is "end of line" as in
// a shell; the external editor is on ctrl+o so the two do not collide.
// Shift with any motion binding extends a selection, so selecting needs no
// bindings of its own; ctrl+c is left to the application (quit).
func DefaultKeyMap() KeyMap {
	b, n := nav.Bind, nav.Arrows()
	return KeyMap{
		Up:        n.Up,
		Down:      n.Down,
		Left:      b("←", "left", "left"),
		Right:     b("→", "right", "right"),
		WordLeft:  b("alt+←", "word left", "alt+left", "ctrl+left", "alt+b"),
		WordRight: b("alt+→", "word right", "alt+right", "ctrl+right", "alt+f"),
		LineStart: b("home", "line start", "home", "ctrl+a"),
		LineEnd:   b("end", "line end", "end", "ctrl+e"),
		PageUp:    n.PageUp,
		PageDown:  n.PageDown,
		DocStart:  b("ctrl+home", "top", "ctrl+home"),
		DocEnd:    b("ctrl+end", "bottom", "ctrl+end"),

		Newline:        b("enter", "new line", "enter"),
		Tab:            b("tab", "indent", "tab"),
		Dedent:         b("shift+tab", "dedent line", "shift+tab"),
		Backspace:      b("backspace", "delete back", "backspace"),
		Delete:         b("del", "delete", "delete", "ctrl+d"),
		DeleteWordBack: b("alt+backspace", "delete word", "alt+backspace", "ctrl+w"),

		Undo:     b("ctrl+z", "undo", "ctrl+z"),
		Redo:     b("ctrl+y", "redo", "ctrl+y", "ctrl+shift+z"),
		External: b("ctrl+o", "$EDITOR", "ctrl+o"),

		Copy:  b("alt+c", "copy", "alt+c", "alt+w", "ctrl+insert"),
		Cut:   b("ctrl+x", "cut", "ctrl+x", "shift+delete"),
		Paste: b("ctrl+v", "paste cut/copied", "ctrl+v", "shift+insert"),
	}
}

// ShortHelp is what the footer shows while the editor has focus.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Undo, k.Redo, k.External}
}

// FullHelp groups every binding: moving, editing, history.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.WordLeft, k.WordRight},
		{k.LineStart, k.LineEnd, k.PageUp, k.PageDown, k.DocStart, k.DocEnd},
		{k.Newline, k.Tab, k.Dedent, k.Backspace, k.Delete, k.DeleteWordBack},
		{k.Undo, k.Redo, k.Copy, k.Cut, k.Paste, k.External},
	}
}
