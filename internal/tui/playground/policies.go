package playground

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/lint"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/editor"
)

// The playground can also change the world's policies. Edits go into a copy
// of the world (sandbox.World.WithDocument copies on write), kept per world
// for this visit only: nothing done here reaches a scenario or its drafts.

// policies is the editor pane's state.
type policies struct {
	open    bool
	focused bool
	doc     int                    // index into docs()
	edited  map[int]*sandbox.World // world index → the learner's copy
	ed      editor.Model
	broken  string // the parse error of the text being typed, if any
}

// current is the world requests run against: the edited copy if any.
func (m *Model) current() *sandbox.World {
	w := m.world()
	if w == nil {
		return nil
	}
	if e := m.pol.edited[m.wi]; e != nil {
		return e
	}
	return w.World
}

// docs are the documents a learner may change: everything but AWS managed
// policies, which AWS itself owns.
func (m *Model) docs() []*sandbox.Document {
	w := m.current()
	if w == nil {
		return nil
	}
	var out []*sandbox.Document
	for _, d := range w.Documents() {
		if !d.AWSManaged {
			out = append(out, d)
		}
	}
	return out
}

// loadDoc puts the selected document's text into the editor.
func (m *Model) loadDoc() {
	ds := m.docs()
	if len(ds) == 0 {
		m.pol.ed.SetValue("")
		return
	}
	m.pol.doc = (m.pol.doc%len(ds) + len(ds)) % len(ds)
	m.pol.ed.SetValue(ds[m.pol.doc].Source)
	m.pol.ed.SetDiagnostics(nil)
	m.pol.broken = ""
}

// togglePolicies opens the pane and moves focus between it and the form.
func (m *Model) togglePolicies() tea.Cmd {
	switch {
	case !m.pol.open:
		m.pol.open = true
		m.loadDoc()
		m.focusEditor(true)
	case m.pol.focused:
		m.focusEditor(false)
		return m.inputs[m.focus].Focus()
	default:
		m.focusEditor(true)
	}
	m.layout()
	return nil
}

func (m *Model) focusEditor(on bool) {
	m.pol.focused = on
	if on {
		m.inputs[m.focus].Blur()
		m.pol.ed.Focus()
	} else {
		m.pol.ed.Blur()
	}
}

// nextDoc shows the next document.
func (m *Model) nextDoc() {
	m.pol.doc++
	m.loadDoc()
}

// resetPolicies forgets this world's edits.
func (m *Model) resetPolicies() {
	delete(m.pol.edited, m.wi)
	m.loadDoc()
	m.evaluate()
}

// policyChanged applies the editor's text to the world copy; a text that
// does not parse is marked in the editor and leaves the last good world.
func (m *Model) policyChanged() {
	ds := m.docs()
	if len(ds) == 0 {
		return
	}
	d := ds[m.pol.doc%len(ds)]
	nw, err := m.current().WithDocument(d.ID, m.pol.ed.Value())
	if err != nil {
		var pes eval.ParseErrors
		var diags []editor.Diagnostic
		if errors.As(err, &pes) {
			for _, pe := range pes {
				diags = append(diags, editor.Diagnostic{Line: pe.Pos.Line, Col: pe.Pos.Col, Message: pe.Msg + "; " + pe.Expected, Severity: editor.SeverityError})
			}
		}
		m.pol.ed.SetDiagnostics(diags)
		m.pol.broken = fmt.Sprintf("%s does not parse: %v", d.ID, firstLine(err.Error()))
		m.trace.SetStale(m.outcome != nil)
		return
	}
	// The same findings as iamlab lint and the scenario editor: the
	// playground is where learners try what the lessons warn about.
	var diags []editor.Diagnostic
	if nd, ok := nw.Document(d.ID); ok && nd.Policy != nil {
		diags = lintDiagnostics(lint.Compiled(nd.Policy))
	}
	m.pol.ed.SetDiagnostics(diags)
	m.pol.broken = ""
	if m.pol.edited == nil {
		m.pol.edited = map[int]*sandbox.World{}
	}
	m.pol.edited[m.wi] = nw
	m.evaluate()
}

// lintDiagnostics marks lint findings in the editor: errors as errors,
// suggestions as information, the rest as warnings, advice included.
func lintDiagnostics(fs []lint.Finding) []editor.Diagnostic {
	out := make([]editor.Diagnostic, 0, len(fs))
	for _, f := range fs {
		sev := editor.SeverityWarning
		switch f.Severity {
		case lint.Error:
			sev = editor.SeverityError
		case lint.Suggestion:
			sev = editor.SeverityInfo
		}
		msg := f.Message
		if f.Advice != "" {
			msg += " (" + f.Advice + ")"
		}
		out = append(out, editor.Diagnostic{Line: max(f.Pos.Line, 1), Col: max(f.Pos.Col, 1), Message: msg, Severity: sev})
	}
	return out
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

// updatePolicies handles a key while the editor has focus.
func (m *Model) updatePolicies(msg tea.Msg) tea.Cmd {
	before := m.pol.ed.Version()
	var cmd tea.Cmd
	m.pol.ed, cmd = m.pol.ed.Update(msg)
	if m.pol.ed.Version() != before {
		m.policyChanged()
	}
	return cmd
}

// docTitle names the document in the pane's title.
func (m *Model) docTitle() string {
	ds := m.docs()
	if len(ds) == 0 {
		return "this world has no policies to change"
	}
	d := ds[m.pol.doc%len(ds)]
	edited := ""
	if m.pol.edited[m.wi] != nil {
		edited = " · edited here only"
	}
	return fmt.Sprintf("%s (%d of %d)%s", d.Title, m.pol.doc%len(ds)+1, len(ds), edited)
}
