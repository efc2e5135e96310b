package playground

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// Update edits the form and re-evaluates on every change; "why not?", when
// shown, is searched for the request as it now stands.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	return s, tea.Batch(cmd, m.whyNotCmd())
}

func (m *Model) update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, m.updateOther(msg)
	}
	m.notice = ""
	// The handlers run in priority order: the policy editor, an open
	// panel, "why not?", the screen's own keys, the suggestion list, and
	// the form; the first that takes the key ends the search, and a key
	// nobody takes is typed into the focused field.
	if cmd, done := m.editorKey(km); done {
		return m, cmd
	}
	if cmd, done := m.panelKey(km); done {
		return m, cmd
	}
	if cmd, done := m.whyNotKey(km); done {
		return m, cmd
	}
	if cmd, done := m.screenKey(km); done {
		return m, cmd
	}
	if cmd, done := m.listKey(km); done {
		return m, cmd
	}
	if cmd, done := m.formKey(km); done {
		return m, cmd
	}
	return m, m.typeInField(km)
}

// updateOther handles what is not a key press.
func (m *Model) updateOther(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case whyNotMsg:
		m.gotWhyNot(msg)
	case saveTickMsg:
		if msg.seq == m.saveSeq {
			return tea.Batch(m.save(), m.ask())
		}
	case keptMsg:
		m.kept = msg.kept
		m.reqs.cur = min(m.reqs.cur, max(0, len(m.kept)-1))
		if msg.err != nil {
			return screen.Status("could not read your requests: "+msg.err.Error(), true)
		}
	case tea.MouseWheelMsg:
		m.trace, _ = m.trace.Update(msg)
	case editor.ExternalEditedMsg, tea.PasteMsg:
		if m.pol.focused {
			return m.updatePolicies(msg)
		}
		if p, ok := msg.(tea.PasteMsg); ok {
			return m.typeInField(p)
		}
	}
	return nil
}

// editorKey handles the policy editor: opening it, moving between its
// documents, and every key while it has the focus.
func (m *Model) editorKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.KeyMap
	switch {
	case key.Matches(km, k.Policies):
		return m.togglePolicies(), true
	case m.pol.open && key.Matches(km, k.NextDoc):
		m.nextDoc()
		return nil, true
	case m.pol.open && key.Matches(km, k.ResetDocs):
		return m.resetPolicies(), true
	case m.pol.focused && key.Matches(km, k.LeaveEditor):
		m.focusEditor(false)
		return m.inputs[m.focus].Focus(), true
	case m.pol.focused && key.Matches(km, k.HelpTyping):
		m.openPanel(panelHelp)
		return nil, true
	case m.pol.focused:
		return m.updatePolicies(km), true
	}
	return nil, false
}

// panelKey gives every key to an open panel.
func (m *Model) panelKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.panel == panelNone {
		return nil, false
	}
	return m.updatePanel(km), true
}

// whyNotKey shows or hides "why not?" and picks among its edits.
func (m *Model) whyNotKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.KeyMap
	switch {
	case key.Matches(km, k.WhyNot):
		m.toggleWhyNot()
		return nil, true
	case m.whyChoosing() && key.Matches(km, k.ApplyWhyNot):
		return m.applyWhyNot(), true
	case m.whyChoosing() && key.Matches(km, k.PickDown):
		m.moveWhyNot(1)
		return nil, true
	case m.whyChoosing() && key.Matches(km, k.PickUp):
		m.moveWhyNot(-1)
		return nil, true
	}
	return nil, false
}

// screenKey handles the screen's own keys: leaving, the panels, saving a
// request, moving between fields and worlds, and scrolling the trace.
func (m *Model) screenKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.KeyMap
	switch {
	case m.listOpen() && key.Matches(km, k.CloseList):
		// The list goes; the request, and the screen, stay.
		m.listClosed = true
		return nil, true
	case key.Matches(km, k.Back):
		return m.leave(), true
	case key.Matches(km, k.WorldView):
		m.openPanel(panelWorld)
		return nil, true
	case key.Matches(km, k.Requests):
		m.openPanel(panelRequests)
		return m.loadKept(), true
	case key.Matches(km, k.SaveRequest):
		return m.saveRequest(), true
	case key.Matches(km, k.Help) && (m.focus != fContext || key.Matches(km, k.HelpTyping)):
		m.openPanel(panelHelp)
		return nil, true
	case key.Matches(km, k.NextField):
		return m.setFocus((m.focus + 1) % nFields), true
	case key.Matches(km, k.PrevField):
		return m.setFocus((m.focus + nFields - 1) % nFields), true
	case key.Matches(km, k.NextWorld), key.Matches(km, k.PrevWorld):
		if len(m.worlds) < 2 {
			return nil, true
		}
		d := 1
		if key.Matches(km, k.PrevWorld) {
			d = len(m.worlds) - 1
		}
		return m.switchWorld((m.wi + d) % len(m.worlds)), true
	case key.Matches(km, k.TraceUp), key.Matches(km, k.TraceDown):
		m.trace, _ = m.trace.Update(km)
		return nil, true
	}
	return nil, false
}

// listKey moves through the open suggestion list and accepts a name.
func (m *Model) listKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.listOpen() {
		return nil, false
	}
	k := m.KeyMap
	switch {
	case key.Matches(km, k.PickDown):
		m.pick = (m.pick + 1) % len(m.sugg)
		return nil, true
	case key.Matches(km, k.PickUp):
		m.pick = (m.pick + len(m.sugg) - 1) % len(m.sugg)
		return nil, true
	case key.Matches(km, k.Accept):
		m.inputs[m.focus].SetValue(m.sugg[m.pick])
		m.inputs[m.focus].CursorEnd()
		m.refreshSuggestions()
		m.evaluate()
		return m.markDirty(), true
	}
	return nil, false
}

// formKey asks the request on enter and toggles the MFA field; the MFA
// field takes no typing.
func (m *Model) formKey(km tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.KeyMap
	switch {
	case key.Matches(km, k.Accept):
		// Enter on a complete request asks it now: into the history.
		return m.ask(), true
	case m.focus == fMFA:
		if key.Matches(km, k.Toggle) {
			m.mfa = (m.mfa + 1) % 3
			m.evaluate()
			return m.markDirty(), true
		}
		return nil, true
	}
	return nil, false
}

// switchWorld saves this world's work and moves to world i, with its own.
func (m *Model) switchWorld(i int) tea.Cmd {
	m.dirty = true // the world choice itself is worth saving
	save := m.save()
	if m.forms == nil {
		m.forms = map[int]request{}
	}
	m.forms[m.wi] = m.form()
	m.wi = i
	m.outcome, m.before = nil, nil
	m.pol.doc = 0
	m.restoreWorld()
	if f, ok := m.forms[i]; ok {
		m.setForm(f)
	}
	if m.pol.open {
		m.loadDoc()
	}
	m.wrows = nil
	if m.panel == panelWorld {
		m.wrows = worldRows(m.current())
		m.wv = listState{}
	}
	m.listClosed = true
	m.refreshSuggestions()
	m.evaluate()
	return tea.Batch(save, m.markDirty())
}

// typeInField gives a key or a paste to the focused request field and
// re-evaluates when the text changed.
func (m *Model) typeInField(msg tea.Msg) tea.Cmd {
	if m.focus == fMFA {
		return nil
	}
	before := m.inputs[m.focus].Value()
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() != before {
		m.listClosed = false
		m.refreshSuggestions()
		m.evaluate()
		return tea.Batch(cmd, m.markDirty())
	}
	return cmd
}

func (m *Model) setFocus(f field) tea.Cmd {
	m.inputs[m.focus].Blur()
	m.focus = f
	// The list opens when the learner types, not on arrival: a field
	// reached with tab keeps the trace in view.
	m.listClosed = true
	m.refreshSuggestions()
	if f == fMFA {
		return nil
	}
	return m.inputs[f].Focus()
}

// refreshSuggestions completes the focused field from the world and the
// catalogue.
func (m *Model) refreshSuggestions() {
	m.sugg, m.pick = nil, 0
	w := m.world()
	if w == nil {
		return
	}
	typed := m.inputs[m.focus].Value()
	switch m.focus {
	case fCaller:
		m.sugg = suggest(typed, callers(w.World), 5)
	case fAction:
		m.sugg = actions(typed, 5)
	case fResource:
		m.sugg = suggest(typed, resources(w.World), 5)
	}
	m.layout()
}
