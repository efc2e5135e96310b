package lessons

import "charm.land/bubbles/v2/key"

// KeyMap is the list's bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Open                       key.Binding
	Filter                     key.Binding
	ClearFilter                key.Binding
	Back                       key.Binding
}

// DefaultKeyMap returns the list's bindings.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		PageUp:      b("pgup", "page up", "pgup"),
		PageDown:    b("pgdn", "page down", "pgdown"),
		Open:        b("enter", "read", "enter"),
		Filter:      b("/", "filter", "/"),
		ClearFilter: b("esc", "clear filter", "esc"),
		Back:        b("esc", "back", "esc"),
	}
}

// ReaderKeyMap is the reader's bindings.
type ReaderKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Practise                                key.Binding // 1–9: open a scenario
	Back                                    key.Binding
}

// DefaultReaderKeyMap returns the reader's bindings. The reader takes no
// typing, so the viewport-style letters are safe here.
func DefaultReaderKeyMap() ReaderKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return ReaderKeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		PageUp:   b("pgup/b", "page up", "pgup", "b"),
		PageDown: b("pgdn/space", "page down", "pgdown", "space", "f"),
		Top:      b("g", "top", "g", "home"),
		Bottom:   b("G", "bottom", "G", "end"),
		Practise: b("1-9", "practise it", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Back:     b("esc", "back to the list", "esc"),
	}
}
