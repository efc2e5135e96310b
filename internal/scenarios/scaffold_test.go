package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// A scaffold loads (its structure is valid) but cannot pass `iamlab check`
// until the author replaces the TODOs and makes the answer key hold.
func TestScaffoldLoadsButFails(t *testing.T) {
	for _, k := range []Kind{Build, Predict, Choose} {
		t.Run(string(k), func(t *testing.T) {
			dir := t.TempDir()
			files, err := Scaffold("my-"+string(k), k)
			if err != nil {
				t.Fatal(err)
			}
			files["pack.yaml"] = ScaffoldPack(PackIDFrom("My Pack!"))
			for name, text := range files {
				write(t, filepath.Join(dir, filepath.FromSlash(name)), text)
			}
			p, probs := Load(os.DirFS(dir), ".", "mine")
			for _, f := range probs {
				if f.Code != CodeTODO {
					t.Errorf("load problem: %s %s", f.Code, f)
				}
			}
			if len(p.Scenarios) != 1 {
				t.Fatalf("scaffold did not load: %v", probs)
			}
			codes := map[string]int{}
			for _, f := range CheckLibrary(&Library{Packs: []*Pack{p}}) {
				codes[f.Code]++
			}
			if codes[CodeTODO] == 0 {
				t.Error("no TODO findings")
			}
			want := map[Kind]string{Build: CodeSolutionFails, Predict: CodeAnswerKey, Choose: CodeAnswerKey}[k]
			if codes[want] == 0 {
				t.Errorf("no %s finding; got %v", want, codes)
			}
		})
	}
}

func TestScaffoldRejectsBadInput(t *testing.T) {
	if _, err := Scaffold("Not Kebab", Build); err == nil {
		t.Error("accepted a bad id")
	}
	if _, err := Scaffold("ok-id", "quiz"); err == nil {
		t.Error("accepted a bad kind")
	}
	if got := PackIDFrom("My Pack!"); got != "my-pack" {
		t.Errorf("PackIDFrom = %q", got)
	}
}
