// Package policydiag turns what the parser and the linter say about a
// policy into the editor's marks, so every policy editor of the TUI (a
// scenario's, the playground's) marks the same findings the same way as
// `iamlab lint` reports them.
package policydiag

import (
	"errors"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/lint"
)

// Parse places each parse error at its line and column, with what was
// expected in the message: the editor's status line shows only Message.
func Parse(err error) []diag.Diagnostic {
	var pes eval.ParseErrors
	if !errors.As(err, &pes) {
		var pe *eval.ParseError
		if !errors.As(err, &pe) {
			return []diag.Diagnostic{{Severity: diag.Error, Line: 1, Col: 1, Message: err.Error()}}
		}
		pes = eval.ParseErrors{pe}
	}
	out := make([]diag.Diagnostic, 0, len(pes))
	for _, pe := range pes {
		d := lint.FromParseError(pe, "")
		d.Message, d.Expected = d.Text(), ""
		out = append(out, mark(d))
	}
	return out
}

// Lint marks a compiled policy's lint findings, each at its place with its
// advice in parentheses, as `iamlab lint` words it. The editor draws a
// security warning as a warning and a suggestion as information.
func Lint(p *eval.Policy) []diag.Diagnostic {
	if p == nil {
		return nil
	}
	fs := lint.Compiled(p)
	out := make([]diag.Diagnostic, 0, len(fs))
	for _, f := range fs {
		if f.Expected != "" {
			f.Message += " (" + f.Expected + ")"
			f.Expected = ""
		}
		out = append(out, mark(f))
	}
	return out
}

// mark keeps a diagnostic inside the text: the editor marks line 1,
// column 1 for a problem the engine could not place.
func mark(d diag.Diagnostic) diag.Diagnostic {
	d.Line, d.Col = max(d.Line, 1), max(d.Col, 1)
	return d
}
