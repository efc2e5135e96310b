package scenario

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// Update routes: the screen's own messages, then keys and mouse to the
// focused pane only.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		m.touch()
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, tea.BackgroundColorMsg:
		// Sized or repainted by the root (SetSize, SetStyles): nothing to
		// do here but reach the end, where the renderings for the new
		// width and palette start.
	case whyNotMsg:
		m.gotWhyNot(msg)
	case markdown.RenderedMsg:
		if m.md.Handle(msg) {
			m.relayout() // the briefing's height follows its rendering
		}
	case progressLoadedMsg:
		cmds = append(cmds, m.restoreDrafts(msg))
	case draftConflictMsg:
		cmds = append(cmds, m.askDraftConflict(msg))
	case draftTickMsg:
		if msg.seq == m.drafts.seq {
			cmds = append(cmds, m.saveDrafts())
		}
	case editor.ChangedMsg:
		cmds = append(cmds, m.textChanged())
	case editor.ExternalEditedMsg:
		if e, ok := m.build.editors[m.build.curDoc]; ok {
			var cmd tea.Cmd
			*e, cmd = e.Update(msg)
			cmds = append(cmds, cmd)
		}
	case tea.KeyPressMsg:
		cmds = append(cmds, m.handleKey(msg))
	case tea.PasteMsg:
		if m.focus == paneEditor {
			e := m.activeEditor()
			var cmd tea.Cmd
			*e, cmd = e.Update(msg)
			cmds = append(cmds, cmd)
		}
	case tea.MouseClickMsg:
		cmds = append(cmds, m.click(msg.X, msg.Y, msg))
	case tea.MouseWheelMsg:
		m.wheel(msg.X, msg.Y, msg)
	}
	cmds = append(cmds, m.renderMarkdown(), m.whyNotCmd())
	return m, tea.Batch(cmds...)
}

// textChanged re-evaluates after an edit and schedules the draft save.
func (m *Model) textChanged() tea.Cmd {
	if !m.reevaluate() {
		return nil
	}
	if m.notice != "" {
		m.notice = ""
		m.relayout()
	}
	return m.scheduleDraft()
}

// handleKey runs the screen's keys, then the focused pane's.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.confirm != confirmNone {
		return m.answerConfirm(msg)
	}
	k := &m.keys
	build := m.s.Kind == scenarios.Build
	switch {
	case key.Matches(msg, k.Hint):
		return m.nextHint()
	case build && key.Matches(msg, k.Submit):
		return m.submit()
	case key.Matches(msg, k.ShowScore):
		m.setFocus(paneResult)
		return nil
	case key.Matches(msg, k.Reset):
		return m.askReset()
	case key.Matches(msg, k.PrevPane):
		m.cycleFocus(-1)
		return nil
	}
	switch {
	case m.focus == paneEditor:
		return m.editorKey(msg)
	case m.focus == paneResult:
		return m.resultKey(msg)
	case m.answerKey(msg):
		return m.updateAnswer(msg)
	}
	switch {
	case key.Matches(msg, k.NextPane):
		m.cycleFocus(1)
		return nil
	case key.Matches(msg, k.Back):
		if m.focus == paneWorld && m.tree.viewing != "" {
			m.tree.viewing = ""
			m.syncFocus()
			return nil
		}
		return m.leave()
	case key.Matches(msg, k.HintKey):
		return m.nextHint()
	case (m.focus == paneChecks || m.focus == paneTrace) && key.Matches(msg, k.WhyNot):
		return m.toggleWhyNot()
	case key.Matches(msg, k.Briefing):
		m.toggleBriefing()
		return nil
	case key.Matches(msg, k.Edit), build && m.focus == paneBriefing && key.Matches(msg, k.EditEnter):
		if build && m.grade == nil {
			m.setFocus(paneEditor)
		}
		return nil
	}
	if m.focus != paneQuestion || m.ans.revealed {
		if p, ok := m.tabKey(msg); ok {
			m.setFocus(p)
			return nil
		}
	}
	return m.paneKey(msg)
}

// toggleBriefing is b. In a build scenario's wide layout the briefing is
// read across the whole width while it has the focus, so b focuses it and,
// pressed again, goes back to the checks; elsewhere it opens and folds the
// briefing pane.
func (m *Model) toggleBriefing() {
	if m.s.Kind == scenarios.Build && !m.lay.narrow {
		if m.focus == paneBriefing {
			m.setFocus(paneChecks)
		} else {
			m.setFocus(paneBriefing)
		}
		return
	}
	m.briefOpen = !m.briefOpen
	if m.lay.narrow {
		m.setFocus(paneBriefing)
	}
	m.relayout()
}

// paneKey handles the keys of a list or scrolling pane.
func (m *Model) paneKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch m.focus {
	case paneChecks:
		switch {
		case key.Matches(msg, k.Up):
			m.selectCheck(m.checks.checkSel - 1)
		case key.Matches(msg, k.Down):
			m.selectCheck(m.checks.checkSel + 1)
		case key.Matches(msg, k.Open):
			m.setFocus(paneTrace)
		}
	case paneTrace:
		m.trace, _ = m.trace.Update(msg)
	case paneDocs:
		switch {
		case key.Matches(msg, k.Up):
			m.build.docSel = max(0, m.build.docSel-1)
		case key.Matches(msg, k.Down):
			m.build.docSel = min(len(m.build.docs)-1, m.build.docSel+1)
		case key.Matches(msg, k.Open):
			if m.build.docSel < len(m.build.docs) {
				m.openDoc(m.build.docs[m.build.docSel].ID)
				m.setFocus(paneEditor)
			}
		}
	case paneWorld:
		m.worldKey(msg)
	case paneBriefing:
		m.briefing.update(msg, m.keys.Keys)
	case paneQuestion:
		return m.updateAnswer(msg)
	}
	return nil
}

func (m *Model) worldKey(msg tea.KeyPressMsg) {
	k := &m.keys
	if m.tree.viewing != "" {
		if key.Matches(msg, k.Collapse) {
			m.tree.viewing = ""
			m.syncFocus()
			return
		}
		m.viewer, _ = m.viewer.Update(msg)
		return
	}
	if d, ok := k.Step(msg, m.tree.h); ok {
		m.tree.move(d)
		return
	}
	switch {
	case key.Matches(msg, k.Collapse):
		m.tree.collapse()
	case key.Matches(msg, k.Open):
		if id := m.tree.activate(); id != "" {
			m.openFromTree(id)
		}
	}
}

// openFromTree opens a policy leaf: in the editor pane for build
// scenarios, in place of the tree otherwise.
func (m *Model) openFromTree(id string) {
	if m.s.Kind == scenarios.Build {
		m.openDoc(id)
		m.setFocus(paneEditor)
		return
	}
	src := ""
	if d, ok := m.s.World.Document(id); ok {
		src = d.Source
	}
	m.viewer.SetValue(src)
	m.tree.viewing = id
	m.sizeComponents()
	m.syncFocus()
}

// editorKey sends keys to the editor, except the ones that leave it.
func (m *Model) editorKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	e := m.activeEditor()
	editable := m.editorEditable() && m.grade == nil
	switch {
	case key.Matches(msg, k.LeaveEdit):
		m.setFocus(paneChecks)
		return nil
	case !editable && key.Matches(msg, k.NextPane):
		m.cycleFocus(1)
		return nil
	case !editable && key.Matches(msg, k.HintKey):
		return m.nextHint()
	}
	var cmd tea.Cmd
	*e, cmd = e.Update(msg)
	return cmd
}

// resultKey scrolls the score and debrief, opens the solution.
func (m *Model) resultKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.KeepEdit):
		if m.showSolution {
			m.showSolution = false
			m.relayout()
			return nil
		}
		m.leaveResult()
	case key.Matches(msg, k.Solution) && !m.showSolution:
		m.openSolution(0)
	case key.Matches(msg, k.NextDoc) && m.showSolution:
		m.openSolution(m.solIdx + 1)
	case m.showSolution:
		m.solution.Focus()
		m.solution, _ = m.solution.Update(msg)
		m.solution.Blur()
	default:
		m.result.update(msg, m.keys.Keys)
	}
	m.keys.update(m)
	return nil
}

// leave goes home, saving a pending draft first.
func (m *Model) leave() tea.Cmd {
	return tea.Batch(m.saveDrafts(), screen.Back)
}

// focusOrder is the tab order of the panes for the kind and state.
func (m *Model) focusOrder() []pane {
	if m.s.Kind == scenarios.Build {
		return []pane{paneEditor, paneChecks, paneTrace, paneBriefing, paneDocs, paneWorld}
	}
	if m.traced() {
		return []pane{paneQuestion, paneChecks, paneTrace, paneBriefing, paneWorld}
	}
	return []pane{paneQuestion, paneBriefing, paneWorld}
}

func (m *Model) cycleFocus(d int) {
	if m.focus == paneResult {
		return
	}
	order := m.focusOrder()
	i := 0
	for j, p := range order {
		if p == m.focus {
			i = j
		}
	}
	m.setFocus(order[(i+d+len(order))%len(order)])
}

func (m *Model) setFocus(p pane) {
	if m.focus == p {
		return
	}
	m.focus = p
	m.syncFocus()
	m.relayout()
}

// tabKey maps 1–4 to the panes of the narrow layout's tabs.
func (m *Model) tabKey(msg tea.KeyPressMsg) (pane, bool) {
	tabs := m.tabs()
	for i, b := range []key.Binding{m.keys.Tab1, m.keys.Tab2, m.keys.Tab3, m.keys.Tab4} {
		if key.Matches(msg, b) && i < len(tabs) {
			return tabs[i].pane, true
		}
	}
	return 0, false
}

// idleCap is the longest pause still counted as working on the scenario:
// the attempt records active time, not the time the screen stood open.
const idleCap = 2 * time.Minute

// touch counts the time since the last input as active, up to idleCap.
func (m *Model) touch() {
	now := m.deps.Now()
	m.active += min(now.Sub(m.lastInput), idleCap)
	m.lastInput = now
}

// activeTime is the active time so far.
func (m *Model) activeTime() time.Duration {
	return m.active + min(m.deps.Now().Sub(m.lastInput), idleCap)
}
