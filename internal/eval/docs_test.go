package eval_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestDocs_EvaluationRulesNameRealTests keeps docs/evaluation-rules.md
// honest: every test it names as pinning a rule exists, in this package or
// (written sandbox.TestXxx) in the sandbox's.
func TestDocs_EvaluationRulesNameRealTests(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "evaluation-rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	funcs := func(dir string) map[string]bool {
		out := map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, f := range files {
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range af.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					out[fd.Name.Name] = true
				}
			}
		}
		return out
	}
	here, sandbox := funcs("."), funcs(filepath.Join("..", "sandbox"))
	if len(here) == 0 || len(sandbox) == 0 {
		t.Fatal("no test functions found")
	}
	named := 0
	for _, m := range regexp.MustCompile("`(sandbox\\.)?((?:Test|Fuzz)[A-Za-z0-9_]+)`").FindAllStringSubmatch(string(src), -1) {
		named++
		set := here
		if m[1] != "" {
			set = sandbox
		}
		if !set[m[2]] {
			t.Errorf("docs/evaluation-rules.md names %s%s, which does not exist", m[1], m[2])
		}
	}
	if named < 50 {
		t.Errorf("only %d tests named: the document is meant to pin every rule", named)
	}
}
