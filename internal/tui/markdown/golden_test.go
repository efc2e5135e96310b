package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite testdata/sample.golden")
	}
}

// TestRenderGolden pins the rendering, escapes included, of
// testdata/sample.md: lessons, briefings and debriefs from the built-in
// content (tables, fences, nested and loose lists, quotes, indented code,
// code spans over two lines) and the constructs no built-in text uses
// yet. The golden was made when the parser of our own rendered all 1,624
// built-in texts byte for byte as goldmark did; `go test -update`
// rewrites it, and review reads the change as a diff.
func TestRenderGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "sample.md"))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, v := range []theme.Variant{theme.VariantDark, theme.VariantNoColor} {
		for _, w := range []int{40, 100} {
			fmt.Fprintf(&sb, "==== %v, width %d\n", v, w)
			for _, l := range Render(string(src), w, v) {
				sb.WriteString(strings.ReplaceAll(l, "\x1b[", `\e[`) + "\n")
			}
		}
	}
	got := sb.String()
	path := filepath.Join("testdata", "sample.golden")
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("%s differs from line %d:\n got %s\nwant %s\n(go test -update rewrites it)", path, i+1, g[i], w[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d (go test -update rewrites it)", path, len(g), len(w))
	}
}
