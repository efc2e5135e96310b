package progressview

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// KeyMap is the progress screen's bindings: the shared navigation keys
// (up and down select a topic to practise, the pages and jumps scroll) and
// its own.
type KeyMap struct {
	nav.Keys
	NextExam, PrevExam key.Binding
	Practise           key.Binding // enter or p: practise the selected topic
	ExamDate           key.Binding
	Reload             key.Binding

	// While the exam date is typed.
	Confirm, Cancel key.Binding
}

// DefaultKeyMap returns the progress screen's bindings.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Keys:     nav.Default(),
		NextExam: nav.Bind("tab", "next exam", "tab", "]"),
		PrevExam: nav.Bind("shift+tab", "previous exam", "shift+tab", "["),
		Practise: nav.Bind("enter/p", "practise", "enter", "p"),
		ExamDate: nav.Bind("d", "exam date", "d"),
		Reload:   nav.Bind("r", "reload", "r"),
		Confirm:  nav.Bind("enter", "set date (empty clears)", "enter"),
		Cancel:   nav.Bind("esc", "cancel", "esc"),
	}
	k.Up = nav.Relabel(k.Up, "previous topic")
	k.Down = nav.Relabel(k.Down, "next topic")
	k.PageUp = nav.Relabel(k.PageUp, "scroll up")
	k.PageDown = nav.Relabel(k.PageDown, "scroll down")
	return k
}
