package yamlpos

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/iamlab/iamlab/internal/diag"
)

// Codes of the decoding errors Explain describes (diag.Diagnostic.Code). They are the finding
// codes of the scenario packs and of the quiz bank.
const (
	CodeSyntax       = "yaml-syntax"
	CodeUnknownField = "unknown-field"
	CodeWrongType    = "wrong-type"
	CodeDuplicateKey = "duplicate-key"
)

// Explain describes an error of go-yaml's parser or decoder in an author's
// words (no Go type names), at 1:1 when go-yaml does not say where. The
// caller knows the file.
func Explain(err error) diag.Diagnostic {
	e := diag.Diagnostic{Severity: diag.Error, Line: 1, Col: 1, Code: CodeSyntax}
	var ye yaml.Error
	if errors.As(err, &ye) {
		if tk := ye.GetToken(); tk != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
		e.Message = ye.GetMessage()
	} else {
		// Only for errors go-yaml does not type: its Error() reprints the
		// offending line token by token, quadratic in the line's length.
		e.Message = err.Error()
	}
	var unk *yaml.UnknownFieldError
	var typ *yaml.TypeError
	var dup *yaml.DuplicateKeyError
	switch {
	case errors.As(err, &unk):
		e.Code = CodeUnknownField
		e.Message = fmt.Sprintf("unknown field %q", UnknownField(err))
	case errors.As(err, &typ):
		e.Code = CodeWrongType
		e.Message = "wrong kind of value"
		if typ.SrcType != nil {
			e.Message = "found " + kindWords(typ.SrcType)
		}
		if typ.DstType != nil {
			e.Expected = "expected " + kindWords(typ.DstType)
		}
	case errors.As(err, &dup):
		e.Code = CodeDuplicateKey
		e.Message = dup.Message
		e.Expected = "write each key once"
	default:
		// The parser reports a duplicate key as a plain syntax error.
		if strings.Contains(e.Message, "already defined") {
			e.Code = CodeDuplicateKey
			e.Expected = "write each key once"
		}
		if strings.Contains(e.Message, "cannot unmarshal") {
			e.Code = CodeWrongType
		}
	}
	e.Message = strings.TrimSpace(e.Message)
	return e
}

// UnknownField is the name of the field an error of go-yaml's strict
// decoder is about, for the caller's "did you mean"; "" for other errors.
func UnknownField(err error) string {
	var unk *yaml.UnknownFieldError
	if errors.As(err, &unk) && unk.Token != nil {
		return unk.Token.Value
	}
	return ""
}

func kindWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list (- item)"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value)"
	case reflect.Pointer:
		return kindWords(t.Elem())
	}
	return t.Kind().String()
}

// FieldNames lists, once each, the yaml field names of the given struct
// types and of the structs they contain, for "did you mean".
func FieldNames(vs ...any) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t.String()] {
			return
		}
		seen[t.String()] = true
		for i := 0; i < t.NumField(); i++ {
			fl := t.Field(i)
			name, _, _ := strings.Cut(fl.Tag.Get("yaml"), ",")
			if name != "" && name != "-" && !seen["name:"+name] {
				seen["name:"+name] = true
				out = append(out, name)
			}
			walk(fl.Type)
		}
	}
	for _, v := range vs {
		walk(reflect.TypeOf(v))
	}
	return out
}
