package scenario

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/common"
)

// submit grades the learner's world with every check, hidden ones too,
// records the attempt and shows the score.
func (m *Model) submit() tea.Cmd {
	if len(m.broken) > 0 {
		for _, id := range m.s.Editable {
			if err, ok := m.broken[id]; ok {
				ds := parseDiagnostics(err)
				return common.Status(fmt.Sprintf("fix the JSON first: %s line %d, column %d: %s", m.docName(id), ds[0].Line, ds[0].Col, ds[0].Message), true)
			}
		}
	}
	m.submissions++
	m.notice = ""
	m.hiddenShown = true
	attempts := m.priorAttempts + m.submissions
	g := scenarios.GradeBuild(m.s, m.world, m.hintsShown, attempts)
	m.grade = &g
	m.results = g.Results
	m.checkSel = 0
	for i, r := range m.results {
		if !r.Pass {
			m.checkSel = i
			break
		}
	}
	m.refreshTrace(true)
	m.focus = paneResult
	m.result.yoff = 0
	m.syncFocus()
	m.relayout()
	return tea.Batch(m.recordBuild(g), m.renderMarkdown())
}

func (m *Model) docName(id string) string {
	for _, d := range m.docs {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

// hintRungs lists the rungs opened, in order.
func hintRungs(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

func checkRecords(rs []scenarios.CheckResult) []progress.CheckResult {
	out := make([]progress.CheckResult, len(rs))
	for i, r := range rs {
		out[i] = progress.CheckResult{Name: r.Check.Name, Want: r.Want, Got: r.Got, Passed: r.Pass, Hidden: r.Check.Hidden}
	}
	return out
}

// baseAttempt fills what every kind's attempt shares.
func (m *Model) baseAttempt(g scenarios.Grade) progress.Attempt {
	now := m.deps.Now()
	a := progress.Attempt{
		ScenarioID:     m.s.ID,
		ContentVersion: strconv.Itoa(m.s.Version),
		Mode:           "learn",
		StartedAt:      m.started,
		FinishedAt:     now,
		Outcome:        progress.Failed,
		Score:          float64(g.Score),
		Stars:          g.Stars,
		Hints:          hintRungs(m.hintsShown),
		Revealed:       len(m.s.Hints) > 0 && m.hintsShown >= len(m.s.Hints),
		Duration:       m.activeTime(),
		TargetTime:     0,
	}
	if g.Solved {
		a.Outcome = progress.Solved
	}
	if m.s.Minutes > 0 {
		a.TargetTime = timeMinutes(m.s.Minutes)
	}
	for _, t := range m.s.Topics {
		a.Topics = append(a.Topics, t.ID)
	}
	for _, t := range m.s.Exam {
		a.Tasks = append(a.Tasks, t.ID)
	}
	return a
}

// recordBuild stores a build attempt; a solved one also drops the drafts.
func (m *Model) recordBuild(g scenarios.Grade) tea.Cmd {
	a := m.baseAttempt(g)
	a.Checks = checkRecords(g.Results)
	lp := 1.0
	if g.LeastPrivilege.OverPar() && g.LeastPrivilege.Learner > 0 {
		lp = float64(g.LeastPrivilege.Par) / float64(g.LeastPrivilege.Learner)
	}
	a.LeastPrivilege = &lp
	a.Policies = map[string]string{}
	for id, e := range m.editors {
		a.Policies[id] = e.Value()
	}
	store, sid, solved := m.deps.Store, m.s.ID, g.Solved
	if store == nil {
		return nil
	}
	if solved {
		m.dirty = false
		m.draftSeq++
	}
	return m.deps.Record("your attempt", func() error {
		ctx := context.Background()
		if _, err := store.RecordAttempt(ctx, a); err != nil {
			return err
		}
		if solved {
			return store.DeleteDrafts(ctx, sid)
		}
		return nil
	})
}

// stars draws n of three.
func stars(n int) string {
	n = min(max(n, 0), 3)
	return strings.Repeat("★", n) + strings.Repeat("☆", 3-n)
}

// scoreLines is the score panel.
func (m *Model) scoreLines(w int) []string {
	g := m.grade
	st := m.st
	var out []string
	head := st.Verdict.Pass.RenderSymbol() + " " + st.Bold.Render("Solved")
	if !g.Solved {
		head = st.Verdict.Fail.RenderSymbol() + " " + st.Bold.Render(fmt.Sprintf("Not yet: %d of %d checks fail", g.ChecksTotal-g.ChecksPassed, g.ChecksTotal))
	}
	out = append(out, head, "")
	lp := g.LeastPrivilege
	rows := [][2]string{
		{"checks", fmt.Sprintf("%d/%d (hidden checks included)", g.ChecksPassed, g.ChecksTotal)},
		{"least privilege", lpText(lp)},
		{"hints", fmt.Sprintf("%d", g.HintsUsed)},
		{"attempts", fmt.Sprintf("%d", g.Attempts)},
		{"score", fmt.Sprintf("%d/100", g.Score)},
		{"stars", stars(g.Stars)},
	}
	for _, r := range rows {
		out = append(out, wrap(fmt.Sprintf("%-16s %s", r[0], r[1]), w)...)
	}
	if len(lp.Extra) > 0 && lp.OverPar() {
		extra := append([]string(nil), lp.Extra...)
		sort.Strings(extra)
		out = append(out, "", st.Warning.Render("Granted beyond the reference:"))
		for i, e := range extra {
			if i == 8 {
				out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more", len(extra)-8)))
				break
			}
			out = append(out, wrap("  "+e, w)...)
		}
	}
	out = append(out, "", st.Bold.Render("Checks"))
	for i := range g.Results {
		out = append(out, m.checkResultLines(&g.Results[i], w)...)
	}
	out = append(out, "")
	if g.Solved {
		out = append(out, wrap(st.Muted.Render("r shows the reference solution · esc goes back to the editor · esc again goes home"), w)...)
		out = append(out, m.debriefLines(w)...)
	} else {
		out = append(out, wrap(st.Muted.Render("The debrief and the reference solution open once every check passes. esc goes back to the editor: the failing checks and their traces are there."), w)...)
	}
	return out
}

// refreshResult rebuilds the result pane for its size.
func (m *Model) refreshResult(in rect) {
	if m.grade == nil {
		return
	}
	if m.showSolution {
		m.solution.SetSize(in.w, in.h-1)
		return
	}
	m.result.set(m.scoreLines(in.w-1), in.h)
}

// openSolution shows the reference solution, only after a solve.
func (m *Model) openSolution(i int) {
	if m.grade == nil || !m.grade.Solved || len(m.s.Editable) == 0 {
		return
	}
	m.solIdx = (i + len(m.s.Editable)) % len(m.s.Editable)
	m.solution.SetValue(m.s.Solution[m.s.Editable[m.solIdx]])
	m.showSolution = true
	m.relayout()
}

// leaveResult goes back to the editor to keep working (after a failed
// submit) or to read the checks; a new submit counts as a new attempt.
func (m *Model) leaveResult() {
	m.showSolution = false
	if !m.grade.Solved {
		m.grade = nil
		m.runChecks()
	}
	m.focus = paneEditor
	if m.grade != nil {
		// Solved: the work is recorded; the policies stay on screen to read.
		for _, e := range m.editors {
			e.SetReadOnly(true)
		}
		m.focus = paneChecks
	}
	m.syncFocus()
	m.relayout()
}

// resultTitle names the result pane.
func (m *Model) resultTitle() string {
	if m.showSolution {
		id := m.s.Editable[m.solIdx]
		return "Reference solution: " + m.docName(id)
	}
	return "Result"
}

// lpText words the least-privilege comparison.
func lpText(lp scenarios.LeastPrivilege) string {
	if lp.Learner == 0 && lp.Par == 0 {
		return lp.Verdict + " (your policies grant nothing beyond the reference)"
	}
	return fmt.Sprintf("%s (breadth %d, the reference %d)", lp.Verdict, lp.Learner, lp.Par)
}
