package scenarios

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// unknownKeys walks the YAML tree alongside the Go type it decodes into and
// reports every key the format does not have, with a suggestion from the
// fields of that very mapping. The decoder stops at the first unknown key;
// this pass lets an author fix all typos of a file at once.
func (d *yamlDoc) unknownKeys(n ast.Node, t reflect.Type) []diag.Diagnostic {
	n = yamlpos.Unwrap(n)
	if n == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(worldRef{}) {
		if _, isMap := n.(*ast.MappingNode); !isMap {
			return nil
		}
		t = reflect.TypeOf(worldFile{})
	}
	var out []diag.Diagnostic
	switch t.Kind() {
	case reflect.Struct:
		var pairs []*ast.MappingValueNode
		switch m := n.(type) {
		case *ast.MappingNode:
			pairs = m.Values
		case *ast.MappingValueNode:
			pairs = []*ast.MappingValueNode{m}
		default:
			return nil // a wrong kind of value: the decoder says so
		}
		fields := yamlFields(t)
		for _, mv := range pairs {
			key := strings.TrimSpace(mv.Key.String())
			if s, ok := yamlpos.Unwrap(mv.Key).(*ast.StringNode); ok {
				key = s.Value
			}
			ft, ok := fields[key]
			if !ok {
				f := diag.Diagnostic{Code: CodeUnknownField, Severity: diag.Error, File: d.file, Message: fmt.Sprintf("unknown field %q", key)}
				if tk := mv.Key.GetToken(); tk != nil {
					f.Line, f.Col = tk.Position.Line, tk.Position.Column
				}
				f.Expected = suggestion(key, keys(fields))
				if f.Expected == "" || !strings.HasPrefix(f.Expected, "did you mean") {
					f.Expected = "this mapping has: " + strings.Join(sortedKeys(fields), ", ")
				}
				out = append(out, f)
				continue
			}
			out = append(out, d.unknownKeys(mv.Value, ft)...)
		}
	case reflect.Slice:
		if s, ok := n.(*ast.SequenceNode); ok {
			for _, item := range s.Values {
				out = append(out, d.unknownKeys(item, t.Elem())...)
			}
		}
	case reflect.Map:
		if m, ok := n.(*ast.MappingNode); ok {
			for _, mv := range m.Values {
				out = append(out, d.unknownKeys(mv.Value, t.Elem())...)
			}
		}
	}
	return out
}

// fieldsByType caches yamlFields: the key check asks for the fields of one
// of a few struct types at every mapping of every file, and working them
// out again each time was most of the check's cost.
var fieldsByType sync.Map // reflect.Type → map[string]reflect.Type

// yamlFields maps a struct's yaml names to field types. The map is shared:
// callers only read it.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldsByType.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m, _ := fieldsByType.LoadOrStore(t, structFields(t))
	return m.(map[string]reflect.Type)
}

func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Anonymous && name == "" && strings.Contains(opts, "inline") {
			// An inline struct's keys belong to this mapping.
			for k, v := range structFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name != "" && name != "-" {
			out[name] = f.Type
		}
	}
	return out
}
