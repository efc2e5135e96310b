package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The rules ARCHITECTURE.md states, checked on the import graph (non-test
// files, default build tags) so that they stay true.

const module = "github.com/iamlab/iamlab/"

type pkgInfo struct {
	dir     string
	imports []string // module-relative for this module's packages, else as written
	files   []string
}

func loadPackages(t *testing.T) map[string]pkgInfo {
	t.Helper()
	pkgs := map[string]pkgInfo{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); p != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		bp, err := build.ImportDir(p, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		rel := filepath.ToSlash(p)
		info := pkgInfo{dir: p}
		for _, imp := range bp.Imports {
			info.imports = append(info.imports, strings.TrimPrefix(imp, module))
		}
		for _, f := range bp.GoFiles {
			info.files = append(info.files, filepath.Join(p, f))
		}
		pkgs[rel] = info
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func under(pkg, prefix string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }

func TestArchitecture(t *testing.T) {
	pkgs := loadPackages(t)
	if len(pkgs) < 30 {
		t.Fatalf("found only %d packages; is the test running from the module root?", len(pkgs))
	}

	// The engine is pure: it knows nothing of files, screens, the store or
	// scenarios, so it can be fuzzed, benchmarked and reused alone.
	engine := []string{"internal/arn", "internal/eval", "internal/catalog", "internal/lint", "internal/suggest", "internal/curriculum"}
	impure := []string{"os", "os/exec", "io/fs", "path/filepath", "net/http", "database/sql"}
	for _, e := range engine {
		for _, imp := range pkgs[e].imports {
			if slices.Contains(impure, imp) {
				t.Errorf("%s imports %s: the engine must not touch files, processes or the network", e, imp)
			}
		}
	}

	// Data flows one way: scenario files → sandbox → engine → screens and
	// the store. A layer never imports one above it.
	layers := [][]string{
		{"internal/arn", "internal/suggest", "internal/yamlpos", "internal/jsonpos", "internal/paths", "internal/curriculum", "internal/catalog"},
		{"internal/eval", "internal/evalcase", "internal/lint", "internal/traceview"},
		{"internal/sandbox"},
		{"internal/worldfile", "internal/progress"},
		{"internal/scenarios", "internal/quiz"},
		{"internal/tui"},
		{"internal/cli"},
	}
	level := func(pkg string) int {
		for i, l := range layers {
			for _, p := range l {
				if under(pkg, p) {
					return i
				}
			}
		}
		return -1
	}
	for pkg, info := range pkgs {
		lp := level(pkg)
		if lp < 0 {
			continue
		}
		for _, imp := range info.imports {
			if li := level(imp); li > lp {
				t.Errorf("%s (layer %d) imports %s (layer %d): data flows the other way", pkg, lp, imp, li)
			}
		}
	}

	// Screens never import screens: each is its own model with its own
	// keys and help, composed only by internal/tui/app and internal/tui.
	screens := []string{"home", "lessons", "playground", "progressview", "quizview", "scenario"}
	allowed := map[string]bool{}
	for _, s := range screens {
		pkg := "internal/tui/" + s
		for _, imp := range pkgs[pkg].imports {
			for _, other := range screens {
				edge := pkg + " -> " + "internal/tui/" + other
				if other != s && under(imp, "internal/tui/"+other) && !allowed[edge] {
					t.Errorf("screen %s imports screen %s: share through internal/tui/screen instead", pkg, imp)
				}
			}
		}
	}

	// Colours live in the theme, so NO_COLOR, light terminals and the
	// palette are handled in one place.
	fset := token.NewFileSet()
	for pkg, info := range pkgs {
		if under(pkg, "internal/tui/theme") {
			continue
		}
		for _, file := range info.files {
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "lipgloss" && (sel.Sel.Name == "Color" || sel.Sel.Name == "RGBColor" || sel.Sel.Name == "LightDark") {
					t.Errorf("%s: lipgloss.%s outside internal/tui/theme; add the colour to the theme", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
	}
}
