package whynot

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func library(t testing.TB) *scenarios.Library {
	t.Helper()
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{})
	if len(lib.Packs) == 0 {
		t.Fatal("no built-in packs")
	}
	return lib
}

func editableIn(s *scenarios.Scenario) func(string) bool {
	return func(id string) bool {
		for _, e := range s.Editable {
			if e == id {
				return true
			}
		}
		return false
	}
}

// Every failing check of a built-in build scenario, in its starting world:
// each proposal touches only the learner's documents and, re-evaluated,
// gives the check the decision it wants.
func TestBuiltInScenariosStartingChecks(t *testing.T) {
	lib := library(t)
	failing, answered := 0, 0
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			if s.Kind != scenarios.Build {
				continue
			}
			for _, c := range s.Checks {
				out, err := s.World.Evaluate(c.Call, eval.Options{})
				if err != nil || c.Expect.Matches(out.Decision) {
					continue
				}
				failing++
				sub := &WorldCall{World: s.World, Call: c.Call, Editable: editableIn(s)}
				ans, err := Find(sub, Options{Want: c.Expect.Matches})
				if err != nil {
					t.Fatalf("%s / %s: %v", s.ID, c.Name, err)
				}
				if len(ans.Proposals) > 0 {
					answered++
				}
				for _, pr := range ans.Proposals {
					for _, e := range pr.Edits {
						if e.Doc != "" && !editableIn(s)(e.Doc) {
							t.Errorf("%s / %s: edits read-only %s", s.ID, c.Name, e.Doc)
						}
					}
					r, err := sub.Run(pr.state)
					if err != nil {
						t.Fatalf("%s / %s: %v", s.ID, c.Name, err)
					}
					if !c.Expect.Matches(r.Decision) {
						t.Errorf("%s / %s: proposal %v gives %s", s.ID, c.Name, summaries(pr), r.Decision)
					}
				}
			}
		}
	}
	if failing == 0 {
		t.Fatal("no failing starting check: the test checks nothing")
	}
	if answered*2 < failing {
		t.Errorf("only %d of %d failing checks got a proposal", answered, failing)
	}
	t.Logf("%d failing starting checks, %d with proposals", failing, answered)
}

func BenchmarkWhyNotScenario(b *testing.B) {
	lib := library(b)
	s, ok := lib.Scenario("ec2-s3-read")
	if !ok {
		for _, p := range lib.Packs {
			for _, sc := range p.Scenarios {
				if sc.Kind == scenarios.Build && !ok {
					s, ok = sc, true
				}
			}
		}
	}
	var sub *WorldCall
	for _, c := range s.Checks {
		out, err := s.World.Evaluate(c.Call, eval.Options{})
		if err == nil && !c.Expect.Matches(out.Decision) {
			sub = &WorldCall{World: s.World, Call: c.Call, Editable: editableIn(s)}
			break
		}
	}
	if sub == nil {
		b.Skip("no failing check")
	}
	b.ResetTimer()
	evals := 0
	for i := 0; i < b.N; i++ {
		ans, err := Find(sub, Options{})
		if err != nil {
			b.Fatal(err)
		}
		evals = ans.Evaluations
	}
	b.ReportMetric(float64(evals), "evals/op")
}
