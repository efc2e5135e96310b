package quizview

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

type rowKind int

const (
	rowHeader rowKind = iota
	rowExamFilter
	rowTopic
	rowCount
	rowStartPractice
	rowExam
	rowReview
	rowResume // a paused exam (pause.go)
)

type menuRow struct {
	kind  rowKind
	text  string
	exam  string // rowExam
	items int    // rowExam: 0 = the real exam's count
}

func (r menuRow) selectable() bool { return r.kind != rowHeader }

type topicChoice struct {
	id, title string
	n         int
}

var (
	examChoices  = []string{"", "SAA-C03", "SCS-C03"}
	countChoices = []int{5, 10, 15, 20, 30}
)

// reviewMsg is the review drawn from the store's due topics and history.
type reviewMsg struct {
	review    *qz.Review
	due       []progress.DueReview
	sureWrong int
	err       error
}

// Menu is the quiz's mode picker: practice (exam, topic, length), the
// timed mock exams, and review.
type Menu struct {
	KeyMap MenuKeyMap
	deps   screen.Deps
	st     *theme.Styles
	bank   *qz.Bank
	worlds []*sandbox.World

	rows      []menuRow
	cursor    int
	examPick  int
	topics    []topicChoice
	topicPick int
	countPick int
	confirm   *menuRow

	paused  *qz.ExamState // the paused exam, nil when none
	review  *reviewMsg    // nil until loaded
	loading bool
	width   int
	height  int
}

// NewMenu builds the quiz menu over a bank; worlds (for example the
// scenario library's) add generated policy questions when the bank runs
// short.
func NewMenu(deps screen.Deps, bank *qz.Bank, worlds []*sandbox.World) *Menu {
	m := &Menu{KeyMap: DefaultMenuKeyMap(), deps: deps, bank: bank, worlds: worlds, countPick: 1}
	m.rows = []menuRow{
		{kind: rowHeader, text: "Practice · feedback after every answer, topics interleaved"},
		{kind: rowExamFilter},
		{kind: rowTopic},
		{kind: rowCount},
		{kind: rowStartPractice, text: "Start practice"},
		{kind: rowHeader, text: "Mock exam · timed, no feedback until you submit"},
	}
	for _, id := range []string{"SAA-C03", "SCS-C03"} {
		ex, err := curriculum.ExamByID(id)
		if err != nil {
			continue
		}
		m.rows = append(m.rows, menuRow{kind: rowExam, exam: id, text: fmt.Sprintf("%s — %s: %d items, %d min", id, ex.Scope(), ex.Items, ex.Minutes)})
	}
	for _, id := range []string{"SAA-C03", "SCS-C03"} {
		ex, err := curriculum.ExamByID(id)
		if err != nil {
			continue
		}
		n := 13
		m.rows = append(m.rows, menuRow{kind: rowExam, exam: id, items: n,
			text: fmt.Sprintf("%s — %s: %d items, %d min", id, ex.Scope(), n, ex.Minutes*n/ex.Items)})
	}
	m.rows = append(m.rows, menuRow{kind: rowHeader, text: "Review · what is due by spaced repetition, then confident mistakes"}, menuRow{kind: rowReview})
	m.cursor = 4
	if ex := rememberedExam(deps.Store); ex != "" {
		for i, c := range examChoices {
			if c == ex {
				m.examPick = i
			}
		}
	}
	m.buildTopics()
	return m
}

// buildTopics lists the topics that have items for the chosen exam.
func (m *Menu) buildTopics() {
	exam := examChoices[m.examPick]
	count := map[string]int{}
	if m.bank != nil {
		for _, it := range m.bank.Items {
			if !it.Playable() || (exam != "" && !taggedFor(it, exam)) {
				continue
			}
			for _, t := range it.Topics {
				count[t]++
			}
		}
	}
	keep := ""
	if m.topicPick > 0 && m.topicPick <= len(m.topics) {
		keep = m.topics[m.topicPick-1].id
	}
	m.topics = m.topics[:0]
	for _, t := range curriculum.Topics() {
		if count[t.ID] > 0 {
			m.topics = append(m.topics, topicChoice{id: t.ID, title: t.Title, n: count[t.ID]})
		}
	}
	sort.SliceStable(m.topics, func(i, j int) bool { return m.topics[i].title < m.topics[j].title })
	m.topicPick = 0
	for i, t := range m.topics {
		if t.id == keep {
			m.topicPick = i + 1
		}
	}
}

func taggedFor(it *qz.Item, exam string) bool {
	for _, t := range it.Exam {
		if strings.HasPrefix(t, exam+":") {
			return true
		}
	}
	return false
}

// Init loads what review would show.
func (m *Menu) Init() tea.Cmd {
	store, bank, worlds, deps := m.deps.Store, m.bank, m.worlds, m.deps
	m.loading = true
	return tea.Batch(m.loadPaused(), func() tea.Msg {
		if store == nil {
			return reviewMsg{review: qz.NewReview(bank, nil, nil, qz.ReviewOptions{Clock: clock(deps)})}
		}
		ctx := context.Background()
		t := now(deps)
		due, err := store.DueReviews(ctx, t)
		if err != nil {
			return reviewMsg{err: err}
		}
		ex, err := store.Export(ctx, "", t)
		if err != nil {
			return reviewMsg{err: err}
		}
		history := make([]progress.Answer, 0, len(ex.Answers))
		latest := map[string]progress.Answer{}
		for _, a := range ex.Answers {
			history = append(history, a.Answer)
			if p, ok := latest[a.ItemID]; !ok || !a.At.Before(p.At) {
				latest[a.ItemID] = a.Answer
			}
		}
		sureWrong := 0
		for _, a := range latest {
			if !a.Correct && a.Confidence == progress.Sure {
				sureWrong++
			}
		}
		rev := qz.NewReview(bank, due, history, qz.ReviewOptions{Seed: t.UnixNano(), Clock: clock(deps), Worlds: worlds})
		return reviewMsg{review: rev, due: due, sureWrong: sureWrong}
	})
}

// SetStyles adopts a palette.
func (m *Menu) SetStyles(s *theme.Styles) { m.st = s }

// SetSize sets the screen size.
func (m *Menu) SetSize(w, h int) { m.width, m.height = w, h }

// Breadcrumb names the screen.
func (m *Menu) Breadcrumb() []string { return []string{"Quiz"} }

// Meta says how big the bank is.
func (m *Menu) Meta() string {
	if m.bank == nil {
		return "no quiz bank"
	}
	return fmt.Sprintf("%d questions in the bank", len(m.bank.Items))
}

// Cursor: no text field.
func (m *Menu) Cursor() *tea.Cursor { return nil }

// CapturesText is false.
func (m *Menu) CapturesText() bool { return false }

// ShortHelp lists the keys of the moment.
func (m *Menu) ShortHelp() []key.Binding {
	k := m.KeyMap
	if m.confirm != nil {
		return []key.Binding{k.ConfirmYes, k.ConfirmNo}
	}
	return []key.Binding{k.Up, k.Down, k.Prev, k.Start, k.Back}
}

// FullHelp lists every key.
func (m *Menu) FullHelp() [][]key.Binding {
	k := m.KeyMap
	return [][]key.Binding{{k.Up, k.Down, k.Prev, k.Next}, {k.Start, k.Back}}
}

// Update moves, changes choices and starts sessions.
func (m *Menu) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case pausedMsg:
		m.setPaused(msg)
		if msg.err != nil {
			return m, screen.Status("could not read your paused exam: "+msg.err.Error(), true)
		}
	case reviewMsg:
		m.loading = false
		m.review = &msg
		if msg.err != nil {
			return m, screen.Status("could not read your review history: "+msg.err.Error(), true)
		}
	case examDrawnMsg:
		if msg.err != nil {
			return m, screen.Status(msg.err.Error(), true)
		}
		open := screen.Open(NewExamSession(m.deps, msg.exam))
		if msg.warn != "" {
			return m, tea.Batch(open, screen.Status(msg.warn, true))
		}
		return m, open
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Menu) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	if m.confirm != nil {
		switch {
		case key.Matches(msg, k.ConfirmYes):
			r := *m.confirm
			m.confirm = nil
			return m.startExam(r)
		case key.Matches(msg, k.ConfirmNo):
			m.confirm = nil
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Prev):
		return m.change(-1)
	case key.Matches(msg, k.Next):
		return m.change(1)
	case key.Matches(msg, k.Back):
		return screen.Back
	case key.Matches(msg, k.Start):
		return m.activate()
	}
	return nil
}

func (m *Menu) move(d int) {
	for i := m.cursor + d; i >= 0 && i < len(m.rows); i += d {
		if m.rows[i].selectable() {
			m.cursor = i
			return
		}
	}
}

func cycle(i, d, n int) int { return ((i+d)%n + n) % n }

func (m *Menu) change(d int) tea.Cmd {
	switch m.rows[m.cursor].kind {
	case rowExamFilter:
		m.examPick = cycle(m.examPick, d, len(examChoices))
		m.buildTopics()
		return m.rememberExam()
	case rowTopic:
		m.topicPick = cycle(m.topicPick, d, len(m.topics)+1)
	case rowCount:
		m.countPick = cycle(m.countPick, d, len(countChoices))
	}
	return nil
}

func (m *Menu) activate() tea.Cmd {
	r := m.rows[m.cursor]
	switch r.kind {
	case rowExamFilter, rowTopic, rowCount, rowStartPractice:
		return m.startPractice()
	case rowExam:
		m.confirm = &r
	case rowResume:
		return m.resumeExam()
	case rowReview:
		if m.review == nil || m.review.review == nil {
			return screen.Status("review is still loading", false)
		}
		if n, _ := m.review.review.Position(); n == 0 || m.review.review.Done() {
			return screen.Status("nothing is due for review: practise first, or come back later", false)
		}
		rev := m.review.review
		m.review = nil // a review is played once; Init draws the next
		return screen.Open(NewReviewSession(m.deps, rev))
	}
	return nil
}

func (m *Menu) practiceOptions() qz.PracticeOptions {
	o := qz.PracticeOptions{Exam: examChoices[m.examPick], N: countChoices[m.countPick], Seed: now(m.deps).UnixNano(),
		Worlds: m.worlds, Clock: clock(m.deps)}
	if m.topicPick > 0 {
		o.Topics = []string{m.topics[m.topicPick-1].id}
	}
	return o
}

func (m *Menu) startPractice() tea.Cmd {
	p := qz.NewPractice(m.bank, m.practiceOptions())
	if p.Done() {
		return screen.Status("no questions match this choice: pick another exam or topic", true)
	}
	return screen.Open(NewPracticeSession(m.deps, p))
}

// examDrawnMsg carries a mock exam drawn away from the update loop, since
// the draw reads and writes the store.
type examDrawnMsg struct {
	exam *qz.Exam
	err  error
	warn string // the store could not be used; the exam still runs
}

// startExam draws the exam avoiding the items of the last one drawn for the
// same exam, and remembers this one's items for the next draw.
func (m *Menu) startExam(r menuRow) tea.Cmd {
	store, bank, worlds, deps := m.deps.Store, m.bank, m.worlds, m.deps
	return func() tea.Msg {
		ctx := context.Background()
		opts := []qz.ExamOption{qz.WithClock(clock(deps)), qz.WithWorlds(worlds...)}
		if r.items > 0 {
			opts = append(opts, qz.WithItems(r.items))
		}
		var warn string
		if store != nil {
			last, err := store.LastExamItems(ctx, r.exam)
			if err != nil {
				warn = "could not read your last mock exam, so this one may repeat its items: " + err.Error()
			}
			opts = append(opts, qz.WithAvoid(last...))
		}
		e, err := qz.NewExam(bank, r.exam, now(deps).UnixNano(), opts...)
		if err != nil {
			return examDrawnMsg{err: err}
		}
		if store != nil {
			if err := store.SetLastExamItems(ctx, r.exam, e.ItemIDs()); err != nil && warn == "" {
				warn = "could not remember this mock exam, so the next one may repeat its items: " + err.Error()
			}
		}
		return examDrawnMsg{exam: e, warn: warn}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
