package progressdb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// RecordExam keeps a submitted exam in the history and returns its id.
func (s *Store) RecordExam(ctx context.Context, r progress.ExamResult) (int64, error) {
	if r.Exam == "" || r.Items <= 0 || r.Correct < 0 || r.Correct > r.Items {
		return 0, invalid("an exam result needs an exam, items and 0..items correct (got %q, %d/%d)", r.Exam, r.Correct, r.Items)
	}
	var id int64
	err := s.inTx(ctx, "record your exam", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO exams (exam, started_at, finished_at, items, correct, unanswered, elapsed_ms, limit_ms, timed_out, band)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Exam, ms(r.StartedAt), ms(r.FinishedAt), r.Items, r.Correct, r.Unanswered,
			r.Elapsed.Milliseconds(), r.Limit.Milliseconds(), r.TimedOut, string(r.Band))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, d := range r.Domains {
			if _, err := tx.ExecContext(ctx, `INSERT INTO exam_domains (exam_id, number, name, correct, total) VALUES (?, ?, ?, ?, ?)`,
				id, d.Number, d.Name, d.Correct, d.Total); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// ExamHistory lists the submitted exams, oldest first; exam "" lists all.
func (s *Store) ExamHistory(ctx context.Context, exam string) ([]progress.ExamResult, error) {
	const op = "read your exam history"
	rows, err := s.db.QueryContext(ctx, `SELECT id, exam, started_at, finished_at, items, correct, unanswered, elapsed_ms, limit_ms, timed_out, band
		FROM exams WHERE ? = '' OR exam = ? ORDER BY finished_at, id`, exam, exam)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	var out []progress.ExamResult
	byID := map[int64]int{}
	for rows.Next() {
		var r progress.ExamResult
		var start, end, el, lim int64
		var band string
		if err := rows.Scan(&r.ID, &r.Exam, &start, &end, &r.Items, &r.Correct, &r.Unanswered, &el, &lim, &r.TimedOut, &band); err != nil {
			rows.Close()
			return nil, s.wrap(op, err)
		}
		r.StartedAt, r.FinishedAt, r.Band = fromMS(start), fromMS(end), progress.Band(band)
		r.Elapsed, r.Limit = time.Duration(el)*time.Millisecond, time.Duration(lim)*time.Millisecond
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	drows, err := s.db.QueryContext(ctx, `SELECT exam_id, number, name, correct, total FROM exam_domains ORDER BY exam_id, number`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer drows.Close()
	for drows.Next() {
		var id int64
		var d progress.ExamDomainResult
		if err := drows.Scan(&id, &d.Number, &d.Name, &d.Correct, &d.Total); err != nil {
			return nil, s.wrap(op, err)
		}
		if i, ok := byID[id]; ok {
			out[i].Domains = append(out[i].Domains, d)
		}
	}
	return out, s.wrap(op, drows.Err())
}

// SavePausedExam keeps the one paused exam, replacing any other.
func (s *Store) SavePausedExam(ctx context.Context, body string) error {
	if body == "" {
		return invalid("a paused exam needs its state")
	}
	return s.inTx(ctx, "save your paused exam", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO paused_exam (slot, body, saved_at) VALUES (1, ?, ?)
			ON CONFLICT (slot) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`, body, ms(s.now()))
		return err
	})
}

// PausedExam returns the paused exam; ok is false when there is none.
func (s *Store) PausedExam(ctx context.Context) (p progress.PausedExam, ok bool, err error) {
	var at int64
	err = s.db.QueryRowContext(ctx, `SELECT body, saved_at FROM paused_exam WHERE slot = 1`).Scan(&p.Body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return progress.PausedExam{}, false, nil
	}
	if err != nil {
		return progress.PausedExam{}, false, s.wrap("read your paused exam", err)
	}
	p.SavedAt = fromMS(at)
	return p, true, nil
}

// DeletePausedExam forgets the paused exam (resumed or abandoned).
func (s *Store) DeletePausedExam(ctx context.Context) error {
	return s.inTx(ctx, "forget your paused exam", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM paused_exam`)
		return err
	})
}
