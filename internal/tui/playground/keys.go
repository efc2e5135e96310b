package playground

import (
	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// KeyMap is the playground's bindings. Every field takes typing, so the
// commands use keys that typing does not produce (and ?, which no request
// field needs, except the context, where it types).
type KeyMap struct {
	NextField, PrevField key.Binding
	PickUp, PickDown     key.Binding
	Accept               key.Binding
	CloseList            key.Binding
	Toggle               key.Binding
	NextWorld, PrevWorld key.Binding
	TraceUp, TraceDown   key.Binding
	Back                 key.Binding
	// The world view and the kept requests: lists that take the request's
	// parts (or a whole request) into the form.
	WorldView, Requests, SaveRequest, Delete key.Binding
	Help                                     key.Binding
	// HelpTyping is help where ? types (the policy editor, the context).
	HelpTyping key.Binding
	// The policy editor: open it or move focus between it and the request,
	// show the next document, forget the edits, leave it.
	Policies, NextDoc, ResetDocs, LeaveEditor key.Binding
	// "Why not?": the smallest edits that flip the decision, and applying
	// the chosen one to the world copy.
	WhyNot, ApplyWhyNot key.Binding
}

// DefaultKeyMap returns the playground's bindings.
func DefaultKeyMap() KeyMap {
	b := nav.Bind
	return KeyMap{
		NextField: b("tab", "next field", "tab"),
		PrevField: b("shift+tab", "previous field", "shift+tab"),
		PickUp:    b("↑", "previous", "up"),
		PickDown:  b("↓", "next", "down"),
		Accept:    b("enter", "take", "enter"),
		CloseList: b("esc", "close the list", "esc"),
		Toggle:    b("space", "switch MFA", "space"),
		NextWorld: b("ctrl+n", "next world", "ctrl+n"),
		PrevWorld: b("ctrl+p", "previous world", "ctrl+p"),
		TraceUp:   b("pgup", "trace up", "pgup"),
		TraceDown: b("pgdn", "trace down", "pgdown"),
		Back:      nav.Default().Back,

		WorldView:   b("ctrl+o", "world", "ctrl+o"),
		Requests:    b("ctrl+l", "saved & history", "ctrl+l"),
		SaveRequest: b("ctrl+s", "save request", "ctrl+s"),
		Delete:      b("ctrl+d", "delete saved", "ctrl+d"),
		Help:        b("?", "help", "?", "f1"),
		HelpTyping:  b("f1", "help", "f1"),

		Policies:    b("ctrl+t", "policies", "ctrl+t"),
		NextDoc:     b("ctrl+g", "next policy", "ctrl+g"),
		ResetDocs:   b("ctrl+r", "undo every policy edit", "ctrl+r"),
		LeaveEditor: b("esc", "back to the request", "esc"),
		WhyNot:      b("ctrl+y", "why not?", "ctrl+y"),
		ApplyWhyNot: b("ctrl+x", "apply", "ctrl+x"),
	}
}
