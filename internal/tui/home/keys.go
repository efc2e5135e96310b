package home

import "charm.land/bubbles/v2/key"

// KeyMap is the home screen's bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Open                       key.Binding
	Next                       key.Binding
	Filter                     key.Binding
	ClearFilter                key.Binding
	Group                      key.Binding
}

// DefaultKeyMap returns the home screen's bindings.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		PageUp:      b("pgup", "page up", "pgup"),
		PageDown:    b("pgdn", "page down", "pgdown"),
		Open:        b("enter", "open", "enter"),
		Next:        b("n", "next suggested", "n"),
		Filter:      b("/", "filter", "/"),
		ClearFilter: b("esc", "clear filter", "esc"),
		Group:       b("v", "group by pack/domain/topic", "v"),
	}
}
