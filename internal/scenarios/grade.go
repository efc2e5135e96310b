package scenarios

import (
	"fmt"
	"math"
	"slices"

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
	HintsUsed      int            `json:"hintsUsed"`        // highest rung revealed, 0–5 (5: why not?)
	Attempts       int            `json:"attempts"`         // submissions, this one included
	Stars          int            `json:"stars"`            // 0–3
	Score          int            `json:"score"`            // 0–100
	Checks         []CheckSummary `json:"checks,omitempty"` // build scenarios: each check's result
	Costs          []Cost         `json:"costs,omitempty"`  // what took independence points off
	Parts          Parts          `json:"-"`
	// Practice is a predict or choose answered again after its reveal: the
	// first answer is the one that counts, so this one earns no stars.
	Practice bool          `json:"practice,omitempty"`
	Results  []CheckResult `json:"-"` // with outcomes and traces, for the TUI
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

// Cost is something that took points off the independence part of the
// score, stated on the result screen.
type Cost struct {
	What   string  `json:"what"`   // "2 hint rungs"
	Points float64 `json:"points"` // taken off the 10 points for solving unaided
}

// The independence part of the score: 10 points for solving unaided, less
// what the learner was shown before this answer.
const (
	independencePoints = 10
	HintCost           = 2.5 // per rung; the pointer (3) and the answer (4) also cost a star
	// WhyNotRung is the build scenarios' last rung, after the authored
	// four: "why not?" on every check. It costs like any rung.
	WhyNotRung     = 5
	HiddenSeenCost = 5 // every hidden check, shown by an earlier submit
)

// GradeBuild grades a build scenario: w is the learner's world.
//
// Score: 70 for the checks (in proportion), 20 for least privilege (all
// of it at par or under; over par, lpScale/(lpScale+excess) of it, so one
// harmless leftover costs a point or two and "s3:*" on "*" nearly all),
// and 10 for solving unaided: 2.5 off per hint rung, and 5 off when an
// earlier submit showed the hidden checks (every submit shows them).
// Stars: 0 unless every check passes; otherwise 3, minus one for an excess
// over par beyond starSlack, minus one for the pointer hint (rung 3) or
// the answer (rung 4), minus one for more than three attempts; at least 1.
func GradeBuild(s *Scenario, w *sandbox.World, hintsUsed, attempts int) Grade {
	rs := RunChecks(s, w)
	g := Grade{Scenario: s.ID, Kind: s.Kind, ChecksPassed: Passed(rs), ChecksTotal: len(rs), HintsUsed: hintsUsed, Attempts: attempts, Checks: summarize(rs), Results: rs}
	g.Solved = g.ChecksTotal > 0 && g.ChecksPassed == g.ChecksTotal
	g.LeastPrivilege = CompareLeastPrivilege(s, w)
	g.Costs = hintCosts(hintsUsed)
	if attempts > 1 && slices.ContainsFunc(s.Checks, func(c Check) bool { return c.Hidden }) {
		g.Costs = append(g.Costs, Cost{What: "hidden checks seen on an earlier submit", Points: HiddenSeenCost})
	}
	g.Score, g.Parts = score(float64(g.ChecksPassed)/float64(max(g.ChecksTotal, 1)), g.LeastPrivilege.Factor(), g.Costs)
	if g.Solved {
		g.Stars = stars(g.LeastPrivilege.Excess() > starSlack, hintsUsed, attempts)
	}
	return g
}

func hintCosts(rungs int) []Cost {
	rungs = min(max(rungs, 0), WhyNotRung)
	if rungs == 0 {
		return nil
	}
	what := "1 hint rung"
	if rungs > 1 {
		what = fmt.Sprintf("%d hint rungs", rungs)
	}
	return []Cost{{What: what, Points: HintCost * float64(rungs)}}
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
	answerCosts(&g)
	g.Score, g.Parts = score(float64(g.ChecksPassed)/2, 1, g.Costs)
	if g.Solved && !g.Practice {
		g.Stars = stars(false, hintsUsed, attempts)
	}
	return g
}

// answerCosts: a predict or choose answered again after its reveal is
// practice. The first answer is the one that counts for progress and
// stars; the redo keeps its score for the learner to see, less the
// independence points, since the answer was already shown.
func answerCosts(g *Grade) {
	g.Costs = hintCosts(g.HintsUsed)
	if g.Attempts > 1 {
		g.Practice = true
		g.Costs = append(g.Costs, Cost{What: "answered again after the reveal (practice: your first answer is the one that counts)", Points: independencePoints})
	}
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
	answerCosts(&g)
	g.Score, g.Parts = score(frac, 1, g.Costs)
	if g.Solved && !g.Practice {
		g.Stars = stars(false, hintsUsed, attempts)
	}
	return g
}

// Parts is the score taken apart, for the result screen.
type Parts struct {
	Checks         float64 // of 70
	LeastPrivilege float64 // of 20
	Unaided        float64 // of 10
}

func score(checks, lpFactor float64, costs []Cost) (int, Parts) {
	h := float64(independencePoints)
	for _, c := range costs {
		h -= c.Points
	}
	h = max(h, 0)
	if checks < 1 {
		h = 0 // no bonus for not needing help on an unsolved task
	}
	p := Parts{Checks: 70 * checks, LeastPrivilege: 20 * lpFactor * checks, Unaided: h}
	return int(math.Round(p.Checks + p.LeastPrivilege + p.Unaided)), p
}

func stars(overPar bool, hints, attempts int) int {
	return max(3-len(starLosses(overPar, hints, attempts)), 1)
}

// starLosses words each rule that took a star off a solve.
func starLosses(overPar bool, hints, attempts int) []string {
	var out []string
	if overPar {
		out = append(out, fmt.Sprintf("over par by more than %d", starSlack))
	}
	if hints >= 3 {
		out = append(out, "the pointer or answer hint")
	}
	if attempts > 3 {
		out = append(out, "more than 3 attempts")
	}
	return out
}

// StarLosses says why a solve has fewer than three stars, for the result
// screen; nil when it has all three or earns none.
func (g Grade) StarLosses() []string {
	if !g.Solved || g.Practice {
		return nil
	}
	return starLosses(g.Kind == Build && g.LeastPrivilege.Excess() > starSlack, g.HintsUsed, g.Attempts)
}
