package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// Deeply nested YAML in a pack (manifest, scenario or shared world) is
// refused at the first level too many, before the YAML library sees it.
func TestDeeplyNestedYAMLIsRefused(t *testing.T) {
	deep := strings.Repeat("[", 16000)
	manifest := "format: 1\nid: deep\ntitle: Deep\n"
	for _, tc := range []struct {
		file string
		fsys fstest.MapFS
		line int
	}{
		{"pack.yaml", fstest.MapFS{"pack.yaml": {Data: []byte(manifest + "order: " + deep)}}, 4},
		{"scenarios/x.yaml", fstest.MapFS{"pack.yaml": {Data: []byte(manifest)}, "scenarios/x.yaml": {Data: []byte("id: x\ntitle: " + deep)}}, 2},
		{"worlds/w.yaml", fstest.MapFS{"pack.yaml": {Data: []byte(manifest)}, "scenarios/x.yaml": {Data: []byte("id: x\nworld: w\n")},
			"worlds/w.yaml": {Data: []byte("accounts:\n  - " + deep)}}, 2},
	} {
		p, probs := Load(tc.fsys, ".", "deep")
		found := false
		for _, f := range probs {
			if f.File == "deep/"+tc.file && f.Code == CodeYAMLSyntax && f.Line == tc.line && strings.Contains(f.Message, "nested more than") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no depth finding at line %d: %v (pack %s)", tc.file, tc.line, probs, p.ID)
		}
	}
}

// The built-in library is far from the limit.
func TestBuiltInYAMLWithinDepth(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	for _, f := range lib.Findings() {
		if strings.Contains(f.Message, "nested more than") {
			t.Errorf("%s", f)
		}
	}
}

// Loading a scenario file costs time in proportion to its size, however it
// nests: compare ns/op across the sizes (each twice the last).
func BenchmarkLoadNested(b *testing.B) {
	manifest := []byte("format: 1\nid: deep\ntitle: Deep\n")
	for _, n := range []int{8 << 10, 16 << 10, 32 << 10, 240 << 10} {
		for _, shape := range []struct{ name, open, close string }{{"flow", "[", ""}, {"closed", "[[[", "]]], "}, {"block", "- ", ""}} {
			body := "id: x\nhints: " + strings.Repeat(shape.open+shape.close, n/len(shape.open+shape.close)) + "\n"
			fsys := fstest.MapFS{"pack.yaml": {Data: manifest}, "scenarios/x.yaml": {Data: []byte(body)}}
			b.Run(fmt.Sprintf("%s-%dKiB", shape.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					Load(fsys, ".", "deep")
				}
			})
		}
	}
}
