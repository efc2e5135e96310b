package quiz

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// ReviewOptions tune a review session.
type ReviewOptions struct {
	Seed    int64
	N       int // items at most; 0 = 20
	PerDue  int // items per due knowledge component; 0 = 2
	Clock   Clock
	Exclude []string // item IDs not to show (for example just answered)
	// Worlds to generate questions from when the bank has too few items on
	// a due component (the bank's policy-item worlds are always used).
	Worlds []*sandbox.World
}

// Review is a spaced-repetition session: items of the knowledge components
// that are due first (least likely to be recalled first), then items the
// learner got wrong while sure, then other items they got wrong. Feedback
// is immediate, as in practice.
type Review struct {
	feedbackRun
	bank *Bank
	opts ReviewOptions
}

// NewReview builds a review from the store's due components (in the order
// progress.Store.DueReviews returns them) and the learner's answer history
// (any order). Only the latest answer to each item counts: an item got
// wrong and later right is not reviewed again as wrong.
func NewReview(b *Bank, due []progress.DueReview, history []progress.Answer, o ReviewOptions) *Review {
	n := o.N
	if n <= 0 {
		n = 20
	}
	per := o.PerDue
	if per <= 0 {
		per = 2
	}
	rng := rand.New(rand.NewPCG(uint64(o.Seed), hash64("review")))
	latest := latestAnswers(history)
	var items []*Item
	taken := map[string]bool{}
	for _, id := range o.Exclude {
		taken[id] = true
	}
	add := func(it *Item) {
		if len(items) < n && !taken[it.ID] && it.Playable() {
			taken[it.ID] = true
			items = append(items, it)
		}
	}
	// 1. Due components: for each, items on it — ones last answered wrong
	// first, then ones never answered, then the rest; a fixed random order
	// within each class keeps sessions varied.
	for _, d := range due {
		cands := filterItems(b, func(it *Item) bool { return slices.Contains(it.Topics, d.TopicID) && !taken[it.ID] && it.Playable() })
		rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
		rank := func(it *Item) int {
			a, seen := latest[it.ID]
			switch {
			case seen && !a.Correct:
				return 0
			case !seen:
				return 1
			}
			return 2
		}
		sort.SliceStable(cands, func(i, j int) bool { return rank(cands[i]) < rank(cands[j]) })
		for _, it := range cands[:min(per, len(cands))] {
			add(it)
		}
		if short := per - len(cands); short > 0 {
			onTopic := func(it *Item) bool { return slices.Contains(it.Topics, d.TopicID) && !taken[it.ID] }
			for _, it := range generateFor(b, o.Worlds, o.Seed, 0, short, onTopic) {
				add(it)
			}
		}
	}
	// 2. Confident but wrong, most recent first; 3. the other wrong ones.
	var wrong []progress.Answer
	for _, a := range latest {
		if !a.Correct {
			wrong = append(wrong, a)
		}
	}
	sort.Slice(wrong, func(i, j int) bool {
		ci, cj := wrong[i].Confidence == progress.Sure, wrong[j].Confidence == progress.Sure
		if ci != cj {
			return ci
		}
		if !wrong[i].At.Equal(wrong[j].At) {
			return wrong[i].At.After(wrong[j].At)
		}
		return wrong[i].ItemID < wrong[j].ItemID
	})
	for _, a := range wrong {
		if it, ok := b.Item(a.ItemID); ok {
			add(it)
			continue
		}
		// A generated question is not kept anywhere: ask a fresh one on
		// the same topics, a new variant of what was missed.
		if len(a.Topics) > 0 {
			topics := a.Topics
			onTopics := func(it *Item) bool {
				if taken[it.ID] {
					return false
				}
				for _, t := range it.Topics {
					if slices.Contains(topics, t) {
						return true
					}
				}
				return false
			}
			for _, it := range generateFor(b, o.Worlds, o.Seed+int64(len(items)), 0, 1, onTopics) {
				add(it)
			}
		}
	}
	return &Review{feedbackRun: newRun(items, o.Clock), bank: b, opts: o}
}

// latestAnswers keeps the most recent answer per item.
func latestAnswers(history []progress.Answer) map[string]progress.Answer {
	out := map[string]progress.Answer{}
	for _, a := range history {
		if prev, ok := out[a.ItemID]; !ok || a.At.After(prev.At) {
			out[a.ItemID] = a
		}
	}
	return out
}

// RetakeWrong starts a new review with only the items answered wrong in
// this one, in the same order.
func (r *Review) RetakeWrong() *Review {
	var items []*Item
	for _, e := range r.entries {
		if e.Answered && !e.Correct {
			items = append(items, e.Item)
		}
	}
	return &Review{feedbackRun: newRun(items, r.clock), bank: r.bank, opts: r.opts}
}

// RetakeWrong starts a practice run over the items answered wrong.
func (p *Practice) RetakeWrong() *Practice {
	var items []*Item
	for _, e := range p.entries {
		if e.Answered && !e.Correct {
			items = append(items, e.Item)
		}
	}
	return &Practice{feedbackRun: newRun(items, p.clock)}
}

// RetakeWrong starts a practice run over the items of a submitted exam that
// were wrong or left unanswered; nil before submit.
func (e *Exam) RetakeWrong() *Practice {
	if !e.Submitted() {
		return nil
	}
	var items []*Item
	for _, en := range e.entries {
		if !en.Correct {
			items = append(items, en.Item)
		}
	}
	return &Practice{feedbackRun: newRun(items, e.clock)}
}
