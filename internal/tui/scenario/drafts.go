package scenario

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
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

// key is the scenario's name in the progress store.
func (m *Model) key() progress.ScenarioKey { return progress.Key(m.s.Pack, m.s.ID) }

// draftRevs is the revision of each document's draft this window last read
// or wrote. Saves run in commands; the lock makes one window's saves take
// turns, so each starts from the revision the one before it wrote.
type draftRevs struct {
	mu  sync.Mutex
	rev map[string]int64
}

// draftConflictMsg: another window saved a document's draft since this one
// last read or saved it; nothing was overwritten.
type draftConflictMsg struct {
	conflict *progress.DraftConflictError
}

// loadProgress reads drafts and attempts in a command.
func (m *Model) loadProgress() tea.Cmd {
	store, id := m.deps.Store, m.key()
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
		return screen.Status("could not read your saved work: "+msg.err.Error(), true)
	}
	if m.s.Kind != scenarios.Build {
		return nil
	}
	var newest time.Time
	n := 0
	m.drafts.revs.mu.Lock()
	for _, d := range msg.drafts {
		m.drafts.revs.rev[d.DocName] = d.Rev
	}
	m.drafts.revs.mu.Unlock()
	for _, d := range msg.drafts {
		e, ok := m.build.editors[d.DocName]
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
	m.drafts.restoredN = n
	m.notice = "Restored your draft from " + newest.Local().Format("Jan 2 15:04") + " · ctrl+r resets to the starting text"
	m.reevaluate()
	m.relayout()
	return nil
}

// scheduleDraft starts the debounce timer after a change.
func (m *Model) scheduleDraft() tea.Cmd {
	m.drafts.dirty = true
	m.drafts.seq++
	seq := m.drafts.seq
	return tea.Tick(m.drafts.delay, func(time.Time) tea.Msg { return draftTickMsg{seq: seq} })
}

// Flush saves a draft still waiting for its debounce; the root calls it
// before quitting.
func (m *Model) Flush() tea.Cmd { return m.saveDrafts() }

// saveDrafts writes every editable document's text now.
func (m *Model) saveDrafts() tea.Cmd {
	// While the learner chooses between two windows' drafts, nothing is
	// saved: the choice decides what is.
	if !m.drafts.dirty || m.deps.Store == nil || m.s.Kind != scenarios.Build || m.drafts.conflict != nil {
		return nil
	}
	m.drafts.dirty = false
	texts := map[string]string{}
	for id, e := range m.build.editors {
		texts[id] = e.Value()
	}
	store, sid, ids, revs := m.deps.Store, m.key(), m.s.Editable, m.drafts.revs
	unchanged := true
	for id, t := range texts {
		unchanged = unchanged && t == m.build.start[id]
	}
	if unchanged {
		// Back at the starting text (typed, then undone): there is no
		// draft, and the scenario is no more in progress than before.
		return m.deps.Record("your draft", func() error {
			revs.mu.Lock()
			defer revs.mu.Unlock()
			clear(revs.rev)
			return store.DeleteDrafts(context.Background(), sid)
		})
	}
	var conflict *progress.DraftConflictError
	save := m.deps.Record("your draft", func() error {
		ctx := context.Background()
		revs.mu.Lock()
		defer revs.mu.Unlock()
		for _, id := range ids {
			if t, ok := texts[id]; ok {
				rev, err := store.SaveDraft(ctx, sid, id, t, revs.rev[id])
				if errors.As(err, &conflict) {
					return nil
				}
				if err != nil {
					return err
				}
				revs.rev[id] = rev
			}
		}
		return nil
	})
	return func() tea.Msg {
		if msg := save(); msg != nil || conflict == nil {
			return msg
		}
		return draftConflictMsg{conflict: conflict}
	}
}

// QuitWarning: while the learner has not chosen between this window's
// draft and another window's, this window's text is saved nowhere.
func (m *Model) QuitWarning() string {
	if m.drafts.conflict == nil {
		return ""
	}
	return "Your text of " + m.drafts.conflict.Theirs.DocName + " is not saved: another window saved a newer draft and you have not chosen which to keep."
}

// askDraftConflict asks which draft to keep when another window saved one
// since this window last did. Until answered, this window saves nothing.
func (m *Model) askDraftConflict(msg draftConflictMsg) tea.Cmd {
	if m.drafts.conflict != nil {
		return nil
	}
	m.drafts.conflict = msg.conflict
	m.confirm = confirmDraft
	m.drafts.dirty = true // this window's text is not saved yet
	m.syncFocus()
	return m.draftQuestion()
}

func (m *Model) draftQuestion() tea.Cmd {
	t := m.drafts.conflict.Theirs
	return screen.Status(fmt.Sprintf("Another window saved a newer draft of %s at %s. Keep yours? y keeps yours (replacing it) · n takes the other window's",
		t.DocName, t.UpdatedAt.Local().Format("15:04:05")), true)
}

// answerDraftConflict keeps this window's text (saved over the other's)
// or takes the other window's; any other key asks again, since either
// answer replaces one of the two texts.
func (m *Model) answerDraftConflict(msg tea.KeyPressMsg) tea.Cmd {
	theirs := m.drafts.conflict.Theirs
	switch {
	case key.Matches(msg, m.keys.Confirm):
		m.drafts.revs.mu.Lock()
		m.drafts.revs.rev[theirs.DocName] = theirs.Rev
		m.drafts.revs.mu.Unlock()
		m.drafts.conflict, m.confirm = nil, confirmNone
		m.drafts.dirty = true
		m.syncFocus()
		return tea.Batch(m.saveDrafts(), screen.Status("kept your draft of "+theirs.DocName, false))
	case key.Matches(msg, m.keys.TakeTheirs):
		m.drafts.revs.mu.Lock()
		m.drafts.revs.rev[theirs.DocName] = theirs.Rev
		m.drafts.revs.mu.Unlock()
		m.drafts.conflict, m.confirm = nil, confirmNone
		if e, ok := m.build.editors[theirs.DocName]; ok {
			e.SetValue(theirs.Text)
		}
		m.reevaluate()
		m.syncFocus()
		m.relayout()
		// Other documents may still hold unsaved edits of this window.
		return tea.Batch(m.saveDrafts(), screen.Status("took the other window's draft of "+theirs.DocName, false))
	}
	return m.draftQuestion()
}

// askReset asks before throwing the edits away.
func (m *Model) askReset() tea.Cmd {
	m.confirm = confirmReset
	m.syncFocus()
	return screen.Status("Reset every editable document to its starting text? y / n", false)
}

// resetToStart puts the starting text back and forgets the drafts.
func (m *Model) resetToStart() tea.Cmd {
	for id, e := range m.build.editors {
		e.SetValue(m.build.start[id])
	}
	m.notice = ""
	m.drafts.restoredN = 0
	m.drafts.dirty = false
	m.drafts.seq++ // a pending save must not write the old text back
	m.reevaluate()
	m.syncFocus()
	m.relayout()
	store, sid, revs := m.deps.Store, m.key(), m.drafts.revs
	if store == nil {
		return nil
	}
	return tea.Batch(
		m.deps.Record("the reset", func() error {
			revs.mu.Lock()
			defer revs.mu.Unlock()
			clear(revs.rev)
			return store.DeleteDrafts(context.Background(), sid)
		}),
		screen.Status("back to the starting text", false),
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
