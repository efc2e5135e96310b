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

// CheckBuiltin loads and checks the embedded bank for `iamlab check`:
// loading problems and Check's findings together, sorted, with file paths
// as in the repository ("content/quiz/a-evaluation.yaml").
func CheckBuiltin() []diag.Diagnostic {
	b, probs := LoadBank(content.FS, BuiltinRoot)
	out := append(probs, Check(b)...)
	for i := range out {
		if out[i].File != "" {
			out[i].File = "content/" + out[i].File
		}
	}
	diag.Sort(out)
	return out
}
