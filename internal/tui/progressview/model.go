// Package progressview is the readiness screen: for one exam version at a
// chosen exam date it shows the predicted result as a band and a range with
// the compensatory-scoring caveat, a per-domain bar chart weighted by the
// official domain weights (with the uncertainty drawn, and never-practised
// domains shown as unknown rather than zero), coverage, the topics where
// practice gains the most with a one-key "practise this", due reviews,
// streak, calibration, pace and the last attempts — the same facts as
// `iamlab progress`, read from progress.Store.Summary in a command.
package progressview

import (
	"sort"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// DefaultExam is the current Security Specialty, whose Identity and Access
// Management domain is what iamlab teaches (as in `iamlab progress`).
const DefaultExam = "SCS-C03"

// Options configure the screen.
type Options struct {
	// Exam is the exam ID readiness is measured for; "" means DefaultExam.
	Exam string
	// ExamDate is the day retention is estimated for; zero means "if the
	// exam were today".
	ExamDate time.Time
	// Practise builds the screen that practises a topic. When nil the
	// "practise this" key is disabled.
	Practise func(topicID string) screen.Screen
}

var _ screen.Screen = (*Model)(nil)

// Model is the progress screen.
type Model struct {
	KeyMap KeyMap
	deps   screen.Deps
	opts   Options
	styles *theme.Styles
	bands  bandBadges

	exams    []curriculum.Exam // switcher order: current exams, then retired
	exam     int
	examDate time.Time

	// What the last load brought: seq tells a stale answer (from before an
	// exam switch) from the one awaited.
	seq     int
	notice  string // a problem with the options, shown until the screen closes
	loading bool
	loaded  bool
	sum     progress.Summary
	err     error

	// The submitted mock exams of historyExam, oldest first (exams.go).
	history     []progress.ExamResult
	historyExam string

	picks  []pick // selectable topics: weakest first, then due reviews
	cursor int

	dateOn  bool
	date    textinput.Model
	dateErr string

	// body is the laid-out content, rebuilt when data, size, selection or
	// styles change, so View only slices it.
	body    []string
	pickRow []int // body row of each pick
	win     scroll.Window
	width   int
	height  int
}

// pick is one selectable topic.
type pick struct {
	topicID string
	title   string
}

// loadedMsg carries a Summary loaded in a command.
type loadedMsg struct {
	seq     int
	sum     progress.Summary
	err     error
	history historyMsg
}

// New builds the progress screen.
func New(deps screen.Deps, opts Options) *Model {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	m := &Model{KeyMap: DefaultKeyMap(), deps: deps, opts: opts, examDate: opts.ExamDate}
	m.exams = examOrder(deps.Now())
	want := opts.Exam
	if want == "" {
		want = learnerExam(deps.Store)
	}
	if want == "" {
		want = DefaultExam
	}
	if e, err := curriculum.ExamByID(want); err == nil {
		for i, x := range m.exams {
			if x.ID == e.ID {
				m.exam = i
			}
		}
	} else {
		m.notice = err.Error() + "; showing " + DefaultExam + "."
		for i, x := range m.exams {
			if x.ID == DefaultExam {
				m.exam = i
			}
		}
	}
	m.KeyMap.Practise.SetEnabled(opts.Practise != nil)

	ti := textinput.New()
	ti.Prompt = "Exam date: "
	ti.Placeholder = "YYYY-MM-DD"
	ti.CharLimit = len(dateLayout)
	ti.SetWidth(dateWidth)
	ti.SetVirtualCursor(false)
	m.date = ti
	return m
}

// examOrder lists the exams the switcher cycles: those that can be booked
// first, retired versions last, so the learner lands on a current one.
func examOrder(now time.Time) []curriculum.Exam {
	ex := curriculum.Exams()
	sort.SliceStable(ex, func(i, j int) bool { return ex[i].Current(now) && !ex[j].Current(now) })
	return ex
}

func (m *Model) currentExam() curriculum.Exam { return m.exams[m.exam] }

// Init loads the summary; the root calls it again when the learner comes
// back from practising, so the screen is always fresh.
func (m *Model) Init() tea.Cmd { return m.load() }

// load starts reading the summary for the current exam and date.
func (m *Model) load() tea.Cmd {
	m.seq++
	m.loading = true
	seq, store, exam, date, now := m.seq, m.deps.Store, m.currentExam().ID, m.examDate, m.deps.Now()
	return func() tea.Msg {
		msg := loadSummary(seq, store, exam, date, now)
		msg.history = loadHistory(store, exam)
		return msg
	}
}

// SetStyles adopts a palette.
func (m *Model) SetStyles(s *theme.Styles) {
	m.styles = s
	m.bands = newBandBadges(s)
	m.date.SetStyles(textinput.Styles{
		Focused: textinput.StyleState{Text: s.Text, Placeholder: s.Muted, Suggestion: s.Muted, Prompt: s.Key},
		Blurred: textinput.StyleState{Text: s.Text, Placeholder: s.Muted, Suggestion: s.Muted, Prompt: s.Muted},
		Cursor:  textinput.CursorStyle{Color: s.Theme.Accent, Shape: tea.CursorBar},
	})
	m.relayout()
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.date.SetWidth(dateWidth) // room for the error message beside it
	m.relayout()
}

// Breadcrumb names the screen.
func (m *Model) Breadcrumb() []string { return []string{"Progress"} }

// Meta shows the exam version the estimate targets and the exam date.
func (m *Model) Meta() string {
	e := m.currentExam()
	s := e.ID
	if !e.Current(m.deps.Now()) && !e.Retired.IsZero() {
		s += " (retired)"
	}
	if m.examDate.IsZero() {
		return s + " · if the exam were today"
	}
	return s + " · exam " + m.examDate.Format(dateLayout)
}

// Cursor is the real cursor in the exam date field while typing.
func (m *Model) Cursor() *tea.Cursor {
	if !m.dateOn {
		return nil
	}
	c := m.date.Cursor()
	if c != nil {
		c.Y += dateRow
	}
	return c
}

// CapturesText while the exam date is typed.
func (m *Model) CapturesText() bool { return m.dateOn }

// ShortHelp lists the keys of the moment.
func (m *Model) ShortHelp() []key.Binding {
	if m.dateOn {
		return []key.Binding{m.KeyMap.Confirm, m.KeyMap.Cancel}
	}
	return []key.Binding{m.KeyMap.Practise, m.KeyMap.NextExam, m.KeyMap.ExamDate, m.KeyMap.Back}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	if m.dateOn {
		return [][]key.Binding{{m.KeyMap.Confirm, m.KeyMap.Cancel}}
	}
	k := m.KeyMap
	return [][]key.Binding{
		{k.Up, k.Down, k.Practise},
		{k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.NextExam, k.PrevExam, k.ExamDate, k.Reload, k.Back},
	}
}
