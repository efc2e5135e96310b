// Package quizview holds the quiz screens: a menu to pick a mode, and one
// session screen that plays practice, review and mock exams over the quiz
// engine (internal/quiz), recording every answer in the progress store.
//
// Practice and review ask for a one-key confidence before revealing the
// verdict, then show every option's rationale, the explanation and, for
// policy questions, the evaluation trace. The exam is timed from the
// injected clock, keeps its feedback until submit, and ends on a report per
// domain with the caution that the real exam's scaled score differs.
package quizview

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// run is what practice and review sessions share in the engine.
type run interface {
	Current() *qz.Item
	Position() (int, int)
	Answer(itemID string, r qz.Response, c progress.Confidence) (qz.Feedback, error)
	Next() bool
	Done() bool
	Entries() []*qz.Entry
	Score() (correct, answered int)
}

type kind int

const (
	kindPractice kind = iota
	kindReview
	kindExam
)

type phase int

const (
	phaseAnswer     phase = iota
	phaseConfidence       // practice/review: answer chosen, confidence asked
	phaseFeedback         // practice/review: the reveal
	phaseSummary          // practice/review: the end
	phaseList             // exam: every item with its state, jump or submit
	phaseConfirmSubmit
	phaseConfirmLeave
	phaseReport     // exam: the score report
	phaseReportItem // exam: one item's feedback after submit
	phasePaused     // exam: the clock is stopped (pause.go)
)

// Session is the screen that plays one practice, review or exam session.
type Session struct {
	KeyMap KeyMap
	deps   screen.Deps
	st     *theme.Styles
	kind   kind
	label  string

	run    run      // practice and review
	exam   *qz.Exam // exam
	report *qz.ExamReport
	seed   int64 // option shuffles

	ans     answer
	phase   phase
	back    phase // where a declined confirmation returns
	fb      *qz.Feedback
	notice  string
	listCur int
	tickID  int

	md      *markdown.Cache
	content []string
	anchor  int // content line to keep in view (the cursor), -1 for none
	win     scroll.Window
	width   int
	height  int
}

func now(d screen.Deps) time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func clock(d screen.Deps) qz.Clock {
	if d.Now != nil {
		return d.Now
	}
	return time.Now
}

func newSession(deps screen.Deps, k kind, label string, seed int64) *Session {
	return &Session{KeyMap: DefaultKeyMap(), deps: deps, kind: k, label: label, seed: seed, md: &markdown.Cache{Flush: true}, anchor: -1}
}

// NewPracticeSession plays a practice session drawn by the engine.
func NewPracticeSession(deps screen.Deps, p *qz.Practice) *Session {
	s := newSession(deps, kindPractice, "Practice", now(deps).UnixNano())
	s.run = p
	s.startItem()
	return s
}

// NewReviewSession plays a review session.
func NewReviewSession(deps screen.Deps, r *qz.Review) *Session {
	s := newSession(deps, kindReview, "Review", now(deps).UnixNano())
	s.run = r
	s.startItem()
	return s
}

// NewExamSession plays a mock exam; its clock started when it was drawn.
func NewExamSession(deps screen.Deps, e *qz.Exam) *Session {
	s := newSession(deps, kindExam, e.ExamInfo().ID+" exam", now(deps).UnixNano())
	s.exam = e
	s.gotoItem(0)
	return s
}

// NewPracticeOn opens a practice session of ten items on one topic, for
// "practise this" actions of other screens.
func NewPracticeOn(deps screen.Deps, bank *qz.Bank, topicID string) screen.Screen {
	p := qz.NewPractice(bank, qz.PracticeOptions{Topics: []string{topicID}, Seed: now(deps).UnixNano(), Clock: clock(deps)})
	return NewPracticeSession(deps, p)
}

// QuitWarning keeps an exam in progress from being dropped by a stray q:
// exam answers are recorded only when the exam is submitted.
func (m *Session) QuitWarning() string {
	if m.exam != nil && !m.exam.Submitted() && !m.exam.Paused() {
		return "Your exam is not submitted: it will be paused and kept, to resume from the quiz menu."
	}
	return m.sessionQuitWarning()
}

// startItem prepares the answer of the run's current item.
func (m *Session) startItem() {
	m.fb, m.notice, m.win.Off = nil, "", 0
	it := m.run.Current()
	if it == nil {
		m.phase = phaseSummary
		return
	}
	m.ans = newAnswer(it, m.seed)
	m.phase = phaseAnswer
}

// gotoItem shows exam item i with the answer given so far.
func (m *Session) gotoItem(i int) {
	it := m.exam.Goto(i)
	if it == nil {
		return
	}
	m.ans = newAnswer(it, m.seed)
	if en := m.exam.Entries()[i]; en.Answered {
		m.ans.restore(en.Response)
	}
	m.phase, m.notice, m.win.Off = phaseAnswer, "", 0
}

// Init starts the exam's clock tick; the root calls it again on return, so
// each call starts a new tick chain and retires the old one.
func (m *Session) Init() tea.Cmd {
	cmd := m.refresh()
	if m.exam != nil && !m.exam.Submitted() {
		m.tickID++
		return tea.Batch(cmd, m.tick())
	}
	return cmd
}

type tickMsg struct{ id int }

func (m *Session) tick() tea.Cmd {
	id := m.tickID
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{id: id} })
}

// SetStyles adopts a palette.
func (m *Session) SetStyles(s *theme.Styles) {
	m.st = s
	m.rebuild(false)
}

// SetSize sets the screen size.
func (m *Session) SetSize(w, h int) {
	m.width, m.height = w, h
	m.rebuild(false)
}

// Breadcrumb names the session.
func (m *Session) Breadcrumb() []string { return []string{"Quiz", m.label} }

// Meta is the position, the score so far or the exam's countdown.
func (m *Session) Meta() string {
	if m.exam != nil {
		if m.exam.Submitted() {
			return m.exam.ExamInfo().ID + " · submitted"
		}
		answered := m.exam.Len() - len(m.exam.Unanswered())
		s := fmt.Sprintf("%d/%d answered", answered, m.exam.Len())
		if n := len(m.exam.Flagged()); n > 0 {
			s += fmt.Sprintf(" · ⚑ %d", n)
		}
		left := m.exam.Remaining()
		if m.exam.Paused() {
			return s + " · ⏸ paused · " + clockText(left) + " left"
		}
		if left < 5*time.Minute {
			return s + " · ⚠ " + clockText(left) + " left"
		}
		return s + " · ⏱ " + clockText(left) + " left"
	}
	pos, total := m.run.Position()
	right, answered := m.run.Score()
	if m.run.Done() {
		return fmt.Sprintf("%s · done · %d/%d right", modeWord(m.kind), right, answered)
	}
	return fmt.Sprintf("%s · %d of %d · %d/%d right", modeWord(m.kind), pos, total, right, answered)
}

func modeWord(k kind) string {
	switch k {
	case kindReview:
		return "review"
	case kindExam:
		return "exam"
	}
	return "practice"
}

// clockText is h:mm:ss.
func clockText(d time.Duration) string {
	d = d.Round(time.Second)
	h := int(d / time.Hour)
	mn := int(d/time.Minute) % 60
	sec := int(d/time.Second) % 60
	return fmt.Sprintf("%d:%02d:%02d", h, mn, sec)
}

// Cursor: the session has no text field.
func (m *Session) Cursor() *tea.Cursor { return nil }

// CapturesText is false: q and ? stay the root's, and no answer key uses them.
func (m *Session) CapturesText() bool { return false }

// ShortHelp lists the keys of the moment.
func (m *Session) ShortHelp() []key.Binding {
	k := m.KeyMap
	switch m.phase {
	case phaseConfidence:
		return []key.Binding{k.Sure, k.ThinkSo, k.Guess, k.Back}
	case phaseFeedback:
		return []key.Binding{k.Next, k.Down, k.PageDown, k.Back}
	case phaseSummary:
		return m.enabled(k.Retake, k.PageDown, k.Back)
	case phaseList:
		return []key.Binding{k.Up, k.Down, nav.Relabel(k.Submit, "go to item"), k.Flag, pauseKey, k.SubmitExam, k.Back}
	case phaseConfirmSubmit, phaseConfirmLeave:
		return []key.Binding{k.Yes, k.No}
	case phaseReport:
		return m.enabled(k.Up, k.Down, nav.Relabel(k.Submit, "see feedback"), k.Retake, k.Back)
	case phaseReportItem:
		return []key.Binding{k.Down, k.PageDown, k.Back}
	case phasePaused:
		return []key.Binding{nav.Relabel(k.Submit, "resume"), nav.Relabel(k.Back, "leave, keep it")}
	}
	out := m.answerKeys()
	if len(m.content) > m.viewHeight() {
		out = append(out, nav.Relabel(k.PageDown, "more"))
	}
	if m.exam != nil {
		return append(out, k.Flag, k.NextItem, k.List, k.SubmitExam, k.Back)
	}
	return append(out, k.Back)
}

// answerKeys are the keys that answer the item on screen.
func (m *Session) answerKeys() []key.Binding {
	k := m.KeyMap
	submit := k.Submit
	if m.exam != nil {
		submit = nav.Relabel(submit, "save & next")
	}
	switch m.ans.item.Type {
	case qz.Multiple:
		return []key.Binding{nav.Relabel(k.Pick, "toggle"), k.Toggle, submit}
	case qz.Ordering:
		return []key.Binding{k.Up, k.Down, nav.Relabel(k.Toggle, "pick up/drop"), k.MoveUp, submit}
	case qz.Matching:
		return []key.Binding{k.Up, k.Down, nav.Relabel(k.Pick, "match"), k.NextResponse, submit}
	}
	return []key.Binding{nav.Relabel(k.Pick, "choose"), k.Down, submit}
}

// FullHelp lists every key of the moment.
func (m *Session) FullHelp() [][]key.Binding {
	k := m.KeyMap
	rows := [][]key.Binding{m.ShortHelp(), {k.PageUp, k.PageDown}}
	if m.phase == phaseAnswer && m.exam != nil {
		rows = append(rows, []key.Binding{k.PrevItem, k.NextItem, k.List, pauseKey})
	}
	return rows
}

// enabled keeps the retake key only when there is something to retake.
func (m *Session) enabled(bs ...key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if key.Matches(tea.KeyPressMsg{Code: 'r', Text: "r"}, b) && len(m.wrongItems()) == 0 {
			continue
		}
		out = append(out, b)
	}
	return out
}

// wrongItems are the items a retake would replay.
func (m *Session) wrongItems() []*qz.Entry {
	var out []*qz.Entry
	if m.exam != nil {
		if !m.exam.Submitted() {
			return nil
		}
		for _, e := range m.exam.Entries() {
			if !e.Correct {
				out = append(out, e)
			}
		}
		return out
	}
	for _, e := range m.run.Entries() {
		if e.Answered && !e.Correct {
			out = append(out, e)
		}
	}
	return out
}
