package home

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
)

// Update handles the list, the filter and the entries.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case statusMsg:
		if msg.err != nil {
			return m, screen.Status("could not read progress: "+msg.err.Error(), true)
		}
		if msg.status != nil {
			m.status = msg.status
		}
		m.exam = msg.exam
		return m, nil
	case tea.KeyPressMsg:
		if m.filterOn {
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			i := m.win.Off + msg.Y - m.listTop()
			if i >= 0 && i < len(m.rows) && m.rows[i].selectable() {
				if i == m.cursor {
					return m, m.activate()
				}
				m.cursor = i
			}
		}
	case tea.MouseWheelMsg:
		if d := scroll.Wheel(msg); d != 0 {
			m.move(d)
		}
	}
	return m, nil
}

func (m *Model) updateFilter(msg tea.KeyPressMsg) (screen.Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, m.KeyMap.ClearFilter):
		m.filter.SetValue("")
		m.filter.Blur()
		m.filterOn = false
		m.rebuild()
		return m, nil
	case key.Matches(msg, m.KeyMap.Open):
		m.filter.Blur()
		m.filterOn = false
		return m, m.activate()
	case key.Matches(msg, m.KeyMap.FilterUp):
		m.move(-1)
		return m, nil
	case key.Matches(msg, m.KeyMap.FilterDown):
		m.move(1)
		return m, nil
	}
	var cmd tea.Cmd
	before := m.filter.Value()
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		// A new search selects its best match, not the row selected before.
		m.rows = nil
		m.rebuild()
	}
	return m, cmd
}

func (m *Model) updateList(msg tea.KeyPressMsg) (screen.Screen, tea.Cmd) {
	if d, ok := m.KeyMap.Step(msg, m.listHeight()); ok {
		m.move(d)
		return m, nil
	}
	switch {
	case key.Matches(msg, m.KeyMap.Open):
		return m, m.activate()
	case key.Matches(msg, m.KeyMap.Filter):
		m.filterOn = true
		return m, m.filter.Focus()
	case key.Matches(msg, m.KeyMap.ClearFilter):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			m.rebuild()
		}
	case key.Matches(msg, m.KeyMap.Group):
		m.grouping = (m.grouping + 1) % 3
		m.rebuild()
	case key.Matches(msg, m.KeyMap.Next):
		if s := m.suggestion(); s != nil && m.open != nil {
			return m, screen.Open(m.open(s))
		}
	default:
		for _, e := range m.entries {
			if key.Matches(msg, e.Key) {
				return m, screen.Open(e.Open())
			}
		}
	}
	return m, nil
}

// move steps the selection over headers and problem lines.
func (m *Model) move(d int) {
	if len(m.rows) == 0 {
		return
	}
	dir := 1
	if d < 0 {
		dir = -1
	}
	target := min(max(0, m.cursor+d), len(m.rows)-1)
	i := m.firstSelectable(target, dir)
	if !m.rows[i].selectable() {
		i = m.firstSelectable(target, -dir)
	}
	if m.rows[i].selectable() {
		m.cursor = i
	}
	m.scroll()
}

func (m *Model) activate() tea.Cmd {
	if m.cursor >= len(m.rows) {
		return nil
	}
	r := m.rows[m.cursor]
	switch {
	case r.kind == rowEntry:
		return screen.Open(r.entry.Open())
	case r.kind == rowScenario && m.open != nil:
		return screen.Open(m.open(r.scenario))
	}
	return nil
}
