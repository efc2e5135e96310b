package quiz

import (
	"fmt"
	"sync"

	"github.com/goccy/go-yaml/ast"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// positions maps a field path inside one item (joinPath("options", 2,
// "why")) to where its value was written, so checks made after decoding
// still point at the line an author edits.
type positions struct {
	file string
	doc  *yamlpos.Doc
}

func newPositions(file string, item ast.Node) *positions {
	return &positions{file: file, doc: yamlpos.Index(nil, item)}
}

// joinPath extends a position path (yamlpos.Join).
func joinPath(base string, parts ...any) string {
	return yamlpos.Join(base, parts...)
}

// pos is the position of the value at path, or of the nearest enclosing
// value that was written (a missing field points at its item); a list or
// mapping is shown by the key it is written under. It is 0:0 when nothing
// was written.
func (p *positions) pos(path string) (int, int) {
	line, col, _ := p.doc.FieldPos(path)
	return line, col
}

// at builds a finding positioned at path.
func (p *positions) at(path string, sev diag.Severity, code, item, format string, args ...any) diag.Diagnostic {
	line, col := p.pos(path)
	return diag.Diagnostic{File: p.file, Line: line, Col: col, Severity: sev, Code: code, Subject: item, Message: fmt.Sprintf(format, args...)}
}

// fromYAMLError turns a go-yaml error into a positioned finding in an
// author's words, with what was expected in the message.
func fromYAMLError(file string, err error, names []string) diag.Diagnostic {
	e := yamlpos.Explain(err)
	msg := e.Message
	switch {
	case e.Code == CodeUnknownField:
		if s := closest(yamlpos.UnknownField(err), names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; see docs/quiz-format.md for the fields of an item"
		}
	case e.Expected != "":
		msg += "; " + e.Expected
	}
	return diag.Diagnostic{File: file, Line: e.Line, Col: e.Col, Severity: diag.Error, Code: e.Code, Message: msg}
}

// closest suggests the nearest of names, or "".
func closest(s string, names []string) string {
	c, _ := suggest.Closest(s, names)
	return c
}

// itemNames is walked by reflection only when an item has an unknown
// field, not at every start.
var itemNames = sync.OnceValue(func() []string { return yamlpos.FieldNames(itemFile{}) })
