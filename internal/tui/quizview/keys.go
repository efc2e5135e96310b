package quizview

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// letters label options and responses (the scenario screen's questions
// use the same ones).
var letters = screen.AnswerLetters

// letterIndex is the option a key names: its letter (either case), or its
// number from 1.
func letterIndex(s string) int { return screen.AnswerIndex(s) }

// KeyMap is the session screen's bindings; which are enabled depends on
// the phase and the item type (see Session.syncKeys).
type KeyMap struct {
	nav.Keys                 // arrows only: letters pick options
	Pick         key.Binding // a letter picks an option (help only)
	Toggle       key.Binding // space toggles (multiple) or grabs a step (ordering)
	MoveUp       key.Binding // ordering: move the step up
	MoveDown     key.Binding
	PrevResponse key.Binding // matching: cycle the row's response
	NextResponse key.Binding
	Submit       key.Binding // enter: answer
	Sure         key.Binding
	ThinkSo      key.Binding
	Guess        key.Binding
	Next         key.Binding // after feedback
	Retake       key.Binding
	Flag         key.Binding
	NextItem     key.Binding
	PrevItem     key.Binding
	List         key.Binding
	SubmitExam   key.Binding
	Yes, No      key.Binding
}

// DefaultKeyMap returns the session's bindings.
func DefaultKeyMap() KeyMap {
	b := nav.Bind
	k := KeyMap{
		Keys:         nav.Arrows(),
		Pick:         b("a-e", "choose", letters...),
		Toggle:       b("space", "toggle", "space"),
		MoveUp:       b("shift+↑", "move step up", "shift+up"),
		MoveDown:     b("shift+↓", "move step down", "shift+down"),
		PrevResponse: b("←", "previous answer", "left"),
		NextResponse: b("→", "next answer", "right"),
		Submit:       b("enter", "answer", "enter"),
		Sure:         b("1", "sure", "1"),
		ThinkSo:      b("2", "think so", "2"),
		Guess:        b("3", "guess", "3"),
		Next:         b("enter", "next question", "enter", "n"),
		Retake:       b("r", "retake the wrong ones", "r"),
		Flag:         b("f", "flag for review", "f"),
		NextItem:     b("tab", "next item", "tab"),
		PrevItem:     b("shift+tab", "previous item", "shift+tab"),
		List:         b("l", "list of items", "l"),
		SubmitExam:   b("s", "submit the exam", "s"),
		Yes:          b("y", "yes", "y"),
		No:           b("n", "no", "n"),
	}
	k.PageUp = nav.Relabel(k.PageUp, "scroll up")
	k.PageDown = nav.Relabel(k.PageDown, "scroll down")
	return k
}

// MenuKeyMap is the mode picker's bindings.
type MenuKeyMap struct {
	nav.Keys
	Prev, Next key.Binding
	Start      key.Binding
	ConfirmYes key.Binding
	ConfirmNo  key.Binding
}

// DefaultMenuKeyMap returns the menu's bindings.
func DefaultMenuKeyMap() MenuKeyMap {
	b := nav.Bind
	return MenuKeyMap{
		Keys:       nav.Default(),
		Prev:       b("←/h", "change", "left", "h"),
		Next:       b("→/l", "change", "right", "l"),
		Start:      b("enter", "start", "enter"),
		ConfirmYes: b("enter", "start the clock", "enter", "y"),
		ConfirmNo:  b("esc", "cancel", "esc", "n"),
	}
}
