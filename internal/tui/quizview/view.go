package quizview

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/curriculum"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/scroll"
)

// The screen is a status line, a scrolling body and a prompt line. The
// body's lines are built in refresh (after every Update and resize), so
// View only slices them.

func (m *Session) viewHeight() int { return max(1, m.height-2) }

// textWidth leaves a column of margin on the right for readability.
func (m *Session) textWidth() int { return max(20, m.width-1) }

// refresh rebuilds the body and returns the commands that render the
// Markdown it needs.
func (m *Session) refresh() tea.Cmd { return m.rebuild(true) }

// rebuild lays the body out; render says whether to start rendering the
// Markdown it shows (SetSize cannot return the commands, so it does not).
func (m *Session) rebuild(render bool) tea.Cmd {
	if m.st == nil || m.width == 0 {
		return nil
	}
	var cmds []tea.Cmd
	b := &builder{m: m, width: m.textWidth(), anchor: -1}
	b.md = func(src string, w int) []string {
		if !render {
			lines, _ := m.md.Peek(src, src, w, m.st.Theme.Variant)
			return lines
		}
		lines, cmd := m.md.Get(src, src, w, m.st.Theme.Variant)
		cmds = append(cmds, cmd)
		return lines
	}
	switch m.shownPhase() {
	case phaseAnswer, phaseConfidence:
		b.question()
	case phaseFeedback, phaseReportItem:
		b.feedback()
	case phaseSummary:
		b.summary()
	case phaseList, phaseConfirmSubmit:
		b.examList()
	case phaseReport:
		b.report()
	case phasePaused:
		b.paused()
	}
	m.content, m.anchor = b.out, b.anchor
	m.keepAnchor()
	return tea.Batch(cmds...)
}

// shownPhase is the phase whose body is on screen (a confirmation keeps
// the body behind it).
func (m *Session) shownPhase() phase {
	if m.phase == phaseConfirmLeave {
		return m.back
	}
	return m.phase
}

// scroller is the body's window, sized to the room between the status
// and the prompt lines.
func (m *Session) scroller() *scroll.Window {
	m.win.Height = m.viewHeight()
	return &m.win
}

func (m *Session) scrollBy(d int) { m.scroller().By(d, len(m.content)) }

// keepAnchor scrolls just enough to show the cursor's line, and a line of
// what is around it.
func (m *Session) keepAnchor() { m.scroller().Reveal(m.anchor, 1, len(m.content)) }

// View draws exactly the screen's size.
func (m *Session) View() string {
	if m.st == nil || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.statusLine())
	win := m.win
	win.Height = m.viewHeight()
	lines = append(lines, win.Fill(m.content)...)
	lines = append(lines, m.promptLine())
	return cells.Frame(lines, m.width, m.height)
}

// statusLine says where the learner is and what the item is.
func (m *Session) statusLine() string {
	st := m.st
	var left string
	switch m.shownPhase() {
	case phaseSummary:
		left = m.label + " finished"
	case phaseList, phaseConfirmSubmit:
		left = "All items: choose one to go back to it, or submit"
	case phaseReport:
		left = "Score report"
	case phasePaused:
		left = "Paused"
	case phaseReportItem:
		left = fmt.Sprintf("Item %d of %d, after submit", m.listCur+1, m.exam.Len())
	default:
		left = m.itemHeading()
	}
	more := ""
	if win := *m.scroller(); len(m.content) > win.Height {
		switch {
		case win.Off == 0:
			more = "pgdn: more below"
		case win.AtEnd(len(m.content)):
			more = "end · pgup"
		default:
			more = fmt.Sprintf("%d%%", win.Percent(len(m.content)))
		}
	}
	room := m.width - ansi.StringWidth(more) - 1
	if ansi.StringWidth(left) > room {
		left = ansi.Truncate(left, max(10, room), "…")
	}
	gap := max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(more))
	return st.Bold.Render(left) + strings.Repeat(" ", gap) + st.Muted.Render(more)
}

func (m *Session) itemHeading() string {
	it := m.ans.item
	var pos, total int
	if m.exam != nil {
		pos, total = m.exam.Current()+1, m.exam.Len()
	} else {
		pos, total = m.run.Position()
	}
	s := fmt.Sprintf("Question %d of %d · %s", pos, total, typeWord(it))
	if t, ok := curriculum.TopicByID(it.MainTopic()); ok && m.exam == nil {
		s += " · " + t.Group.Title
	}
	if m.exam != nil {
		en := m.exam.Entries()[m.exam.Current()]
		if en.Flagged {
			s += " · ⚑ flagged"
		}
		if en.Answered {
			s += " · saved"
		}
	}
	return s
}

func typeWord(it *qz.Item) string {
	switch it.Type {
	case qz.Multiple:
		return "choose " + strings.ToLower(countWord(it.Choose))
	case qz.Ordering:
		return "ordering"
	case qz.Matching:
		return "matching"
	case qz.Policy:
		return "policy decision"
	}
	return "one answer"
}

// promptLine is the instruction of the moment, or the notice.
func (m *Session) promptLine() string {
	st := m.st
	if m.notice != "" {
		return st.Warning.Render("! " + m.notice)
	}
	switch m.phase {
	case phaseConfidence:
		return st.Bold.Render("How sure are you?  ") + st.Key.Render("1") + " sure  " + st.Key.Render("2") + " think so  " +
			st.Key.Render("3") + " guess" + st.Muted.Render("   (esc: change your answer)")
	case phaseFeedback:
		last := ""
		if pos, total := m.run.Position(); pos == total {
			last = " (the last one: then your summary)"
		}
		return st.Muted.Render("Read the reasons, then ") + st.Key.Render("enter") + st.Muted.Render(" next question"+last)
	case phaseSummary:
		if len(m.wrongItems()) > 0 {
			return st.Key.Render("r") + st.Muted.Render(" retake only the wrong ones · ") + st.Key.Render("esc") + st.Muted.Render(" back to the quiz menu")
		}
		return st.Key.Render("esc") + st.Muted.Render(" back to the quiz menu")
	case phaseConfirmSubmit:
		n := len(m.exam.Unanswered())
		msg := "Submit the exam now?"
		if n > 0 {
			msg = fmt.Sprintf("Submit with %d unanswered (they count as wrong)?", n)
		}
		return st.Warning.Render(msg) + "  " + st.Key.Render("y") + " submit  " + st.Key.Render("n") + " keep working"
	case phaseConfirmLeave:
		if m.exam != nil {
			return st.Warning.Render("Leave the exam? It is paused and kept for the quiz menu.") + "  " + st.Key.Render("y") + " leave  " + st.Key.Render("n") + " stay"
		}
		return st.Warning.Render("Leave? Nothing is saved until you submit.") + "  " + st.Key.Render("y") + " leave  " + st.Key.Render("n") + " stay"
	case phaseReport:
		return st.Muted.Render("↑/↓ pick an item, ") + st.Key.Render("enter") + st.Muted.Render(" its feedback · ") + st.Key.Render("r") +
			st.Muted.Render(" retake only the wrong ones · ") + st.Key.Render("esc") + st.Muted.Render(" menu")
	case phaseReportItem:
		return st.Key.Render("esc") + st.Muted.Render(" back to the report")
	case phasePaused:
		return st.Key.Render("enter") + st.Muted.Render(" resume · ") + st.Key.Render("esc") + st.Muted.Render(" leave, the exam is kept")
	case phaseList:
		return st.Key.Render("enter") + st.Muted.Render(" go to the item · ") + st.Key.Render("f") + st.Muted.Render(" flag · ") +
			st.Key.Render("s") + st.Muted.Render(" submit the exam")
	}
	return m.answerPrompt()
}

func (m *Session) answerPrompt() string {
	st := m.st
	k := func(s string) string { return st.Key.Render(s) }
	mu := func(s string) string { return st.Muted.Render(s) }
	var s string
	switch m.ans.item.Type {
	case qz.Multiple:
		s = mu("Choose "+countWord(m.ans.item.Choose)+": ") + k("letter") + mu("/") + k("space") + mu(" toggles, ") + k("enter") + mu(" answers")
	case qz.Ordering:
		s = k("space") + mu(" picks up/drops a step, ") + k("↑/↓") + mu(" moves it, ") + k("enter") + mu(" answers")
	case qz.Matching:
		s = mu("On each row (") + k("↑/↓") + mu(") press the ") + k("letter") + mu(" of its answer (or ") + k("←/→") + mu("), ") + k("enter") + mu(" answers")
	default:
		s = mu("Press a ") + k("letter") + mu(" or ") + k("↑/↓") + mu(", then ") + k("enter")
		if m.ans.item.Policy != nil && len(m.content) > m.viewHeight() && m.win.Off == 0 {
			s = k("pgdn") + mu(" reads the policies below; a ") + k("letter") + mu(" or ") + k("↑/↓") + mu(", then ") + k("enter")
		}
	}
	if m.exam != nil {
		s += mu(" · ") + k("tab") + mu(" next · ") + k("f") + mu(" flag · ") + k("l") + mu(" list · ") + k("p") + mu(" pause")
	}
	return s
}
