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
	GradeBuild(s, w, 0, 1) // the catalogue compiles its ARN templates once, on first use
	for b.Loop() {
		GradeBuild(s, w, 0, 1)
	}
}

// Grading a policy that grants most of the catalogue: the measure expands
// NotAction to every other action and checks each against its resource
// types.
func BenchmarkGradeBuildNotAction(b *testing.B) {
	s := builtIn(b, "ec2-instance-role")
	w, err := s.World.WithDocument(appRole, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":["arn:aws:s3:::acme-app-data","arn:aws:s3:::acme-app-data/*"]}]}`)
	if err != nil {
		b.Fatal(err)
	}
	GradeBuild(s, w, 0, 1)
	for b.Loop() {
		GradeBuild(s, w, 0, 1)
	}
}

// BenchmarkLoadLibraryCached is the trainer's start: every built-in file
// read back from the packs decoded in advance (issue 17).
func BenchmarkLoadLibraryCached(b *testing.B) {
	for b.Loop() {
		c := OpenDecodeCache("", "")
		LoadLibrary(LibraryOptions{Cache: c})
		if _, decoded := c.Stats(); decoded != 0 {
			b.Fatalf("%d files decoded", decoded)
		}
		c.Close()
	}
}
