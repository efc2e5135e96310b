package quiz

import (
	"fmt"
	"io/fs"

	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// maxFileSize caps one bank file; the bank is authored text, and a huge
// file is a mistake (or a hostile pack) rather than content.
const maxFileSize = 4 << 20

// Bank is the loaded quiz bank.
type Bank struct {
	Items []*Item // in file order, files sorted by path
	byID  map[string]*Item
	// meta keeps what Check needs but the sessions do not.
	meta map[*Item]*itemMeta
}

// itemMeta is what loading learned about an item for Check.
type itemMeta struct {
	pos    *positions
	issues []diag.Diagnostic // world and call problems found while building a policy item
	raw    *itemFile
}

// Item finds an item by id.
func (b *Bank) Item(id string) (*Item, bool) {
	it, ok := b.byID[id]
	return it, ok
}

// LoadBank reads every *.yaml file under root in fsys (README.md and names
// starting with "_" or "." are skipped). Problems are positioned in the
// files; an item that cannot be decoded is left out, the rest still load,
// so a broken file never hides the whole bank.
func LoadBank(fsys fs.FS, root string) (*Bank, []diag.Diagnostic) {
	b := &Bank{byID: map[string]*Item{}, meta: map[*Item]*itemMeta{}}
	var probs []diag.Diagnostic
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs = append(probs, diag.Diagnostic{File: p, Severity: diag.Error, Code: CodeUnreadable, Message: err.Error()})
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		probs = append(probs, diag.Diagnostic{File: root, Severity: diag.Error, Code: CodeUnreadable, Message: err.Error()})
	}
	sort.Strings(files)
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			probs = append(probs, diag.Diagnostic{File: f, Severity: diag.Error, Code: CodeUnreadable, Message: err.Error()})
			continue
		}
		if len(src) > maxFileSize {
			probs = append(probs, diag.Diagnostic{File: f, Line: 1, Col: 1, Severity: diag.Error, Code: CodeUnreadable,
				Message: fmt.Sprintf("file is %d bytes, over the %d-byte limit; split it", len(src), maxFileSize)})
			continue
		}
		probs = append(probs, b.loadFile(f, src)...)
	}
	return b, probs
}

// loadFile decodes one file: a YAML list of items.
func (b *Bank) loadFile(file string, src []byte) []diag.Diagnostic {
	if e := yamlpos.CheckDepth(src); e != nil {
		return []diag.Diagnostic{{File: file, Line: e.Line, Col: e.Col, Severity: diag.Error, Code: CodeYAMLSyntax, Message: e.Message + "; " + e.Expected}}
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return []diag.Diagnostic{fromYAMLError(file, err, itemNames())}
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil // an empty file holds no items
	}
	if len(f.Docs) > 1 {
		return []diag.Diagnostic{{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: CodeYAMLSyntax, Message: "more than one YAML document (---) in the file; expected one list of items"}}
	}
	seq, ok := yamlpos.Unwrap(f.Docs[0].Body).(*ast.SequenceNode)
	if !ok {
		tk := f.Docs[0].Body.GetToken()
		p := diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: CodeYAMLSyntax, Message: "the file must be a list of items (each starting with \"- id: ...\")"}
		if tk != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column
		}
		return []diag.Diagnostic{p}
	}
	var probs []diag.Diagnostic
	for _, n := range seq.Values {
		var raw itemFile
		if err := yaml.NodeToValue(n, &raw, yaml.DisallowUnknownField()); err != nil {
			probs = append(probs, fromYAMLError(file, err, itemNames()))
			continue
		}
		pos := newPositions(file, n)
		it, issues := build(&raw, pos)
		if it == nil {
			probs = append(probs, issues...)
			continue
		}
		b.add(it, &itemMeta{pos: pos, issues: issues, raw: &raw})
	}
	return probs
}

func (b *Bank) add(it *Item, m *itemMeta) {
	b.Items = append(b.Items, it)
	if _, dup := b.byID[it.ID]; !dup && it.ID != "" {
		b.byID[it.ID] = it
	}
	b.meta[it] = m
}

// build converts a decoded item. Structural problems are for Check; only an
// item whose type is unknown cannot be built at all.
func build(raw *itemFile, pos *positions) (*Item, []diag.Diagnostic) {
	line, col := pos.pos("")
	it := &Item{ID: raw.ID, Version: max(raw.Version, 1), Type: Type(raw.Type), Stem: raw.Stem,
		Exam: canonicalTasks(raw.Exam), Topics: raw.Topics, Difficulty: raw.Difficulty, Explanation: raw.Explanation, Sources: raw.Sources,
		File: pos.file, Line: line, Col: col}
	switch it.Type {
	case Single, Multiple:
		it.Choose = 1
		if it.Type == Multiple {
			it.Choose = raw.Choose
		}
		for i, o := range raw.Options {
			id := o.ID
			if id == "" {
				id = optionLetter(i)
			}
			it.Options = append(it.Options, Option{ID: id, Text: o.Text, Correct: o.Correct, Why: o.Why})
		}
	case Ordering:
		for i, s := range raw.Steps {
			it.Steps = append(it.Steps, Step{ID: fmt.Sprintf("s%d", i+1), Text: s.Text, Why: s.Why})
		}
	case Matching:
		for i, p := range raw.Pairs {
			it.Pairs = append(it.Pairs, Pair{ID: fmt.Sprintf("p%d", i+1), Left: p.Left, Right: p.Right, Why: p.Why})
		}
		for i, e := range raw.Extras {
			it.Extras = append(it.Extras, Option{ID: fmt.Sprintf("x%d", i+1), Text: e.Text, Why: e.Why})
		}
	case Policy:
		it.Choose = 1
		return it, buildPolicy(it, raw, pos)
	default:
		want := closest(raw.Type, []string{string(Single), string(Multiple), string(Ordering), string(Matching), string(Policy)})
		msg := fmt.Sprintf("item %q: type %q is not one of single, multiple, ordering, matching, policy", raw.ID, raw.Type)
		if raw.Type == "" {
			msg = fmt.Sprintf("item %q has no type; expected type: single, multiple, ordering, matching or policy", raw.ID)
		} else if want != "" {
			msg += fmt.Sprintf("; did you mean %q?", want)
		}
		return nil, []diag.Diagnostic{pos.at("type", diag.Error, pick(raw.Type == "", CodeMissing, CodeBadValue), raw.ID, "%s", msg)}
	}
	return it, nil
}

func optionLetter(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return fmt.Sprintf("o%d", i+1)
}

func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}
