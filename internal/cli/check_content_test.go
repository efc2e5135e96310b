package cli

import (
	"strings"
	"testing"
)

// The built-in check covers the lessons and the quiz bank as well as the
// scenario packs.
func TestCheckBuiltinIncludesContent(t *testing.T) {
	code, out, _ := runCLI(t, "", "check")
	if !strings.Contains(out, "quiz items and") || !strings.Contains(out, "lessons checked") {
		t.Fatalf("check did not report the content:\n%s", out)
	}
	if code != 0 {
		t.Fatalf("the built-in library, lessons and quiz bank have errors (exit %d):\n%s", code, out)
	}
	// A path given: only that pack is checked, not the built-in content.
	code, out, _ = runCLI(t, "", "check", t.TempDir())
	if strings.Contains(out, "quiz items") || code != 2 {
		t.Fatalf("checking an empty folder: exit %d\n%s", code, out)
	}
}

// The whole built-in check, which loads the quiz bank once: the number to
// watch when content grows.
func BenchmarkCheckBuiltin(b *testing.B) {
	for b.Loop() {
		var out, errb strings.Builder
		if err := runCheck(&CheckOptions{}, IO{In: strings.NewReader(""), Out: &out, Err: &errb}); err != nil {
			b.Fatal(err, out.String())
		}
	}
}
