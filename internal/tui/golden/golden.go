// Package golden compares a screen, rebuilt as plain text, with the copy
// kept under the test's testdata/golden folder. `go test ./... -update`
// rewrites the copies; a change then shows in review as a text diff of
// what the learner sees.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The -update flag is shared: teatest's own golden helper defines one too,
// and a test binary that links both (the monkey test beside the screen
// tests) must not define it twice. Packages initialise in import-path
// order, so charmbracelet's is defined first when it is linked.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden screens under testdata/golden")
	}
}

// updating reports whether the test runs with -update.
func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// Check strips styling from view, checks it fits width×height, and compares
// it with testdata/golden/<name>.txt.
func Check(t *testing.T, name string, view string, width, height int) {
	t.Helper()
	lines := strings.Split(ansi.Strip(view), "\n")
	if len(lines) != height {
		t.Errorf("%s: the screen is %d lines, want %d", name, len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s: line %d is %d columns wide, more than %d: %q", name, i+1, w, width, l)
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "golden", name+".txt")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: no golden screen (run the test with -update to create it): %v", name, err)
	}
	if string(want) != got {
		t.Errorf("%s: the screen changed (run with -update if intended)\n--- want\n%s--- got\n%s", name, want, got)
	}
}
