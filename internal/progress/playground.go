package progress

import (
	"time"
)

// PlaygroundDraft is one piece of the playground's work on a world: the
// request being typed ("request") or a policy edited there ("doc:<id>").
type PlaygroundDraft struct {
	Name      string
	Body      string
	UpdatedAt time.Time
}

// RequestKind tells a saved request from one in the history.
type RequestKind string

// Request kinds.
const (
	RequestSaved RequestKind = "saved"
	RequestAsked RequestKind = "asked"
)

// PlaygroundRequest is a request kept for a world: saved under a name, or
// asked (the history). Request is the playground's own encoding.
type PlaygroundRequest struct {
	ID       int64
	World    string
	Kind     RequestKind
	Name     string
	Request  string
	Decision string
	At       time.Time
}
