package app

import "charm.land/bubbles/v2/key"

// keyMap holds the bindings every screen shares.
type keyMap struct {
	Quit      key.Binding // ctrl+c: always
	QuitQ     key.Binding // q: outside text fields
	Help      key.Binding
	ForceQuit key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Quit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		QuitQ: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:  key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
	}
}
