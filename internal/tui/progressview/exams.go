package progressview

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
)

// The exam history: every submitted mock exam of the exam shown, with its
// score, and a trend per domain, so a learner sees whether the domains
// they practise are moving.

// historyMsg is the exam history, read with the summary.
type historyMsg struct {
	exam    string
	results []progress.ExamResult
	err     error
}

// loadHistory reads the submitted exams of the exam shown.
func loadHistory(store progress.Exams, exam string) historyMsg {
	if store == nil {
		return historyMsg{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	rs, err := store.ExamHistory(ctx, exam)
	return historyMsg{exam: exam, results: rs, err: err}
}

// learnerExam is the exam the learner said they prepare for, if any.
func learnerExam(s progress.Settings) string {
	if s == nil {
		return ""
	}
	v, _, _ := s.Setting(context.Background(), progress.SettingExam)
	return v
}

// historyShown is how many exams the list shows, newest first.
const historyShown = 5

// examHistoryLines draws the history and the per-domain trend; nothing
// when no exam of this kind was submitted.
func (m *Model) examHistoryLines(w int) []string {
	if m.historyExam != m.currentExam().ID || len(m.history) == 0 {
		return nil
	}
	st := m.styles
	loc := m.deps.Now().Location()
	hs := m.history
	out := []string{st.Pane.Title.Render(fmt.Sprintf("Mock exams · %s · %d taken", m.historyExam, len(hs)))}
	for i := len(hs) - 1; i >= max(0, len(hs)-historyShown); i-- {
		r := hs[i]
		badge := m.bands.get(r.Band)
		extra := ""
		if r.TimedOut {
			extra = " · time ran out"
		}
		out = append(out, fmt.Sprintf("  %s  %3d/%-3d %3.0f%%  %s  %d min%s", r.FinishedAt.In(loc).Format("2006-01-02 15:04"), r.Correct, r.Items, r.Percent(),
			padRight(badge.Render(), 12), int(r.Elapsed.Round(time.Minute)/time.Minute), extra))
	}
	if len(hs) > historyShown {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d earlier", len(hs)-historyShown)))
	}
	out = append(out, st.Muted.Render("  Trend per domain, oldest to newest (share right in each exam):"))
	for _, d := range domainTrends(hs) {
		first, last := d.points[0], d.points[len(d.points)-1]
		arrow := "→"
		switch {
		case last > first+0.5:
			arrow = "↗"
		case last < first-0.5:
			arrow = "↘"
		}
		nameW := max(20, min(46, w-44)) // the rest of the line takes 42 columns
		name := ansi.Truncate(fmt.Sprintf("D%d %s", d.number, d.name), nameW, "…")
		line := fmt.Sprintf("  %s %s  %3.0f%% %s %3.0f%%  (%d exam%s)", padRight(name, nameW), spark(d.points), first, arrow, last, len(d.points), plural(len(d.points)))
		out = append(out, line)
	}
	return out
}

// domainTrend is one domain's share right in each exam it appeared in.
type domainTrend struct {
	number int
	name   string
	points []float64
}

func domainTrends(hs []progress.ExamResult) []domainTrend {
	by := map[int]*domainTrend{}
	for _, r := range hs {
		for _, d := range r.Domains {
			if d.Total == 0 {
				continue
			}
			t := by[d.Number]
			if t == nil {
				t = &domainTrend{number: d.Number, name: d.Name}
				by[d.Number] = t
			}
			t.points = append(t.points, d.Percent())
		}
	}
	out := make([]domainTrend, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out
}

// spark draws up to the last 12 shares as block heights.
func spark(points []float64) string {
	const blocks = "▁▂▃▄▅▆▇█"
	rs := []rune(blocks)
	if len(points) > 12 {
		points = points[len(points)-12:]
	}
	var b strings.Builder
	for _, p := range points {
		i := int(p / 100 * float64(len(rs)-1))
		b.WriteRune(rs[max(0, min(len(rs)-1, i))])
	}
	return padRight(b.String(), 12)
}
