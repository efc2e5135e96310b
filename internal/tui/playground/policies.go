package playground

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/policydiag"
)

// The playground can also change the world's policies. Edits go into a copy
// of the world (sandbox.World.WithDocument copies on write), kept per world
// and saved with the playground's drafts: nothing done here reaches a
// scenario or its drafts.

// policies is the editor pane's state.
type policies struct {
	open    bool
	focused bool
	doc     int                    // index into docs()
	edited  map[int]*sandbox.World // world index → the learner's copy
	// texts are the edited documents' texts as typed, per world: what is
	// saved, and what the editor shows, even while a text does not parse.
	texts  map[int]map[string]string
	ed     editor.Model
	broken string // the parse error of the text being typed, if any
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

// loadDoc puts the selected document's text into the editor, with its
// marks: the draft as typed when there is one, else the world's text.
func (m *Model) loadDoc() {
	ds := m.docs()
	if len(ds) == 0 {
		m.pol.ed.SetValue("")
		return
	}
	m.pol.doc = (m.pol.doc%len(ds) + len(ds)) % len(ds)
	d := ds[m.pol.doc]
	text, typed := m.pol.texts[m.wi][d.ID]
	if !typed {
		text = d.Source
	}
	m.pol.ed.SetValue(text)
	m.pol.broken = ""
	m.mark(d)
}

// mark sets the editor's marks for the text it holds: parse errors, or
// the linter's findings on the compiled policy.
func (m *Model) mark(d *sandbox.Document) {
	if _, err := m.current().WithDocument(d.ID, m.pol.ed.Value()); err != nil {
		m.pol.ed.SetDiagnostics(policydiag.Parse(err))
		m.pol.broken = fmt.Sprintf("%s does not parse: %v", d.ID, firstLine(err.Error()))
		return
	}
	if cur, ok := m.current().Document(d.ID); ok {
		m.pol.ed.SetDiagnostics(policydiag.Lint(cur.Policy))
	}
}

// showDoc opens the editor on one document.
func (m *Model) showDoc(id string) bool {
	for i, d := range m.docs() {
		if d.ID == id {
			m.pol.open = true
			m.pol.doc = i
			m.loadDoc()
			m.focusEditor(true)
			m.layout()
			return true
		}
	}
	return false
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
		m.panel = panelNone
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
func (m *Model) resetPolicies() tea.Cmd {
	delete(m.pol.edited, m.wi)
	delete(m.pol.texts, m.wi)
	m.loadDoc()
	m.evaluate()
	return m.markDirty()
}

// policyChanged applies the editor's text to the world copy; a text that
// does not parse is marked in the editor and leaves the last good world.
func (m *Model) policyChanged() tea.Cmd {
	ds := m.docs()
	if len(ds) == 0 {
		return nil
	}
	d := ds[m.pol.doc%len(ds)]
	text := m.pol.ed.Value()
	if m.pol.texts == nil {
		m.pol.texts = map[int]map[string]string{}
	}
	if m.pol.texts[m.wi] == nil {
		m.pol.texts[m.wi] = map[string]string{}
	}
	m.pol.texts[m.wi][d.ID] = text
	save := m.markDirty()
	nw, err := m.current().WithDocument(d.ID, text)
	if err != nil {
		m.pol.ed.SetDiagnostics(policydiag.Parse(err))
		m.pol.broken = fmt.Sprintf("%s does not parse: %v", d.ID, firstLine(err.Error()))
		m.trace.SetStale(m.outcome != nil)
		m.layout()
		return save
	}
	m.pol.broken = ""
	if m.pol.edited == nil {
		m.pol.edited = map[int]*sandbox.World{}
	}
	m.pol.edited[m.wi] = nw
	if cur, ok := nw.Document(d.ID); ok {
		m.pol.ed.SetDiagnostics(policydiag.Lint(cur.Policy))
	}
	m.evaluate()
	return save
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
		return tea.Batch(cmd, m.policyChanged())
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
	if _, ok := m.pol.texts[m.wi][d.ID]; ok {
		edited = " · edited here only"
	}
	return fmt.Sprintf("%s (%d of %d)%s", d.Title, m.pol.doc%len(ds)+1, len(ds), edited)
}
