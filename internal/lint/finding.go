package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
)

// at is a finding at a place in the policy document. The linter's advice is
// the diagnostic's Expected: how to fix what is wrong.
func at(code string, sev diag.Severity, p eval.Pos, msg, advice string) diag.Diagnostic {
	return diag.Diagnostic{Code: code, Severity: sev, Line: p.Line, Col: p.Col, Offset: p.Offset, Message: msg, Expected: advice}
}

// FromParseError is the one adapter from the engine's parse errors to
// diagnostics: it keeps the engine's position, message and expectation, so
// lint, the editors and the pack checks describe a broken document in the
// same words. The engine keeps its own error type (it imports nothing it
// does not need); this package is the lowest one that knows both.
func FromParseError(pe *eval.ParseError, code string) diag.Diagnostic {
	return at(code, diag.Error, pe.Pos, pe.Msg, pe.Expected)
}

// sortFindings orders by place in the document; at one place the more
// serious finding comes first, then by code so output is stable. It is not
// diag.Sort: the linter puts severity before code, and a document's
// findings have no file to order by.
func sortFindings(fs []diag.Diagnostic) {
	slices.SortStableFunc(fs, func(a, b diag.Diagnostic) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		if a.Severity != b.Severity {
			return int(a.Severity) - int(b.Severity)
		}
		return strings.Compare(a.Code, b.Code)
	})
}
