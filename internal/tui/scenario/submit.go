package scenario

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/policydiag"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// submit grades the learner's world with every check, hidden ones too,
// records the attempt and shows the score.
func (m *Model) submit() tea.Cmd {
	if len(m.build.broken) > 0 {
		for _, id := range m.s.Editable {
			if err, ok := m.build.broken[id]; ok {
				ds := policydiag.Parse(err)
				return screen.Status(fmt.Sprintf("fix the JSON first: %s line %d, column %d: %s", m.docName(id), ds[0].Line, ds[0].Col, ds[0].Message), true)
			}
		}
	}
	m.submissions++
	m.notice = ""
	m.hiddenShown = true
	attempts := m.priorAttempts + m.submissions
	g := scenarios.GradeBuild(m.s, m.build.world, m.hintsShown, attempts)
	m.grade = &g
	m.checks.results = g.Results
	m.checks.checkSel = 0
	for i, r := range m.checks.results {
		if !r.Pass {
			m.checks.checkSel = i
			break
		}
	}
	m.refreshTrace(true)
	m.focus = paneResult
	m.result.Top()
	m.syncFocus()
	m.relayout()
	return tea.Batch(m.recordBuild(g), m.renderMarkdown())
}

func (m *Model) docName(id string) string {
	for _, d := range m.build.docs {
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
		ScenarioKey:    m.key(),
		PackVersion:    m.s.PackVersion,
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
	lp := g.LeastPrivilege.Factor()
	a.LeastPrivilege = &lp
	a.Policies = map[string]string{}
	for id, e := range m.build.editors {
		a.Policies[id] = e.Value()
	}
	store, sid, solved := m.deps.Store, m.key(), g.Solved
	if store == nil {
		return nil
	}
	if solved {
		m.drafts.dirty = false
		m.drafts.seq++
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

// scoreLines is the score panel: the verdict, each part of the score and
// what it was measured on, the pairs beyond the reference and what would
// reach par.
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
		{"help", costText(g.Costs)},
		{"attempts", fmt.Sprintf("%d", g.Attempts)},
		{"score", fmt.Sprintf("%d/100 = checks %s + least privilege %s + unaided %s", g.Score, pts(g.Parts.Checks, 70), pts(g.Parts.LeastPrivilege, 20), pts(g.Parts.Unaided, 10))},
		{"stars", starsText(g)},
	}
	for _, r := range rows {
		out = append(out, hang(fmt.Sprintf("%-16s ", r[0]), r[1], w)...)
	}
	out = append(out, "")
	out = append(out, wrap(st.Muted.Render("Par is the breadth of the reference solution: at par or under, you keep all 20 least-privilege points."), w)...)
	out = append(out, wrap(st.Muted.Render(`Breadth weighs what your Allow statements open, action by action: 1 for one named resource, 2 for a path inside one, 5 for many by name, 10 for "*" (an action that works only on "*": 1 if it lists or reads, 5 if it writes); a pair that can never apply counts nothing.`), w)...)
	if n := len(lp.Uncounted); n > 0 {
		var pairs []string
		for i, g := range lp.Uncounted {
			if i == 4 {
				pairs = append(pairs, fmt.Sprintf("and %d more", n-4))
				break
			}
			pairs = append(pairs, g.String())
		}
		out = append(out, wrap(st.Muted.Render("Not counted, since they can never apply (the resource is not of a type the action acts on): "+strings.Join(pairs, "; ")+"."), w)...)
	}
	if lp.OverPar() && len(lp.Beyond) > 0 {
		out = append(out, "", st.Warning.Render(fmt.Sprintf("Granted beyond the reference (%s):", lp.Verdict)))
		out = append(out, m.beyondLines(lp.Beyond, w)...)
		out = append(out, wrap(reachPar(lp), w)...)
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
		msg := "The debrief and the reference solution open once every check passes. esc goes back to the editor: the failing checks and their traces are there."
		if hasHidden(m.s) {
			msg += fmt.Sprintf(" The hidden checks stay shown; having seen them costs %s of the 10 unaided points on the next submit.", points(scenarios.HiddenSeenCost))
		}
		out = append(out, wrap(st.Muted.Render(msg), w)...)
	}
	return out
}

// beyondLines lists the pairs beyond the reference under the statement
// that grants them, each with what it adds and why it counts.
func (m *Model) beyondLines(bs []scenarios.Beyond, w int) []string {
	st := m.st
	var out []string
	const most = 8
	shown, last := 0, ""
	for _, b := range bs {
		if shown == most {
			out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more", len(bs)-most)))
			break
		}
		if where := m.docName(b.Doc) + ", statement " + b.Statement; where != last {
			out = append(out, wrap("  "+where, w)...)
			last = where
		}
		adds := fmt.Sprintf("+%d", b.Cost)
		if b.Cost == 0 {
			adds = "+0: your other grants already reach as far"
		}
		out = append(out, hang("    ", fmt.Sprintf("%s (%s): %s", b.String(), adds, b.Reason), w)...)
		shown++
	}
	return out
}

// reachPar says what would bring the breadth down to par.
func reachPar(lp scenarios.LeastPrivilege) string {
	if lp.WithoutBeyond <= lp.Par {
		return fmt.Sprintf("To reach par (%d), remove these pairs or narrow them to what the reference grants.", lp.Par)
	}
	return fmt.Sprintf("Removing these pairs leaves breadth %d, still over par (%d): narrow the resources of what remains, a named ARN rather than a wildcard.", lp.WithoutBeyond, lp.Par)
}

// pts writes a part of the score out of its maximum.
func pts(v float64, of int) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + "/" + strconv.Itoa(of)
}

// costText lists what came off the unaided points.
func costText(cs []scenarios.Cost) string {
	if len(cs) == 0 {
		return "none: all 10 unaided points"
	}
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("−%s for %s", points(c.Points), c.What))
	}
	return strings.Join(parts, "; ")
}

// starsText draws the stars and says what took any away.
func starsText(g *scenarios.Grade) string {
	out := stars(g.Stars)
	if g.Practice {
		return out + " (practice: your first answer is the one that counts)"
	}
	if ls := g.StarLosses(); len(ls) > 0 {
		out += " (one off for each: " + strings.Join(ls, ", ") + ")"
	}
	return out
}

// answerScoreLines is the score of a predict or choose answer.
func (m *Model) answerScoreLines(g *scenarios.Grade, w int) []string {
	out := []string{"", fmt.Sprintf("score %d/100 · %s", g.Score, starsText(g))}
	if len(g.Costs) > 0 {
		out = append(out, wrap(m.st.Muted.Render("help: "+costText(g.Costs)), w)...)
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
		for _, e := range m.build.editors {
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
	return fmt.Sprintf("%s (breadth %d, par %d)", lp.Verdict, lp.Learner, lp.Par)
}

func hasHidden(s *scenarios.Scenario) bool {
	for _, c := range s.Checks {
		if c.Hidden {
			return true
		}
	}
	return false
}
