package quiz

import (
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
)

func exampleItem(t *testing.T, id string) *Item {
	t.Helper()
	it, ok := examplesBank(t).Item(id)
	if !ok {
		t.Fatalf("examples.yaml has no %s", id)
	}
	return it
}

func TestGradeMultipleAllOrNothing(t *testing.T) {
	it := exampleItem(t, "cross-account-s3-needs-both")
	key := it.CorrectOptions()
	if !it.Grade(Choose(key[1], key[0])) {
		t.Fatal("order of picks must not matter")
	}
	if it.Grade(Choose(key[0])) || it.Grade(Choose(key[0], key[1], "c")) || it.Grade(Choose()) {
		t.Fatal("partial or extra picks score nothing")
	}
	if !it.Grade(Choose(key[0], key[1], key[1])) {
		t.Fatal("a repeated pick is the same pick")
	}
}

func TestGradeOrdering(t *testing.T) {
	it := exampleItem(t, "order-leaked-access-key")
	if !it.Grade(it.Key()) || it.Key().String() != "s1>s2>s3>s4" {
		t.Fatalf("key %v", it.Key())
	}
	if it.Grade(Response{Order: []string{"s2", "s1", "s3", "s4"}}) || it.Grade(Response{Order: []string{"s1", "s2", "s3"}}) {
		t.Fatal("ordering is all-or-nothing")
	}
	sh := it.ShuffledSteps(1)
	if len(sh) != 4 || (sh[0].ID == "s1" && sh[1].ID == "s2" && sh[2].ID == "s3") {
		t.Fatalf("shown order must not be the answer: %v", sh)
	}
	fb := FeedbackFor(it, Response{Order: []string{"s1", "s3", "s2", "s4"}}, progress.Guess)
	if fb.Correct || !fb.Rationales[0].Correct || fb.Rationales[1].Correct || !fb.Rationales[3].Correct {
		t.Fatalf("per-step feedback %+v", fb.Rationales)
	}
}

func TestGradeMatching(t *testing.T) {
	it := exampleItem(t, "match-policy-types")
	if len(it.Rights()) != 4 || !it.Grade(it.Key()) {
		t.Fatalf("rights %v", it.Rights())
	}
	wrong := it.Key()
	wrong.Matches = map[string]string{"p1": it.Pairs[0].Right, "p2": it.Pairs[0].Right, "p3": it.Pairs[2].Right}
	if it.Grade(wrong) {
		t.Fatal("matching is all-or-nothing")
	}
	fb := FeedbackFor(it, wrong, progress.Sure)
	if !fb.Rationales[0].Correct || fb.Rationales[1].Correct || len(fb.Rationales) != 4 {
		t.Fatalf("per-pair feedback %+v", fb.Rationales)
	}
	if s := wrong.String(); s != "p1=Service control policy;p2=Service control policy;p3=Resource-based policy" {
		t.Fatalf("encoded %q", s)
	}
	if len(it.ShuffledRights(3)) != 4 {
		t.Fatal("rights lost in shuffle")
	}
}

func TestShuffleIsStable(t *testing.T) {
	it := exampleItem(t, "scp-does-not-grant")
	a, b := it.ShuffledOptions(11), it.ShuffledOptions(11)
	for i := range a {
		if a[i].ID != b[i].ID {
			t.Fatal("same seed, different order")
		}
	}
	if it.Options[0].ID != "a" {
		t.Fatal("shuffling must not reorder the item")
	}
}

func TestUnplayableItems(t *testing.T) {
	b, _ := bankOf(t, map[string]string{"t.yaml": item("two-keys", "implicit-deny") + "- id: no-type\n  type: single\n"})
	it, _ := b.Item("no-type")
	if it.Playable() || it.Grade(Choose("a")) {
		t.Fatal("an item without options cannot be played")
	}
	p := NewPractice(b, PracticeOptions{N: 5, Generated: -1})
	if _, n := p.Position(); n != 1 {
		t.Fatalf("practice must skip unplayable items, got %d", n)
	}
}
