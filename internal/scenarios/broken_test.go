package scenarios

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the want.txt files of testdata/broken")

// Each folder of testdata/broken is a pack with deliberate mistakes; its
// want.txt lists the exact findings, positions included, that `iamlab
// check` must report. Run with -update after reviewing a change.
func TestBrokenPacks(t *testing.T) {
	dirs, err := filepath.Glob("testdata/broken/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no broken packs: %v", err)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			p, _ := Load(os.DirFS(dir), ".", name)
			got := render(CheckLibrary(&Library{Packs: []*Pack{p}}))
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", wantFile, got, want)
			}
		})
	}
}

// render writes findings one per line. Messages written by other packages
// (the sandbox, the engine, the linter) are left out for the codes that
// carry them, so rewording there does not break this test; the code and
// the position still must match.
func render(fs []diag.Diagnostic) string {
	var b strings.Builder
	for _, f := range fs {
		switch f.Code {
		case CodeWorld, CodeCall, CodePolicySyntax, CodePolicyLint, CodeAnswerKey:
			f.Message, f.Expected = "(message from the "+origin[f.Code]+")", ""
		}
		b.WriteString(f.Severity.String() + " " + f.Code + " " + f.String() + "\n")
	}
	return b.String()
}

var origin = map[string]string{CodeWorld: "sandbox", CodeCall: "sandbox", CodePolicySyntax: "engine", CodePolicyLint: "linter", CodeAnswerKey: "engine"}
