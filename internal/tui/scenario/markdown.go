package scenario

import (
	tea "charm.land/bubbletea/v2"
)

// Markdown texts the screen renders, named by their key in
// the markdown cache.
const (
	mdBriefing = "briefing"
	mdDebrief  = "debrief"
	mdQuestion = "question"
)

// mdWant is a text on screen and the width it is shown at.
type mdWant struct {
	text  string
	width int
}

// markdown returns the rendered lines when they are ready, or the plain
// fallback; Update starts the renderings (renderMarkdown).
func (m *Model) markdown(t string, width int) []string {
	src := m.mdSource(t)
	if src == "" || width <= 0 {
		return nil
	}
	lines, _ := m.md.Peek(t, src, width, m.st.Theme.Variant)
	return lines
}

func (m *Model) mdSource(t string) string {
	switch t {
	case mdBriefing:
		return m.s.Briefing
	case mdDebrief:
		return m.s.Debrief
	case mdQuestion:
		if m.s.Choose != nil {
			return m.s.Choose.Question
		}
	}
	return ""
}

// mdWanted lists the texts on screen now, with the width each is shown at.
func (m *Model) mdWanted() []mdWant {
	var out []mdWant
	add := func(t string, w int) {
		if w > 0 && m.mdSource(t) != "" {
			out = append(out, mdWant{t, w})
		}
	}
	if r, ok := m.lay.panes[paneBriefing]; ok {
		add(mdBriefing, r.inner().w)
	}
	if r, ok := m.lay.panes[paneResult]; ok && m.grade != nil && m.grade.Solved {
		add(mdDebrief, r.inner().w-1)
	}
	if r, ok := m.lay.panes[paneQuestion]; ok {
		add(mdQuestion, r.inner().w-1)
		if m.ans.revealed {
			add(mdDebrief, r.inner().w-1)
		}
	}
	return out
}

// renderMarkdown starts a command for each wanted text not yet rendered.
func (m *Model) renderMarkdown() tea.Cmd {
	var cmds []tea.Cmd
	for _, w := range m.mdWanted() {
		_, cmd := m.md.Get(w.text, m.mdSource(w.text), w.width, m.st.Theme.Variant)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
