package eval_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// TestDocs_EveryRuleIdDocumented keeps the rule ids and the rule book in
// step: every Rule constant of the engine is named in
// docs/evaluation-rules.md next to its rule, and every id the document
// names is one the engine can return.
func TestDocs_EveryRuleIdDocumented(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "evaluation-rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	af, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range af.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Rule" {
				continue
			}
			for _, v := range vs.Values {
				lit := v.(*ast.BasicLit)
				ids[strings.Trim(lit.Value, `"`)] = true
			}
		}
	}
	if len(ids) < 15 {
		t.Fatalf("found %d rule ids in rules.go, want every rule", len(ids))
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile("rules?\\s+((?:`[a-z-]+`(?:,\\s*)?)+)").FindAllStringSubmatch(string(src), -1) {
		for _, id := range regexp.MustCompile("`([a-z-]+)`").FindAllStringSubmatch(m[1], -1) {
			named[id[1]] = true
			if !ids[id[1]] {
				t.Errorf("docs/evaluation-rules.md names rule %q, which the engine does not have", id[1])
			}
		}
	}
	for id := range ids {
		if !named[id] {
			t.Errorf("rule %q is not documented in docs/evaluation-rules.md", id)
		}
	}
}
