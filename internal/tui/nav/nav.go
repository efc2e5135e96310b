// Package nav holds the key bindings the TUI's screens and parts share: the
// one way a binding is built, and the navigation keys (move, page, jump,
// open, back) that every list and scrolling pane starts from. A screen
// embeds Keys in its own key map and renames or rebinds what differs, so
// the same key reads the same way in every footer.
package nav

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Bind makes a binding for keys, shown in the help as help and desc.
func Bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Keys are the navigation keys. Screens where letters type (a question's
// options, a text field) drop the vi letters with Arrows.
type Keys struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Open             key.Binding
	Back             key.Binding
}

// Default returns the navigation keys as most screens bind them.
func Default() Keys {
	return Keys{
		Up:       Bind("↑/k", "up", "up", "k"),
		Down:     Bind("↓/j", "down", "down", "j"),
		PageUp:   Bind("pgup", "page up", "pgup"),
		PageDown: Bind("pgdn", "page down", "pgdown"),
		Top:      Bind("home/g", "top", "home", "g"),
		Bottom:   Bind("end/G", "bottom", "end", "G"),
		Open:     Bind("enter", "open", "enter"),
		Back:     Bind("esc", "back", "esc"),
	}
}

// Pager returns the keys of a read-only text (a lesson, a trace), where
// the pager letters of less are safe: b and space page, g and G jump.
func Pager() Keys {
	k := Default()
	k.PageUp = Bind("pgup", "page up", "pgup", "b")
	k.PageDown = Bind("pgdn", "page down", "pgdown", "f", "space")
	k.Top = Bind("g", "top", "g", "home")
	k.Bottom = Bind("G", "bottom", "G", "end")
	return k
}

// Arrows returns the keys without the vi letters, for screens where
// letters choose or type.
func Arrows() Keys {
	k := Default()
	k.Up = Bind("↑", "up", "up")
	k.Down = Bind("↓", "down", "down")
	return k
}

// Step is how far a key moves a list's cursor when rows rows show: one
// for up and down, a page less one row for the page keys (so the row the
// cursor left stays in view). ok is false for any other key.
func (k Keys) Step(msg tea.KeyPressMsg, rows int) (d int, ok bool) {
	page := max(1, rows-1)
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	}
	return 0, false
}

// WithHelp returns b with other help text, for a key that does the usual
// thing under a name that fits the screen ("read" for open).
func WithHelp(b key.Binding, help, desc string) key.Binding {
	b.SetHelp(help, desc)
	return b
}

// Relabel returns b with another description and its usual key help.
func Relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}
