package lessons

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// KeyMap is the list's bindings: the shared navigation keys (enter reads
// the lesson) and the filter.
type KeyMap struct {
	nav.Keys
	Filter      key.Binding
	ClearFilter key.Binding
	// While the filter is typed: the arrows still move (j and k type).
	FilterUp, FilterDown key.Binding
}

// DefaultKeyMap returns the list's bindings.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Keys:        nav.Default(),
		Filter:      nav.Bind("/", "filter", "/"),
		ClearFilter: nav.Bind("esc", "clear filter", "esc"),
		FilterUp:    nav.Arrows().Up,
		FilterDown:  nav.Arrows().Down,
	}
	k.Open = nav.Relabel(k.Open, "read")
	return k
}

// ReaderKeyMap is the reader's bindings: a pager's, and the scenarios.
type ReaderKeyMap struct {
	nav.Keys
	Practise key.Binding // 1–9: open a scenario
}

// DefaultReaderKeyMap returns the reader's bindings. The reader takes no
// typing, so the pager letters are safe here.
func DefaultReaderKeyMap() ReaderKeyMap {
	k := ReaderKeyMap{
		Keys:     nav.Pager(),
		Practise: nav.Bind("1-9", "practise it", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
	}
	k.PageUp = nav.WithHelp(k.PageUp, "pgup/b", "page up")
	k.PageDown = nav.WithHelp(k.PageDown, "pgdn/space", "page down")
	k.Back = nav.Relabel(k.Back, "back to the list")
	return k
}
