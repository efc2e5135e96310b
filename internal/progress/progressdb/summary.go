package progressdb

import (
	"context"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// Summary gathers readiness, due reviews, streak, totals and recent attempts.
func (s *Store) Summary(ctx context.Context, examID string, examDate, now time.Time) (progress.Summary, error) {
	var sum progress.Summary
	var err error
	if sum.Readiness, err = s.Readiness(ctx, examID, examDate, now); err != nil {
		return sum, err
	}
	if sum.Due, err = s.DueReviews(ctx, now); err != nil {
		return sum, err
	}
	if sum.Streak, err = s.streak(ctx, now); err != nil {
		return sum, s.wrap("compute your streak", err)
	}
	t := &sum.Totals
	var hinted int
	var examMS float64
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM attempts), (SELECT count(*) FROM best WHERE solved_at IS NOT NULL),
		(SELECT count(*) FROM answers), (SELECT coalesce(sum(correct), 0) FROM answers),
		(SELECT count(*) FROM attempts WHERE max_hint > 0),
		(SELECT coalesce(avg(duration_ms), 0) FROM answers WHERE mode = 'exam')`).
		Scan(&t.Attempts, &t.ScenariosSolved, &t.Answers, &t.Correct, &hinted, &examMS)
	if err != nil {
		return sum, s.wrap("read your totals", err)
	}
	if t.Attempts > 0 {
		t.HintShare = float64(hinted) / float64(t.Attempts)
	}
	t.SecondsPerExamItem = examMS / 1000
	if sum.Recent, err = s.attempts(ctx, `ORDER BY a.finished_at DESC, a.id DESC LIMIT ?`, progress.RecentAttempts); err != nil {
		return sum, s.wrap("read recent attempts", err)
	}
	return sum, nil
}

// streak walks activity days backwards from today in the store's time zone.
func (s *Store) streak(ctx context.Context, now time.Time) (progress.Streak, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t FROM (
		SELECT finished_at AS t FROM attempts UNION ALL SELECT answered_at FROM answers)
		WHERE t <= ? ORDER BY t DESC`, ms(now))
	if err != nil {
		return progress.Streak{}, err
	}
	defer rows.Close()
	loc := s.cfg.loc
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	today := dayOf(now)
	var st progress.Streak
	var expect time.Time // the next earlier day that keeps the streak alive
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return st, err
		}
		d := dayOf(fromMS(v))
		switch {
		case st.Days == 0:
			if d.Equal(today) {
				st.ActiveToday = true
			} else if !d.Equal(today.AddDate(0, 0, -1)) {
				return st, nil
			}
			st.Days, expect = 1, d.AddDate(0, 0, -1)
		case d.Equal(expect):
			st.Days++
			expect = d.AddDate(0, 0, -1)
		case d.After(expect):
			// same day as the last counted one
		default:
			return st, rows.Err()
		}
	}
	return st, rows.Err()
}
