package quiz

import (
	"fmt"
	"testing"

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
