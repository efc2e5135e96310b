package quiz

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

func TestExamTimingAndFlow(t *testing.T) {
	for _, c := range []struct {
		exam    string
		minutes int
	}{{"SAA-C03", 130}, {"SCS-C03", 170}} {
		clk := newClock()
		w := genWorld(t)
		e, err := NewExam(sessionBank(t), c.exam, 5, WithClock(clk.now), WithWorlds(w))
		if err != nil {
			t.Fatal(err)
		}
		if e.Len() != 65 {
			t.Fatalf("%s: %d items, want 65 (bank topped up with generated questions)", c.exam, e.Len())
		}
		if e.Limit() != time.Duration(c.minutes)*time.Minute || e.Remaining() != e.Limit() {
			t.Fatalf("%s: limit %v", c.exam, e.Limit())
		}
		first := e.Entries()[0].Item
		if err := e.Answer(first.ID, wrongOf(first), progress.Sure); err != nil {
			t.Fatal(err)
		}
		clk.add(time.Minute)
		if err := e.Answer(first.ID, correctOf(first), progress.ThinkSo); err != nil {
			t.Fatal("answers change until submit:", err)
		}
		if _, err := e.Report(); !errors.Is(err, ErrNotSubmitted) {
			t.Fatal("no report before submit")
		}
		if _, err := e.Feedback(first.ID); !errors.Is(err, ErrNotSubmitted) {
			t.Fatal("no feedback before submit")
		}
		if e.Answers() != nil {
			t.Fatal("nothing is recorded before submit")
		}
		if err := e.Flag(first.ID, true); err != nil || len(e.Flagged()) != 1 {
			t.Fatal("flag:", err)
		}
		second := e.Entries()[1].Item
		_ = e.Flag(second.ID, true)
		_ = e.Flag(second.ID, false)
		if got := e.Flagged(); len(got) != 1 || got[0] != first.ID {
			t.Fatalf("flagged %v", got)
		}
		clk.add(time.Duration(c.minutes)*time.Minute - 2*time.Minute)
		if e.TimeUp() || e.Remaining() != time.Minute {
			t.Fatalf("remaining %v", e.Remaining())
		}
		clk.add(2 * time.Minute)
		if !e.TimeUp() || e.Remaining() != 0 {
			t.Fatal("time should be up")
		}
		if err := e.Answer(second.ID, correctOf(second), progress.Sure); !errors.Is(err, ErrTimeUp) {
			t.Fatalf("answer after time: %v", err)
		}
		rep := e.Submit()
		if !rep.TimedOut || rep.Elapsed != e.Limit() {
			t.Fatalf("timed out %v elapsed %v", rep.TimedOut, rep.Elapsed)
		}
		if rep.Correct != 1 || rep.Total != 65 || rep.Unanswered != 64 || rep.Flagged != 1 || rep.Band != progress.BandNeedsWork {
			t.Fatalf("report %+v", rep)
		}
		if !strings.Contains(rep.Caution, "scaled score") || !strings.Contains(rep.Caution, c.exam) {
			t.Fatalf("caution %q", rep.Caution)
		}
		if err := e.Answer(first.ID, wrongOf(first), progress.Sure); !errors.Is(err, ErrSubmitted) {
			t.Fatal("answers are final after submit")
		}
		ans := e.Answers()
		if len(ans) != 1 || !ans[0].Correct || ans[0].Mode != progress.ExamMode || ans[0].Confidence != progress.ThinkSo {
			t.Fatalf("answers %+v", ans)
		}
		if fb, err := e.Feedback(first.ID); err != nil || !fb.Correct {
			t.Fatal("feedback after submit:", err)
		}
		if r := e.RetakeWrong(); len(r.Entries()) != 64 {
			t.Fatalf("retake has %d items", len(r.Entries()))
		}
	}
}

func TestExamDomainWeightsAndReport(t *testing.T) {
	b := sessionBank(t)
	// SCS-C03 items in the bank: 12 in D4 (4.2.4), 4 in D6, 4 in D4 (4.2.3).
	// Without worlds nothing is generated: all 20 are drawn.
	e, err := NewExam(b, "SCS-C03", 1, WithClock(newClock().now))
	if err != nil {
		t.Fatal(err)
	}
	if e.Len() != 20 || e.Limit() != 170*time.Minute*20/65 {
		t.Fatalf("%d items, limit %v", e.Len(), e.Limit())
	}
	for _, en := range e.Entries() {
		if domainOf(en.Item, "SCS-C03") == 4 {
			_ = e.Answer(en.Item.ID, correctOf(en.Item), progress.Sure)
		} else {
			_ = e.Answer(en.Item.ID, wrongOf(en.Item), progress.Sure)
		}
	}
	rep := e.Submit()
	if rep.TimedOut || rep.Correct != 16 || rep.Percent != 80 {
		t.Fatalf("report %+v", rep)
	}
	d4, d6 := rep.Domains[3], rep.Domains[5]
	if d4.Number != 4 || d4.Correct != 16 || d4.Total != 16 || d4.Band != progress.BandReady {
		t.Fatalf("D4 %+v", d4)
	}
	if d6.Total != 4 || d6.Correct != 0 || d6.Band != progress.BandNeedsWork || !d6.Uncertain {
		t.Fatalf("D6 %+v", d6)
	}
	if rep.Domains[0].Band != progress.BandUnknown {
		t.Fatal("a domain without items is unknown, not zero")
	}
	if rep.Band != progress.BandReady { // 80% vs 75% + 5
		t.Fatalf("overall band %s", rep.Band)
	}

	// With a short mock exam the draw follows the weights among covered
	// domains: D4 20% and D6 14% → 10 items split 6:4.
	e, _ = NewExam(b, "SCS-C03", 2, WithItems(10))
	got := map[int]int{}
	for _, en := range e.Entries() {
		got[domainOf(en.Item, "SCS-C03")]++
	}
	if got[4] != 6 || got[6] != 4 {
		t.Fatalf("domain split %v", got)
	}
	if _, err := NewExam(b, "SAA-C04", 1); err == nil {
		t.Fatal("unknown exam must fail")
	}
	if _, err := NewExam(&Bank{}, "SAA-C03", 1); err == nil || !strings.Contains(err.Error(), "1.1") {
		t.Fatalf("an empty bank must say what to tag: %v", err)
	}
}

func TestExamDeterministicDraw(t *testing.T) {
	b := sessionBank(t)
	a, _ := NewExam(b, "SCS-C03", 9, WithItems(10))
	c, _ := NewExam(b, "SCS-C03", 9, WithItems(10))
	for i := range a.Entries() {
		if a.Entries()[i].Item.ID != c.Entries()[i].Item.ID {
			t.Fatal("same seed, different exam")
		}
	}
}

func TestExamNavigationAndClearing(t *testing.T) {
	clk := newClock()
	e, _ := NewExam(sessionBank(t), "SCS-C03", 4, WithItems(5), WithClock(clk.now))
	if e.Goto(-1) != nil || e.Goto(5) != nil {
		t.Fatal("out of range")
	}
	clk.add(time.Minute)
	it := e.Goto(3)
	if e.Current() != 3 || e.Entries()[3].Shown != clk.t {
		t.Fatal("goto must show the item")
	}
	clk.add(30 * time.Second)
	_ = e.Answer(it.ID, correctOf(it), progress.Sure)
	if e.Entries()[3].Spent != 30*time.Second || len(e.Unanswered()) != 4 {
		t.Fatalf("spent %v, unanswered %v", e.Entries()[3].Spent, e.Unanswered())
	}
	_ = e.Answer(it.ID, Response{}, progress.Sure)
	if len(e.Unanswered()) != 5 {
		t.Fatal("an empty response clears the answer")
	}
	if err := e.Answer("nope", correctOf(it), progress.Sure); !errors.Is(err, ErrNoItem) {
		t.Fatal(err)
	}
	rep := e.Submit()
	if rep.TimedOut || rep.Elapsed != 90*time.Second || e.Submit() != nil && e.Submit().Correct != rep.Correct {
		t.Fatalf("report %+v", rep)
	}
	if err := e.Flag(it.ID, true); !errors.Is(err, ErrSubmitted) {
		t.Fatal("no flags after submit")
	}
}
