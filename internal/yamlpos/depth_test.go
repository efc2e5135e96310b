package yamlpos

import (
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

func TestCheckDepth(t *testing.T) {
	deepFlow := strings.Repeat("[", 16000)
	deepBlock := ""
	for i := 0; i < MaxDepth+1; i++ {
		deepBlock += strings.Repeat(" ", i) + "k:\n"
	}
	compact := strings.Repeat("- ", MaxDepth+1) + "x\n"
	for _, tc := range []struct {
		name, src       string
		deep            bool
		line, col       int
		acceptableDepth bool
	}{
		{name: "flow", src: "a: " + deepFlow, deep: true, line: 1, col: 3 + MaxDepth},
		{name: "flow mapping", src: "a:\n  b: " + strings.Repeat("{x: ", MaxDepth+1), deep: true, line: 2, col: 6 + 4*(MaxDepth-2)},
		{name: "block", src: deepBlock, deep: true, line: MaxDepth + 1, col: MaxDepth + 1},
		{name: "compact sequences", src: compact, deep: true, line: 1, col: 2*MaxDepth + 1},
		{name: "at the limit", src: "a: " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1)},
		// Brackets that are text, not structure.
		{name: "quoted", src: "a: \"" + deepFlow + "\"\nb: '" + deepFlow + "'\n"},
		{name: "comment", src: "a: 1 # " + deepFlow + "\n"},
		{name: "plain scalar", src: "a: x" + deepFlow + "\n"},
		{name: "literal block", src: "doc: |\n  " + deepFlow + "\n  more\nnext: 1\n"},
		{name: "folded block in a list", src: "- d: >-\n    " + deepFlow + "\n- e\n"},
		{name: "multi-line quoted", src: "a: \"x\n  " + deepFlow + "\"\nb: 1\n"},
		{name: "sibling keys do not add up", src: strings.Repeat("a:\n  b: 1\n", 1000)},
		{name: "closed flows do not add up", src: strings.Repeat("- [[1], {a: [2]}]\n", 1000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDepth([]byte(tc.src))
			if !tc.deep {
				if err != nil {
					t.Fatalf("refused: %+v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Line != tc.line || err.Col != tc.col || err.Code != CodeSyntax || !strings.Contains(err.Message, "nested") {
				t.Fatalf("got %d:%d %s %q, want %d:%d", err.Line, err.Col, err.Code, err.Message, tc.line, tc.col)
			}
		})
	}
}

// CheckDepth must cost time in proportion to the input, whatever its shape.
func BenchmarkCheckDepth(b *testing.B) {
	for _, tc := range []struct{ name, src string }{
		{"brackets", strings.Repeat("[", 240<<10)},
		{"closed", strings.Repeat("[[[]]]", 40<<10)},
		{"quotes", strings.Repeat(`"\"`, 120<<10)},
		{"lines", strings.Repeat("a:\n  - b: [1, 2]\n", 15<<10)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.src)))
			for b.Loop() {
				CheckDepth([]byte(tc.src))
			}
		})
	}
}

// What CheckDepth accepts, go-yaml must see as at most MaxDepth levels of
// collections: the scanner may count levels that are not there, never miss
// one. That bound is what keeps go-yaml's time linear in the file's size.
func FuzzCheckDepth(f *testing.F) {
	for _, s := range []string{
		"a: [1, {b: [2]}]\n", "- - - x\n", "a:\n  b:\n    - c: |\n        [[[\n", "a: \"[[\\\"[\"\n",
		"a: 'it''s [['\n", "k: x # [[[\n", "? [a]\n: b\n", "a: &x [1]\nb: *x\n", "- >-\n [[[\n- [\n",
		"a: [\n  [\n   [1]]]\n", "a: \"x\n  [[[\" \nb: [[1]]\n", strings.Repeat("[", 40), strings.Repeat("- ", 40) + "x",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || CheckDepth(src) != nil {
			return
		}
		file, err := parser.ParseBytes(src, 0)
		if err != nil {
			return
		}
		for _, d := range file.Docs {
			if got := astDepth(d.Body, false); got > MaxDepth {
				t.Fatalf("CheckDepth accepted %q, which go-yaml reads %d levels deep", src, got)
			}
		}
	})
}

// astDepth counts nested collections; a key-value pair is a level of its
// own only when go-yaml does not wrap it in a mapping.
func astDepth(n ast.Node, inMapping bool) int {
	deepest := 0
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, v := range n.Values {
			deepest = max(deepest, astDepth(v, true))
		}
		return 1 + deepest
	case *ast.MappingValueNode:
		d := max(astDepth(n.Key, false), astDepth(n.Value, false))
		if inMapping {
			return d
		}
		return 1 + d
	case *ast.SequenceNode:
		for _, v := range n.Values {
			deepest = max(deepest, astDepth(v, false))
		}
		return 1 + deepest
	case *ast.TagNode:
		return astDepth(n.Value, inMapping)
	case *ast.AnchorNode:
		return astDepth(n.Value, inMapping)
	case *ast.MappingKeyNode:
		return astDepth(n.Value, false)
	}
	return 0
}

// Explaining a syntax error must not cost more than the file: go-yaml's
// own message rebuilds the offending line token by token, which is
// quadratic in the line's length (a 240 KB line took 30 s).
func TestExplainCostIsLinear(t *testing.T) {
	src := []byte("a: " + strings.Repeat("- ", 20000) + "\n")
	_, err := parser.ParseBytes(src, 0)
	if err == nil {
		t.Fatal("want a syntax error")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	e := Explain(err)
	runtime.ReadMemStats(&after)
	if e.Line != 1 || e.Col != 4 {
		t.Fatalf("position %d:%d", e.Line, e.Col)
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 16*uint64(len(src)) {
		t.Fatalf("Explain allocated %d bytes for a %d-byte file", used, len(src))
	}
}
