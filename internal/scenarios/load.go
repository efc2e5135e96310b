package scenarios

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
)

// idPattern is the shape of pack and scenario ids: stable, kebab-case,
// safe in file names and in the progress store.
var idPattern = idShape{}

// idShape checks ^[a-z0-9][a-z0-9-]{0,63}$ by hand: the compiled regexp
// (64 copies of the class) cost every process a millisecond at init.
type idShape struct{}

func (idShape) MatchString(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Load reads the pack in folder root of fsys. origin names the pack's files
// in messages ("core", or the folder on disk). Problems in one scenario
// leave that scenario out and keep the rest; a manifest that cannot be read
// makes the whole pack Broken.
func Load(fsys fs.FS, root, origin string) (*Pack, []diag.Diagnostic) {
	return loadCached(fsys, root, origin, nil)
}

// loadCached is Load with YAML read through a decode cache (nil: none).
func loadCached(fsys fs.FS, root, origin string, cache *DecodeCache) (*Pack, []diag.Diagnostic) {
	if root == "" {
		root = "."
	}
	l := &loader{
		pfs:    &packFS{fsys: fsys, root: root, origin: origin},
		worlds: map[string]*builtWorld{},
		cache:  cache,
	}
	p := l.load()
	diag.Sort(p.Problems)
	return p, p.Problems
}

type loader struct {
	pfs    *packFS
	pack   *Pack
	worlds map[string]*builtWorld // shared worlds by name, built once
	cache  *DecodeCache           // nil: decode every file
	todos  []diag.Diagnostic      // TODO markers in prose files of the scenario being loaded
}

const manifestName = "pack.yaml"

func (l *loader) load() *Pack {
	p := &Pack{Origin: l.pfs.origin}
	l.pack = p
	src, f := l.pfs.read(manifestName)
	if f != nil {
		if f.Code == CodeUnknownRef {
			f.Code, f.Message, f.Expected = CodeUnreadable, "no pack manifest", "a pack folder holds pack.yaml (see docs/authoring.md)"
		}
		p.Broken = true
		p.Problems = append(p.Problems, *f)
		return p
	}
	var pf packFile
	doc, fs := l.cache.decode(l.pfs.display(manifestName), src, &pf, packNames)
	p.Problems = append(p.Problems, fs...)
	if doc == nil {
		p.Broken = true
		return p
	}
	p.manifest = doc
	p.Problems = append(p.Problems, scanTODO(doc.file, string(src))...)
	p.ID, p.Title, p.Description, p.Version = pf.ID, l.text(doc, "title", pf.Title), l.text(doc, "description", pf.Description), pf.Version
	p.Sequence = pf.Sequence
	if pf.Sequence < 0 {
		p.Problems = append(p.Problems, doc.at("sequence", CodeBadValue, fmt.Sprintf("sequence %d is negative", pf.Sequence), "a whole number from 1 (taught first); leave it out for no place"))
		p.Sequence = 0
	}
	switch {
	case pf.Format == 0:
		p.Problems = append(p.Problems, doc.at("format", CodeMissing, "format is missing", fmt.Sprintf("format: %d", FormatVersion)))
	case pf.Format != FormatVersion:
		p.Problems = append(p.Problems, doc.at("format", CodeBadValue, fmt.Sprintf("format %d is not one this iamlab reads", pf.Format), fmt.Sprintf("format: %d (update iamlab for newer packs)", FormatVersion)))
		p.Broken = true
		return p
	}
	if !idPattern.MatchString(pf.ID) {
		p.Problems = append(p.Problems, doc.at("id", CodeBadValue, fmt.Sprintf("pack id %q is not kebab-case", pf.ID), "lower-case letters, digits and dashes, e.g. core-evaluation"))
		p.Broken = true
		return p
	}
	if strings.TrimSpace(p.Title) == "" {
		p.Problems = append(p.Problems, doc.at("title", CodeMissing, "title is missing", "a short title people see in the library"))
	}

	files := l.pfs.list("scenarios", ".yaml")
	files = append(files, l.pfs.list("scenarios", ".yml")...)
	slices.Sort(files)
	var all []*Scenario
	for _, file := range files {
		if s := l.loadScenario(file); s != nil {
			all = append(all, s)
		}
	}
	if len(files) == 0 {
		p.Problems = append(p.Problems, diag.Diagnostic{Code: CodeMissing, Severity: diag.Warning, File: l.pfs.display("scenarios"), Message: "the pack has no scenarios", Expected: "scenario files in scenarios/*.yaml"})
	}
	p.Scenarios = all
	l.checkDuplicates()
	p.Scenarios = order(p.Scenarios, pf.Order, doc, &p.Problems)
	return p
}

// order puts scenarios in the manifest's order; unlisted ones follow by file
// name, so a new scenario shows up without editing the manifest.
func order(all []*Scenario, want []string, doc *yamlDoc, probs *[]diag.Diagnostic) []*Scenario {
	byID := map[string]*Scenario{}
	for _, s := range all {
		byID[s.ID] = s
	}
	var out []*Scenario
	used := map[string]bool{}
	for i, id := range want {
		s, ok := byID[id]
		if !ok {
			f := doc.at(pth("order", i), CodeUnknownRef, fmt.Sprintf("order lists %q, which no scenario has as its id", id), suggestion(id, keys(byID)))
			f.Severity = diag.Warning
			*probs = append(*probs, f)
			continue
		}
		if !used[id] {
			out = append(out, s)
			used[id] = true
		}
	}
	for _, s := range all {
		if !used[s.ID] {
			out = append(out, s)
			used[s.ID] = true
		}
	}
	return out
}

// checkDuplicates drops the second of two scenarios with one id.
func (l *loader) checkDuplicates() {
	seen := map[string]*Scenario{}
	var keep []*Scenario
	for _, s := range l.pack.Scenarios {
		if first, dup := seen[s.ID]; dup {
			f := s.doc.at("id", CodeDuplicateID, fmt.Sprintf("scenario id %q is also used by %s", s.ID, first.File), "give every scenario its own id")
			l.pack.Problems = append(l.pack.Problems, f)
			continue
		}
		seen[s.ID] = s
		keep = append(keep, s)
	}
	l.pack.Scenarios = keep
}

// text sanitizes an author's text and notes when something was removed.
func (l *loader) text(doc *yamlDoc, at, s string) string {
	clean, changed := sanitize(s)
	if changed {
		f := doc.at(at, CodeSanitized, "control characters or terminal escape sequences were removed from this text", "write plain text; Markdown is fine")
		f.Severity = diag.Warning
		l.pack.Problems = append(l.pack.Problems, f)
	}
	return clean
}

// fileText reads a Markdown file of the pack, sanitized.
func (l *loader) fileText(doc *yamlDoc, at, rel string) (string, bool) {
	if err := checkRel(rel); err != nil {
		l.add(doc.at(at, CodeUnsafePath, fmt.Sprintf("path %q: %v", rel, err), "a path inside the pack folder"))
		return "", false
	}
	src, f := l.pfs.read(rel)
	if f != nil {
		l.add(doc.at(at, f.Code, fmt.Sprintf("%s: %s", rel, f.Message), f.Expected))
		return "", false
	}
	clean, changed := sanitize(string(src))
	l.todos = append(l.todos, scanTODO(l.pfs.display(rel), clean)...)
	if changed {
		l.add(diag.Diagnostic{Code: CodeSanitized, Severity: diag.Warning, File: l.pfs.display(rel), Line: 1, Col: 1, Message: "control characters or terminal escape sequences were removed", Expected: "plain text; Markdown is fine"})
	}
	return clean, true
}

func (l *loader) add(f ...diag.Diagnostic) { l.pack.Problems = append(l.pack.Problems, f...) }

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// suggestion words a "did you mean" when one name is close enough.
func suggestion(s string, names []string) string {
	if c := closest(s, names); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	if len(names) > 0 && len(names) <= 8 {
		return "one of: " + strings.Join(names, ", ")
	}
	return ""
}

// base is a file name without folder and extension.
func base(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }
