package quiz

import (
	"errors"
	"fmt"
	"github.com/iamlab/iamlab/internal/suggest"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// positions maps a field path inside one item ("options.2.why") to where
// its value was written, so checks made after decoding still point at the
// line an author edits.
type positions struct {
	file  string
	nodes map[string]ast.Node
	keys  map[string]ast.Node // the key each value was written under
}

func newPositions(file string, item ast.Node) *positions {
	p := &positions{file: file, nodes: map[string]ast.Node{}, keys: map[string]ast.Node{}}
	p.index("", item)
	return p
}

func joinPath(base string, parts ...any) string {
	var b strings.Builder
	b.WriteString(base)
	for _, part := range parts {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		switch v := part.(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

func (p *positions) index(at string, n ast.Node) {
	n = unwrap(n)
	if n == nil {
		return
	}
	p.nodes[at] = n
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			p.indexPair(at, mv)
		}
	case *ast.MappingValueNode:
		p.indexPair(at, n)
	case *ast.SequenceNode:
		for i, v := range n.Values {
			p.index(joinPath(at, i), v)
		}
	}
}

func (p *positions) indexPair(at string, mv *ast.MappingValueNode) {
	key := strings.TrimSpace(mv.Key.String())
	if s, ok := unwrap(mv.Key).(*ast.StringNode); ok {
		key = s.Value
	}
	p.keys[joinPath(at, key)] = mv.Key
	p.index(joinPath(at, key), mv.Value)
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		default:
			return n
		}
	}
}

// pos is the position of the value at path, or of the nearest enclosing
// value that was written (a missing field points at its item).
func (p *positions) pos(path string) (int, int) {
	for {
		if n, ok := p.nodes[path]; ok && n != nil {
			// A list or mapping is best shown by the key it is written
			// under ("options:"), not by its first entry.
			if k, ok := p.keys[path]; ok && isCollection(n) {
				n = k
			} else if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
				n = m.Values[0].Key
			} else if mv, ok := n.(*ast.MappingValueNode); ok {
				n = mv.Key
			}
			if tk := n.GetToken(); tk != nil {
				return tk.Position.Line, tk.Position.Column
			}
		}
		if path == "" {
			return 0, 0
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			path = ""
		} else {
			path = path[:i]
		}
	}
}

func isCollection(n ast.Node) bool {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return true
	}
	return false
}

// at builds a finding positioned at path.
func (p *positions) at(path string, sev Severity, code, item, format string, args ...any) Finding {
	line, col := p.pos(path)
	return Finding{File: p.file, Line: line, Col: col, Severity: sev, Code: code, Item: item, Message: fmt.Sprintf(format, args...)}
}

// fromYAMLError turns a go-yaml error into a positioned finding in an
// author's words (no Go type names).
func fromYAMLError(file string, err error, names []string) Finding {
	f := Finding{File: file, Line: 1, Col: 1, Severity: SevError, Code: CodeYAMLSyntax, Message: err.Error()}
	var ye yaml.Error
	if errors.As(err, &ye) {
		if tk := ye.GetToken(); tk != nil {
			f.Line, f.Col = tk.Position.Line, tk.Position.Column
		}
		f.Message = ye.GetMessage()
	}
	var unk *yaml.UnknownFieldError
	var typ *yaml.TypeError
	var dup *yaml.DuplicateKeyError
	switch {
	case errors.As(err, &unk):
		f.Code = CodeUnknownField
		name := ""
		if unk.Token != nil {
			name = unk.Token.Value
		}
		f.Message = fmt.Sprintf("unknown field %q", name)
		if s := closest(name, names); s != "" {
			f.Message += fmt.Sprintf("; did you mean %q?", s)
		} else {
			f.Message += "; see docs/quiz-format.md for the fields of an item"
		}
	case errors.As(err, &typ):
		f.Code = CodeWrongType
		f.Message = "wrong kind of value"
		if typ.SrcType != nil {
			f.Message = "found " + kindWords(typ.SrcType)
		}
		if typ.DstType != nil {
			f.Message += "; expected " + kindWords(typ.DstType)
		}
	case errors.As(err, &dup):
		f.Code = CodeDuplicateKey
		f.Message = strings.TrimSpace(dup.Message) + "; write each key once"
	default:
		if strings.Contains(f.Message, "already defined") {
			f.Code = CodeDuplicateKey
		}
		if strings.Contains(f.Message, "cannot unmarshal") {
			f.Code = CodeWrongType
		}
	}
	f.Message = strings.TrimSpace(f.Message)
	return f
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

// closest suggests the nearest of names, or "".
func closest(s string, names []string) string {
	c, _ := suggest.Closest(s, names)
	return c
}

// yamlNames lists the yaml field names of struct types, for "did you mean".
func yamlNames(vs ...any) []string {
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

var itemNames = yamlNames(itemFile{})
