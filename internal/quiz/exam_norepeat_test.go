package quiz

import (
	"fmt"
	"strings"
	"testing"
)

// noRepeatBank has 40 SCS-C03 items in D4 and 12 in D6, each with its own
// stem, so two 20-item exams can be drawn without sharing an item.
func noRepeatBank(t testing.TB) *Bank {
	t.Helper()
	var b strings.Builder
	add := func(id, topic, exam string) {
		b.WriteString(strings.Replace(single(id, topic, exam), "Which policy type can grant access on its own?",
			"Which policy type can grant access on its own, question "+id+"?", 1))
	}
	for i := 0; i < 40; i++ {
		add(fmt.Sprintf("d4-%d", i), "explicit-deny", "SCS-C03 4.2.4")
	}
	for i := 0; i < 12; i++ {
		add(fmt.Sprintf("d6-%d", i), "scp-never-grants", "SCS-C03 6.1.3")
	}
	bank, probs := bankOf(t, map[string]string{"n.yaml": b.String()})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return bank
}

func TestExamNeverShowsAnItemTwice(t *testing.T) {
	w := genWorld(t)
	for seed := int64(1); seed <= 5; seed++ {
		// The bank is short, so generated questions fill the exam: neither
		// an id nor a generated question may come back.
		e, err := NewExam(sessionBank(t), "SCS-C03", seed, WithWorlds(w))
		if err != nil {
			t.Fatal(err)
		}
		ids, questions := map[string]bool{}, map[string]string{}
		for _, en := range e.Entries() {
			if ids[en.Item.ID] {
				t.Fatalf("seed %d: item %s drawn twice", seed, en.Item.ID)
			}
			ids[en.Item.ID] = true
			if en.Item.Generated {
				q := questionKey(en.Item)
				if prev, dup := questions[q]; dup {
					t.Fatalf("seed %d: generated %s repeats %s", seed, en.Item.ID, prev)
				}
				questions[q] = en.Item.ID
			}
		}
	}
}

func TestConsecutiveExamsAvoidTheLastOne(t *testing.T) {
	b := noRepeatBank(t)
	first, err := NewExam(b, "SCS-C03", 1, WithItems(20))
	if err != nil {
		t.Fatal(err)
	}
	last := first.ItemIDs()
	if len(last) != 20 {
		t.Fatalf("first exam has %d items", len(last))
	}
	// 52 items, 20 seen: the next 20 can all be fresh. D6 has only 4 fresh
	// items left, so it hands the rest of its share to D4: 16:4.
	second, _ := NewExam(b, "SCS-C03", 2, WithItems(20), WithAvoid(last...))
	seen := map[string]bool{}
	for _, id := range last {
		seen[id] = true
	}
	split := map[int]int{}
	for _, en := range second.Entries() {
		if seen[en.Item.ID] {
			t.Errorf("second exam repeats %s while the bank had fresh items", en.Item.ID)
		}
		split[domainOf(en.Item, "SCS-C03")]++
	}
	if split[4] != 16 || split[6] != 4 {
		t.Errorf("domain split %v, want 16:4", split)
	}

	// When the bank cannot fill an exam with fresh items, the fewest
	// repeats are used: 52 items, 45 asked for, 20 seen → 13 repeats.
	third, _ := NewExam(b, "SCS-C03", 3, WithItems(45), WithAvoid(second.ItemIDs()...))
	again := map[string]bool{}
	for _, id := range second.ItemIDs() {
		again[id] = true
	}
	repeats := 0
	for _, en := range third.Entries() {
		if again[en.Item.ID] {
			repeats++
		}
	}
	if third.Len() != 45 || repeats != 13 {
		t.Errorf("%d items, %d repeats of the last exam; want 45 and 13", third.Len(), repeats)
	}
}
