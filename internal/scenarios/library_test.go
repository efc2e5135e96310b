package scenarios

import (
	"testing"
)

// The built-in library must pass its own checks: a finding here would ship.
func TestBuiltInLibraryIsClean(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	if len(lib.Packs) == 0 {
		t.Fatal("no built-in packs")
	}
	for _, f := range CheckLibrary(lib) {
		t.Errorf("%s: %s", f.Code, f)
	}
	n := 0
	for _, p := range lib.Packs {
		n += len(p.Scenarios)
	}
	if n < 4 {
		t.Errorf("%d scenarios loaded, want at least 4", n)
	}
}
