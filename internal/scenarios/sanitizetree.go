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
func (d *yamlDoc) sanitizeTree(v reflect.Value, at string) []diag.Diagnostic {
	var out []diag.Diagnostic
	warn := func(path string) {
		f := d.at(path, CodeSanitized, "control characters or terminal escape sequences were removed from this value", "write plain text; Markdown is fine")
		f.Severity = diag.Warning
		out = append(out, f)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = append(out, d.sanitizeTree(v.Elem(), at)...)
		}
	case reflect.String:
		if clean, changed := sanitize(v.String()); changed && v.CanSet() {
			v.SetString(clean)
			warn(at)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			p := at
			if name != "" && name != "-" {
				p = join(at, name)
			}
			// worldRef's fields are not YAML keys: its value is the world.
			out = append(out, d.sanitizeTree(v.Field(i), p)...)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			out = append(out, d.sanitizeTree(v.Index(i), join(at, i))...)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return out
		}
		for _, k := range v.MapKeys() {
			key := k.String()
			val := reflect.New(v.Type().Elem()).Elem()
			val.Set(v.MapIndex(k))
			out = append(out, d.sanitizeTree(val, join(at, key))...)
			clean, changed := sanitize(key)
			if changed {
				l, c := d.keyPos(join(at, key))
				out = append(out, diag.Diagnostic{Code: CodeSanitized, Severity: diag.Warning, File: d.file, Line: l, Col: c,
					Message: "control characters or terminal escape sequences were removed from this key", Expected: "write plain text"})
				v.SetMapIndex(k, reflect.Value{})
			}
			v.SetMapIndex(reflect.ValueOf(clean).Convert(v.Type().Key()), val)
		}
	}
	return out
}
