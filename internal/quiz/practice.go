package quiz

import (
	"math/rand/v2"
	"slices"

	"github.com/iamlab/iamlab/internal/sandbox"
)

// PracticeOptions choose a practice session's items.
type PracticeOptions struct {
	Topics []string // only items tagged with one of these topics; empty = all
	Exam   string   // only items tagged for this exam ("SCS-C03"); empty = all
	Seed   int64
	N      int // items in the session; 0 = 10
	// Generated is the share of generated questions, 0..1; 0 means the
	// default 0.25. Use a negative value for authored items only.
	Generated float64
	// Difficulty of generated questions, 1..3; 0 = mixed.
	Difficulty int
	// Worlds to generate from besides the worlds of the bank's policy items
	// (for example the scenario library's worlds).
	Worlds []*sandbox.World
	Clock  Clock
}

// Practice is a practice session: interleaved topics, confidence asked
// before the reveal, feedback with rationales (and the trace) at once.
type Practice struct {
	feedbackRun
}

// NewPractice draws a practice session from the bank. Authored items are
// drawn at random from those that match the filters, generated questions
// are mixed in (and fill up when the bank runs short), and the order is
// interleaved so that consecutive items come from different topic groups
// whenever the mix allows it.
func NewPractice(b *Bank, o PracticeOptions) *Practice {
	n := o.N
	if n <= 0 {
		n = 10
	}
	share := o.Generated
	switch {
	case share == 0:
		share = 0.25
	case share < 0:
		share = 0
	}
	share = min(share, 1)
	rng := rand.New(rand.NewPCG(uint64(o.Seed), hash64("practice")))
	match := func(it *Item) bool { return it.Playable() && matchesFilter(it, o.Topics, o.Exam) }

	authored := filterItems(b, match)
	rng.Shuffle(len(authored), func(i, j int) { authored[i], authored[j] = authored[j], authored[i] })
	wantGen := int(float64(n)*share + 0.5)
	take := min(len(authored), n-wantGen)
	items := append([]*Item(nil), authored[:take]...)
	gen := generateFor(b, o.Worlds, o.Seed, o.Difficulty, n-len(items), match)
	items = append(items, gen...)
	if len(items) < n { // too few generated: top up with authored items
		items = append(items, authored[take:min(len(authored), take+n-len(items))]...)
	}
	return &Practice{feedbackRun: newRun(interleave(items, rng), o.Clock)}
}

func matchesFilter(it *Item, topics []string, exam string) bool {
	if len(topics) > 0 && !slices.ContainsFunc(it.Topics, func(t string) bool { return slices.Contains(topics, t) }) {
		return false
	}
	if exam != "" && domainOf(it, exam) == 0 {
		return false
	}
	return true
}

func filterItems(b *Bank, keep func(*Item) bool) []*Item {
	var out []*Item
	if b == nil {
		return nil
	}
	for _, it := range b.Items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// bankWorlds are the distinct worlds of the bank's policy items.
func bankWorlds(b *Bank) []*sandbox.World {
	var out []*sandbox.World
	if b == nil {
		return nil
	}
	for _, it := range b.Items {
		if it.Policy != nil && it.Policy.World != nil && !slices.Contains(out, it.Policy.World) {
			out = append(out, it.Policy.World)
		}
	}
	return out
}

// generateFor generates up to n questions that pass keep, spread over the
// worlds; difficulty 0 mixes 1–3.
func generateFor(b *Bank, extra []*sandbox.World, seed int64, difficulty, n int, keep func(*Item) bool) []*Item {
	if n <= 0 {
		return nil
	}
	worlds := append(bankWorlds(b), extra...)
	if len(worlds) == 0 {
		return nil
	}
	// Visit the worlds in an order of the seed's choosing and take a fair
	// share from each per round, so questions come from many worlds and
	// not only from the first ones listed.
	worlds = append([]*sandbox.World(nil), worlds...)
	rand.New(rand.NewPCG(uint64(seed), 0x1a41ab)).Shuffle(len(worlds), func(i, j int) { worlds[i], worlds[j] = worlds[j], worlds[i] })
	share := (n + len(worlds) - 1) / len(worlds)
	var out []*Item
	seen := map[string]bool{}
	// Several rounds over the worlds with growing batches: a filter may
	// reject most questions of a world.
	for round := 0; round < 3 && len(out) < n; round++ {
		for wi, w := range worlds {
			d := difficulty
			if d == 0 {
				d = 1 + (wi+round+int(uint64(seed)%3))%3
			}
			batch := Generate(w, seed+int64(round)*7919+int64(wi), d, (n/len(worlds)+1)*(round+1)*2)
			took := 0
			for i := range batch {
				it := &batch[i]
				if len(out) >= n || took >= share*(round+1) {
					break
				}
				if !seen[it.ID] && keep(it) {
					seen[it.ID] = true
					out = append(out, it)
					took++
				}
			}
		}
	}
	return out
}

// interleave orders items so that no two neighbours share a topic group
// when that can be avoided: each step takes from the group with the most
// items left that differs from the previous one (largest-first is what
// makes the spread possible when one group dominates).
func interleave(items []*Item, rng *rand.Rand) []*Item {
	groups := map[string][]*Item{}
	var order []string
	for _, it := range items {
		g := it.Group()
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], it)
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	out := make([]*Item, 0, len(items))
	last := "\x00"
	for len(out) < len(items) {
		best := ""
		found := false
		for _, g := range order {
			if len(groups[g]) == 0 || (g == last && len(order) > 1) {
				continue
			}
			if !found || len(groups[g]) > len(groups[best]) {
				best, found = g, true
			}
		}
		if !found { // only the previous group is left
			best = last
		}
		out = append(out, groups[best][0])
		groups[best] = groups[best][1:]
		last = best
	}
	return out
}
