package scenarios

import "testing"

// Loading and checking the whole built-in library must stay well under a
// second: `iamlab check` runs it, and the TUI loads it at start.
func BenchmarkLoadAndCheckLibrary(b *testing.B) {
	for b.Loop() {
		lib := LoadLibrary(LibraryOptions{})
		if fs := CheckLibrary(lib); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

func BenchmarkLoadLibrary(b *testing.B) {
	for b.Loop() {
		LoadLibrary(LibraryOptions{})
	}
}

func BenchmarkGradeBuild(b *testing.B) {
	s := builtIn(b, "ec2-instance-role")
	w, err := SolutionWorld(s)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		GradeBuild(s, w, 0, 1)
	}
}
