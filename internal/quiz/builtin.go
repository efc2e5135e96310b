package quiz

import (
	"sync"

	"github.com/iamlab/iamlab/content"
	"github.com/iamlab/iamlab/internal/diag"
)

// BuiltinRoot is the bank's folder inside content.FS.
const BuiltinRoot = "quiz"

var builtin = sync.OnceValues(func() (*Bank, []diag.Diagnostic) { return LoadBank(content.FS, BuiltinRoot) })

// Builtin is the quiz bank embedded in the binary, loaded once. Items with
// problems are still returned; sessions skip those that cannot be played.
func Builtin() (*Bank, []diag.Diagnostic) { return builtin() }

// CheckBuiltin checks the embedded bank for `iamlab check`: loading
// problems and Check's findings together, sorted, with file paths as in
// the repository ("content/quiz/a-evaluation.yaml"). It checks the bank
// Builtin caches, which it returns too, so that a caller counting the
// items does not load the slowest part of the content twice.
func CheckBuiltin() (*Bank, []diag.Diagnostic) {
	b, probs := Builtin()
	out := append([]diag.Diagnostic(nil), probs...)
	if b != nil {
		out = append(out, Check(b)...)
	}
	for i := range out {
		if out[i].File != "" {
			out[i].File = "content/" + out[i].File
		}
	}
	diag.Sort(out)
	return b, out
}
