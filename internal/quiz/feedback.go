package quiz

import (
	"slices"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Feedback is what a learner sees after answering: whether they were right,
// the key, a rationale for every option (step, pair) and, for policy
// questions, the engine's trace.
type Feedback struct {
	ItemID     string
	Correct    bool
	Response   Response
	Confidence progress.Confidence
	Key        Response
	Rationales []Rationale
	// Explanation is the item's general rule (Markdown).
	Explanation string
	// Sources are the documentation pages the key rests on.
	Sources []string
	// Outcome is the full evaluation with its trace, for policy questions.
	Outcome *sandbox.Outcome
}

// Rationale explains one option, step or pair.
type Rationale struct {
	ID      string
	Text    string // the option, the step, or "prompt → response"
	Why     string
	Correct bool // a correct option; for steps and pairs, whether the learner placed it right
	Chosen  bool // the learner picked this option (options only)
}

// FeedbackFor builds the feedback of an item answered with r.
func FeedbackFor(it *Item, r Response, c progress.Confidence) Feedback {
	fb := Feedback{ItemID: it.ID, Correct: it.Grade(r), Response: r, Confidence: c, Key: it.Key(), Explanation: it.Explanation, Sources: it.Sources}
	if it.Policy != nil {
		fb.Outcome = it.Policy.Outcome
	}
	switch it.Type {
	case Ordering:
		for i, s := range it.Steps {
			placed := i < len(r.Order) && r.Order[i] == s.ID
			fb.Rationales = append(fb.Rationales, Rationale{ID: s.ID, Text: s.Text, Why: s.Why, Correct: placed})
		}
	case Matching:
		for _, p := range it.Pairs {
			fb.Rationales = append(fb.Rationales, Rationale{ID: p.ID, Text: p.Left + " → " + p.Right, Why: p.Why, Correct: r.Matches[p.ID] == p.Right})
		}
		for _, e := range it.Extras {
			fb.Rationales = append(fb.Rationales, Rationale{ID: e.ID, Text: e.Text, Why: e.Why})
		}
	default:
		for _, o := range it.Options {
			fb.Rationales = append(fb.Rationales, Rationale{ID: o.ID, Text: o.Text, Why: o.Why, Correct: o.Correct, Chosen: slices.Contains(r.Options, o.ID)})
		}
	}
	return fb
}
