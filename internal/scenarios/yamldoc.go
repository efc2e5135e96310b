package scenarios

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// yamlDoc is one decoded YAML file with where each of its values was
// written, so problems found after decoding (an unknown topic, a policy
// error inside a block string) still point at the line an author edits.
type yamlDoc struct {
	file string // display name
	*yamlpos.Doc
}

// pth builds a position-map key from field names and indexes:
// pth("checks", 0, "as").
func pth(parts ...any) string { return yamlpos.Path(parts...) }

// join extends a path.
func join(base string, parts ...any) string { return yamlpos.Join(base, parts...) }

// decodeYAML parses src strictly into v. Unknown fields, wrong types and
// duplicate keys are findings positioned at the offending token; names
// lists the field names of the format for "did you mean".
func decodeYAML(file string, src []byte, v any, names func() []string) (doc *yamlDoc, fs []diag.Diagnostic) {
	// The YAML library can panic on some malformed input (found by
	// FuzzLoadScenario); a hostile pack must not crash iamlab.
	defer func() {
		if r := recover(); r != nil {
			doc, fs = nil, []diag.Diagnostic{{Code: CodeYAMLSyntax, Severity: diag.Error, File: file, Line: 1, Col: 1, Message: "the YAML could not be read", Expected: "well-formed YAML (the parser gave up on this file)"}}
		}
	}()
	if e := yamlpos.CheckDepth(src); e != nil {
		e.File = file
		return nil, []diag.Diagnostic{*e}
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, []diag.Diagnostic{yamlError(file, err, names())}
	}
	if len(f.Docs) > 1 {
		return nil, []diag.Diagnostic{{Code: CodeYAMLSyntax, Severity: diag.Error, File: file, Line: 1, Col: 1, Message: "more than one YAML document (---) in the file", Expected: "exactly one"}}
	}
	var body ast.Node
	if len(f.Docs) == 1 {
		body = f.Docs[0].Body
	}
	doc = &yamlDoc{file: file, Doc: yamlpos.Index(src, body)}
	if body != nil {
		if bad := doc.noAliases(body); len(bad) > 0 {
			return nil, bad
		}
		if unk := doc.unknownKeys(body, reflect.TypeOf(v)); len(unk) > 0 {
			return nil, unk
		}
	}
	// Decode the tree already parsed: parsing the bytes again was half of
	// the library's load time.
	if body != nil {
		if err := yaml.NodeToValue(body, v, yaml.DisallowUnknownField()); err != nil {
			return nil, []diag.Diagnostic{yamlError(file, err, names())}
		}
	}
	return doc, doc.sanitizeTree(reflect.ValueOf(v))
}

// pos returns the position of the value at path, or of its nearest
// ancestor that exists (a missing field points at its parent mapping).
func (d *yamlDoc) pos(path string) (int, int) {
	if d == nil {
		return 0, 0
	}
	if line, col, ok := d.Pos(path); ok {
		return line, col
	}
	return 1, 1
}

// keyPos is the position of the key of the field at path (for "this field
// is not allowed here"), falling back to the value.
func (d *yamlDoc) keyPos(path string) (int, int) {
	if d == nil {
		return 0, 0
	}
	if line, col, ok := d.KeyPos(path); ok {
		return line, col
	}
	return 1, 1
}

// at makes a finding positioned at the value of path.
func (d *yamlDoc) at(path, code, msg, expected string) diag.Diagnostic {
	l, c := d.pos(path)
	return diag.Diagnostic{Code: code, Severity: diag.Error, File: d.file, Line: l, Col: c, Message: msg, Expected: expected}
}

// blockStart tells where the text of a `key: |` literal block begins in the
// file (yamlpos.Doc.BlockStart).
func (d *yamlDoc) blockStart(path string) (line, col int, ok bool) {
	return d.BlockStart(path)
}

// yamlError turns a go-yaml error into a positioned finding with words an
// author understands.
func yamlError(file string, err error, names []string) diag.Diagnostic {
	f := yamlpos.Explain(err)
	f.File = file
	if f.Code == CodeUnknownField {
		if s := closest(yamlpos.UnknownField(err), names); s != "" {
			f.Expected = fmt.Sprintf("did you mean %q?", s)
		} else {
			f.Expected = "see docs/authoring.md for the fields of this file"
		}
	}
	return f
}

// closest suggests the nearest known name within a small edit distance.
func closest(s string, names []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, n := range names {
		if strings.ToLower(n) == ls {
			return n
		}
		if d := suggest.Distance(ls, strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// noAliases refuses YAML anchors and aliases. Packs come from anywhere, and
// aliases can expand a small file into a huge value ("billion laughs");
// scenario files are short enough to write out.
func (d *yamlDoc) noAliases(body ast.Node) []diag.Diagnostic {
	var out []diag.Diagnostic
	ast.Walk(visitFunc(func(n ast.Node) {
		switch n.(type) {
		case *ast.AliasNode, *ast.AnchorNode:
			f := diag.Diagnostic{Code: CodeYAMLSyntax, Severity: diag.Error, File: d.file, Message: "YAML anchors and aliases (&name, *name) are not allowed in packs", Expected: "write the value out; use a shared world (world: <name>) to reuse a world"}
			if tk := n.GetToken(); tk != nil {
				f.Line, f.Col = tk.Position.Line, tk.Position.Column
			}
			out = append(out, f)
		}
	}), body)
	return out
}

type visitFunc func(ast.Node)

func (v visitFunc) Visit(n ast.Node) ast.Visitor {
	v(n)
	return v
}
