package quiz

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/common"
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
	deps   common.Deps
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

	review    *reviewMsg // nil until loaded
	loading   bool
	width     int
	height    int
	lastError string
}

// NewMenu builds the quiz menu over a bank; worlds (for example the
// scenario library's) add generated policy questions when the bank runs
// short.
func NewMenu(deps common.Deps, bank *qz.Bank, worlds []*sandbox.World) *Menu {
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
		m.rows = append(m.rows, menuRow{kind: rowExam, exam: id, text: fmt.Sprintf("%s full exam: %d items in %d minutes", id, ex.Items, ex.Minutes)})
	}
	for _, id := range []string{"SAA-C03", "SCS-C03"} {
		ex, err := curriculum.ExamByID(id)
		if err != nil {
			continue
		}
		n := 13
		m.rows = append(m.rows, menuRow{kind: rowExam, exam: id, items: n,
			text: fmt.Sprintf("%s short exam: %d items in %d minutes, the same pace", id, n, ex.Minutes*n/ex.Items)})
	}
	m.rows = append(m.rows, menuRow{kind: rowHeader, text: "Review · what is due by spaced repetition, then confident mistakes"}, menuRow{kind: rowReview})
	m.cursor = 4
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
	return func() tea.Msg {
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
	}
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
func (m *Menu) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reviewMsg:
		m.loading = false
		m.review = &msg
		if msg.err != nil {
			return m, common.Status("could not read your review history: "+msg.err.Error(), true)
		}
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
		m.change(-1)
	case key.Matches(msg, k.Next):
		m.change(1)
	case key.Matches(msg, k.Back):
		return common.Back
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

func (m *Menu) change(d int) {
	switch m.rows[m.cursor].kind {
	case rowExamFilter:
		m.examPick = cycle(m.examPick, d, len(examChoices))
		m.buildTopics()
	case rowTopic:
		m.topicPick = cycle(m.topicPick, d, len(m.topics)+1)
	case rowCount:
		m.countPick = cycle(m.countPick, d, len(countChoices))
	}
}

func (m *Menu) activate() tea.Cmd {
	r := m.rows[m.cursor]
	switch r.kind {
	case rowExamFilter, rowTopic, rowCount, rowStartPractice:
		return m.startPractice()
	case rowExam:
		m.confirm = &r
	case rowReview:
		if m.review == nil || m.review.review == nil {
			return common.Status("review is still loading", false)
		}
		if n, _ := m.review.review.Position(); n == 0 || m.review.review.Done() {
			return common.Status("nothing is due for review: practise first, or come back later", false)
		}
		rev := m.review.review
		m.review = nil // a review is played once; Init draws the next
		return common.Open(NewReviewSession(m.deps, rev))
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
		return common.Status("no questions match this choice: pick another exam or topic", true)
	}
	return common.Open(NewPracticeSession(m.deps, p))
}

func (m *Menu) startExam(r menuRow) tea.Cmd {
	opts := []qz.ExamOption{qz.WithClock(clock(m.deps)), qz.WithWorlds(m.worlds...)}
	if r.items > 0 {
		opts = append(opts, qz.WithItems(r.items))
	}
	e, err := qz.NewExam(m.bank, r.exam, now(m.deps).UnixNano(), opts...)
	if err != nil {
		return common.Status(err.Error(), true)
	}
	return common.Open(NewExamSession(m.deps, e))
}

// View draws the rows, the description of the selected one, or the exam
// confirmation.
func (m *Menu) View() string {
	if m.st == nil || m.height <= 0 {
		return ""
	}
	st := m.st
	var lines []string
	if m.confirm != nil {
		lines = m.confirmLines()
	} else {
		for i, r := range m.rows {
			if r.kind == rowHeader && i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, m.rowLine(i, r))
		}
		lines = append(lines, "", st.Muted.Render(strings.Repeat("─", max(1, m.width))))
		for _, l := range wrap(m.describe(m.rows[m.cursor]), max(20, m.width-1)) {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	lines = lines[:m.height]
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], m.width, "…")
	}
	return strings.Join(lines, "\n")
}

func (m *Menu) rowLine(i int, r menuRow) string {
	st := m.st
	if r.kind == rowHeader {
		return st.Pane.Title.Render(r.text)
	}
	var text string
	choice := func(label, value string) string {
		return fmt.Sprintf("%-8s ‹ %s ›", label, value)
	}
	switch r.kind {
	case rowExamFilter:
		v := examChoices[m.examPick]
		if v == "" {
			v = "any exam"
		}
		text = choice("Exam", v)
	case rowTopic:
		v := "every topic, interleaved"
		if m.topicPick > 0 {
			t := m.topics[m.topicPick-1]
			v = fmt.Sprintf("%s (%d)", t.title, t.n)
		}
		text = choice("Topic", v)
	case rowCount:
		text = choice("Items", itoa(countChoices[m.countPick]))
	case rowReview:
		text = m.reviewText()
	default:
		text = "▸ " + r.text
	}
	if i == m.cursor {
		return st.Selected.Render(padRight("› "+text, m.width))
	}
	return "  " + text
}

func (m *Menu) reviewText() string {
	switch {
	case m.review == nil:
		return "▸ Review (loading your history…)"
	case m.review.err != nil:
		return "▸ Review (your history could not be read)"
	}
	n, _ := m.review.review.Position()
	if n == 0 {
		return "  Nothing is due for review"
	}
	_, total := m.review.review.Position()
	var why []string
	if n := len(m.review.due); n > 0 {
		why = append(why, plural(n, "topic", "topics")+" due")
	}
	if n := m.review.sureWrong; n > 0 {
		why = append(why, plural(n, "mistake", "mistakes")+" made while sure")
	}
	if len(why) == 0 {
		why = append(why, "answers you got wrong")
	}
	return "▸ Review " + plural(total, "item", "items") + ": " + strings.Join(why, ", ")
}

func (m *Menu) describe(r menuRow) string {
	switch r.kind {
	case rowExamFilter:
		return "←/→ chooses which exam's tasks the questions serve. Enter starts practice."
	case rowTopic:
		return "←/→ narrows practice to one topic; by default topics are mixed, which is harder but sticks better. Enter starts practice."
	case rowCount:
		return "←/→ sets how many questions. Enter starts practice."
	case rowStartPractice:
		return "You say how sure you are before each answer is revealed, then read why every option is right or wrong. Every answer is saved to your progress."
	case rowExam:
		return "Like the real exam: the clock runs from the start, you can flag items and change answers until you submit, and you see the score report per domain only at the end."
	case rowReview:
		if m.review != nil && m.review.review != nil {
			if n, _ := m.review.review.Position(); n == 0 {
				return "Nothing is due. Practice schedules topics for review; come back when they are due."
			}
		}
		return "Topics due by spaced repetition first (least remembered first), then answers you got wrong while sure."
	}
	return ""
}

func (m *Menu) confirmLines() []string {
	st := m.st
	r := m.confirm
	ex, _ := curriculum.ExamByID(r.exam)
	n, minutes := ex.Items, ex.Minutes
	if r.items > 0 {
		n, minutes = r.items, ex.Minutes*r.items/ex.Items
	}
	w := max(20, m.width-1)
	var out []string
	out = append(out, st.Bold.Render(fmt.Sprintf("%s mock exam: %d items in %s", ex.ID, n, examMinutes(time.Duration(minutes)*time.Minute))), "")
	for _, p := range []string{
		fmt.Sprintf("This takes %d minutes. The clock starts when you press enter and runs until you submit; when it runs out the exam is submitted with the answers you saved.", minutes),
		"No feedback until the end: flag items with f to come back to them, and change answers until you submit.",
		"Leaving the exam (esc) abandons it: nothing is recorded until you submit.",
	} {
		out = append(out, wrap(p, w)...)
		out = append(out, "")
	}
	out = append(out, st.Key.Render("enter")+" start the clock   "+st.Key.Render("esc")+" not now")
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
