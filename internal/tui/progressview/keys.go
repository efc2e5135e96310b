package progressview

import "charm.land/bubbles/v2/key"

// KeyMap is the progress screen's bindings.
type KeyMap struct {
	Up, Down           key.Binding // select a topic to practise
	PageUp, PageDown   key.Binding
	Top, Bottom        key.Binding
	NextExam, PrevExam key.Binding
	Practise           key.Binding // enter or p: practise the selected topic
	ExamDate           key.Binding
	Reload             key.Binding
	Back               key.Binding

	// While the exam date is typed.
	Confirm, Cancel key.Binding
}

// DefaultKeyMap returns the progress screen's bindings.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "previous topic", "up", "k"),
		Down:     b("↓/j", "next topic", "down", "j"),
		PageUp:   b("pgup", "scroll up", "pgup"),
		PageDown: b("pgdn", "scroll down", "pgdown"),
		Top:      b("home/g", "top", "home", "g"),
		Bottom:   b("end/G", "bottom", "end", "G"),
		NextExam: b("tab", "next exam", "tab", "]"),
		PrevExam: b("shift+tab", "previous exam", "shift+tab", "["),
		Practise: b("enter/p", "practise", "enter", "p"),
		ExamDate: b("d", "exam date", "d"),
		Reload:   b("r", "reload", "r"),
		Back:     b("esc", "back", "esc"),
		Confirm:  b("enter", "set date (empty clears)", "enter"),
		Cancel:   b("esc", "cancel", "esc"),
	}
}
