package progressview

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/cells"
)

// Layout: the exam switcher on the first row (and the exam date field under
// it while typing), then the scrollable body.
const (
	dateRow   = 1
	dueShown  = 3
	wideWidth = 110 // from here the lists sit side by side
	dateWidth = 11  // YYYY-MM-DD and the cursor
)

func (m *Model) topRows() int {
	if m.dateOn {
		return 2
	}
	return 1
}

func (m *Model) viewHeight() int { return max(1, m.height-m.topRows()) }

// View draws exactly the screen's size from the laid-out body.
func (m *Model) View() string {
	if m.styles == nil || m.height <= 0 || m.width <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.switcher())
	if m.dateOn {
		row := m.date.View()
		if m.dateErr != "" {
			row += "  " + m.styles.Error.Render("✗ "+m.dateErr)
		} else {
			row += "  " + m.styles.Muted.Render("enter sets · empty clears · esc cancels")
		}
		lines = append(lines, ansi.Truncate(row, m.width, "…"))
	}
	win := *m.scroller()
	win.Clamp(len(m.body))
	lines = append(lines, win.Visible(m.body)...)
	return strings.Join(cells.Pad(lines, m.height), "\n")
}

// switcher is the exam tabs with a scroll hint at the right.
func (m *Model) switcher() string {
	st := m.styles
	now := m.deps.Now()
	var b strings.Builder
	b.WriteString(st.Muted.Render("Exam "))
	for i, e := range m.exams {
		name := e.ID
		if !e.Current(now) && !e.Retired.IsZero() {
			name += " retired"
		}
		if i == m.exam {
			b.WriteString(st.Selected.Render("[" + name + "]"))
		} else {
			b.WriteString(st.Muted.Render(" " + name + " "))
		}
		b.WriteString(" ")
	}
	left := b.String()
	hint := st.Muted.Render(" tab switches · d exam date")
	right := ""
	if over := m.maxOffset(); over > 0 {
		switch {
		case m.win.Off <= 0:
			right = "↓ more (pgdn)"
		case m.win.Off >= over:
			right = "↑ top (home)"
		default:
			right = fmt.Sprintf("↕ %d/%d", m.win.Off+1, over+1)
		}
		right = st.Muted.Render(right)
	}
	if ansi.StringWidth(left)+ansi.StringWidth(hint)+ansi.StringWidth(right)+1 <= m.width {
		left += hint
	}
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return ansi.Truncate(left, m.width, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

// relayout rebuilds the body for the current data, size and selection.
func (m *Model) relayout() {
	if m.styles == nil || m.width <= 0 {
		return
	}
	w := m.width
	var body []string
	m.pickRow = make([]int, len(m.picks))
	for i := range m.pickRow {
		m.pickRow[i] = -1
	}
	add := func(ls ...string) { body = append(body, ls...) }
	st := m.styles
	exam := m.currentExam()

	if m.notice != "" {
		add(wrap(st.Warning, "⚠ "+m.notice, w)...)
	}
	if m.err != nil {
		add(wrap(st.Error, "✗ Could not read your progress: "+m.err.Error(), w)...)
		add(wrap(st.Muted, "Press r to try again; tab switches the exam. Practising still works — only this summary could not be read.", w)...)
		add("")
	}
	hasData := m.loaded && strings.EqualFold(m.sum.Readiness.Exam, exam.ID)
	switch {
	case !hasData && m.loading:
		add(st.Muted.Render("Loading progress for " + exam.ID + "…"))
	case !hasData:
		// Only the error above.
	case m.empty():
		add(m.overview(w)...)
		add("")
		add(m.chartRows(m.sum.Readiness, w)...)
		if h := m.examHistoryLines(w); len(h) > 0 {
			// An exam submitted blank records no answers, yet it was taken.
			add("")
			add(h...)
		}
	default:
		add(m.overview(w)...)
		add("")
		add(m.chartRows(m.sum.Readiness, w)...)
		add("")
		if h := m.examHistoryLines(w); len(h) > 0 {
			add(h...)
			add("")
		}
		if w >= wideWidth {
			lw := (w - 3) / 2
			rw := w - 3 - lw
			top := len(body)
			left := m.topicLines(lw, top)
			right := m.reviewLines(rw, top)
			right = append(right, "")
			right = append(right, m.statLines(rw)...)
			n := max(len(left), len(right))
			for i := 0; i < n; i++ {
				l, r := "", ""
				if i < len(left) {
					l = left[i]
				}
				if i < len(right) {
					r = right[i]
				}
				add(padRight(ansi.Truncate(l, lw, "…"), lw) + "   " + r)
			}
		} else {
			add(m.topicLines(w, len(body))...)
			add("")
			add(m.reviewLines(w, len(body))...)
			add("")
			add(m.statLines(w)...)
		}
		if r := m.recentLines(w); len(r) > 0 {
			add("")
			add(r...)
		}
	}
	for i := range body {
		body[i] = ansi.Truncate(body[i], w, "…")
	}
	m.body = body
	m.scroller().Clamp(len(m.body))
}

func (m *Model) empty() bool {
	t := m.sum.Totals
	return t.Attempts == 0 && t.Answers == 0
}

// overview is the exam, the overall band and range with the caveat, the
// exam date and coverage.
func (m *Model) overview(w int) []string {
	st := m.styles
	rep := m.sum.Readiness
	exam := m.currentExam()
	now := m.deps.Now()
	var out []string
	out = append(out, st.Bold.Render(exam.ID)+st.Muted.Render(" — "+exam.Name))
	if !exam.Current(now) && exam.Successor != "" {
		out = append(out, wrap(st.Warning, fmt.Sprintf("⚠ %s is retired (since %s): the estimate targets the old guide; the current version is %s (tab).",
			exam.ID, exam.Retired.Format(dateLayout), exam.Successor), w)...)
	}
	if m.empty() {
		out = append(out, st.Bold.Render("Nothing practised yet."))
		out = append(out, wrap(st.Text, "Go back to the library (esc) and solve a scenario, or take a quiz: every attempt and answer counts here. "+
			"Until then readiness for "+exam.ID+" is unknown — not zero, and not a pass.", w)...)
		out = append(out, m.dateLine(w)...)
		return out
	}
	if rep.Band == progress.BandUnknown {
		out = append(out, st.Muted.Render("Readiness ")+m.bands.get(progress.BandUnknown).Render()+
			st.Muted.Render(" — nothing practised yet counts towards "+exam.ID))
	} else {
		line := st.Muted.Render("Readiness ") + m.bands.get(rep.Band).Render()
		if rep.Uncertain {
			line += st.Warning.Render(" "+flagFew+" uncertain") + st.Muted.Render(" (few items, or domains never practised)")
		}
		out = append(out, line)
		barW := min(50, max(10, w-48))
		out = append(out, st.Muted.Render("Overall ")+bar(st, m.bands.get(rep.Band).Style, barW, rep.Low, rep.High, rep.PassFraction)+" "+
			st.Bold.Render(rangeText(rep.Low, rep.High))+st.Muted.Render(" correct expected · pass ≈ "+pct(rep.PassFraction)))
		caveat := "An estimate, not a score: the scaled score is compensatory (strong domains offset weak ones), and domain bands are rough guides."
		if w < wideWidth {
			caveat = "Estimate, not a score: scoring is compensatory; domain bands are rough guides."
		}
		out = append(out, wrap(st.Muted, caveat, w)...)
	}
	out = append(out, m.dateLine(w)...)
	tasks, done := 0, 0
	for _, d := range rep.Domains {
		tasks += d.Tasks
		done += d.TasksPractised
	}
	out = append(out, wrap(st.Text, fmt.Sprintf("Coverage %s: %d of %d IAM task statements practised, the rest unknown.",
		pct(rep.Coverage), done, tasks), w)...)
	return out
}

func (m *Model) dateLine(w int) []string {
	st := m.styles
	if m.examDate.IsZero() {
		return nil // the header says "if the exam were today"
	}
	now := m.deps.Now()
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
	days := max(0, int(m.examDate.Sub(today).Round(time.Hour).Hours()/24))
	return wrap(st.Text, fmt.Sprintf("Exam date %s (%d day%s away): retention is estimated for that day (d changes it).",
		m.examDate.Format(dateLayout), days, plural(days)), w)
}

// selectable draws a pick's row, highlighted when selected.
func (m *Model) selectable(i int, text string, w int) string {
	if i == m.cursor {
		return m.styles.Selected.Render(padRight(ansi.Truncate("› "+ansi.Strip(text), w, "…"), w))
	}
	return "  " + text
}

func (m *Model) pickIndex(topicID string) int {
	for i, p := range m.picks {
		if p.topicID == topicID {
			return i
		}
	}
	return -1
}

// topicLines is the weakest topics list; top is the body row it starts on.
func (m *Model) topicLines(w, top int) []string {
	st := m.styles
	rep := m.sum.Readiness
	title := st.Pane.Title.Render("Where practice gains the most")
	if m.KeyMap.Practise.Enabled() {
		title += st.Muted.Render("  (enter/p practises)")
	}
	out := []string{title}
	if len(rep.Weakest) == 0 {
		out = append(out, st.Muted.Render("  nothing practised for "+rep.Exam+" yet"))
	}
	for n, t := range rep.Weakest {
		right := fmt.Sprintf("  ≈%s · %d item%s", pct(t.Predicted), t.Observations, plural(t.Observations))
		left := fmt.Sprintf("%d. %s — %s", n+1, t.TopicID, t.Title)
		lw := max(8, w-2-ansi.StringWidth(right))
		text := padRight(ansi.Truncate(left, lw, "…"), lw) + st.Muted.Render(right)
		i := m.pickIndex(t.TopicID)
		if i >= 0 && m.pickRow[i] < 0 {
			m.pickRow[i] = top + len(out)
		}
		out = append(out, m.selectable(i, text, w))
	}
	out = append(out, m.topicDetail(w)...)
	if n := len(rep.Untouched); n > 0 {
		show := rep.Untouched[:min(n, 3)]
		more := ""
		if n > len(show) {
			more = ", …"
		}
		out = append(out, wrapIndent(st.Muted, fmt.Sprintf("Never practised: %d topic%s (%s%s) — unknown, not zero", n, plural(n), strings.Join(show, ", "), more), w, "  ")...)
	}
	return out
}

// topicDetail explains the selected topic's estimate: retention-adjusted
// mastery at the exam date, and what mastering it is worth.
func (m *Model) topicDetail(w int) []string {
	if m.cursor >= len(m.picks) {
		return nil
	}
	id := m.picks[m.cursor].topicID
	for _, t := range m.sum.Readiness.Topics {
		if t.TopicID != id {
			continue
		}
		when := "today"
		if !m.examDate.IsZero() {
			when = "on " + m.examDate.Format(dateLayout)
		}
		return wrapIndent(m.styles.Muted, fmt.Sprintf("%s: mastery ≈%s × recall %s ≈%s = ≈%s; mastering it is worth ≈%.1f%% of the exam",
			id, pct(t.Mastery), when, pct(t.Retention), pct(t.Predicted), 100*t.Gain), w, "  ")
	}
	return nil
}

// reviewLines is the due reviews count and the next few topics.
func (m *Model) reviewLines(w, top int) []string {
	st := m.styles
	due := m.sum.Due
	if len(due) == 0 {
		return []string{st.Pane.Title.Render("Due reviews") + st.Muted.Render(": none — nothing to refresh today")}
	}
	out := []string{st.Pane.Title.Render(fmt.Sprintf("Due reviews: %d", len(due))) + st.Muted.Render("  least likely recalled first")}
	for _, d := range due[:min(len(due), dueShown)] {
		right := "  recall ≈ " + pct(d.Retrievability)
		title := d.TopicID
		if d.Title != "" {
			title += " — " + d.Title
		}
		lw := max(8, w-2-ansi.StringWidth(right))
		text := padRight(ansi.Truncate(title, lw, "…"), lw) + st.Muted.Render(right)
		i := m.pickIndex(d.TopicID)
		if i >= 0 && m.pickRow[i] < 0 {
			m.pickRow[i] = top + len(out)
			out = append(out, m.selectable(i, text, w))
		} else {
			out = append(out, "  "+text)
		}
	}
	if n := len(due) - dueShown; n > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more", n)))
	}
	return out
}

// statLines are streak, calibration, pace and totals.
func (m *Model) statLines(w int) []string {
	st := m.styles
	sum := m.sum
	var out []string
	streak := fmt.Sprintf("Streak: %d day%s", sum.Streak.Days, plural(sum.Streak.Days))
	switch {
	case sum.Streak.Days > 0 && !sum.Streak.ActiveToday:
		streak += " — practise today to keep it"
	case sum.Streak.ActiveToday:
		streak += " — practised today"
	}
	out = append(out, wrap(st.Text, streak, w)...)

	c := sum.Readiness.Calibration
	if c.Sure+c.Unsure == 0 {
		out = append(out, wrap(st.Muted, "Calibration: no confidence ratings yet (quizzes, predict and choose scenarios ask how sure you are)", w)...)
	} else {
		line := fmt.Sprintf("Calibration: %d confident-but-wrong answer%s", c.ConfidentWrong, plural(c.ConfidentWrong))
		if c.Sure > 0 {
			line += fmt.Sprintf("; right %s of the time when sure", pct(float64(c.SureCorrect)/float64(c.Sure)))
		}
		style := st.Text
		if c.ConfidentWrong > 0 {
			style = st.Warning
		}
		out = append(out, wrap(style, line, w)...)
	}

	budget := m.currentExam().SecondsPerItem()
	if p := sum.Totals.SecondsPerExamItem; p > 0 {
		verdict := st.Verdict.Pass.Style.Render("✓ within budget")
		if p > budget {
			verdict = st.Verdict.Fail.Style.Render("✗ over budget")
		}
		out = append(out, fmt.Sprintf("Pace: %.0f s per exam-mode item, budget %.0f s ", p, budget)+verdict)
	} else {
		out = append(out, wrap(st.Muted, fmt.Sprintf("Pace: no exam-mode answers yet (budget %.0f s per item)", budget), w)...)
	}
	t := sum.Totals
	out = append(out, wrap(st.Muted, fmt.Sprintf("Totals: %d attempt%s (%d solved, hints in %s), %d quiz answer%s (%d right)",
		t.Attempts, plural(t.Attempts), t.ScenariosSolved, pct(t.HintShare), t.Answers, plural(t.Answers), t.Correct), w)...)
	return out
}

// recentLines are the last attempts, newest first.
func (m *Model) recentLines(w int) []string {
	st := m.styles
	if len(m.sum.Recent) == 0 {
		return nil
	}
	loc := m.deps.Now().Location()
	out := []string{st.Pane.Title.Render("Recent attempts")}
	idW := 0
	for _, a := range m.sum.Recent {
		idW = max(idW, min(28, ansi.StringWidth(a.ScenarioID)))
	}
	for _, a := range m.sum.Recent {
		stars := strings.Repeat("★", max(0, min(3, a.Stars))) + strings.Repeat("☆", max(0, 3-a.Stars))
		line := fmt.Sprintf("  %s  %s  %s %s  score %3.0f  hints %d  %s",
			a.FinishedAt.In(loc).Format("2006-01-02 15:04"), padRight(ansi.Truncate(a.ScenarioID, idW, "…"), idW), m.outcome(a.Outcome), stars,
			a.Score, len(a.Hints), a.Duration.Round(time.Second))
		out = append(out, line)
	}
	return out
}

// outcome draws an attempt's outcome as symbol and word.
func (m *Model) outcome(o progress.Outcome) string {
	st := m.styles
	switch o {
	case progress.Solved:
		return st.Verdict.Pass.Style.Render(padRight("✓ solved", 11))
	case progress.Failed:
		return st.Verdict.Fail.Style.Render(padRight("✗ failed", 11))
	}
	return st.Muted.Render(padRight("○ "+string(o), 11))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
