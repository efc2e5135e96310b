package quiz

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *fakeClock               { return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }
func single(id, topic, exam string) string {
	return strings.Replace(item(id, topic), "[SAA-C03 1.1]", "["+exam+"]", 1)
}
func correctOf(it *Item) Response { return it.Key() }
func wrongOf(it *Item) Response   { return Choose(wrongOption(it)) }
func wrongOption(it *Item) string {
	for _, o := range it.Options {
		if !o.Correct {
			return o.ID
		}
	}
	return ""
}

// sessionBank has items in several topic groups and exam domains:
// 12 in group A (SAA 1.1 / SCS-C03 4.2.4), 4 in E (SCS-C03 6.1.3), 4 in F
// (SCS-C03 4.2.3), 3 ordering and matching items.
func sessionBank(t testing.TB) *Bank {
	t.Helper()
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString(single(fmt.Sprintf("a-%d", i), "explicit-deny", "SAA-C03 1.1, SCS-C03 4.2.4"))
	}
	for i := 0; i < 4; i++ {
		b.WriteString(single(fmt.Sprintf("e-%d", i), "scp-never-grants", "SCS-C03 6.1.3"))
		b.WriteString(single(fmt.Sprintf("f-%d", i), "permissions-boundary", "SCS-C03 4.2.3"))
	}
	bank, probs := bankOf(t, map[string]string{"s.yaml": b.String()})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if fs := Check(bank); diag.HasErrors(fs) {
		t.Fatal(joinFindings(fs))
	}
	return bank
}

func TestPracticeFlowAndFeedback(t *testing.T) {
	clk := newClock()
	p := NewPractice(sessionBank(t), PracticeOptions{Seed: 1, N: 6, Generated: -1, Clock: clk.now})
	if _, total := p.Position(); total != 6 {
		t.Fatalf("want 6 items, got %d", total)
	}
	it := p.Current()
	if _, err := p.Answer("not-current", correctOf(it), progress.Sure); !errors.Is(err, ErrNotCurrent) {
		t.Fatalf("answering another item: %v", err)
	}
	if _, err := p.Answer(it.ID, Response{}, progress.Sure); !errors.Is(err, ErrEmptyResponse) {
		t.Fatalf("empty answer: %v", err)
	}
	clk.add(40 * time.Second)
	fb, err := p.Answer(it.ID, wrongOf(it), progress.Sure)
	if err != nil || fb.Correct {
		t.Fatalf("wrong answer: %+v %v", fb, err)
	}
	if len(fb.Rationales) != len(it.Options) || fb.Explanation == "" || len(fb.Key.Options) != 1 {
		t.Fatalf("feedback lacks rationales, key or explanation: %+v", fb)
	}
	chosen := 0
	for _, r := range fb.Rationales {
		if r.Why == "" {
			t.Fatal("rationale without why")
		}
		if r.Chosen {
			chosen++
		}
	}
	if chosen != 1 {
		t.Fatalf("one option was chosen, feedback marks %d", chosen)
	}
	if _, err := p.Answer(it.ID, correctOf(it), progress.Sure); !errors.Is(err, ErrAlreadyAnswered) {
		t.Fatalf("answers in practice are final once feedback is shown: %v", err)
	}
	for p.Next() {
		cur := p.Current()
		if _, err := p.Answer(cur.ID, correctOf(cur), progress.ThinkSo); err != nil {
			t.Fatal(err)
		}
	}
	if !p.Done() || p.Current() != nil {
		t.Fatal("session should be over")
	}
	if c, n := p.Score(); c != 5 || n != 6 {
		t.Fatalf("score %d/%d", c, n)
	}
	ans := p.Answers()
	if len(ans) != 6 || ans[0].ItemID != it.ID || ans[0].Correct || ans[0].Confidence != progress.Sure ||
		ans[0].Duration != 40*time.Second || ans[0].Mode != progress.Practice || ans[0].Chosen != wrongOption(it) ||
		len(ans[0].Topics) == 0 || ans[0].Tasks[0] != it.Exam[0] || ans[0].ContentVersion != "1" {
		t.Fatalf("progress answer: %+v", ans[0])
	}
	retake := p.RetakeWrong()
	if _, n := retake.Position(); n != 1 || retake.Current().ID != it.ID {
		t.Fatalf("retake should hold the one wrong item")
	}
}

func TestPracticeInterleavesGroups(t *testing.T) {
	b := sessionBank(t)
	for seed := int64(0); seed < 20; seed++ {
		p := NewPractice(b, PracticeOptions{Seed: seed, N: 9, Generated: -1})
		counts := map[string]int{}
		es := p.Entries()
		for _, e := range es {
			counts[e.Item.Group()]++
		}
		// Consecutive items from one group are only allowed when one group
		// has more items than all the others together plus one.
		most, rest := 0, 0
		for _, c := range counts {
			most = max(most, c)
			rest += c
		}
		rest -= most
		avoidable := most <= rest+1
		for i := 1; i < len(es); i++ {
			if avoidable && es[i].Item.Group() == es[i-1].Item.Group() {
				t.Fatalf("seed %d: items %d and %d are both from group %s (%v)", seed, i-1, i, es[i].Item.Group(), counts)
			}
		}
	}
}

func TestPracticeFiltersAndMixesGenerated(t *testing.T) {
	b := sessionBank(t)
	p := NewPractice(b, PracticeOptions{Seed: 3, N: 5, Topics: []string{"permissions-boundary"}, Generated: -1})
	for _, e := range p.Entries() {
		if e.Item.MainTopic() != "permissions-boundary" {
			t.Fatalf("topic filter let %s through", e.Item.ID)
		}
	}
	if _, n := p.Position(); n != 4 {
		t.Fatalf("only 4 boundary items exist, got %d", n)
	}
	p = NewPractice(b, PracticeOptions{Seed: 3, N: 6, Exam: "SCS-C03", Generated: -1})
	for _, e := range p.Entries() {
		if domainOf(e.Item, "SCS-C03") == 0 {
			t.Fatalf("exam filter let %s through", e.Item.ID)
		}
	}
	w := genWorld(t)
	p = NewPractice(b, PracticeOptions{Seed: 3, N: 8, Generated: 0.5, Worlds: nil})
	gen := 0
	for _, e := range p.Entries() {
		if e.Item.Generated {
			gen++
		}
	}
	if gen != 0 {
		t.Fatal("no worlds: nothing can be generated")
	}
	p = NewPractice(b, PracticeOptions{Seed: 3, N: 8, Generated: 0.5, Worlds: []*sandbox.World{w}})
	gen = 0
	for _, e := range p.Entries() {
		if e.Item.Generated {
			gen++
			if fb := FeedbackFor(e.Item, e.Item.Key(), progress.Sure); !fb.Correct || fb.Outcome == nil {
				t.Fatalf("generated item feedback must be correct for the key and carry the trace")
			}
		}
	}
	if gen != 4 {
		t.Fatalf("want half of 8 generated, got %d", gen)
	}
}
