package home

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/assign"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// Layout, top to bottom: the suggestion line, the filter line (while
// filtering or when a filter is set), the list, and the detail lines of the
// selected scenario.
const detailLines = 4

func (m *Model) filterShown() bool { return m.filterOn || m.filter.Value() != "" }

func (m *Model) filterRow() int { return 1 }

func (m *Model) listTop() int {
	if m.filterShown() {
		return 2
	}
	return 1
}

func (m *Model) listHeight() int { return max(1, m.height-m.listTop()-detailLines) }

// scroll keeps the cursor's row in the list's window. The rows after the
// last one the cursor can reach (the packs with problems, listed at the
// end) come into view with it, as far as the cursor stays in view: no key
// could scroll to them otherwise.
func (m *Model) scroll() {
	m.win.Height = m.listHeight()
	n := len(m.rows)
	if m.cursor == m.firstSelectable(n-1, -1) {
		m.win.Reveal(n-1, 0, n)
	}
	m.win.Reveal(max(0, m.cursor), 0, n)
}

// View draws exactly the screen's size.
func (m *Model) View() string {
	if m.styles == nil || m.height == 0 {
		return ""
	}
	st := m.styles
	lines := make([]string, 0, m.height)
	if s := m.suggestion(); s != nil {
		lines = append(lines, st.Muted.Render("Next: ")+st.Bold.Render(s.Title)+st.Muted.Render("  (press n)"))
	} else {
		lines = append(lines, st.Success.Render("✓ Every scenario is solved. The quizzes keep going where scenarios stop."))
	}
	if m.filterShown() {
		lines = append(lines, m.filter.View())
	}
	h := m.listHeight()
	end := min(len(m.rows), m.win.Off+h)
	for i := m.win.Off; i < end; i++ {
		lines = append(lines, m.rowView(i))
	}
	for len(lines) < m.listTop()+h {
		lines = append(lines, "")
	}
	lines = append(lines, m.details()...)
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], m.width, "…")
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}

func (m *Model) rowView(i int) string {
	st := m.styles
	r := m.rows[i]
	sel := i == m.cursor
	var line string
	switch r.kind {
	case rowHeader:
		if r.pack != nil {
			return st.Error.Render(r.text)
		}
		return st.Pane.Title.Render(r.text)
	case rowProblem:
		return "    " + st.Error.Render(r.text)
	case rowNote:
		return "  " + st.Muted.Render(r.text)
	case rowEntry:
		line = "▸ " + r.entry.Title + st.Muted.Render("  "+r.entry.Help)
	case rowScenario:
		line = m.scenarioLine(r.scenario)
		if r.assigned {
			line = m.assignedLine(r)
		}
	}
	if sel {
		return st.Selected.Render(ansi.Strip(padRight("› "+line, m.width)))
	}
	return "  " + line
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// statusBadge shows progress with a symbol and a word.
func (m *Model) statusBadge(key progress.ScenarioKey) string {
	st := m.styles
	s := m.status[key]
	switch s.Status {
	case progress.StatusSolved:
		return st.Success.Render("✓ solved " + stars(s.Stars))
	case progress.StatusInProgress:
		return st.Warning.Render("◐ in progress")
	}
	if s.HasDraft {
		return st.Warning.Render("◐ draft")
	}
	return st.Muted.Render("○ new")
}

func stars(n int) string {
	n = max(0, min(3, n))
	return strings.Repeat("★", n) + strings.Repeat("☆", 3-n)
}

func difficulty(d int) string {
	switch d {
	case 1:
		return "easy"
	case 3:
		return "hard"
	}
	return "medium"
}

func (m *Model) scenarioLine(s *scenarios.Scenario) string {
	st := m.styles
	right := fmt.Sprintf("%-7s %-6s %2d min  ", s.Kind, difficulty(s.Difficulty), s.Minutes)
	badge := m.statusBadge(progress.Key(s.Pack, s.ID))
	titleW := max(10, m.width-4-ansi.StringWidth(right)-18)
	title := ansi.Truncate(s.Title, titleW, "…")
	return padRight(title, titleW) + "  " + st.Muted.Render(right) + badge
}

// assignedLine is a scenario of the Assigned group: what is due when, then
// the usual progress badge.
func (m *Model) assignedLine(r row) string {
	st := m.styles
	s := r.scenario
	key := progress.Key(s.Pack, s.ID)
	now := time.Now()
	if m.deps.Now != nil {
		now = m.deps.Now()
	}
	state, days := assign.Status(assign.Item{Due: r.due}, m.status[key].Status == progress.StatusSolved, now)
	label := assign.Label(state, days)
	if label == "" {
		label = "no due date"
	}
	const labelW = 16
	styled := st.Muted.Render(fmt.Sprintf("%-*s", labelW, label))
	switch {
	case state == assign.Overdue:
		styled = st.Error.Render(fmt.Sprintf("%-*s", labelW, label))
	case state == assign.Done:
		styled = st.Success.Render(fmt.Sprintf("%-*s", labelW, label))
	case state == assign.Due && days <= 2:
		styled = st.Warning.Render(fmt.Sprintf("%-*s", labelW, label))
	}
	badge := m.statusBadge(key)
	titleW := max(10, m.width-4-labelW-2-18)
	title := ansi.Truncate(s.Title, titleW, "…")
	return padRight(title, titleW) + "  " + styled + badge
}

func (m *Model) details() []string {
	st := m.styles
	out := make([]string, 0, detailLines)
	rule := st.Muted.Render(strings.Repeat("─", max(1, m.width)))
	out = append(out, rule)
	if m.cursor >= len(m.rows) {
		return append(out, "", "", "")
	}
	r := m.rows[m.cursor]
	switch r.kind {
	case rowEntry:
		return append(out, st.Bold.Render(r.entry.Title), st.Muted.Render(r.entry.Help), "")
	case rowScenario:
		s := r.scenario
		var tags []string
		for _, t := range s.Exam {
			tags = append(tags, strings.Replace(t.ID, ":", " ", 1))
		}
		var topics []string
		for _, t := range s.Topics {
			topics = append(topics, t.Title)
		}
		out = append(out, st.Bold.Render(s.Title)+st.Muted.Render("  "+s.ID+" · "+strings.Join(tags, ", ")))
		out = append(out, st.Muted.Render("Topics: ")+strings.Join(topics, "; "))
		out = append(out, st.Muted.Render(firstLine(s.Briefing)))
		return out
	}
	return append(out, "", "", "")
}

// firstLine is the briefing's first line of text without Markdown marks;
// a heading (usually the title again) is skipped.
func firstLine(md string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		l = strings.TrimSpace(l)
		for _, bullet := range []string{"> ", "- ", "* "} {
			l = strings.TrimPrefix(l, bullet)
		}
		// Bold and code marks go; a lone * stays, since "s3:*" means it.
		l = strings.TrimSpace(strings.NewReplacer("**", "", "__", "", "`", "").Replace(l))
		if l != "" {
			return l
		}
	}
	return ""
}
