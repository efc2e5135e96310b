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
		switch msg := msg.(type) {
		case whyNotMsg:
			m.gotWhyNot(msg)
		case saveTickMsg:
			if msg.seq == m.saveSeq {
				return m, tea.Batch(m.save(), m.ask())
			}
		case keptMsg:
			m.kept = msg.kept
			m.reqs.cur = min(m.reqs.cur, max(0, len(m.kept)-1))
			if msg.err != nil {
				return m, screen.Status("could not read your requests: "+msg.err.Error(), true)
			}
		case tea.MouseWheelMsg:
			m.trace, _ = m.trace.Update(msg)
		case editor.ExternalEditedMsg, tea.PasteMsg:
			if m.pol.focused {
				return m, m.updatePolicies(msg)
			}
			if p, ok := msg.(tea.PasteMsg); ok {
				return m, m.typeInField(p)
			}
		}
		return m, nil
	}
	m.notice = ""
	k := m.KeyMap
	switch {
	case key.Matches(km, k.Policies):
		return m, m.togglePolicies()
	case m.pol.open && key.Matches(km, k.NextDoc):
		m.nextDoc()
		return m, nil
	case m.pol.open && key.Matches(km, k.ResetDocs):
		return m, m.resetPolicies()
	case m.pol.focused && key.Matches(km, k.LeaveEditor):
		m.focusEditor(false)
		return m, m.inputs[m.focus].Focus()
	case m.pol.focused && key.Matches(km, k.HelpTyping):
		m.openPanel(panelHelp)
		return m, nil
	case m.pol.focused:
		return m, m.updatePolicies(km)
	case m.panel != panelNone:
		return m, m.updatePanel(km)
	case key.Matches(km, k.WhyNot):
		m.toggleWhyNot()
		return m, nil
	case m.whyChoosing() && key.Matches(km, k.ApplyWhyNot):
		return m, m.applyWhyNot()
	case m.whyChoosing() && key.Matches(km, k.PickDown):
		m.moveWhyNot(1)
		return m, nil
	case m.whyChoosing() && key.Matches(km, k.PickUp):
		m.moveWhyNot(-1)
		return m, nil
	case m.listOpen() && key.Matches(km, k.CloseList):
		// The list goes; the request, and the screen, stay.
		m.listClosed = true
		return m, nil
	case key.Matches(km, k.Back):
		return m, m.leave()
	case key.Matches(km, k.WorldView):
		m.openPanel(panelWorld)
		return m, nil
	case key.Matches(km, k.Requests):
		m.openPanel(panelRequests)
		return m, m.loadKept()
	case key.Matches(km, k.SaveRequest):
		return m, m.saveRequest()
	case key.Matches(km, k.Help) && (m.focus != fContext || key.Matches(km, k.HelpTyping)):
		m.openPanel(panelHelp)
		return m, nil
	case key.Matches(km, k.NextField):
		return m, m.setFocus((m.focus + 1) % nFields)
	case key.Matches(km, k.PrevField):
		return m, m.setFocus((m.focus + nFields - 1) % nFields)
	case key.Matches(km, k.NextWorld), key.Matches(km, k.PrevWorld):
		if len(m.worlds) > 1 {
			d := 1
			if key.Matches(km, k.PrevWorld) {
				d = len(m.worlds) - 1
			}
			return m, m.switchWorld((m.wi + d) % len(m.worlds))
		}
		return m, nil
	case key.Matches(km, k.TraceUp), key.Matches(km, k.TraceDown):
		m.trace, _ = m.trace.Update(km)
		return m, nil
	case m.listOpen() && key.Matches(km, k.PickDown):
		m.pick = (m.pick + 1) % len(m.sugg)
		return m, nil
	case m.listOpen() && key.Matches(km, k.PickUp):
		m.pick = (m.pick + len(m.sugg) - 1) % len(m.sugg)
		return m, nil
	case m.listOpen() && key.Matches(km, k.Accept):
		m.inputs[m.focus].SetValue(m.sugg[m.pick])
		m.inputs[m.focus].CursorEnd()
		m.refreshSuggestions()
		m.evaluate()
		return m, m.markDirty()
	case key.Matches(km, k.Accept):
		// Enter on a complete request asks it now: into the history.
		return m, m.ask()
	case m.focus == fMFA:
		if key.Matches(km, k.Toggle) {
			m.mfa = (m.mfa + 1) % 3
			m.evaluate()
			return m, m.markDirty()
		}
		return m, nil
	}
	return m, m.typeInField(km)
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
