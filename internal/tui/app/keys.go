package app

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// keyMap holds the bindings every screen shares.
type keyMap struct {
	Quit  key.Binding // ctrl+c: always
	QuitQ key.Binding // q: outside text fields
	Help  key.Binding
	// QuitYes confirms a quit that would lose work (q again also does).
	QuitYes key.Binding
	// Dismiss acknowledges a start-up notice.
	Dismiss key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Quit:    nav.Bind("ctrl+c", "quit", "ctrl+c"),
		QuitQ:   nav.Bind("q", "quit", "q"),
		Help:    nav.Bind("?", "more keys", "?"),
		QuitYes: nav.Bind("y", "quit anyway", "y"),
		Dismiss: nav.Bind("enter", "continue", "enter", "esc"),
	}
}
