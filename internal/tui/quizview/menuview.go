package quizview

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/markdown"
)

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
		for _, l := range markdown.Wrap(m.describe(m.rows[m.cursor]), max(20, m.width-1)) {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	return cells.Frame(lines, m.width, m.height)
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
		text = choice("Items", strconv.Itoa(countChoices[m.countPick]))
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
		return "Like the real exam: the clock runs from the start, you can flag items and change answers until you submit, and you see the score report per domain only at the end. p pauses it."
	case rowResume:
		return "The clock starts again where you paused it, with your answers and flags. Submitting records the exam in your history (see the progress screen)."
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
		"p pauses the exam and stops the clock; leaving it (esc) or quitting pauses it too. A paused exam is resumed from this menu, after a restart as well. Nothing is scored until you submit.",
	} {
		out = append(out, markdown.Wrap(p, w)...)
		out = append(out, "")
	}
	out = append(out, st.Key.Render("enter")+" start the clock   "+st.Key.Render("esc")+" not now")
	return out
}
