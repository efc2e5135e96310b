package yamlpos

import (
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/suggest"
)

// DecodeOne decodes a file that holds one YAML document into v, strictly
// (a field v does not have is an error), the way every standalone iamlab
// file is read: the nesting is checked first (CheckDepth), an unknown
// field gets a "did you mean" from fields, and what is expected is said.
// shape describes the document for the error when there is none or more
// than one. The returned Doc positions v's fields.
func DecodeOne(src []byte, v any, fields []string, shape string) (*Doc, *diag.Diagnostic) {
	if e := CheckDepth(src); e != nil {
		return nil, e
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		e := Explain(err)
		return nil, &e
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, &diag.Diagnostic{Severity: diag.Error, Line: 1, Col: 1, Code: CodeSyntax, Message: "expected one YAML document", Expected: shape}
	}
	if err := yaml.NodeToValue(f.Docs[0].Body, v, yaml.DisallowUnknownField()); err != nil {
		e := Explain(err)
		if e.Code == CodeUnknownField {
			if s, ok := suggest.Closest(UnknownField(err), fields); ok {
				e.Expected = fmt.Sprintf("did you mean %q?", s)
			} else if e.Expected == "" {
				e.Expected = shape
			}
		}
		return nil, &e
	}
	return Index(src, f.Docs[0].Body), nil
}
