package quiz

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// Response is a learner's answer; which field is used depends on the type.
type Response struct {
	Options []string          // single, multiple, policy: chosen option IDs
	Order   []string          // ordering: step IDs, first to last
	Matches map[string]string // matching: pair ID → chosen response text
}

// Grade reports whether r answers the item. Every type is all-or-nothing,
// as the exams score them: multiple response needs exactly the correct set,
// ordering the whole order, matching every prompt.
func (it *Item) Grade(r Response) bool {
	switch it.Type {
	case Single, Multiple, Policy:
		want := it.CorrectOptions()
		got := slices.Clone(r.Options)
		sort.Strings(want)
		sort.Strings(got)
		return len(want) > 0 && slices.Equal(want, slices.Compact(got))
	case Ordering:
		if len(r.Order) != len(it.Steps) || len(it.Steps) == 0 {
			return false
		}
		for i, s := range it.Steps {
			if r.Order[i] != s.ID {
				return false
			}
		}
		return true
	case Matching:
		if len(it.Pairs) == 0 {
			return false
		}
		for _, p := range it.Pairs {
			if r.Matches[p.ID] != p.Right {
				return false
			}
		}
		return true
	}
	return false
}

// Key is the correct response.
func (it *Item) Key() Response {
	switch it.Type {
	case Ordering:
		var ids []string
		for _, s := range it.Steps {
			ids = append(ids, s.ID)
		}
		return Response{Order: ids}
	case Matching:
		m := map[string]string{}
		for _, p := range it.Pairs {
			m[p.ID] = p.Right
		}
		return Response{Matches: m}
	}
	return Response{Options: it.CorrectOptions()}
}

// Playable reports whether the item can be put to a learner: it has a key.
// Items with problems `iamlab check` reports may still be playable.
func (it *Item) Playable() bool {
	switch it.Type {
	case Single, Policy:
		return len(it.Options) >= 2 && len(it.CorrectOptions()) == 1
	case Multiple:
		n := len(it.CorrectOptions())
		return n >= 2 && n == it.Choose && len(it.Options) > n
	case Ordering:
		return len(it.Steps) >= 2
	case Matching:
		return len(it.Pairs) >= 2
	}
	return false
}

// String encodes the response for the progress store's Chosen column:
// "a,c" for options, "s2>s1>s3" for an order, "p1=text;p2=text" for matches.
func (r Response) String() string {
	switch {
	case len(r.Order) > 0:
		return strings.Join(r.Order, ">")
	case len(r.Matches) > 0:
		keys := make([]string, 0, len(r.Matches))
		for k := range r.Matches {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + r.Matches[k]
		}
		return strings.Join(parts, ";")
	}
	return strings.Join(r.Options, ",")
}

// Empty reports whether nothing was chosen.
func (r Response) Empty() bool {
	return len(r.Options) == 0 && len(r.Order) == 0 && len(r.Matches) == 0
}

// ShuffledOptions is the order to show options in; the same seed gives the
// same order, so a screen can redraw without reshuffling.
func (it *Item) ShuffledOptions(seed int64) []Option {
	out := slices.Clone(it.Options)
	shuffle(seed, it.ID, len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// ShuffledSteps is the order to show an ordering item's steps in; it is
// never the correct order when there are at least two steps.
func (it *Item) ShuffledSteps(seed int64) []Step {
	out := slices.Clone(it.Steps)
	shuffle(seed, it.ID, len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if len(out) >= 2 && slices.EqualFunc(out, it.Steps, func(a, b Step) bool { return a.ID == b.ID }) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// ShuffledRights is the order to show a matching item's responses in.
func (it *Item) ShuffledRights(seed int64) []string {
	out := it.Rights()
	shuffle(seed, it.ID, len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func shuffle(seed int64, salt string, n int, swap func(i, j int)) {
	r := rand.New(rand.NewPCG(uint64(seed), hash64(salt)))
	r.Shuffle(n, swap)
}
