package scenarios

import (
	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Kind is what the learner does in a scenario.
type Kind string

// Kinds of scenario.
const (
	Build   Kind = "build"   // edit policies until every check passes
	Predict Kind = "predict" // predict the decision and deciding layer of one request
	Choose  Kind = "choose"  // answer an exam-style question about the world
)

// Expect is what a check wants: an exact decision, or "denied" for either
// kind of deny.
type Expect string

// Expectations a check can state.
const (
	ExpectAllowed      Expect = "allowed"
	ExpectDenied       Expect = "denied"
	ExpectExplicitDeny Expect = "explicitDeny"
	ExpectImplicitDeny Expect = "implicitDeny"
)

// Matches reports whether a decision satisfies the expectation.
func (e Expect) Matches(d eval.Decision) bool {
	if e == ExpectDenied {
		return d == eval.ExplicitDeny || d == eval.ImplicitDeny
	}
	return string(e) == string(d)
}

// Library is every pack iamlab knows, broken ones included so the TUI can
// show them as broken with their problems.
type Library struct {
	Packs []*Pack
}

// Scenario finds a scenario by its id in any usable pack.
func (l *Library) Scenario(id string) (*Scenario, bool) {
	for _, p := range l.Packs {
		for _, s := range p.Scenarios {
			if s.ID == id {
				return s, true
			}
		}
	}
	return nil, false
}

// Findings gathers the problems of every pack.
func (l *Library) Findings() []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, p := range l.Packs {
		out = append(out, p.Problems...)
	}
	return out
}

// Pack is one loaded pack. A pack with a broken manifest has no scenarios;
// a broken scenario is left out and its problems kept.
type Pack struct {
	ID          string
	Title       string
	Description string
	Version     int
	// Sequence is the pack's place in the teaching order (1 first); 0
	// means unordered: such packs follow the ordered ones.
	Sequence  int
	Origin    string // "built-in", or the folder it was read from
	BuiltIn   bool
	Scenarios []*Scenario
	Problems  []diag.Diagnostic
	Broken    bool // the manifest could not be read: nothing in it is usable

	manifest *yamlDoc // pack.yaml's positions, for problems found across packs
}

// Scenario is one exercise, ready to run.
type Scenario struct {
	ID         string
	Version    int // content version: bump when the meaning changes, so progress can tell
	Title      string
	Kind       Kind
	Exam       []curriculum.Task
	Topics     []curriculum.Topic
	Difficulty int // 1 (warm-up) to 3 (exam-hard)
	Minutes    int // estimated minutes
	Briefing   string
	Debrief    string

	// World is the starting state. It is shared and must not be changed;
	// editing goes through World.WithDocument, which copies.
	World     *sandbox.World
	WorldName string // the shared world's name, "" for an inline one
	Account   string // default account for short caller phrases

	Editable []string // document IDs the learner may edit; the rest are read-only
	Checks   []Check
	Hints    []string          // four rungs: general, concept, pointer, the answer
	Solution map[string]string // document ID → reference JSON
	// Alternatives are other accepted solutions; each passes every check
	// and scores par (iamlab check enforces both).
	Alternatives []Alternative
	// BroaderReference says why the reference grants more than the policy
	// written from the checks (the briefing asks for more than the checks
	// can show); without it iamlab check warns.
	BroaderReference string

	Predict *PredictTask
	Choose  *ChooseTask

	Pack        string // pack id
	PackVersion int    // the pack's version:, recorded with each attempt
	File        string // scenario file, for messages

	doc      *yamlDoc              // positions, kept so `iamlab check` can point at lines
	where    map[string]policyText // world document ID → where its text was written
	solWhere map[string]policyText // solution document ID → where its text was written
	altWhere []map[string]policyText
	todo     []diag.Diagnostic // TODO markers in the scenario's files
}

// Check is one request with the decision it must get.
type Check struct {
	Name      string // short label; generated from the call when the author gave none
	Call      sandbox.Call
	Expect    Expect
	DecidedBy eval.Layer // "" = any layer
	Hidden    bool       // shown only after submit

	path string // position-map key of the check in the scenario file
}

// Alternative is an accepted solution besides the reference.
type Alternative struct {
	Name     string            // what makes it different: "one statement, both ARNs"
	Solution map[string]string // document ID → policy JSON

	path string // position-map key in the scenario file
}

// PredictTask is the request a learner predicts and its answer key.
type PredictTask struct {
	Call      sandbox.Call
	Decision  eval.Decision
	DecidedBy eval.Layer
	Why       string // shown with the answer
}

// ChooseTask is an exam-style question.
type ChooseTask struct {
	Question string
	Options  []Option
}

// Option is one answer to a ChooseTask, with why it is right or wrong.
type Option struct {
	Text    string
	Correct bool
	Why     string
}

// Multi reports whether the question has more than one correct option
// ("choose two").
func (c *ChooseTask) Multi() bool {
	n := 0
	for _, o := range c.Options {
		if o.Correct {
			n++
		}
	}
	return n > 1
}

// PacksOf lists the ids of the packs that have a scenario id, in library
// order: an assignment or a command naming a scenario by id alone is
// ambiguous when there are two.
func (l *Library) PacksOf(id string) []string {
	var out []string
	for _, p := range l.Packs {
		for _, s := range p.Scenarios {
			if s.ID == id {
				out = append(out, p.ID)
				break
			}
		}
	}
	return out
}

// IDs lists every scenario id, for suggestions.
func (l *Library) IDs() []string {
	var out []string
	for _, p := range l.Packs {
		for _, s := range p.Scenarios {
			out = append(out, s.ID)
		}
	}
	return out
}

// ScenarioIn finds a scenario by pack id and scenario id.
func (l *Library) ScenarioIn(pack, id string) (*Scenario, bool) {
	for _, p := range l.Packs {
		if p.ID != pack {
			continue
		}
		for _, s := range p.Scenarios {
			if s.ID == id {
				return s, true
			}
		}
	}
	return nil, false
}
