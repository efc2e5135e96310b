package progress

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
)

func BenchmarkRecordAttempt(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	a := solvedAttempt("bench", t0, "explicit-deny", "scp-never-grants")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.ScenarioID = fmt.Sprintf("bench-%d", i%50)
		a.FinishedAt = t0.Add(time.Duration(i) * time.Minute)
		if _, err := s.RecordAttempt(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadiness10k computes readiness over 10,000 attempts spread over
// 200 scenarios and every topic, plus 2,000 quiz answers.
func BenchmarkReadiness10k(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	fillHistory(b, s, 10_000, 2_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := s.Readiness(ctx, "SCS-C03", t0.AddDate(0, 2, 0), t0.AddDate(0, 1, 0))
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Topics) == 0 {
			b.Fatal("no topics")
		}
	}
}

// fillHistory inserts a synthetic history in one transaction per thousand
// records (recording one by one with fsync would dominate the setup).
func fillHistory(tb testing.TB, s *Store, attempts, answers int) {
	tb.Helper()
	ctx := context.Background()
	topics := curriculum.Topics()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < attempts; i++ {
		at := t0.Add(time.Duration(i) * 3 * time.Minute)
		tp := topics[i%len(topics)]
		outcome := "solved"
		if i%3 == 0 {
			outcome = "failed"
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO attempts (scenario_id, started_at, finished_at, outcome, attempt_no, score)
			VALUES (?, ?, ?, ?, ?, 50)`, fmt.Sprintf("sc-%d", i%200), ms(at), ms(at), outcome, i/200+1)
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		tx.ExecContext(ctx, `INSERT INTO attempt_topics VALUES (?, ?)`, id, tp.ID)
		tx.ExecContext(ctx, `INSERT INTO attempt_tasks VALUES (?, ?)`, id, tp.TaskIDs[0])
		if err := s.review(ctx, tx, tp.ID, at, RateAttempt(Performance{Outcome: Outcome(outcome), AttemptNo: 1}), id, 0); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < answers; i++ {
		at := t0.Add(time.Duration(i) * 5 * time.Minute)
		res, err := tx.ExecContext(ctx, `INSERT INTO answers (item_id, answered_at, chosen, correct, confidence, mode)
			VALUES (?, ?, 'A', ?, 'sure', 'practice')`, fmt.Sprintf("q-%d", i%300), ms(at), i%4 != 0)
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		tx.ExecContext(ctx, `INSERT INTO answer_topics VALUES (?, ?)`, id, topics[(i*7)%len(topics)].ID)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

func TestReadiness10kIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-attempt history")
	}
	s, _ := openTemp(t)
	fillHistory(t, s, 10_000, 2_000)
	start := time.Now()
	rep, err := s.Readiness(context.Background(), "SCS-C03", time.Time{}, t0.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("readiness over 10k attempts took %v", d)
	}
	if len(rep.Untouched) != 0 || rep.Coverage < 0.5 {
		t.Fatalf("every topic was practised: untouched %v coverage %v", rep.Untouched, rep.Coverage)
	}
}
