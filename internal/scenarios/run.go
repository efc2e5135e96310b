package scenarios

import (
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// CheckResult is one check run against a world.
type CheckResult struct {
	Check   *Check
	Outcome *sandbox.Outcome // nil when the call could not be resolved
	Err     error            // why the call could not be resolved
	Pass    bool
	Want    string // "allowed", "explicitDeny by scp" …
	Got     string
}

// RunChecks runs every check of s (hidden ones too: the caller decides what
// to show) against w, which is s.World or a copy a learner edited. Traces
// are built so a failing check can be explained without running it again.
func RunChecks(s *Scenario, w *sandbox.World) []CheckResult {
	out := make([]CheckResult, len(s.Checks))
	for i := range s.Checks {
		out[i] = RunCheck(&s.Checks[i], w)
	}
	return out
}

// RunCheck runs one check.
func RunCheck(c *Check, w *sandbox.World) CheckResult {
	r := CheckResult{Check: c, Want: describe(eval.Decision(c.Expect), c.DecidedBy)}
	o, err := w.Evaluate(c.Call, eval.Options{Trace: true})
	if err != nil {
		r.Err, r.Got = err, "error: "+err.Error()
		return r
	}
	r.Outcome = o
	r.Got = describe(o.Decision, o.DecidedBy)
	r.Pass = c.Expect.Matches(o.Decision) && (c.DecidedBy == "" || c.DecidedBy == o.DecidedBy)
	if c.DecidedBy == "" {
		r.Got = string(o.Decision)
	}
	return r
}

// describe words a decision with its layer: "explicitDeny by scp".
func describe(d eval.Decision, by eval.Layer) string {
	if by == "" {
		return string(d)
	}
	return string(d) + " by " + string(by)
}

// Passed counts passing results.
func Passed(rs []CheckResult) int {
	n := 0
	for _, r := range rs {
		if r.Pass {
			n++
		}
	}
	return n
}

// SolutionWorld is s.World with the reference solution applied.
func SolutionWorld(s *Scenario) (*sandbox.World, error) { return applied(s.World, s.Solution) }

// AlternativeWorld is s.World with alternative solution i applied.
func AlternativeWorld(s *Scenario, i int) (*sandbox.World, error) {
	return applied(s.World, s.Alternatives[i].Solution)
}

func applied(w *sandbox.World, docs map[string]string) (*sandbox.World, error) {
	for _, id := range sortedKeys(docs) {
		nw, err := w.WithDocument(id, docs[id])
		if err != nil {
			return nil, err
		}
		w = nw
	}
	return w, nil
}

// PredictOutcome runs the request of a predict scenario.
func PredictOutcome(s *Scenario, w *sandbox.World) (*sandbox.Outcome, error) {
	return w.Evaluate(s.Predict.Call, eval.Options{Trace: true})
}
