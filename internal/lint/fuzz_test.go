package lint

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// FuzzPolicy: whatever a learner types, the linter answers with findings,
// never a panic, and every finding has a code and a position when the
// document has any content.
func FuzzPolicy(f *testing.F) {
	for _, c := range codeCases {
		f.Add(c.src, uint8(c.typ))
	}
	f.Add(string(fiftyStatements()), uint8(0))
	f.Fuzz(func(t *testing.T, src string, typ uint8) {
		pt := eval.PolicyType(typ % 9)
		fs := Policy([]byte(src), pt)
		for _, fd := range fs {
			if fd.Code == "" || fd.Severity == 0 || fd.Message == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
		Auto([]byte(src))
		if p, err := eval.Parse([]byte(src), pt); err == nil {
			GrantsOf(p)
		}
	})
}
