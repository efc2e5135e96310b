package quizview

import (
	"fmt"
	"slices"

	qz "github.com/iamlab/iamlab/internal/quiz"
)

// answer is what the learner has picked so far on one item: the shown
// order of options, steps or responses, the cursor, and the choice.
type answer struct {
	item    *qz.Item
	opts    []qz.Option // single, multiple, policy: in the order shown
	chosen  map[string]bool
	steps   []qz.Step // ordering: the learner's current order
	rights  []string  // matching: the responses in the order shown
	matches map[string]string
	cursor  int
	grabbed bool // ordering: the step under the cursor moves with ↑/↓
	touched bool // ordering: the learner changed the order at least once
}

func newAnswer(it *qz.Item, seed int64) answer {
	a := answer{item: it, chosen: map[string]bool{}, matches: map[string]string{}}
	switch it.Type {
	case qz.Ordering:
		a.steps = it.ShuffledSteps(seed)
	case qz.Matching:
		a.rights = it.ShuffledRights(seed)
	default:
		a.opts = it.ShuffledOptions(seed)
	}
	return a
}

// restore shows a response given earlier (exam mode: back to an item).
func (a *answer) restore(r qz.Response) {
	switch a.item.Type {
	case qz.Ordering:
		if len(r.Order) == len(a.steps) {
			byID := map[string]qz.Step{}
			for _, s := range a.item.Steps {
				byID[s.ID] = s
			}
			for i, id := range r.Order {
				a.steps[i] = byID[id]
			}
			a.touched = true
		}
	case qz.Matching:
		for k, v := range r.Matches {
			a.matches[k] = v
		}
	default:
		for _, id := range r.Options {
			a.chosen[id] = true
		}
		// The cursor starts on the answer given, so enter keeps it.
		for i, o := range a.opts {
			if a.chosen[o.ID] {
				a.cursor = i
				break
			}
		}
	}
}

// rows is how many lines the cursor moves over.
func (a *answer) rows() int {
	switch a.item.Type {
	case qz.Ordering:
		return len(a.steps)
	case qz.Matching:
		return len(a.item.Pairs)
	}
	return len(a.opts)
}

func (a *answer) move(d int) {
	n := a.rows()
	if n == 0 {
		return
	}
	to := min(max(0, a.cursor+d), n-1)
	if a.item.Type == qz.Ordering && a.grabbed {
		a.swap(a.cursor, to)
	}
	a.cursor = to
	if a.item.Type == qz.Single || a.item.Type == qz.Policy {
		a.pick(to) // one answer: the cursor is the choice, like radio buttons
	}
}

// swap moves the step at i to j (neighbours).
func (a *answer) swap(i, j int) {
	if i == j || i < 0 || j < 0 || i >= len(a.steps) || j >= len(a.steps) {
		return
	}
	a.steps[i], a.steps[j] = a.steps[j], a.steps[i]
	a.touched = true
}

// moveStep moves the step under the cursor one place and keeps it selected.
func (a *answer) moveStep(d int) {
	to := min(max(0, a.cursor+d), len(a.steps)-1)
	a.swap(a.cursor, to)
	a.cursor = to
}

// pick acts on option (or response) i: single and policy select it,
// multiple toggles it, matching gives the current row that response and
// moves to the next row.
func (a *answer) pick(i int) {
	switch a.item.Type {
	case qz.Single, qz.Policy:
		if i < len(a.opts) {
			clear(a.chosen)
			a.chosen[a.opts[i].ID] = true
			a.cursor = i
		}
	case qz.Multiple:
		if i < len(a.opts) {
			id := a.opts[i].ID
			if a.chosen[id] {
				delete(a.chosen, id)
			} else {
				a.chosen[id] = true
			}
			a.cursor = i
		}
	case qz.Matching:
		// The cursor stays on the row: moving it for the learner made the
		// next ↓ skip a row.
		if i < len(a.rights) && a.cursor < len(a.item.Pairs) {
			a.matches[a.item.Pairs[a.cursor].ID] = a.rights[i]
		}
	}
}

// toggle is space: toggle the option under the cursor, or grab/drop a step.
func (a *answer) toggle() {
	switch a.item.Type {
	case qz.Ordering:
		a.grabbed = !a.grabbed
	case qz.Matching:
	default:
		a.pick(a.cursor)
	}
}

// cycle gives the matching row under the cursor the previous or next
// response.
func (a *answer) cycle(d int) {
	if a.item.Type != qz.Matching || len(a.rights) == 0 || a.cursor >= len(a.item.Pairs) {
		return
	}
	id := a.item.Pairs[a.cursor].ID
	i := slices.Index(a.rights, a.matches[id])
	switch {
	case i < 0 && d > 0:
		i = 0
	case i < 0:
		i = len(a.rights) - 1
	default:
		i = (i + d + len(a.rights)) % len(a.rights)
	}
	a.matches[id] = a.rights[i]
}

// response is the answer as the engine grades it.
func (a *answer) response() qz.Response {
	switch a.item.Type {
	case qz.Ordering:
		ids := make([]string, len(a.steps))
		for i, s := range a.steps {
			ids[i] = s.ID
		}
		return qz.Response{Order: ids}
	case qz.Matching:
		m := map[string]string{}
		for k, v := range a.matches {
			m[k] = v
		}
		return qz.Response{Matches: m}
	}
	var ids []string
	for _, o := range a.opts { // shown order, stable
		if a.chosen[o.ID] {
			ids = append(ids, o.ID)
		}
	}
	return qz.Response{Options: ids}
}

// ready says whether enter may submit, and if not, what is missing.
func (a *answer) ready() (bool, string) {
	switch a.item.Type {
	case qz.Ordering:
		if !a.touched { // the shown order is never the right one
			return false, "put the steps in order first: space picks a step up, ↑/↓ moves it"
		}
		return true, ""
	case qz.Matching:
		n := 0
		for _, p := range a.item.Pairs {
			if a.matches[p.ID] != "" {
				n++
			}
		}
		if n < len(a.item.Pairs) {
			return false, fmt.Sprintf("match every row first: %d of %d matched", n, len(a.item.Pairs))
		}
		return true, ""
	case qz.Multiple:
		if n := len(a.chosen); n != a.item.Choose {
			return false, fmt.Sprintf("choose %s: %d chosen", countWord(a.item.Choose), n)
		}
		return true, ""
	}
	if len(a.chosen) == 0 {
		return false, "choose an answer first: its letter, or ↑/↓"
	}
	return true, ""
}

// countWord spells small counts the way the exam does ("TWO").
func countWord(n int) string {
	words := []string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}
