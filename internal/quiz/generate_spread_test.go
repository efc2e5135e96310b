package quiz

import (
	"fmt"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

func spreadWorld(t *testing.T, i int) *sandbox.World {
	w := sandbox.NewWorld()
	err := w.AddAccount(&sandbox.Account{
		ID: fmt.Sprintf("1111222233%02d", i), Name: fmt.Sprintf("A%d", i),
		Policies: []sandbox.NamedPolicy{{Name: "Read", Source: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`}},
		Users:    []*sandbox.User{{Name: fmt.Sprintf("u%d", i), Policies: []string{"Read"}}, {Name: fmt.Sprintf("v%d", i)}},
		Buckets:  []*sandbox.Bucket{{Name: fmt.Sprintf("bucket-%d", i)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// Generated practice questions are spread over the worlds given, not drawn
// from the first ones only.
func TestGeneratedQuestionsSpreadOverWorlds(t *testing.T) {
	var worlds []*sandbox.World
	for i := 0; i < 4; i++ {
		worlds = append(worlds, spreadWorld(t, i))
	}
	items := generateFor(nil, worlds, 42, 0, 8, func(*Item) bool { return true })
	if len(items) != 8 {
		t.Fatalf("got %d items, want 8", len(items))
	}
	from := map[*sandbox.World]int{}
	for _, it := range items {
		if it.Policy == nil || it.Policy.World == nil {
			t.Fatal("a generated item carries no world")
		}
		from[it.Policy.World]++
	}
	if len(from) < 3 {
		t.Fatalf("8 questions came from only %d of 4 worlds", len(from))
	}
	again := generateFor(nil, worlds, 42, 0, 8, func(*Item) bool { return true })
	for i := range items {
		if items[i].ID != again[i].ID {
			t.Fatal("generation is not deterministic for a seed")
		}
	}
}

// A confident mistake on a generated question comes back in review as a
// fresh question on the same topic: generated questions are not stored.
func TestReviewReasksMissedGeneratedQuestions(t *testing.T) {
	worlds := []*sandbox.World{spreadWorld(t, 0), spreadWorld(t, 1)}
	gen := generateFor(nil, worlds, 7, 0, 1, func(*Item) bool { return true })
	if len(gen) != 1 || len(gen[0].Topics) == 0 {
		t.Fatalf("no generated question with topics: %+v", gen)
	}
	missed := progress.Answer{ItemID: gen[0].ID, Correct: false, Confidence: progress.Sure, Topics: gen[0].Topics, At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	r := NewReview(&Bank{}, nil, []progress.Answer{missed}, ReviewOptions{Seed: 3, Worlds: worlds})
	if n, _ := r.Position(); n == 0 {
		t.Fatal("the missed generated question left nothing to review")
	}
	it := r.Current()
	shares := false
	for _, tp := range it.Topics {
		for _, want := range gen[0].Topics {
			shares = shares || tp == want
		}
	}
	if !shares {
		t.Fatalf("review asked about %v, not the missed topics %v", it.Topics, gen[0].Topics)
	}
}
