package progressdb

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

// fillHistory generates a synthetic history in SQL: attempt i is on
// scenario i mod 200 and topic i mod 48, every third one failed; answer j is
// on topic 7j mod 48, every fourth one wrong. Cards are then rebuilt from the
// review log, exactly as RecordAttempt would have left them. (Recording one
// by one with an fsync each would dominate the setup.)
func fillHistory(tb testing.TB, s *Store, attempts, answers int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		tb.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			tb.Fatalf("%v\n%s", err, q)
		}
	}
	exec(`CREATE TEMP TABLE tt (k INTEGER PRIMARY KEY, id TEXT, task TEXT)`)
	var ids []string
	for k, tp := range curriculum.Topics() {
		exec(`INSERT INTO tt VALUES (?, ?, ?)`, k, tp.ID, tp.TaskIDs[0])
		ids = append(ids, tp.ID)
	}
	nt := len(ids)
	base := ms(t0)
	exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
		INSERT INTO attempts (id, scenario_id, started_at, finished_at, outcome, attempt_no, score, rating)
		SELECT i + 1, 'sc-' || (i % 200), ? + i * 180000, ? + i * 180000,
			CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'solved' END, i / 200 + 1, 50,
			CASE WHEN i % 3 = 0 THEN 1 ELSE 3 END FROM n`, attempts, base, base)
	exec(`INSERT INTO attempt_topics SELECT a.id, tt.id FROM attempts a JOIN tt ON tt.k = (a.id - 1) % ?`, nt)
	exec(`INSERT INTO attempt_tasks SELECT a.id, tt.task FROM attempts a JOIN tt ON tt.k = (a.id - 1) % ?`, nt)
	exec(`INSERT INTO reviews (topic_id, reviewed_at, rating, attempt_id)
		SELECT t.topic_id, a.finished_at, a.rating, a.id FROM attempts a JOIN attempt_topics t ON t.attempt_id = a.id`)
	exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
		INSERT INTO answers (id, item_id, answered_at, chosen, correct, confidence, mode, rating)
		SELECT i + 1, 'q-' || (i % 300), ? + i * 300000, 'A', i % 4 != 0, 'sure', 'practice',
			CASE WHEN i % 4 != 0 THEN 3 ELSE 1 END FROM n`, answers, base)
	exec(`INSERT INTO answer_topics SELECT a.id, tt.id FROM answers a JOIN tt ON tt.k = ((a.id - 1) * 7) % ?`, nt)
	exec(`INSERT INTO reviews (topic_id, reviewed_at, rating, answer_id)
		SELECT t.topic_id, a.answered_at, a.rating, a.id FROM answers a JOIN answer_topics t ON t.answer_id = a.id`)
	exec(`DROP TABLE tt`)
	if err := s.rebuildCards(ctx, tx, ids); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// TestReadinessOver10kAttempts checks what readiness says of a long
// history; how fast it says it is BenchmarkReadiness10k's job.
func TestReadinessOver10kAttempts(t *testing.T) {
	s, _ := openTemp(t)
	fillHistory(t, s, 10_000, 2_000)
	rep, err := s.Readiness(context.Background(), "SCS-C03", time.Time{}, t0.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM attempts").Scan(&n)
	if n != 10_000 {
		t.Fatalf("history has %d attempts", n)
	}
	if len(rep.Untouched) != 0 || rep.Coverage < 0.5 {
		t.Fatalf("every topic was practised: untouched %v coverage %v", rep.Untouched, rep.Coverage)
	}
}
