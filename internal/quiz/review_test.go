package quiz

import (
	"slices"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

func TestReviewOrder(t *testing.T) {
	b := sessionBank(t)
	t0 := newClock().t
	history := []progress.Answer{
		{ItemID: "a-1", Correct: false, Confidence: progress.Guess, At: t0},
		{ItemID: "a-2", Correct: false, Confidence: progress.Sure, At: t0},
		{ItemID: "a-3", Correct: false, Confidence: progress.Sure, At: t0.Add(time.Hour)},
		{ItemID: "a-4", Correct: false, Confidence: progress.Sure, At: t0},
		{ItemID: "a-4", Correct: true, Confidence: progress.Sure, At: t0.Add(2 * time.Hour)}, // fixed since
		{ItemID: "f-2", Correct: false, Confidence: progress.ThinkSo, At: t0},
		{ItemID: "gone", Correct: false, Confidence: progress.Sure, At: t0},
	}
	due := []progress.DueReview{{TopicID: "permissions-boundary", Retrievability: 0.3}, {TopicID: "scp-never-grants", Retrievability: 0.6}}
	r := NewReview(b, due, history, ReviewOptions{Seed: 1, Clock: newClock().now})
	var got []string
	for _, e := range r.Entries() {
		got = append(got, e.Item.ID)
	}
	if len(got) != 7 {
		t.Fatalf("got %v", got)
	}
	// Due topics first, in the store's order; within a topic the item last
	// answered wrong comes first.
	if got[0] != "f-2" || b.byID[got[1]].MainTopic() != "permissions-boundary" ||
		b.byID[got[2]].MainTopic() != "scp-never-grants" || b.byID[got[3]].MainTopic() != "scp-never-grants" {
		t.Fatalf("due part %v", got[:4])
	}
	// Then confident-but-wrong, most recent first, then other wrong ones;
	// a-4 was answered right last time and is not reviewed.
	if got[4] != "a-3" || got[5] != "a-2" || got[6] != "a-1" {
		t.Fatalf("wrong part %v", got[4:])
	}

	// Answer: two wrong, the rest right; retake holds the two.
	for !r.Done() {
		it := r.Current()
		resp := correctOf(it)
		if it.ID == "a-3" || it.ID == "f-2" {
			resp = wrongOf(it)
		}
		if _, err := r.Answer(it.ID, resp, progress.Sure); err != nil {
			t.Fatal(err)
		}
		r.Next()
	}
	re := r.RetakeWrong()
	if len(re.Entries()) != 2 || re.Entries()[0].Item.ID != "f-2" || re.Entries()[1].Item.ID != "a-3" {
		t.Fatalf("retake %v", re.Entries())
	}
	if len(re.RetakeWrong().Entries()) != 0 {
		t.Fatal("nothing answered yet in the retake")
	}
}

func TestReviewCapsAndExcludes(t *testing.T) {
	b := sessionBank(t)
	due := []progress.DueReview{{TopicID: "explicit-deny"}}
	r := NewReview(b, due, nil, ReviewOptions{N: 3, PerDue: 5, Exclude: []string{"a-0"}})
	if len(r.Entries()) != 3 {
		t.Fatalf("cap: %d", len(r.Entries()))
	}
	for _, e := range r.Entries() {
		if e.Item.ID == "a-0" {
			t.Fatal("excluded item shown")
		}
	}
	if r := NewReview(b, nil, nil, ReviewOptions{}); !r.Done() || r.Current() != nil {
		t.Fatal("nothing due: an empty review")
	}
}

func TestReviewGeneratesForUncoveredTopics(t *testing.T) {
	b := sessionBank(t)
	due := []progress.DueReview{{TopicID: "protective-scp"}}
	r := NewReview(b, due, nil, ReviewOptions{Seed: 2, Worlds: []*sandbox.World{genWorld(t)}})
	if len(r.Entries()) == 0 {
		t.Fatal("no bank item is on protective-scp: generated ones should stand in")
	}
	for _, e := range r.Entries() {
		if !e.Item.Generated || !slices.Contains(e.Item.Topics, "protective-scp") {
			t.Fatalf("%s is not a generated protective-scp question", e.Item.ID)
		}
	}
}
