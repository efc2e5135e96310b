package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// yamlDoc is one decoded YAML file with a map from field paths to
// positions, so problems found after decoding (an unknown topic, a policy
// error inside a block string) still point at the line an author edits.
type yamlDoc struct {
	file  string // display name
	src   []byte
	nodes map[string]ast.Node // path → value node
	keys  map[string]ast.Node // path → key node
}

// pth builds a position-map key from field names and indexes:
// pth("checks", 0, "as"). The separator cannot occur in YAML keys authors
// write, so document IDs with "/" and ":" are safe as keys.
func pth(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(0x1f)
		}
		switch v := p.(type) {
		case int:
			b.WriteString("#" + strconv.Itoa(v))
		case string:
			b.WriteString(v)
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// join extends a path.
func join(base string, parts ...any) string {
	if base == "" {
		return pth(parts...)
	}
	return base + "\x1f" + pth(parts...)
}

// decodeYAML parses src strictly into v. Unknown fields, wrong types and
// duplicate keys are findings positioned at the offending token; names
// lists the field names of the format for "did you mean".
func decodeYAML(file string, src []byte, v any, names []string) (doc *yamlDoc, fs []Finding) {
	// The YAML library can panic on some malformed input (found by
	// FuzzLoadScenario); a hostile pack must not crash iamlab.
	defer func() {
		if r := recover(); r != nil {
			doc, fs = nil, []Finding{{Code: CodeYAMLSyntax, Severity: SevError, File: file, Line: 1, Col: 1, Message: "the YAML could not be read", Expected: "well-formed YAML (the parser gave up on this file)"}}
		}
	}()
	doc = &yamlDoc{file: file, src: src, nodes: map[string]ast.Node{}, keys: map[string]ast.Node{}}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, []Finding{doc.fromYAMLError(err, names)}
	}
	if len(f.Docs) > 1 {
		return nil, []Finding{{Code: CodeYAMLSyntax, Severity: SevError, File: file, Line: 1, Col: 1, Message: "more than one YAML document (---) in the file", Expected: "exactly one"}}
	}
	if len(f.Docs) == 1 && f.Docs[0].Body != nil {
		if bad := doc.noAliases(f.Docs[0].Body); len(bad) > 0 {
			return nil, bad
		}
		doc.index("", f.Docs[0].Body)
		if unk := doc.unknownKeys(f.Docs[0].Body, reflect.TypeOf(v)); len(unk) > 0 {
			return nil, unk
		}
	}
	if err := yaml.UnmarshalWithOptions(src, v, yaml.DisallowUnknownField()); err != nil {
		return nil, []Finding{doc.fromYAMLError(err, names)}
	}
	return doc, doc.sanitizeTree(reflect.ValueOf(v), "")
}

func (d *yamlDoc) index(at string, n ast.Node) {
	n = unwrap(n)
	if n == nil {
		return
	}
	d.nodes[at] = n
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			d.indexPair(at, mv)
		}
	case *ast.MappingValueNode:
		d.indexPair(at, n)
	case *ast.SequenceNode:
		for i, item := range n.Values {
			d.index(join(at, i), item)
		}
	}
}

func (d *yamlDoc) indexPair(at string, mv *ast.MappingValueNode) {
	key := strings.TrimSpace(mv.Key.String())
	if s, ok := unwrap(mv.Key).(*ast.StringNode); ok {
		key = s.Value
	}
	p := join(at, key)
	d.keys[p] = mv.Key
	d.index(p, mv.Value)
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

// pos returns the position of the value at path, or of its nearest
// ancestor that exists (a missing field points at its parent mapping).
func (d *yamlDoc) pos(path string) (int, int) {
	if d == nil {
		return 0, 0
	}
	for {
		if n, ok := d.nodes[path]; ok && n != nil {
			if tk := n.GetToken(); tk != nil {
				line, col := tk.Position.Line, tk.Position.Column
				// A mapping's token is its first ':'; point at the first key instead.
				if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
					if kt := m.Values[0].Key.GetToken(); kt != nil {
						line, col = kt.Position.Line, kt.Position.Column
					}
				}
				if mv, ok := n.(*ast.MappingValueNode); ok {
					if kt := mv.Key.GetToken(); kt != nil {
						line, col = kt.Position.Line, kt.Position.Column
					}
				}
				return line, col
			}
		}
		if k, ok := d.keys[path]; ok {
			if tk := k.GetToken(); tk != nil {
				return tk.Position.Line, tk.Position.Column
			}
		}
		i := strings.LastIndexByte(path, 0x1f)
		if i < 0 {
			if path == "" {
				return 1, 1
			}
			path = ""
			continue
		}
		path = path[:i]
	}
}

// keyPos is the position of the key of the field at path (for "this field
// is not allowed here"), falling back to the value.
func (d *yamlDoc) keyPos(path string) (int, int) {
	if d != nil {
		if k, ok := d.keys[path]; ok && k.GetToken() != nil {
			return k.GetToken().Position.Line, k.GetToken().Position.Column
		}
	}
	return d.pos(path)
}

// has reports whether the author wrote the field at path.
func (d *yamlDoc) has(path string) bool {
	_, ok := d.keys[path]
	return ok
}

// at makes a finding positioned at the value of path.
func (d *yamlDoc) at(path, code, msg, expected string) Finding {
	l, c := d.pos(path)
	return Finding{Code: code, Severity: SevError, File: d.file, Line: l, Col: c, Message: msg, Expected: expected}
}

// blockStart tells where the text of a `key: |` literal block begins in the
// file, so a JSON error at (line, col) of the text maps to the YAML file.
// It returns ok=false for plain, quoted or folded scalars, whose text does
// not map line for line.
func (d *yamlDoc) blockStart(path string) (line, col int, ok bool) {
	n, found := d.nodes[path]
	if !found {
		return 0, 0, false
	}
	lit, isLit := n.(*ast.LiteralNode)
	if !isLit || lit.Start == nil || lit.Start.Value == "" || lit.Start.Value[0] != '|' {
		return 0, 0, false
	}
	first := lit.Start.Position.Line + 1
	lines := strings.Split(string(d.src), "\n")
	// Skip blank lines before the content; the indentation of the first
	// content line is the block's indentation.
	for first-1 < len(lines) && strings.TrimSpace(lines[first-1]) == "" {
		first++
	}
	if first-1 >= len(lines) {
		return 0, 0, false
	}
	l := lines[first-1]
	indent := len(l) - len(strings.TrimLeft(l, " "))
	return first, indent + 1, true
}

// fromYAMLError turns a go-yaml error into a positioned finding with words
// an author understands (no Go type names).
func (d *yamlDoc) fromYAMLError(err error, names []string) Finding {
	f := Finding{Code: CodeYAMLSyntax, Severity: SevError, File: d.file, Line: 1, Col: 1, Message: err.Error()}
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
			f.Expected = fmt.Sprintf("did you mean %q?", s)
		} else {
			f.Expected = "see docs/authoring.md for the fields of this file"
		}
	case errors.As(err, &typ):
		f.Code = CodeWrongType
		f.Message = "wrong kind of value"
		if typ.SrcType != nil {
			f.Message = "found " + kindWords(typ.SrcType)
		}
		if typ.DstType != nil {
			f.Expected = "expected " + kindWords(typ.DstType)
		}
	case errors.As(err, &dup):
		f.Code = CodeDuplicateKey
		f.Message = dup.Message
		f.Expected = "write each key once"
	default:
		if strings.Contains(f.Message, "already defined") {
			f.Code = CodeDuplicateKey
			f.Expected = "write each key once"
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

// closest suggests the nearest known name within a small edit distance.
func closest(s string, names []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, n := range names {
		if strings.ToLower(n) == ls {
			return n
		}
		if d := editDistance(ls, strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// yamlNames lists the yaml field names of the given struct types, for
// "did you mean".
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
			if name != "" && name != "-" {
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

// noAliases refuses YAML anchors and aliases. Packs come from anywhere, and
// aliases can expand a small file into a huge value ("billion laughs");
// scenario files are short enough to write out.
func (d *yamlDoc) noAliases(body ast.Node) []Finding {
	var out []Finding
	ast.Walk(visitFunc(func(n ast.Node) {
		switch n.(type) {
		case *ast.AliasNode, *ast.AnchorNode:
			f := Finding{Code: CodeYAMLSyntax, Severity: SevError, File: d.file, Message: "YAML anchors and aliases (&name, *name) are not allowed in packs", Expected: "write the value out; use a shared world (world: <name>) to reuse a world"}
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
