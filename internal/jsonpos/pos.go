// Package jsonpos reads JSON keeping the line and column of every value,
// and words its syntax errors for people: the policy documents of the
// engine, the evaluation-case files and the documents the linter and the
// why-not search edit are all read through it, so a learner's mistake
// points at a character whichever of them holds it.
//
// It is the JSON sibling of package yamlpos and sits in the lowest layer:
// it imports nothing of iamlab.
package jsonpos

import (
	"fmt"
	"strings"
)

// Pos is a place in a JSON document. Line and Col are 1-based; Col counts
// characters, not bytes, because that is what an editor's cursor shows.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Col    int `json:"col"`
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsValid reports whether the position was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Error is one problem in a document: where, what is wrong, and what was
// expected there.
type Error struct {
	Pos      Pos
	Msg      string
	Expected string
}

func (e *Error) Error() string {
	if e.Expected == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s: %s; %s", e.Pos, e.Msg, e.Expected)
}

// Lines is the text of several errors, one a line: how every list of
// positioned problems in iamlab reads, so that each line can be jumped to.
func Lines[E error](errs []E) string {
	var b strings.Builder
	for i, e := range errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
