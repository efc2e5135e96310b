package eval

import (
	"fmt"
	"strings"
)

// Pos is a place in a policy document. Line and Col are 1-based; Col counts
// characters, not bytes, because that is what an editor's cursor shows.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Col    int `json:"col"`
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsValid reports whether the position was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// ParseError is one problem in a policy document: where, what is wrong, and
// what was expected there.
type ParseError struct {
	Pos      Pos
	Msg      string
	Expected string
}

func (e *ParseError) Error() string {
	if e.Expected == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s: %s; %s", e.Pos, e.Msg, e.Expected)
}

// ParseErrors is every problem found in one document, in order of position.
// Grammar errors are collected (a learner fixes several at once); a JSON
// syntax error stops the parse because nothing after it can be trusted.
type ParseErrors []*ParseError

func (es ParseErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
