package scenarios

import (
	"reflect"
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
)

// sanitizeTree cleans every string of a decoded file in place: names of
// users and buckets, tags, resources and policies reach a terminal as
// surely as briefings do, and YAML's "\e" escape can put an ESC into any
// double-quoted value. Each cleaned value is reported where it was written.
func (d *yamlDoc) sanitizeTree(v reflect.Value) []diag.Diagnostic {
	s := treeSanitizer{doc: d}
	s.walk(v)
	return s.out
}

// treeSanitizer walks a decoded value keeping the path to it as parts and
// makes the path a string only for a value it reports: nearly every value
// is clean, and building every path was most of the walk's cost.
type treeSanitizer struct {
	doc   *yamlDoc
	parts []any // field names and indexes, as yamlpos.Path takes them
	out   []diag.Diagnostic
}

func (s *treeSanitizer) path() string { return pth(s.parts...) }

func (s *treeSanitizer) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			s.walk(v.Elem())
		}
	case reflect.String:
		if clean, changed := sanitize(v.String()); changed && v.CanSet() {
			v.SetString(clean)
			f := s.doc.at(s.path(), CodeSanitized, "control characters or terminal escape sequences were removed from this value", "write plain text; Markdown is fine")
			f.Severity = diag.Warning
			s.out = append(s.out, f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			// worldRef's fields are not YAML keys: its value is the world.
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				s.walk(v.Field(i))
				continue
			}
			s.parts = append(s.parts, name)
			s.walk(v.Field(i))
			s.parts = s.parts[:len(s.parts)-1]
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			s.parts = append(s.parts, i)
			s.walk(v.Index(i))
			s.parts = s.parts[:len(s.parts)-1]
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		for _, k := range v.MapKeys() {
			key := k.String()
			val := reflect.New(v.Type().Elem()).Elem()
			val.Set(v.MapIndex(k))
			before := len(s.out)
			s.parts = append(s.parts, key)
			s.walk(val)
			clean, changed := sanitize(key)
			if changed {
				l, c := s.doc.keyPos(s.path())
				s.out = append(s.out, diag.Diagnostic{Code: CodeSanitized, Severity: diag.Warning, File: s.doc.file, Line: l, Col: c,
					Message: "control characters or terminal escape sequences were removed from this key", Expected: "write plain text"})
				v.SetMapIndex(k, reflect.Value{})
			}
			s.parts = s.parts[:len(s.parts)-1]
			// A value is written back only when something in it was
			// cleaned (each cleaning is reported) or its key was.
			if changed || len(s.out) > before {
				v.SetMapIndex(reflect.ValueOf(clean).Convert(v.Type().Key()), val)
			}
		}
	}
}
