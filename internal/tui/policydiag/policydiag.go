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
	"github.com/iamlab/iamlab/internal/tui/editor"
)

// Parse places each parse error at its line and column.
func Parse(err error) []editor.Diagnostic {
	var pes eval.ParseErrors
	if errors.As(err, &pes) {
		out := make([]editor.Diagnostic, 0, len(pes))
		for _, pe := range pes {
			msg := pe.Msg
			if pe.Expected != "" {
				msg += "; " + pe.Expected
			}
			out = append(out, editor.Diagnostic{Line: max(pe.Pos.Line, 1), Col: max(pe.Pos.Col, 1), Message: msg, Severity: editor.SeverityError})
		}
		return out
	}
	var pe *eval.ParseError
	if errors.As(err, &pe) {
		return []editor.Diagnostic{{Line: max(pe.Pos.Line, 1), Col: max(pe.Pos.Col, 1), Message: pe.Msg, Severity: editor.SeverityError}}
	}
	return []editor.Diagnostic{{Line: 1, Col: 1, Message: err.Error(), Severity: editor.SeverityError}}
}

// Lint marks a compiled policy's lint findings: errors stay errors,
// suggestions are informational, the rest are warnings.
func Lint(p *eval.Policy) []editor.Diagnostic {
	if p == nil {
		return nil
	}
	fs := lint.Compiled(p)
	out := make([]editor.Diagnostic, 0, len(fs))
	for _, f := range fs {
		sev := editor.SeverityWarning
		switch f.Severity {
		case diag.Error:
			sev = editor.SeverityError
		case diag.Suggestion:
			sev = editor.SeverityInfo
		}
		msg := f.Message
		if f.Expected != "" {
			msg += " (" + f.Expected + ")"
		}
		out = append(out, editor.Diagnostic{Line: max(f.Line, 1), Col: max(f.Col, 1), Message: msg, Severity: sev})
	}
	return out
}
