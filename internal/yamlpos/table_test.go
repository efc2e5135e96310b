package yamlpos

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"
)

// sameAnswers fails unless the table, and the table saved and read back,
// answer every question the tree answers, at every path written, at a
// child of each that was not, and at the root.
func sameAnswers(t *testing.T, name string, src []byte) {
	t.Helper()
	f, err := parser.ParseBytes(src, 0)
	if err != nil || len(f.Docs) != 1 {
		return
	}
	ref := refIndex(src, f.Docs[0].Body)
	table := Index(src, f.Docs[0].Body)
	b, _ := table.AppendBinary([]byte("head"))
	read, rest, err := ReadDoc(append(b[len("head"):], "tail"...))
	if err != nil || string(rest) != "tail" {
		t.Fatalf("%s: read back: %v, rest %q", name, err, rest)
	}
	if !reflect.DeepEqual(read, table) {
		t.Fatalf("%s: the table read back differs from the one saved", name)
	}
	paths := []string{""}
	for p := range ref.nodes {
		paths = append(paths, p, Join(p, "not-written"), Join(p, 99))
	}
	for p := range ref.keys {
		paths = append(paths, p)
	}
	type answers struct {
		Pos, Field, Key, Block [3]any
		Has                    bool
		Scalars                map[string]string
	}
	ask := func(pos, field, key, block func(string) (int, int, bool), has func(string) bool, scalars func(string) iter2, p string) answers {
		three := func(l, c int, ok bool) [3]any { return [3]any{l, c, ok} }
		a := answers{Pos: three(pos(p)), Field: three(field(p)), Key: three(key(p)), Block: three(block(p)), Has: has(p)}
		// Scalars walks every path: asked under the root and the top
		// level only, or the comparison is quadratic.
		if !strings.ContainsRune(p, sep) {
			a.Scalars = maps.Collect(scalars(p))
		}
		return a
	}
	for _, d := range []*Doc{table, read} {
		for _, p := range paths {
			want := ask(ref.Pos, ref.FieldPos, ref.KeyPos, ref.BlockStart, ref.Has, func(s string) iter2 { return iter2(ref.Scalars(s)) }, p)
			got := ask(d.Pos, d.FieldPos, d.KeyPos, d.BlockStart, d.Has, func(s string) iter2 { return iter2(d.Scalars(s)) }, p)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: at %q the table answers %+v, the tree %+v", name, strings.ReplaceAll(p, string(rune(sep)), "."), got, want)
			}
		}
	}
}

type iter2 = func(func(string, string) bool)

// TestTableMatchesTree compares the two over every YAML file in the
// repository: the built-in packs, the quiz bank and the broken testdata.
func TestTableMatchesTree(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sameAnswers(t, p, src)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 150 {
		t.Fatalf("compared %d files; the repository has over 150", n)
	}
}

func FuzzTableMatchesTree(f *testing.F) {
	for _, s := range []string{src, "a: |\n\n  x\n", "- [a, {b: c}]\n- d\n", "k:\n  - |2\n     x\n", "? a\n: b\n", "a: !t x\nb: &x y\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || CheckDepth(src) != nil {
			return
		}
		if !parses(src) {
			return
		}
		sameAnswers(t, "fuzz", src)
	})
}

// parses reports whether the parser takes src without panicking: its own
// panics are not what these fuzzers look for.
func parses(src []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := parser.ParseBytes(src, 0)
	return err == nil
}

// FuzzReadDoc: no bytes make ReadDoc panic, and a table it reads is saved
// and read again as the same table.
func FuzzReadDoc(f *testing.F) {
	tree, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		f.Fatal(err)
	}
	b, _ := Index([]byte(src), tree.Docs[0].Body).AppendBinary(nil)
	f.Add(b)
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _, err := ReadDoc(b)
		if err != nil {
			return
		}
		saved, _ := d.AppendBinary(nil)
		again, rest, err := ReadDoc(saved)
		if err != nil || len(rest) != 0 || !reflect.DeepEqual(again, d) {
			t.Fatalf("read %x, saved %x, read again: %v", b, saved, err)
		}
	})
}
