package scenario

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/common"
)

// draftDelay is how long typing must pause before the drafts are saved.
const draftDelay = 500 * time.Millisecond

// progressLoadedMsg brings the saved drafts and the number of earlier
// attempts, read when the screen opens.
type progressLoadedMsg struct {
	drafts   []progress.Draft
	attempts int
	err      error
}

// draftTickMsg fires draftDelay after a change; only the newest counts.
type draftTickMsg struct{ seq int }

// loadProgress reads drafts and attempts in a command.
func (m *Model) loadProgress() tea.Cmd {
	store, id := m.deps.Store, m.s.ID
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		ctx := context.Background()
		ds, err := store.Drafts(ctx, id)
		if err != nil {
			return progressLoadedMsg{err: err}
		}
		st, err := store.ScenarioStatus(ctx)
		if err != nil {
			return progressLoadedMsg{drafts: ds, err: err}
		}
		return progressLoadedMsg{drafts: ds, attempts: progress.StatusOf(st, id).Attempts}
	}
}

// restoreDrafts puts saved drafts into the editors.
func (m *Model) restoreDrafts(msg progressLoadedMsg) tea.Cmd {
	m.priorAttempts = msg.attempts
	if msg.err != nil {
		return common.Status("could not read your saved work: "+msg.err.Error(), true)
	}
	if m.s.Kind != scenarios.Build {
		return nil
	}
	var newest time.Time
	n := 0
	for _, d := range msg.drafts {
		e, ok := m.editors[d.DocName]
		if !ok || d.Text == e.Value() {
			continue
		}
		e.SetValue(d.Text)
		n++
		if d.UpdatedAt.After(newest) {
			newest = d.UpdatedAt
		}
	}
	if n == 0 {
		return nil
	}
	m.restoredN = n
	m.notice = "Restored your draft from " + newest.Local().Format("Jan 2 15:04") + " · ctrl+r resets to the starting text"
	m.reevaluate()
	m.relayout()
	return nil
}

// scheduleDraft starts the debounce timer after a change.
func (m *Model) scheduleDraft() tea.Cmd {
	m.dirty = true
	m.draftSeq++
	seq := m.draftSeq
	return tea.Tick(m.draftDelay, func(time.Time) tea.Msg { return draftTickMsg{seq: seq} })
}

// Flush saves a draft still waiting for its debounce; the root calls it
// before quitting.
func (m *Model) Flush() tea.Cmd { return m.saveDrafts() }

// saveDrafts writes every editable document's text now.
func (m *Model) saveDrafts() tea.Cmd {
	if !m.dirty || m.deps.Store == nil || m.s.Kind != scenarios.Build {
		return nil
	}
	m.dirty = false
	texts := map[string]string{}
	for id, e := range m.editors {
		texts[id] = e.Value()
	}
	store, sid, ids := m.deps.Store, m.s.ID, m.s.Editable
	unchanged := true
	for id, t := range texts {
		unchanged = unchanged && t == m.start[id]
	}
	if unchanged {
		// Back at the starting text (typed, then undone): there is no
		// draft, and the scenario is no more in progress than before.
		return m.deps.Record("your draft", func() error { return store.DeleteDrafts(context.Background(), sid) })
	}
	return m.deps.Record("your draft", func() error {
		ctx := context.Background()
		for _, id := range ids {
			if t, ok := texts[id]; ok {
				if err := store.SaveDraft(ctx, sid, id, t); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// askReset asks before throwing the edits away.
func (m *Model) askReset() tea.Cmd {
	m.confirm = confirmReset
	m.syncFocus()
	return common.Status("Reset every editable document to its starting text? y / n", false)
}

// resetToStart puts the starting text back and forgets the drafts.
func (m *Model) resetToStart() tea.Cmd {
	for id, e := range m.editors {
		e.SetValue(m.start[id])
	}
	m.notice = ""
	m.restoredN = 0
	m.dirty = false
	m.draftSeq++ // a pending save must not write the old text back
	m.reevaluate()
	m.syncFocus()
	m.relayout()
	store, sid := m.deps.Store, m.s.ID
	if store == nil {
		return nil
	}
	return tea.Batch(
		m.deps.Record("the reset", func() error { return store.DeleteDrafts(context.Background(), sid) }),
		common.Status("back to the starting text", false),
	)
}

// noticeText is the one-line notice above the panes.
func (m *Model) noticeText() string {
	n := m.notice
	if !m.deps.Recording {
		const off = "Progress is not being saved (the progress database could not be opened)."
		if n == "" {
			return off
		}
		return off + " " + n
	}
	return n
}
