package scenarios

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
)

// The reference of list-needs-the-bucket reads acme-catalog/*; the policy
// written from its checks reads the one sheet the check opens. Without its
// broaderReference note, iamlab check warns at the solution's text.
func TestBroaderReferenceIsReported(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	orig, ok := lib.Scenario("list-needs-the-bucket")
	if !ok {
		t.Fatal("no list-needs-the-bucket")
	}
	gen, src, ok := GeneratedPar(orig)
	if !ok || gen != 2 || !strings.Contains(src, "arn:aws:s3:::acme-catalog/products/boots.json") {
		t.Fatalf("generated par %d ok %v:\n%s", gen, ok, src)
	}
	if hasCode(CheckScenario(orig), CodeBroaderReference) {
		t.Fatal("warned although the scenario says why")
	}
	s := *orig
	s.BroaderReference = ""
	var f *diag.Diagnostic
	for _, x := range CheckScenario(&s) {
		if x.Code == CodeBroaderReference {
			f = &x
		}
	}
	if f == nil {
		t.Fatal("no warning for a reference broader than its checks")
	}
	pt := s.solWhere[s.Editable[0]]
	if f.Severity != diag.Warning || f.File != pt.file || f.Line != pt.line || f.Line == 0 || !strings.Contains(f.Message, "breadth 3") || !strings.Contains(f.Message, "has 2") {
		t.Errorf("finding %+v, solution at %s:%d:%d", f, pt.file, pt.line, pt.col)
	}
}

// A note on a reference that is no broader than the generated policy is
// stale, and said so.
func TestStaleBroaderReference(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	orig, _ := lib.Scenario("list-needs-the-bucket")
	s := *orig
	_, src, _ := GeneratedPar(orig)
	s.Solution = map[string]string{s.Editable[0]: src}
	if !hasCode(CheckScenario(&s), CodeBroaderReference) {
		t.Error("a stale broaderReference is not reported")
	}
}

// Only scenarios with one editable identity policy are compared.
func TestGeneratedParOnlyForOneIdentityPolicy(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	n := 0
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			if _, _, ok := GeneratedPar(s); ok {
				n++
				if len(s.Editable) != 1 {
					t.Errorf("%s: compared with %d editable documents", s.ID, len(s.Editable))
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in scenario compared")
	}
}

func hasCode(fs []diag.Diagnostic, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
