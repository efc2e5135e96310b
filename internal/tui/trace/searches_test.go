package trace

import "testing"

func TestSearchesStartsEachKeyOnce(t *testing.T) {
	var s Searches[int]
	if _, ok := s.Get("a"); ok {
		t.Fatal("an empty cache has an answer")
	}
	if !s.Start("a") {
		t.Fatal("the first ask of a key must start its search")
	}
	if s.Start("a") {
		t.Fatal("a search on its way must not start again")
	}
	if !s.Start("b") {
		t.Fatal("another key starts its own search")
	}
	s.Put("a", 7)
	if v, ok := s.Get("a"); !ok || v != 7 {
		t.Fatalf("Get(a) = %d, %v; want 7, true", v, ok)
	}
	if s.Start("a") {
		t.Fatal("an answered key must not be searched again")
	}
	// An answer that arrives for a question no longer asked is kept.
	s.Put("b", 9)
	if v, _ := s.Get("b"); v != 9 {
		t.Fatalf("Get(b) = %d; want 9", v)
	}
}
