package progressview

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
)

const dateLayout = "2006-01-02"

// Update handles loading, the keys and the mouse wheel.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil // an answer for an exam or date no longer shown
		}
		m.loading = false
		if msg.err != nil {
			m.err = msg.err
			if m.deps.Log != nil {
				m.deps.Log.Error("progress summary", "exam", m.currentExam().ID, "err", msg.err)
			}
		} else {
			m.err, m.sum, m.loaded = nil, msg.sum, true
		}
		m.history, m.historyExam = msg.history.results, msg.history.exam
		if msg.history.err != nil && m.err == nil {
			m.err = msg.history.err
		}
		m.rebuildPicks()
		m.relayout()
		return m, nil
	case tea.KeyPressMsg:
		if m.dateOn {
			return m.updateDate(msg)
		}
		return m.updateKeys(msg)
	case tea.MouseWheelMsg:
		m.scrollBy(scroll.Wheel(msg))
	}
	return m, nil
}

func (m *Model) updateKeys(msg tea.KeyPressMsg) (screen.Screen, tea.Cmd) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Back):
		return m, screen.Back
	case key.Matches(msg, k.Up):
		m.moveOrScroll(-1)
	case key.Matches(msg, k.Down):
		m.moveOrScroll(1)
	case m.scroller().Key(msg, k.Keys, len(m.body)):
		// a page or an end: the report scrolls, the selection stays
	case key.Matches(msg, k.NextExam):
		return m, m.switchExam(1)
	case key.Matches(msg, k.PrevExam):
		return m, m.switchExam(-1)
	case key.Matches(msg, k.Practise):
		return m, m.practise()
	case key.Matches(msg, k.ExamDate):
		m.dateOn, m.dateErr = true, ""
		if !m.examDate.IsZero() {
			m.date.SetValue(m.examDate.Format(dateLayout))
		} else {
			m.date.SetValue("")
		}
		m.date.CursorEnd()
		m.relayout()
		return m, m.date.Focus()
	case key.Matches(msg, k.Reload):
		return m, m.load()
	}
	return m, nil
}

// updateDate edits the exam date; enter applies it and reloads.
func (m *Model) updateDate(msg tea.KeyPressMsg) (screen.Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, m.KeyMap.Cancel):
		m.closeDate()
		return m, nil
	case key.Matches(msg, m.KeyMap.Confirm):
		d, err := parseDate(m.date.Value(), m.deps.Now())
		if err != "" {
			m.dateErr = err
			m.relayout()
			return m, nil
		}
		m.examDate = d
		m.closeDate()
		return m, m.load()
	}
	var cmd tea.Cmd
	m.date, cmd = m.date.Update(msg)
	if m.dateErr != "" {
		m.dateErr = ""
		m.relayout()
	}
	return m, cmd
}

func (m *Model) closeDate() {
	m.dateOn, m.dateErr = false, ""
	m.date.Blur()
	m.relayout()
}

// parseDate reads YYYY-MM-DD in the learner's time zone; empty clears the
// date. The message says what was wrong and gives an example.
func parseDate(s string, now time.Time) (time.Time, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, ""
	}
	d, err := time.ParseInLocation(dateLayout, s, now.Location())
	if err != nil {
		return time.Time{}, "not a date: type it as YYYY-MM-DD, e.g. " + now.AddDate(0, 2, 0).Format(dateLayout) + " (empty clears)"
	}
	y, mo, dd := now.Date()
	if d.Before(time.Date(y, mo, dd, 0, 0, 0, 0, now.Location())) {
		return time.Time{}, d.Format(dateLayout) + " has passed: give a day from today on (empty clears)"
	}
	return d, ""
}

// switchExam cycles the exam and reloads readiness for it.
func (m *Model) switchExam(d int) tea.Cmd {
	n := len(m.exams)
	m.exam = ((m.exam+d)%n + n) % n
	m.cursor, m.win.Off = 0, 0
	m.relayout()
	return m.load()
}

// practise opens the practice screen for the selected topic.
func (m *Model) practise() tea.Cmd {
	if m.opts.Practise == nil || m.cursor >= len(m.picks) {
		return nil
	}
	p := m.picks[m.cursor]
	s := m.opts.Practise(p.topicID)
	if s == nil {
		return screen.Status("nothing to practise for "+p.topicID+" yet", false)
	}
	return screen.Open(s)
}

// moveOrScroll moves the topic selection; past either end of the list (or
// with no topics) it scrolls instead, so the keys never go dead.
func (m *Model) moveOrScroll(d int) {
	next := m.cursor + d
	if len(m.picks) == 0 || next < 0 || next >= len(m.picks) {
		m.scrollBy(d)
		return
	}
	m.cursor = next
	m.relayout()
	m.ensureVisible()
}

// scroller is the report's window, sized to the room below the exam
// tabs (and the date field while it is typed).
func (m *Model) scroller() *scroll.Window {
	m.win.Height = m.viewHeight()
	return &m.win
}

func (m *Model) scrollBy(d int) { m.scroller().By(d, len(m.body)) }

func (m *Model) maxOffset() int { return m.scroller().Max(len(m.body)) }

func (m *Model) ensureVisible() {
	if m.cursor >= len(m.pickRow) {
		return
	}
	m.scroller().Reveal(m.pickRow[m.cursor], 0, len(m.body))
}

// rebuildPicks lists the selectable topics: the weakest, then the due
// reviews not already listed.
func (m *Model) rebuildPicks() {
	var keep string
	if m.cursor < len(m.picks) {
		keep = m.picks[m.cursor].topicID
	}
	m.picks = m.picks[:0]
	seen := map[string]bool{}
	for _, t := range m.sum.Readiness.Weakest {
		m.picks = append(m.picks, pick{topicID: t.TopicID, title: t.Title})
		seen[t.TopicID] = true
	}
	for _, d := range m.sum.Due[:min(len(m.sum.Due), dueShown)] {
		if !seen[d.TopicID] {
			m.picks = append(m.picks, pick{topicID: d.TopicID, title: d.Title})
			seen[d.TopicID] = true
		}
	}
	m.cursor = 0
	for i, p := range m.picks {
		if p.topicID == keep {
			m.cursor = i
		}
	}
}
