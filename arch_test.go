package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	pathpkg "path"
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
	doc     string // the package comment's first sentence
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
		info := pkgInfo{dir: p, doc: bp.Doc}
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

// layers lists the module's packages from the bottom (depends on nothing
// of ours) to the top. A package belongs to the layer of the longest
// prefix that names it; ARCHITECTURE.md's package graph is generated from
// this table and the import graph (TestArchitectureDoc).
var layers = []struct {
	name string
	pkgs []string
}{
	{"leaves: data, primitives, vocabulary", []string{"content", "packs", "docs", "internal/arn", "internal/wildcard", "internal/diag", "internal/jsonpos", "internal/suggest", "internal/yamlpos", "internal/paths", "internal/curriculum", "internal/safetext", "internal/npmpkg", "internal/packfile", "internal/catalog"}},
	{"the engine", []string{"internal/eval", "internal/evalcase", "internal/lint", "internal/traceview"}},
	{"the sandbox account model", []string{"internal/sandbox", "internal/whynot", "internal/policygen"}},
	{"worlds from files, the learner model and its store", []string{"internal/worldfile", "internal/progress", "internal/assign", "internal/classreport", "internal/awsimport"}},
	{"scenarios, quiz and lessons", []string{"internal/scenarios", "internal/quiz", "internal/lessons"}},
	{"TUI parts", []string{"internal/tui/theme", "internal/tui/cells", "internal/tui/nav", "internal/tui/scroll", "internal/tui/screentest", "internal/tui/screen", "internal/tui/editor", "internal/tui/markdown", "internal/tui/trace", "internal/tui/policydiag", "internal/tui/golden", "internal/tui/examchoice"}},
	{"TUI screens", []string{"internal/tui/home", "internal/tui/lessons", "internal/tui/playground", "internal/tui/progressview", "internal/tui/quizview", "internal/tui/scenario"}},
	{"TUI router", []string{"internal/tui/app"}},
	{"the trainer's composition root", []string{"internal/tui"}},
	{"commands", []string{"internal/cli"}},
	{"the binary", []string{"."}},
}

// layerOf is the layer of pkg, or -1 when no layer names it.
func layerOf(pkg string) int {
	best, at := "", -1
	for i, l := range layers {
		for _, p := range l.pkgs {
			if (pkg == p || p != "." && under(pkg, p)) && len(p) > len(best) {
				best, at = p, i
			}
		}
	}
	return at
}

func TestArchitecture(t *testing.T) {
	pkgs := loadPackages(t)
	if len(pkgs) < 30 {
		t.Fatalf("found only %d packages; is the test running from the module root?", len(pkgs))
	}

	// The engine is pure: it knows nothing of files, screens, the store or
	// scenarios, so it can be fuzzed, benchmarked and reused alone.
	engine := []string{"internal/arn", "internal/wildcard", "internal/diag", "internal/jsonpos", "internal/eval", "internal/catalog", "internal/lint", "internal/suggest", "internal/curriculum"}
	impure := []string{"os", "os/exec", "io/fs", "path/filepath", "net/http", "database/sql"}
	for _, e := range engine {
		for _, imp := range pkgs[e].imports {
			if slices.Contains(impure, imp) {
				t.Errorf("%s imports %s: the engine must not touch files, processes or the network", e, imp)
			}
		}
	}

	// internal/diag is the leaf every reader reports through: it imports
	// nothing of this module, so any layer can use it.
	for _, imp := range pkgs["internal/diag"].imports {
		if strings.HasPrefix(imp, "internal/") {
			t.Errorf("internal/diag imports %s: the diagnostic type must stay a leaf", imp)
		}
	}

	// Data flows one way: scenario files → sandbox → engine → screens and
	// the store. Every package of the module has a layer, and a layer never
	// imports one above it.
	for pkg, info := range pkgs {
		lp := layerOf(pkg)
		if lp < 0 {
			t.Errorf("%s has no layer: add it to the layers in arch_test.go and to ARCHITECTURE.md", pkg)
			continue
		}
		for _, imp := range info.imports {
			if li := layerOf(imp); li > lp {
				t.Errorf("%s (layer %d) imports %s (layer %d): data flows the other way", pkg, lp, imp, li)
			}
		}
	}

	// Screens never import screens: each is its own model with its own
	// keys and help, composed only by internal/tui/app and internal/tui.
	screens := []string{"home", "lessons", "playground", "progressview", "quizview", "scenario"}
	for _, s := range screens {
		pkg := "internal/tui/" + s
		for _, imp := range pkgs[pkg].imports {
			for _, other := range screens {
				if other != s && under(imp, "internal/tui/"+other) {
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

// The quiz, the scenarios and the screens speak the learner model's
// vocabulary (internal/progress) and are handed the store as the
// progress.Store interface, so none of them links the SQLite driver: only
// the composition roots (internal/tui, internal/cli) open progressdb. The
// walk follows non-test imports transitively, through the standard library
// and third-party modules as well, as `go list -deps` would.
func TestModelsAndScreensDoNotLinkSQLite(t *testing.T) {
	pkgs := loadPackages(t)
	roots := []string{"internal/progress"}
	for pkg := range pkgs {
		if under(pkg, "internal/quiz") || under(pkg, "internal/scenarios") || under(pkg, "internal/tui") && pkg != "internal/tui" {
			roots = append(roots, pkg)
		}
	}
	slices.Sort(roots)
	for _, want := range []string{"internal/quiz", "internal/scenarios", "internal/tui/screen", "internal/tui/scenario"} {
		if !slices.Contains(roots, want) {
			t.Fatalf("%s is not among the packages checked %v", want, roots)
		}
	}
	// database/sql/driver alone is no database: go-colorful, under the TUI
	// libraries, imports it for its Valuer interface.
	sqlite := func(imp string) bool { return imp == "database/sql" || under(imp, "modernc.org/sqlite") }

	w := newImportWalker(t, pkgs)
	for _, root := range roots {
		if c := w.chainTo(root, sqlite); c != nil {
			t.Errorf("%s links SQLite: %s; take the store as a progress interface from screen.Deps instead",
				root, strings.Join(c, " → "))
		}
	}
	// The controls: the trainer's composition root opens progressdb, so the
	// same walk must find SQLite there, and it must have read third-party
	// packages' imports too; otherwise it is blind.
	if c := w.chainTo("internal/tui", sqlite); len(c) < 3 {
		t.Fatalf("the walk from internal/tui found no SQLite (chain %v): the import walk is broken", c)
	}
	if !w.readThirdParty {
		t.Fatal("the walk never read a third-party package's imports: the import walk is broken")
	}
}

type importNode struct {
	dir     string
	std     bool // in GOROOT: its imports may be GOROOT's vendored copies
	imports []string
}

// importWalker finds packages' folders and non-test imports as the build
// would. A third-party package is read from the module cache at the
// version go.mod requires (go.mod lists every module the build uses):
// build.Import would find the same folder but runs `go list` once per
// package, which makes a walk take half a minute. When the folder is not
// there (another module cache, a replace directive), build.Import decides.
type importWalker struct {
	t              *testing.T
	pkgs           map[string]pkgInfo
	required       map[string]string // module path → version
	modCache       string
	cache          map[string]importNode
	readThirdParty bool // some third-party package's own imports were read
}

func newImportWalker(t *testing.T, pkgs map[string]pkgInfo) *importWalker {
	t.Helper()
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	w := &importWalker{t: t, pkgs: pkgs, required: map[string]string{}, cache: map[string]importNode{}}
	if !strings.Contains(string(gomod), "replace") {
		for _, line := range strings.Split(string(gomod), "\n") {
			f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
			if len(f) >= 2 && strings.HasPrefix(f[1], "v") && strings.Contains(f[0], ".") {
				w.required[f[0]] = f[1]
			}
		}
	}
	w.modCache = os.Getenv("GOMODCACHE")
	if w.modCache == "" {
		w.modCache = filepath.Join(filepath.SplitList(build.Default.GOPATH)[0], "pkg", "mod")
	}
	return w
}

// chainTo is the import path from root to the first package target
// accepts, breadth first so that it is a shortest one, or nil when root
// never reaches one.
func (w *importWalker) chainTo(root string, target func(string) bool) []string {
	via := map[string]string{root: ""}
	nodes := map[string]importNode{root: w.resolve(root, importNode{})}
	for queue := []string{root}; len(queue) > 0; queue = queue[1:] {
		pkg := queue[0]
		if target(pkg) {
			chain := []string{pkg}
			for p := via[pkg]; p != ""; p = via[p] {
				chain = append(chain, p)
			}
			slices.Reverse(chain)
			return chain
		}
		for _, imp := range nodes[pkg].imports {
			if _, ok := via[imp]; !ok {
				via[imp] = pkg
				nodes[imp] = w.resolve(imp, nodes[pkg])
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

// resolve reads the package at path as imported from the package from.
func (w *importWalker) resolve(path string, from importNode) importNode {
	if info, ok := w.pkgs[path]; ok {
		return importNode{dir: info.dir, imports: info.imports}
	}
	if path == "C" || path == "unsafe" {
		return importNode{}
	}
	// Only where a standard package imports it can a path mean a vendored
	// copy; elsewhere it means the same package throughout.
	key := path
	if from.std {
		key += " (from the standard library)"
	}
	if n, ok := w.cache[key]; ok {
		return n
	}
	var bp *build.Package
	if !from.std {
		if dir := w.inModCache(path); dir != "" {
			bp, _ = build.ImportDir(dir, 0)
		}
	}
	if bp == nil {
		var err error
		if bp, err = build.Import(path, from.dir, 0); err != nil {
			w.t.Fatalf("resolving %s from %s: %v", path, from.dir, err)
		}
	}
	n := importNode{dir: bp.Dir, std: bp.Goroot, imports: bp.Imports}
	if !n.std && len(n.imports) > 0 {
		w.readThirdParty = true
	}
	w.cache[key] = n
	return n
}

// inModCache is the module cache folder of a third-party package, or ""
// for a path no required module holds.
func (w *importWalker) inModCache(path string) string {
	for mod := path; mod != "." && mod != "/"; mod = pathpkg.Dir(mod) {
		v, ok := w.required[mod]
		if !ok {
			continue
		}
		// The module cache spells a capital as "!" and its lower case.
		var esc strings.Builder
		for _, r := range mod {
			if 'A' <= r && r <= 'Z' {
				esc.WriteString("!" + string(r+'a'-'A'))
			} else {
				esc.WriteRune(r)
			}
		}
		return filepath.Join(w.modCache, esc.String()+"@"+v, strings.TrimPrefix(path, mod))
	}
	return ""
}

var update = flag.Bool("update", false, "rewrite ARCHITECTURE.md's package graph from the import graph")

const (
	graphBegin = "<!-- package graph: generated from arch_test.go's layers and the import graph; `go test -run TestArchitectureDoc -update .` rewrites it -->"
	graphEnd   = "<!-- end of package graph -->"
)

// TestArchitectureDoc keeps ARCHITECTURE.md's package graph true: it is
// the layers above and every package's own imports, as go/build reads
// them, so a move that changes the graph changes the document with it.
func TestArchitectureDoc(t *testing.T) {
	want := packageGraph(loadPackages(t))
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, graphBegin), strings.Index(text, graphEnd)
	if i < 0 || j < i {
		t.Fatalf("ARCHITECTURE.md: the package graph's markers are missing; want a line %q and a line %q", graphBegin, graphEnd)
	}
	got := text[i+len(graphBegin)+1 : j]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile("ARCHITECTURE.md", []byte(text[:i+len(graphBegin)+1]+want+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("ARCHITECTURE.md's package graph is out of date; run go test -run TestArchitectureDoc -update .\n--- want\n%s", want)
}

func packageGraph(pkgs map[string]pkgInfo) string {
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	slices.SortFunc(names, func(a, b string) int {
		if la, lb := layerOf(a), layerOf(b); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	short := func(p string) string { return "`" + strings.TrimPrefix(p, "internal/") + "`" }
	var b strings.Builder
	b.WriteString("| layer | package | what it is | imports of this module |\n|---|---|---|---|\n")
	last := -2
	for _, p := range names {
		l := layerOf(p)
		layer := ""
		if l != last {
			layer = fmt.Sprintf("%d: %s", l, layers[max(l, 0)].name)
			last = l
		}
		var own []string
		for _, imp := range pkgs[p].imports {
			if _, ok := pkgs[imp]; ok {
				own = append(own, imp)
			}
		}
		slices.Sort(own)
		for i := range own {
			own[i] = short(own[i])
		}
		imports := strings.Join(own, ", ")
		if imports == "" {
			imports = "—"
		}
		what := strings.ReplaceAll(pkgs[p].doc, "|", "\\|")
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", layer, p, what, imports)
	}
	return b.String()
}
