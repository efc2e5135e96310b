package home

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// KeyMap is the home screen's bindings: the shared navigation keys (of
// which the list uses up, down, the pages and enter) and its own.
type KeyMap struct {
	nav.Keys
	Next        key.Binding
	Filter      key.Binding
	ClearFilter key.Binding
	Group       key.Binding
	// While the filter is typed: the arrows still move (j and k type).
	FilterUp, FilterDown key.Binding
}

// DefaultKeyMap returns the home screen's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Keys:        nav.Default(),
		Next:        nav.Bind("n", "next suggested", "n"),
		Filter:      nav.Bind("/", "filter", "/"),
		ClearFilter: nav.Bind("esc", "clear filter", "esc"),
		Group:       nav.Bind("v", "group by pack/domain/topic", "v"),
		FilterUp:    nav.Arrows().Up,
		FilterDown:  nav.Arrows().Down,
	}
}
