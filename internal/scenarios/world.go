package scenarios

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/lint"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/worldfile"
)

// builtWorld is a world built from YAML, with where each of its documents
// was written so engine errors can be re-positioned.
type builtWorld struct {
	world   *sandbox.World
	account string                // default account id for short phrases
	where   map[string]policyText // document ID → its text and position
	ok      bool
}

func (b *builtWorld) docIDs() []string {
	var out []string
	for _, d := range b.world.Documents() {
		out = append(out, d.ID)
	}
	return out
}

// policyText is a policy's JSON and where its first character sits: in a
// JSON file (col offset 0) or in a YAML `document: |` block (the block's
// indentation).
type policyText struct {
	text      string
	file      string
	line, col int  // 1-based position of the text's first character
	exact     bool // line/col inside the text map to the file
}

// at maps a position inside the text to the file.
func (p policyText) at(line, col int) (int, int) {
	if !p.exact {
		return p.line, p.col
	}
	if line <= 1 {
		return p.line, p.col + col - 1
	}
	return p.line + line - 1, p.col + col - 1
}

// world finds or builds the scenario's world.
func (l *loader) world(doc *yamlDoc, sf *scenarioFile) *builtWorld {
	ref := sf.World
	switch {
	case !ref.set || (ref.Name == "" && ref.Inline == nil):
		l.add(doc.at("world", CodeMissing, "world is missing", "world: <name of worlds/<name>.yaml>, or the world inline"))
		return nil
	case ref.Inline != nil:
		bw := l.buildWorld(doc, "world", ref.Inline)
		if !bw.ok {
			return nil
		}
		return bw
	}
	if bw, done := l.worlds[ref.Name]; done {
		if !bw.ok {
			l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
			return nil
		}
		return bw
	}
	rel := path.Join("worlds", ref.Name+".yaml")
	if !idPattern.MatchString(ref.Name) {
		l.add(doc.at("world", CodeBadValue, fmt.Sprintf("world name %q", ref.Name), "the kebab-case name of a file worlds/<name>.yaml"))
		return nil
	}
	src, f := l.pfs.read(rel)
	if f != nil {
		names := []string{}
		for _, w := range l.pfs.list("worlds", ".yaml") {
			names = append(names, base(w))
		}
		l.add(doc.at("world", f.Code, fmt.Sprintf("world %q: %s (%s)", ref.Name, f.Message, rel), suggestion(ref.Name, names)))
		return nil
	}
	var wf worldFile
	wdoc, fs := l.cache.decode(l.pfs.display(rel), src, &wf, worldNames)
	l.add(fs...)
	if wdoc == nil {
		l.worlds[ref.Name] = &builtWorld{}
		l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
		return nil
	}
	bw := l.buildWorld(wdoc, "", &wf)
	l.worlds[ref.Name] = bw
	if !bw.ok {
		l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
		return nil
	}
	return bw
}

// buildWorld turns the YAML world at path `at` of doc into a sandbox world.
func (l *loader) buildWorld(doc *yamlDoc, at string, wf *worldFile) *builtWorld {
	before := len(l.pack.Problems)
	bw := &builtWorld{world: sandbox.NewWorld(), where: map[string]policyText{}}
	b := worldfile.Builder{
		Problem: func(path, code, msg, expected string) {
			l.add(doc.at(path, code, msg, expected))
		},
		Policy: func(path, docID string, src source) (sandbox.PolicyText, bool) {
			pt, ok := l.policySource(doc, path, src)
			if !ok {
				return sandbox.PolicyText{}, false
			}
			bw.where[docID] = pt
			return sandbox.PolicyText{Source: pt.text, File: pt.file, Line: pt.line}, true
		},
	}
	w, account := b.Build(at, wf)
	if w == nil {
		return bw
	}
	bw.world, bw.account = w, account
	for _, err := range w.Validate() {
		l.add(doc.at(l.guessPath(doc, at, err), CodeWorld, err.Error(), ""))
	}
	l.documentErrors(bw)
	bw.ok = !diag.HasErrors(l.pack.Problems[before:])
	return bw
}

// policySource reads a policy written inline (`document: |`) or in a JSON
// file of the pack, and records where its text starts.
func (l *loader) policySource(doc *yamlDoc, at string, src source) (policyText, bool) {
	switch {
	case src.Document != "" && src.File != "":
		l.add(doc.at(join(at, "file"), CodeBadValue, "both document and file are set", "write the policy inline or in a file, not both"))
		return policyText{}, false
	case src.File != "":
		if err := checkRel(src.File); err != nil {
			l.add(doc.at(join(at, "file"), CodeUnsafePath, fmt.Sprintf("path %q: %v", src.File, err), "a path inside the pack folder, e.g. policies/x.json"))
			return policyText{}, false
		}
		data, f := l.pfs.read(src.File)
		if f != nil {
			l.add(doc.at(join(at, "file"), f.Code, fmt.Sprintf("%s: %s", src.File, f.Message), f.Expected))
			return policyText{}, false
		}
		// Policies are JSON, not prose; strip nothing silently but refuse
		// what must never reach a terminal.
		text, changed := sanitize(string(data))
		if changed {
			l.add(diag.Diagnostic{Code: CodeSanitized, Severity: diag.Warning, File: l.pfs.display(src.File), Line: 1, Col: 1, Message: "control characters or terminal escape sequences were removed", Expected: "plain JSON"})
		}
		return policyText{text: text, file: l.pfs.display(src.File), line: 1, col: 1, exact: !changed}, true
	case strings.TrimSpace(src.Document) == "":
		l.add(doc.at(at, CodeMissing, "the policy has no document", "document: | followed by the JSON, or file: policies/x.json"))
		return policyText{}, false
	}
	text, changed := sanitize(src.Document)
	dat := join(at, "document")
	if changed {
		f := doc.at(dat, CodeSanitized, "control characters or terminal escape sequences were removed from this policy", "plain JSON")
		f.Severity = diag.Warning
		l.add(f)
	}
	if line, col, ok := doc.blockStart(dat); ok && !changed {
		return policyText{text: text, file: doc.file, line: line, col: col, exact: true}, true
	}
	line, col := doc.pos(dat)
	return policyText{text: text, file: doc.file, line: line, col: col}, true
}

// documentErrors reports every document of the world that does not parse,
// at the line and column of the YAML or JSON file the author edits.
func (l *loader) documentErrors(bw *builtWorld) {
	for _, d := range bw.world.Documents() {
		if d.Err == nil || d.AWSManaged {
			continue
		}
		pt, ok := bw.where[d.ID]
		if !ok {
			pt = policyText{file: d.File, line: max(d.Line, 1), col: 1, exact: true}
		}
		l.policyErrors(pt, d.Err)
	}
}

// policyErrors re-positions engine parse errors into the author's file.
func (l *loader) policyErrors(pt policyText, err error) {
	var pe eval.ParseErrors
	if !errors.As(err, &pe) {
		l.add(diag.Diagnostic{Code: CodePolicySyntax, Severity: diag.Error, File: pt.file, Line: pt.line, Col: pt.col, Message: err.Error()})
		return
	}
	for _, e := range pe {
		f := lint.FromParseError(e, CodePolicySyntax)
		// The engine's offset is in the policy text, not in this file.
		f.File, f.Offset = pt.file, 0
		f.Line, f.Col = pt.at(f.Line, f.Col)
		if f.Expected != "" && !strings.HasPrefix(f.Expected, "expected") {
			f.Expected = "expected " + f.Expected
		}
		l.add(f)
	}
}

// guessPath finds the YAML object a plain sandbox error is about. The
// sandbox quotes the names it cannot resolve ("readers") and writes
// document IDs bare (scp:NoSuchSCP), so those are looked up, in that order,
// among the values written in the world; the world itself is the fallback.
func (l *loader) guessPath(doc *yamlDoc, at string, err error) string {
	msg := err.Error()
	var tries [][]string
	var quoted []string
	for _, q := range quotedName().FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, q[1], sandbox.AWSPolicyID(q[1]))
	}
	tries = append(tries, quoted)
	var ids []string
	for _, w := range strings.Fields(msg) {
		w = strings.Trim(w, ",.;()")
		if _, name, ok := strings.Cut(w, ":"); ok && name != "" {
			ids = append(ids, w, name)
		}
	}
	tries = append(tries, ids)
	for _, names := range tries {
		best := ""
		for p, s := range doc.Scalars(at) {
			if !slices.Contains(names, s) {
				continue
			}
			if best == "" || p < best {
				best = p
			}
		}
		if best != "" {
			return best
		}
	}
	return at
}

var quotedName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"([^"]+)"`) })
