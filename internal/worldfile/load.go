package worldfile

import (
	"fmt"
	"sort"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// Problem is a mistake in a world file, at the line an author edits.
type Problem struct {
	File      string
	Line, Col int
	Code      string
	Message   string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
}

// Load reads a world file on its own (not inside a pack): the format of
// worlds/<name>.yaml. A policy written as `file:` is read with readFile,
// which confines names to the world's folder; nil refuses `file:`. The
// world is nil when there are problems.
func Load(file string, src []byte, readFile func(name string) ([]byte, error)) (*sandbox.World, string, []Problem) {
	var probs []Problem
	add := func(line, col int, code, msg string) {
		probs = append(probs, Problem{File: file, Line: line, Col: col, Code: code, Message: msg})
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		e := yamlpos.Explain(err)
		add(e.Line, e.Col, e.Code, withExpected(e.Message, e.Expected))
		return nil, "", probs
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		add(1, 1, yamlpos.CodeSyntax, "expected one YAML document holding a world (accounts: [...])")
		return nil, "", probs
	}
	var wf World
	if err := yaml.NodeToValue(f.Docs[0].Body, &wf, yaml.DisallowUnknownField()); err != nil {
		e := yamlpos.Explain(err)
		msg := withExpected(e.Message, e.Expected)
		if e.Code == yamlpos.CodeUnknownField {
			if s, ok := suggest.Closest(e.Field, worldFields()); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
		add(e.Line, e.Col, e.Code, msg)
		return nil, "", probs
	}
	doc := yamlpos.Index(src, f.Docs[0].Body)
	at := func(path string) (int, int) {
		l, c, ok := doc.FieldPos(path)
		if !ok {
			return 1, 1
		}
		return l, c
	}
	b := Builder{
		Problem: func(path, code, message, expected string) {
			l, c := at(path)
			add(l, c, code, withExpected(message, expected))
		},
		Policy: func(path, _ string, s Source) (sandbox.PolicyText, bool) {
			l, c := at(path)
			switch {
			case s.File != "" && readFile == nil:
				add(l, c, CodeBadValue, fmt.Sprintf("file: %q cannot be read here; write the JSON inline under document: |", s.File))
				return sandbox.PolicyText{}, false
			case s.File != "":
				text, err := readFile(s.File)
				if err != nil {
					add(l, c, CodeMissing, fmt.Sprintf("file: %q: %v", s.File, err))
					return sandbox.PolicyText{}, false
				}
				return sandbox.PolicyText{Source: string(text), File: s.File, Line: 1}, true
			case s.Document == "":
				add(l, c, CodeMissing, "the policy has no document; expected document: | followed by the JSON")
				return sandbox.PolicyText{}, false
			}
			return sandbox.PolicyText{Source: s.Document, File: file, Line: l + 1}, true
		},
	}
	w, account := b.Build("", &wf)
	if w == nil {
		return nil, "", probs
	}
	for _, err := range w.Validate() {
		add(1, 1, CodeWorld, err.Error())
	}
	for _, d := range w.Documents() {
		if d.Err != nil && !d.AWSManaged {
			line := d.Line
			if line == 0 {
				line = 1
			}
			add(line, 1, CodeWorld, fmt.Sprintf("policy %s does not parse: %v", d.ID, d.Err))
		}
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, "", probs
	}
	return w, account, nil
}

func withExpected(msg, expected string) string {
	if expected == "" {
		return msg
	}
	return msg + "; " + expected
}

func worldFields() []string { return yamlpos.FieldNames(World{}) }
