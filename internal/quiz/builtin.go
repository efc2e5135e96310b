package quiz

import (
	"io/fs"
	"sync"

	"github.com/iamlab/iamlab/content"
)

// BuiltinRoot is the bank's folder inside content.FS.
const BuiltinRoot = "quiz"

var builtin = sync.OnceValues(func() (*Bank, []Finding) { return LoadBank(content.FS, BuiltinRoot) })

// Builtin is the quiz bank embedded in the binary, loaded once. Items with
// problems are still returned; sessions skip those that cannot be played.
func Builtin() (*Bank, []Finding) { return builtin() }

// CheckBuiltin loads and checks the embedded bank for `iamlab check`:
// loading problems and Check's findings together, sorted, with file paths
// as in the repository ("content/quiz/a-evaluation.yaml").
func CheckBuiltin() []Finding {
	b, probs := LoadBank(content.FS, BuiltinRoot)
	out := append(probs, Check(b)...)
	for i := range out {
		if out[i].File != "" {
			out[i].File = "content/" + out[i].File
		}
	}
	SortFindings(out)
	return out
}

// CheckBuiltinLessons checks the embedded lessons against the known
// scenario ids (see CheckLessons).
func CheckBuiltinLessons(scenarioIDs []string) []Finding {
	sub, err := fs.Sub(content.FS, "lessons")
	if err != nil {
		return []Finding{{File: "content/lessons", Severity: SevError, Code: CodeUnreadable, Message: err.Error()}}
	}
	out := CheckLessons(sub, scenarioIDs)
	for i := range out {
		if out[i].File != "" {
			out[i].File = "content/lessons/" + out[i].File
		}
	}
	return out
}
