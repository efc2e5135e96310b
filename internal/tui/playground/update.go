package playground

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/common"
	"github.com/iamlab/iamlab/internal/tui/editor"
)

// Update edits the form and re-evaluates on every change.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		switch msg := msg.(type) {
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
	k := m.KeyMap
	switch {
	case key.Matches(km, k.Policies):
		return m, m.togglePolicies()
	case m.pol.open && key.Matches(km, k.NextDoc):
		m.nextDoc()
		return m, nil
	case m.pol.open && key.Matches(km, k.ResetDocs):
		m.resetPolicies()
		return m, nil
	case m.pol.focused && key.Matches(km, k.LeaveEditor):
		m.focusEditor(false)
		return m, m.inputs[m.focus].Focus()
	case m.pol.focused:
		return m, m.updatePolicies(km)
	case key.Matches(km, k.Back):
		return m, common.Back
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
			m.wi = (m.wi + d) % len(m.worlds)
			m.outcome = nil
			m.pol.doc = 0
			if m.pol.open {
				m.loadDoc()
			}
			m.evaluate()
		}
		return m, nil
	case key.Matches(km, k.TraceUp), key.Matches(km, k.TraceDown):
		m.trace, _ = m.trace.Update(km)
		return m, nil
	case len(m.sugg) > 0 && key.Matches(km, k.PickDown):
		m.pick = (m.pick + 1) % len(m.sugg)
		return m, nil
	case len(m.sugg) > 0 && key.Matches(km, k.PickUp):
		m.pick = (m.pick + len(m.sugg) - 1) % len(m.sugg)
		return m, nil
	case len(m.sugg) > 0 && key.Matches(km, k.Accept):
		m.inputs[m.focus].SetValue(m.sugg[m.pick])
		m.inputs[m.focus].CursorEnd()
		m.refreshSuggestions()
		m.evaluate()
		return m, nil
	case m.focus == fMFA:
		if key.Matches(km, k.Toggle) {
			m.mfa = (m.mfa + 1) % 3
			m.evaluate()
		}
		return m, nil
	}
	return m, m.typeInField(km)
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
		m.refreshSuggestions()
		m.evaluate()
	}
	return cmd
}

func (m *Model) setFocus(f field) tea.Cmd {
	m.inputs[m.focus].Blur()
	m.focus = f
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
}
