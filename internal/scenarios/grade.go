package scenarios

import (
	"math"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Grade is the result of a submission: data the TUI shows and the progress
// store keeps.
type Grade struct {
	Scenario       string         `json:"scenario"`
	Kind           Kind           `json:"kind"`
	Solved         bool           `json:"solved"`
	ChecksPassed   int            `json:"checksPassed"`
	ChecksTotal    int            `json:"checksTotal"`
	LeastPrivilege LeastPrivilege `json:"leastPrivilege"`   // build scenarios only
	HintsUsed      int            `json:"hintsUsed"`        // highest rung revealed, 0–4
	Attempts       int            `json:"attempts"`         // submissions, this one included
	Stars          int            `json:"stars"`            // 0–3
	Score          int            `json:"score"`            // 0–100
	Checks         []CheckSummary `json:"checks,omitempty"` // build scenarios: each check's result
	Results        []CheckResult  `json:"-"`                // with outcomes and traces, for the TUI
}

// CheckSummary is a check's result as stored and exported.
type CheckSummary struct {
	Name   string `json:"name"`
	Hidden bool   `json:"hidden,omitempty"`
	Pass   bool   `json:"pass"`
	Want   string `json:"want"`
	Got    string `json:"got"`
}

func summarize(rs []CheckResult) []CheckSummary {
	out := make([]CheckSummary, len(rs))
	for i, r := range rs {
		out[i] = CheckSummary{Name: r.Check.Name, Hidden: r.Check.Hidden, Pass: r.Pass, Want: r.Want, Got: r.Got}
	}
	return out
}

// GradeBuild grades a build scenario: w is the learner's world.
//
// Stars: 0 unless every check passes; otherwise 3, minus one for granting
// more than the reference, minus one for using the pointer hint (rung 3) or
// the answer (rung 4), minus one for more than three attempts; at least 1.
// Score: 70 for the checks (in proportion), 20 for least privilege (full at
// par or under, par/learner over it), 10 for solving without hints
// (2.5 off per rung).
func GradeBuild(s *Scenario, w *sandbox.World, hintsUsed, attempts int) Grade {
	rs := RunChecks(s, w)
	g := Grade{Scenario: s.ID, Kind: s.Kind, ChecksPassed: Passed(rs), ChecksTotal: len(rs), HintsUsed: hintsUsed, Attempts: attempts, Checks: summarize(rs), Results: rs}
	g.Solved = g.ChecksTotal > 0 && g.ChecksPassed == g.ChecksTotal
	g.LeastPrivilege = CompareLeastPrivilege(s, w)
	lpFactor := 1.0
	if g.LeastPrivilege.OverPar() && g.LeastPrivilege.Learner > 0 {
		lpFactor = float64(g.LeastPrivilege.Par) / float64(g.LeastPrivilege.Learner)
	}
	g.Score = score(float64(g.ChecksPassed)/float64(max(g.ChecksTotal, 1)), lpFactor, hintsUsed)
	if g.Solved {
		g.Stars = stars(g.LeastPrivilege.OverPar(), hintsUsed, attempts)
	}
	return g
}

// GradePredict grades a prediction. Both the decision and the deciding
// layer must be right to solve it; the decision alone earns part of the
// score.
func GradePredict(s *Scenario, decision eval.Decision, by eval.Layer, hintsUsed, attempts int) Grade {
	g := Grade{Scenario: s.ID, Kind: s.Kind, ChecksTotal: 2, HintsUsed: hintsUsed, Attempts: attempts}
	if s.Predict == nil {
		return g
	}
	if decision == s.Predict.Decision {
		g.ChecksPassed++
	}
	if by == s.Predict.DecidedBy {
		g.ChecksPassed++
	}
	g.Solved = g.ChecksPassed == 2
	g.Score = score(float64(g.ChecksPassed)/2, 1, hintsUsed)
	if g.Solved {
		g.Stars = stars(false, hintsUsed, attempts)
	}
	return g
}

// GradeChoice grades the options a learner picked (indexes); it is solved
// when exactly the correct options are picked.
func GradeChoice(s *Scenario, picked []int, hintsUsed, attempts int) Grade {
	g := Grade{Scenario: s.ID, Kind: s.Kind, HintsUsed: hintsUsed, Attempts: attempts}
	if s.Choose == nil {
		return g
	}
	chosen := map[int]bool{}
	for _, i := range picked {
		chosen[i] = true
	}
	g.ChecksTotal = len(s.Choose.Options)
	for i, o := range s.Choose.Options {
		if o.Correct == chosen[i] {
			g.ChecksPassed++
		}
	}
	g.Solved = g.ChecksPassed == g.ChecksTotal
	frac := 0.0
	if g.Solved {
		frac = 1
	}
	g.Score = score(frac, 1, hintsUsed)
	if g.Solved {
		g.Stars = stars(false, hintsUsed, attempts)
	}
	return g
}

func score(checks, lpFactor float64, hints int) int {
	h := 10 - 2.5*float64(min(max(hints, 0), 4))
	if checks < 1 {
		h = 0 // no bonus for not needing hints on an unsolved task
	}
	return int(math.Round(70*checks + 20*lpFactor*checks + h))
}

func stars(overPar bool, hints, attempts int) int {
	n := 3
	if overPar {
		n--
	}
	if hints >= 3 {
		n--
	}
	if attempts > 3 {
		n--
	}
	return max(n, 1)
}
