package progressdb

import (
	"context"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
)

// Readiness computes the readiness report for an exam ("SCS-C03") at an exam
// date; a zero or past date means "if the exam were now". now is the
// caller's clock, so the report is reproducible.
func (s *Store) Readiness(ctx context.Context, examID string, examDate, now time.Time) (progress.Report, error) {
	exam, err := curriculum.ExamByID(examID)
	if err != nil {
		return progress.Report{}, err
	}
	ev, err := s.loadEvidence(ctx)
	if err != nil {
		return progress.Report{}, s.wrap("compute readiness", err)
	}
	return progress.ComputeReadiness(exam, ev, examDate, now, s.sched.Retrievability), nil
}

// loadEvidence aggregates in SQL, so its cost grows with the number of
// topics, not of attempts.
func (s *Store) loadEvidence(ctx context.Context) (progress.Evidence, error) {
	ev := progress.Evidence{Observations: map[string][2]int{}, Cards: map[string]fsrs.Card{}, Tasks: map[string]bool{}}
	rows, err := s.db.QueryContext(ctx, `
		SELECT topic_id, sum(n), sum(k) FROM (
			SELECT t.topic_id, count(*) AS n,
				sum(a.outcome = 'solved' AND a.max_hint = 0 AND a.revealed = 0) AS k
			FROM attempts a JOIN attempt_topics t ON t.attempt_id = a.id
			WHERE a.attempt_no = 1 GROUP BY t.topic_id
			UNION ALL
			SELECT t.topic_id, count(*), sum(a.correct)
			FROM answers a JOIN answer_topics t ON t.answer_id = a.id GROUP BY t.topic_id
		) GROUP BY topic_id`)
	if err != nil {
		return ev, err
	}
	for rows.Next() {
		var id string
		var n, k int
		if err := rows.Scan(&id, &n, &k); err != nil {
			rows.Close()
			return ev, err
		}
		ev.Observations[id] = [2]int{n, k}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ev, err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT task_id FROM attempt_tasks UNION SELECT task_id FROM answer_tasks`)
	if err != nil {
		return ev, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return ev, err
		}
		// Authors may write "SCS-C03 4.2.3"; count it under the canonical ID.
		if t, err := curriculum.ParseTaskID(id); err == nil {
			ev.Tasks[t.ID] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ev, err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT `+cardColumns+` FROM cards`)
	if err != nil {
		return ev, err
	}
	for rows.Next() {
		id, c, err := scanCard(rows)
		if err != nil {
			rows.Close()
			return ev, err
		}
		ev.Cards[id] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ev, err
	}

	c := &ev.Calibration
	err = s.db.QueryRowContext(ctx, `SELECT
		coalesce(sum(confidence = 'sure' AND correct = 0), 0),
		coalesce(sum(confidence = 'sure'), 0), coalesce(sum(confidence = 'sure' AND correct = 1), 0),
		coalesce(sum(confidence IN ('think', 'guess')), 0), coalesce(sum(confidence IN ('think', 'guess') AND correct = 1), 0)
		FROM (SELECT confidence, correct FROM answers
			UNION ALL
			SELECT confidence, outcome = 'solved' FROM attempts WHERE confidence != '' AND attempt_no = 1)`).Scan(&c.ConfidentWrong, &c.Sure, &c.SureCorrect, &c.Unsure, &c.UnsureCorrect)
	return ev, err
}
