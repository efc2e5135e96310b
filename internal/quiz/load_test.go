package quiz

import (
	"os"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
)

// Deliberately broken files: each problem must point at the exact token.
func TestBrokenFilesArePositioned(t *testing.T) {
	cases := []struct {
		file      string
		code      string
		line, col int
		frag      string
	}{
		{"unknown-field.yaml", CodeUnknownField, 4, 3, `did you mean "options"?`},
		{"wrong-type.yaml", CodeWrongType, 10, 15, "expected a whole number"},
		{"syntax.yaml", CodeYAMLSyntax, 3, 9, ""},
		{"not-a-list.yaml", CodeYAMLSyntax, 1, 3, "must be a list of items"},
		{"bad-type.yaml", CodeBadValue, 2, 9, `did you mean "single"?`},
	}
	b, probs := LoadBank(os.DirFS("testdata"), "broken")
	for _, c := range cases {
		var got *diag.Diagnostic
		for i := range probs {
			if strings.HasSuffix(probs[i].File, c.file) {
				got = &probs[i]
			}
		}
		if got == nil {
			t.Errorf("%s: no problem reported", c.file)
			continue
		}
		if got.Code != c.code || got.Line != c.line || got.Col != c.col || !strings.Contains(got.Message, c.frag) {
			t.Errorf("%s: got %s [%s], want %d:%d [%s] mentioning %q", c.file, got, got.Code, c.line, c.col, c.code, c.frag)
		}
		if got.File != "broken/"+c.file {
			t.Errorf("%s: file %q", c.file, got.File)
		}
	}
	if len(b.Items) != 0 {
		t.Errorf("broken items must not load, got %d", len(b.Items))
	}
}

// A broken item does not hide the good ones in the same file.
func TestBrokenItemKeepsOthers(t *testing.T) {
	b, probs := bankOf(t, map[string]string{"a.yaml": item("good-one", "implicit-deny") + "- id: bad\n  type: single\n  difficulty: [1]\n" + item("good-two", "explicit-deny")})
	if len(b.Items) != 2 || len(probs) != 1 || probs[0].Line != 18 {
		t.Fatalf("items %d, problems %v", len(b.Items), probs)
	}
	if _, ok := b.Item("good-two"); !ok {
		t.Fatal("good-two not indexed")
	}
}

func TestLoadSkipsReadmeAndUnderscore(t *testing.T) {
	b, probs := bankOf(t, map[string]string{"README.md": "# x", "_draft.yaml": "not: [valid", "a.yaml": item("one", "implicit-deny"), "": ""})
	if len(probs) != 0 || len(b.Items) != 1 {
		t.Fatalf("items %d problems %v", len(b.Items), probs)
	}
	b, probs = bankOf(t, map[string]string{"empty.yaml": "# nothing yet\n"})
	if len(probs) != 0 || len(b.Items) != 0 {
		t.Fatalf("an empty file is no problem: %v", probs)
	}
}

func TestOptionIDsDefaultToLetters(t *testing.T) {
	b, _ := bankOf(t, map[string]string{"a.yaml": item("one", "implicit-deny")})
	it := b.Items[0]
	if it.Options[0].ID != "a" || it.Options[2].ID != "c" || it.Choose != 1 {
		t.Fatalf("%+v", it.Options)
	}
	if it.Exam[0] != "SAA-C03:1.1" || it.Group() != "A" || it.Line != 1 || it.Col != 3 {
		t.Fatalf("exam %v group %q pos %d:%d", it.Exam, it.Group(), it.Line, it.Col)
	}
}

func TestExamplesPassCheck(t *testing.T) {
	b := examplesBank(t)
	if fs := Check(b); diag.HasErrors(fs) || len(fs) > 0 {
		t.Fatalf("examples.yaml must be clean:\n%s", joinFindings(fs))
	}
	types := map[Type]int{}
	for _, it := range b.Items {
		types[it.Type]++
	}
	for _, ty := range []Type{Single, Multiple, Ordering, Matching, Policy} {
		if types[ty] < 2 {
			t.Errorf("examples.yaml has %d %s items, want at least 2", types[ty], ty)
		}
	}
}

func TestCheckBuiltinPaths(t *testing.T) {
	_, found := CheckBuiltin()
	for _, f := range found {
		if !strings.HasPrefix(f.File, "content/quiz/") {
			t.Errorf("finding not under content/quiz: %s", f)
		}
	}
}
