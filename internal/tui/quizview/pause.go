package quizview

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// A mock exam can be paused: the clock stops and the exam is saved in the
// progress store, so it can be resumed here, from the quiz menu, or after
// a restart. A submitted exam goes into the exam history with its score
// per domain, which the progress screen draws as a trend.

// pauseKey pauses a running exam.
var pauseKey = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause"))

// pause stops the clock, saves the exam and shows the paused screen.
func (m *Session) pause() tea.Cmd {
	if m.exam == nil || m.exam.Submitted() {
		return nil
	}
	m.leaveItem()
	if err := m.exam.Pause(); err != nil {
		return screen.Status(err.Error(), true)
	}
	m.phase, m.win.Off = phasePaused, 0
	return m.savePaused()
}

// savePaused writes the exam's state to the store.
func (m *Session) savePaused() tea.Cmd {
	store := m.deps.Store
	if store == nil {
		return nil
	}
	raw, err := json.Marshal(m.exam.State())
	if err != nil {
		return screen.Status("could not save the paused exam: "+err.Error(), true)
	}
	return m.deps.Record("your paused exam", func() error {
		return store.SavePausedExam(context.Background(), string(raw))
	})
}

// resume starts the clock again.
func (m *Session) resume() {
	m.exam.Resume()
	m.gotoItem(m.exam.Current())
}

// keyPaused: enter or p resumes, esc leaves with the exam kept.
func (m *Session) keyPaused(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.KeyMap.Submit), key.Matches(msg, pauseKey):
		m.resume()
		m.tickID++
		return m.tick()
	case key.Matches(msg, m.KeyMap.Back):
		return screen.Back
	}
	return nil
}

// pausedBody explains the pause.
func (b *builder) paused() {
	m := b.m
	st := m.st
	ex := m.exam
	b.line(st.Bold.Render("⏸ The exam is paused and the clock is stopped."))
	b.blank()
	b.line(fmt.Sprintf("%d of %d answered · %s left · %d flagged", ex.Len()-len(ex.Unanswered()), ex.Len(), clockText(ex.Remaining()), len(ex.Flagged())))
	b.blank()
	b.hang("", "It is saved: resume it now with enter, or leave with esc and resume it later from the quiz menu, after a restart too. The real exam has no pause; use it for life, not for looking things up.", st.Muted.Render)
}

// Flush keeps an exam in progress when the program quits: it is paused and
// saved, so quitting loses nothing.
func (m *Session) Flush() tea.Cmd {
	if m.exam == nil || m.exam.Submitted() {
		return nil
	}
	if !m.exam.Paused() {
		m.leaveItem()
		_ = m.exam.Pause()
	}
	return m.savePaused()
}

// examResult turns a report into the history's record.
func examResult(r *qz.ExamReport) progress.ExamResult {
	out := progress.ExamResult{Exam: r.Exam, StartedAt: r.Started, FinishedAt: r.Submitted, Items: r.Total, Correct: r.Correct,
		Unanswered: r.Unanswered, Elapsed: r.Elapsed, Limit: r.Limit, TimedOut: r.TimedOut, Band: r.Band}
	for _, d := range r.Domains {
		if d.Total == 0 {
			continue
		}
		out.Domains = append(out.Domains, progress.ExamDomainResult{Number: d.Number, Name: d.Name, Correct: d.Correct, Total: d.Total})
	}
	return out
}

// recordExam keeps the submitted exam in the history and forgets the
// paused copy.
func (m *Session) recordExam() tea.Cmd {
	store := m.deps.Store
	if store == nil || m.report == nil {
		return nil
	}
	res := examResult(m.report)
	return m.deps.Record("the exam in your history", func() error {
		ctx := context.Background()
		if _, err := store.RecordExam(ctx, res); err != nil {
			return err
		}
		return store.DeletePausedExam(ctx)
	})
}

// pausedMsg brings the paused exam, if any, to the menu.
type pausedMsg struct {
	state *qz.ExamState
	saved time.Time
	err   error
}

// loadPaused reads the paused exam for the menu.
func (m *Menu) loadPaused() tea.Cmd {
	store := m.deps.Store
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		p, ok, err := store.PausedExam(context.Background())
		if err != nil || !ok {
			return pausedMsg{err: err}
		}
		var st qz.ExamState
		if err := json.Unmarshal([]byte(p.Body), &st); err != nil {
			return pausedMsg{err: fmt.Errorf("the paused exam is unreadable: %w", err)}
		}
		return pausedMsg{state: &st, saved: p.SavedAt}
	}
}

// setPaused shows or hides the resume row at the top of the mock exams.
func (m *Menu) setPaused(msg pausedMsg) {
	at := -1
	for i, r := range m.rows {
		if r.kind == rowResume {
			at = i
		}
	}
	if at >= 0 {
		m.rows = append(m.rows[:at], m.rows[at+1:]...)
		if m.cursor > at {
			m.cursor--
		}
	}
	m.paused = msg.state
	if msg.state == nil {
		return
	}
	answered := 0
	for _, e := range msg.state.Entries {
		if e.Answered {
			answered++
		}
	}
	text := fmt.Sprintf("Resume your paused %s exam: %d of %d answered, paused %s", msg.state.Exam, answered, len(msg.state.ItemIDs),
		msg.saved.Local().Format("Jan 2 15:04"))
	for i, r := range m.rows {
		if r.kind == rowHeader && i > 0 && m.rows[i-1].kind == rowStartPractice {
			m.rows = append(m.rows[:i+1], append([]menuRow{{kind: rowResume, text: text}}, m.rows[i+1:]...)...)
			if m.cursor > i {
				m.cursor++
			}
			return
		}
	}
}

// resumeExam draws the paused exam again and opens it.
func (m *Menu) resumeExam() tea.Cmd {
	if m.paused == nil {
		return nil
	}
	e, err := qz.ResumeExam(m.bank, *m.paused, qz.WithClock(clock(m.deps)), qz.WithWorlds(m.worlds...))
	if err != nil {
		return screen.Status(err.Error(), true)
	}
	return screen.Open(NewExamSession(m.deps, e))
}

// rememberedExam is the exam the practice filter starts on: the last one
// chosen in the quiz, else the one the learner prepares for.
func rememberedExam(store progress.Settings) string {
	if store == nil {
		return ""
	}
	ctx := context.Background()
	if v, ok, err := store.Setting(ctx, settingQuizExam); err == nil && ok {
		return v
	}
	v, _, _ := store.Setting(ctx, progress.SettingExam)
	return v
}

// settingQuizExam is the practice filter's exam ("" for every exam).
const settingQuizExam = "quiz.exam"

// rememberExam saves the practice filter's exam.
func (m *Menu) rememberExam() tea.Cmd {
	store := m.deps.Store
	if store == nil {
		return nil
	}
	v := examChoices[m.examPick]
	return m.deps.Record("your quiz choice", func() error {
		return store.SetSetting(context.Background(), settingQuizExam, v)
	})
}
