package worldfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// Load reads a world file on its own (not inside a pack): the format of
// worlds/<name>.yaml. A policy written as `file:` is read with readFile,
// which confines names to the world's folder; nil refuses `file:`. The
// world is nil when there are problems, each an error at the line an
// author edits.
func Load(file string, src []byte, readFile func(name string) ([]byte, error)) (*sandbox.World, string, []diag.Diagnostic) {
	var probs []diag.Diagnostic
	addx := func(line, col int, code, msg, expected string) {
		probs = append(probs, diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Col: col, Code: code, Message: msg, Expected: expected})
	}
	add := func(line, col int, code, msg string) { addx(line, col, code, msg, "") }
	var wf World
	doc, e := yamlpos.DecodeOne(src, &wf, worldFields(), "a world: accounts: [{id: \"111122223333\", name: ..., ...}]")
	if e != nil {
		e.File = file
		return nil, "", []diag.Diagnostic{*e}
	}
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
			addx(l, c, code, message, expected)
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

func worldFields() []string { return yamlpos.FieldNames(World{}) }

// MaxFileBytes bounds a world file read from disk: an account's whole
// authorization details run to megabytes, not hundreds of them.
const MaxFileBytes = 64 << 20

// LoadFile reads a world file from disk with Load. A policy's `file:` is
// read from the world file's own folder and nowhere else (os.Root refuses
// names that climb out of it or follow a link outside).
func LoadFile(path string) (*sandbox.World, string, []diag.Diagnostic) {
	fail := func(msg string) (*sandbox.World, string, []diag.Diagnostic) {
		return nil, "", []diag.Diagnostic{{Severity: diag.Error, File: path, Line: 1, Col: 1, Code: CodeMissing, Message: msg}}
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return fail(fmt.Sprintf("cannot read the world file: %v", unwrapPath(err)))
	case !st.Mode().IsRegular():
		return fail("not a file; expected a world file such as `iamlab import aws` writes")
	case st.Size() > MaxFileBytes:
		return fail(fmt.Sprintf("the file is %d MiB; a world file is at most %d MiB", st.Size()>>20, MaxFileBytes>>20))
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fail(fmt.Sprintf("cannot read the world file: %v", unwrapPath(err)))
	}
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return fail(fmt.Sprintf("cannot open the world file's folder: %v", unwrapPath(err)))
	}
	defer root.Close()
	return Load(path, src, func(name string) ([]byte, error) {
		b, err := root.ReadFile(filepath.FromSlash(name))
		return b, unwrapPath(err)
	})
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
