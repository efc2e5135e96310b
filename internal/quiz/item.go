package quiz

import (
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Type is the kind of an item.
type Type string

// Item types. Policy items are answered like single-answer items: their
// options are built from the engine's evaluation.
const (
	Single   Type = "single"
	Multiple Type = "multiple"
	Ordering Type = "ordering"
	Matching Type = "matching"
	Policy   Type = "policy"
)

// Ask is what a policy item asks about the evaluation.
type Ask string

// What a policy question asks.
const (
	AskDecision Ask = "decision" // allowed, explicit deny or implicit deny
	AskLayer    Ask = "layer"    // which policy type decides
	AskBoth     Ask = "both"     // decision and deciding layer in one option
)

// Item is one question, authored or generated.
type Item struct {
	ID      string
	Version int
	Type    Type
	Stem    string // Markdown
	// Options of single, multiple and policy items, in authored order (the
	// screen shuffles with ShuffledOptions).
	Options []Option
	Choose  int    // how many options to pick: 1, or N for multiple
	Steps   []Step // ordering: the correct order
	Pairs   []Pair // matching: prompts with their responses
	Extras  []Option
	// Policy is set for policy items and generated questions.
	Policy      *PolicyQuestion
	Exam        []string // canonical task IDs ("SCS-C03:4.2.3")
	Topics      []string // curriculum topic IDs, main topic first
	Difficulty  int      // 1..3
	Explanation string   // Markdown
	// Sources are the AWS documentation pages the key rests on.
	Sources   []string
	Generated bool

	// Where the item was written, for messages; empty for generated items.
	File      string
	Line, Col int
}

// Option is one choice with the reason it is right or wrong.
type Option struct {
	ID      string
	Text    string
	Correct bool
	Why     string
}

// Step is one step of an ordering item.
type Step struct {
	ID   string
	Text string
	Why  string
}

// Pair is one prompt of a matching item and the response it matches.
type Pair struct {
	ID    string
	Left  string
	Right string
	Why   string
}

// PolicyQuestion is a world, a call and what is asked about its decision.
type PolicyQuestion struct {
	World *sandbox.World
	Call  sandbox.Call
	Ask   Ask
	// Stated is the author's answer, verified by Check; nil when none.
	Stated *Key
	// Outcome is the engine's evaluation with its trace: the key and the
	// explanation. Nil when the call could not be evaluated.
	Outcome *sandbox.Outcome
}

// Key is a decision and the layer that made it.
type Key struct {
	Decision  eval.Decision
	DecidedBy eval.Layer
}

// MainTopic is the first topic, the one the item is mostly about.
func (it *Item) MainTopic() string {
	if len(it.Topics) == 0 {
		return ""
	}
	return it.Topics[0]
}

// Group is the curriculum group letter of the main topic ("E"), used to
// interleave practice.
func (it *Item) Group() string { return topicGroup(it.MainTopic()) }

// Rights lists the responses of a matching item: every pair's response
// once, then the extras, in a stable order.
func (it *Item) Rights() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range it.Pairs {
		if !seen[p.Right] {
			seen[p.Right] = true
			out = append(out, p.Right)
		}
	}
	for _, e := range it.Extras {
		if !seen[e.Text] {
			seen[e.Text] = true
			out = append(out, e.Text)
		}
	}
	return out
}

// CorrectOptions lists the IDs of the correct options.
func (it *Item) CorrectOptions() []string {
	var out []string
	for _, o := range it.Options {
		if o.Correct {
			out = append(out, o.ID)
		}
	}
	return out
}
