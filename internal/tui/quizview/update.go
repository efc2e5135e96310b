package quizview

import (
	"context"
	"errors"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
)

// Update handles keys, the clock and rendered Markdown.
func (m *Session) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case markdown.RenderedMsg:
		m.md.Handle(msg)
	case tickMsg:
		if msg.id != m.tickID || m.exam == nil || m.exam.Submitted() {
			return m, nil
		}
		if m.exam.TimeUp() {
			cmd = m.submitExam("Time is up: the exam was submitted with the answers you had saved.")
		} else {
			cmd = m.tick()
		}
	case tea.KeyPressMsg:
		cmd = m.key(msg)
	case tea.MouseWheelMsg:
		m.scrollBy(scroll.Wheel(msg))
		return m, nil
	}
	return m, tea.Batch(cmd, m.refresh())
}

func (m *Session) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-m.scroller().Page())
		return nil
	case key.Matches(msg, k.PageDown):
		m.scrollBy(m.scroller().Page())
		return nil
	}
	switch m.phase {
	case phaseAnswer:
		return m.keyAnswer(msg)
	case phaseConfidence:
		return m.keyConfidence(msg)
	case phaseFeedback:
		return m.keyFeedback(msg)
	case phaseSummary:
		return m.keySummary(msg)
	case phaseList:
		return m.keyList(msg)
	case phaseConfirmSubmit:
		return m.keyConfirmSubmit(msg)
	case phaseConfirmLeave:
		return m.keyConfirmLeave(msg)
	case phaseReport:
		return m.keyReport(msg)
	case phasePaused:
		return m.keyPaused(msg)
	case phaseReportItem:
		return m.keyReportItem(msg)
	}
	return nil
}

// keyFeedback reads the reveal and moves on to the next item.
func (m *Session) keyFeedback(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Next):
		m.run.Next()
		m.startItem()
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.Down), key.Matches(msg, k.Toggle):
		m.scrollBy(1)
	case key.Matches(msg, k.Back):
		return screen.Back
	}
	return nil
}

// keySummary is the end of a session: retake it or leave.
func (m *Session) keySummary(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Retake):
		return m.retake()
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.Down):
		m.scrollBy(1)
	case key.Matches(msg, k.Back), key.Matches(msg, k.Submit):
		return screen.Back
	}
	return nil
}

// keyConfirmSubmit asks before an exam is submitted.
func (m *Session) keyConfirmSubmit(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Yes):
		return m.submitExam("")
	case key.Matches(msg, k.No), key.Matches(msg, k.Back):
		m.phase = phaseList
	}
	return nil
}

// keyConfirmLeave asks before a session is left.
func (m *Session) keyConfirmLeave(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Yes):
		if m.exam != nil {
			// Leaving keeps the exam, paused, for the quiz menu.
			return tea.Batch(m.pause(), screen.Back)
		}
		return screen.Back
	case key.Matches(msg, k.No), key.Matches(msg, k.Back):
		m.phase = m.back
	}
	return nil
}

// keyReportItem reads one item of an exam's report.
func (m *Session) keyReportItem(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Submit):
		m.phase, m.fb, m.win.Off = phaseReport, nil, 0
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.Down), key.Matches(msg, k.Toggle):
		m.scrollBy(1)
	}
	return nil
}

// keyAnswer works the item: letters, arrows, space and enter.
func (m *Session) keyAnswer(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	m.notice = ""
	if m.exam != nil {
		if cmd, done := m.keyExamNav(msg); done {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Back):
		if m.exam != nil {
			m.leaveItem()
			m.back, m.phase = phaseAnswer, phaseConfirmLeave
			return nil
		}
		return screen.Back
	case key.Matches(msg, k.Submit):
		return m.submitAnswer()
	}
	if m.ans.edit(msg, k) && m.exam != nil {
		m.saveExam(false)
	}
	return nil
}

// keyExamNav handles the exam's own keys on an item: pause, flag, moving
// between items, the list and submitting the exam.
func (m *Session) keyExamNav(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, pauseKey):
		return m.pause(), true
	case key.Matches(msg, k.Flag):
		en := m.exam.Entries()[m.exam.Current()]
		_ = m.exam.Flag(en.Item.ID, !en.Flagged)
	case key.Matches(msg, k.NextItem):
		m.leaveItem()
		m.gotoItem((m.exam.Current() + 1) % m.exam.Len())
	case key.Matches(msg, k.PrevItem):
		m.leaveItem()
		m.gotoItem((m.exam.Current() - 1 + m.exam.Len()) % m.exam.Len())
	case key.Matches(msg, k.List):
		m.leaveItem()
		m.openList()
	case key.Matches(msg, k.SubmitExam):
		m.leaveItem()
		m.openList()
		m.phase = phaseConfirmSubmit
	default:
		return nil, false
	}
	return nil, true
}

// edit applies a key to the answer being given and reports whether it
// was one that works the item (moving counts, as the exam saves the
// cursor too).
func (a *answer) edit(msg tea.KeyPressMsg, k KeyMap) bool {
	switch {
	case a.item.Type == qz.Ordering && key.Matches(msg, k.MoveUp):
		a.moveStep(-1)
	case a.item.Type == qz.Ordering && key.Matches(msg, k.MoveDown):
		a.moveStep(1)
	case key.Matches(msg, k.Up):
		a.move(-1)
	case key.Matches(msg, k.Down):
		a.move(1)
	case key.Matches(msg, k.Toggle):
		a.toggle()
	case a.item.Type == qz.Matching && key.Matches(msg, k.PrevResponse):
		a.cycle(-1)
	case a.item.Type == qz.Matching && key.Matches(msg, k.NextResponse):
		a.cycle(1)
	default:
		i := letterIndex(msg.String())
		if i < 0 || a.item.Type == qz.Ordering {
			return false
		}
		a.pick(i)
	}
	return true
}

// submitAnswer is enter on an item: practice and review ask for the
// confidence next; the exam saves and moves on.
func (m *Session) submitAnswer() tea.Cmd {
	a := &m.ans
	if (a.item.Type == qz.Single || a.item.Type == qz.Policy) && a.cursor < len(a.opts) {
		a.pick(a.cursor) // one answer: enter takes the row under ›
	}
	if ok, why := a.ready(); !ok {
		m.notice = why
		return nil
	}
	if m.exam == nil {
		m.phase = phaseConfidence
		return nil
	}
	m.saveExam(true)
	if m.exam.Current() == m.exam.Len()-1 {
		m.openList()
		return nil
	}
	m.gotoItem(m.exam.Current() + 1)
	return nil
}

// keyConfidence takes the one-key rating, then reveals.
func (m *Session) keyConfidence(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	var c progress.Confidence
	switch {
	case key.Matches(msg, k.Sure):
		c = progress.Sure
	case key.Matches(msg, k.ThinkSo):
		c = progress.ThinkSo
	case key.Matches(msg, k.Guess):
		c = progress.Guess
	case key.Matches(msg, k.Back):
		m.phase = phaseAnswer
		return nil
	default:
		m.notice = "say how sure you are before the answer is shown: 1, 2 or 3"
		return nil
	}
	it := m.ans.item
	fb, err := m.run.Answer(it.ID, m.ans.response(), c)
	if err != nil {
		m.notice = err.Error()
		return nil
	}
	m.fb, m.phase, m.win.Off, m.notice = &fb, phaseFeedback, 0, ""
	pos, _ := m.run.Position()
	entry := m.run.Entries()[pos-1]
	return m.record(entry)
}

// record writes one answer to the store, fail-soft.
func (m *Session) record(entries ...*qz.Entry) tea.Cmd {
	store := m.deps.Store
	if store == nil {
		return nil
	}
	mode := progress.Practice
	if m.kind == kindExam {
		mode = progress.ExamMode
	}
	var answers []progress.Answer
	for _, e := range entries {
		if a, ok := e.ProgressAnswer(mode); ok {
			answers = append(answers, a)
		}
	}
	if len(answers) == 0 {
		return nil
	}
	return m.deps.Record("your answer", func() error {
		ctx := context.Background()
		var errs []error
		for _, a := range answers {
			if _, err := store.RecordAnswer(ctx, a); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	})
}

// retake starts a session over the wrong answers.
func (m *Session) retake() tea.Cmd {
	if len(m.wrongItems()) == 0 {
		return nil
	}
	var s *Session
	switch {
	case m.exam != nil:
		s = NewPracticeSession(m.deps, m.exam.RetakeWrong())
		s.label = "Retake"
	case m.kind == kindReview:
		s = NewReviewSession(m.deps, m.run.(*qz.Review).RetakeWrong())
		s.label = "Review retake"
	default:
		s = NewPracticeSession(m.deps, m.run.(*qz.Practice).RetakeWrong())
		s.label = "Retake"
	}
	return screen.Open(s)
}

// saveExam stores the current exam answer. An incomplete answer is not
// saved; final says the learner pressed enter, so tell them.
func (m *Session) saveExam(final bool) {
	a := &m.ans
	en := m.exam.Entries()[m.exam.Current()]
	if a.item.Type == qz.Ordering && !a.touched {
		return
	}
	resp := a.response()
	if ok, why := a.ready(); !ok {
		if resp.Empty() && en.Answered {
			_ = m.exam.Answer(en.Item.ID, resp, progress.NoConfidence) // cleared
		} else if final {
			m.notice = why
		}
		return
	}
	if err := m.exam.Answer(en.Item.ID, resp, progress.NoConfidence); err != nil {
		m.notice = err.Error()
	}
}

// leaveItem saves before the learner moves away.
func (m *Session) leaveItem() {
	if ok, why := m.ans.ready(); !ok && !m.ans.response().Empty() && m.ans.item.Type != qz.Ordering {
		m.notice = "item " + strconv.Itoa(m.exam.Current()+1) + " is not saved: " + why
	}
	m.saveExam(false)
}

func (m *Session) openList() {
	m.phase, m.win.Off = phaseList, 0
	m.listCur = m.exam.Current()
}

func (m *Session) keyList(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	n := m.exam.Len()
	switch {
	case key.Matches(msg, k.Up):
		m.listCur = max(0, m.listCur-1)
	case key.Matches(msg, k.Down):
		m.listCur = min(n-1, m.listCur+1)
	case key.Matches(msg, k.Submit):
		m.gotoItem(m.listCur)
	case key.Matches(msg, pauseKey):
		return m.pause()
	case key.Matches(msg, k.Flag):
		en := m.exam.Entries()[m.listCur]
		_ = m.exam.Flag(en.Item.ID, !en.Flagged)
	case key.Matches(msg, k.SubmitExam):
		m.phase = phaseConfirmSubmit
	case key.Matches(msg, k.Back):
		m.back, m.phase = phaseList, phaseConfirmLeave
	}
	return nil
}

// submitExam ends the exam, records its answers and shows the report.
func (m *Session) submitExam(notice string) tea.Cmd {
	m.report = m.exam.Submit()
	m.phase, m.win.Off, m.listCur, m.notice = phaseReport, 0, 0, notice
	var entries []*qz.Entry
	entries = append(entries, m.exam.Entries()...)
	return tea.Batch(m.record(entries...), m.recordExam())
}

func (m *Session) keyReport(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Up):
		m.listCur = max(0, m.listCur-1)
	case key.Matches(msg, k.Down):
		m.listCur = min(m.exam.Len()-1, m.listCur+1)
	case key.Matches(msg, k.Submit):
		en := m.exam.Entries()[m.listCur]
		fb, err := m.exam.Feedback(en.Item.ID)
		if err == nil {
			m.ans = newAnswer(en.Item, m.seed)
			m.fb, m.phase, m.win.Off = &fb, phaseReportItem, 0
		}
	case key.Matches(msg, k.Retake):
		return m.retake()
	case key.Matches(msg, k.Back):
		return screen.Back
	}
	return nil
}
