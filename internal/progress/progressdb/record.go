package progressdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/iamlab/iamlab/internal/progress"
)

var _ progress.Store = (*Store)(nil)

// inTx runs f in one IMMEDIATE transaction and classifies any failure.
func (s *Store) inTx(ctx context.Context, op string, f func(tx *sql.Tx) error) error {
	if s.readOnly {
		return &StoreError{Op: op, Path: s.path, Kind: progress.ErrReadOnly, Err: errReadOnlyStore}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(op, err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return s.wrap(op, err)
	}
	return s.wrap(op, tx.Commit())
}

// checkKey refuses a key without a pack or a scenario: records under it
// could not be told apart from another pack's.
func checkKey(k progress.ScenarioKey, what string) error {
	if k.PackID == "" || k.ScenarioID == "" {
		return invalid("%s needs a pack ID and a scenario ID (got %q)", what, k.String())
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", progress.ErrInvalid, fmt.Sprintf(format, args...))
}

// RecordAttempt stores a finished attempt with its checks and tags, updates
// the scenario's best result, and schedules each of its topics with the
// rating RateAttempt derives. It returns the attempt's ID.
func (s *Store) RecordAttempt(ctx context.Context, a progress.Attempt) (int64, error) {
	if err := checkKey(a.ScenarioKey, "an attempt"); err != nil {
		return 0, err
	}
	switch a.Outcome {
	case progress.Solved, progress.Failed, progress.Abandoned:
	default:
		return 0, invalid("attempt at %s has outcome %q; expected solved, failed or abandoned", a.ScenarioKey, a.Outcome)
	}
	if a.FinishedAt.IsZero() {
		a.FinishedAt = s.now()
	}
	if a.StartedAt.IsZero() {
		a.StartedAt = a.FinishedAt.Add(-a.Duration)
	}
	hints, _ := json.Marshal(orEmpty(a.Hints))
	policies, _ := json.Marshal(a.Policies)
	if a.Policies == nil {
		policies = []byte("{}")
	}
	maxHint := 0
	if len(a.Hints) > 0 {
		maxHint = slices.Max(a.Hints)
	}
	passed := 0
	for _, c := range a.Checks {
		if c.Passed {
			passed++
		}
	}
	var id int64
	err := s.inTx(ctx, "save your attempt", func(tx *sql.Tx) error {
		var prior int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attempts WHERE pack_id = ? AND scenario_id = ?`, a.PackID, a.ScenarioID).Scan(&prior); err != nil {
			return err
		}
		perf := progress.Performance{Outcome: a.Outcome, AttemptNo: prior + 1, MaxHint: maxHint, Revealed: a.Revealed,
			Duration: a.Duration, TargetTime: a.TargetTime}
		base := progress.RateAttempt(perf)
		res, err := tx.ExecContext(ctx, `INSERT INTO attempts (pack_id, scenario_id, content_version, mode, started_at, finished_at,
			outcome, attempt_no, checks_passed, checks_total, least_privilege, score, stars, hints, max_hint, revealed,
			duration_ms, target_ms, policies, rating, confidence, pack_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.PackID, a.ScenarioID, a.ContentVersion, a.Mode, ms(a.StartedAt), ms(a.FinishedAt), string(a.Outcome), prior+1,
			passed, len(a.Checks), a.LeastPrivilege, a.Score, a.Stars, string(hints), maxHint, a.Revealed,
			a.Duration.Milliseconds(), a.TargetTime.Milliseconds(), string(policies), int(base), string(a.Confidence), a.PackVersion)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for i, c := range a.Checks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attempt_checks (attempt_id, idx, name, want, got, passed, hidden)
				VALUES (?,?,?,?,?,?,?)`, id, i, c.Name, c.Want, c.Got, c.Passed, c.Hidden); err != nil {
				return err
			}
		}
		if err := insertTags(ctx, tx, "attempt_topics", "attempt_id", "topic_id", id, a.Topics); err != nil {
			return err
		}
		if err := insertTags(ctx, tx, "attempt_tasks", "attempt_id", "task_id", id, a.Tasks); err != nil {
			return err
		}
		if a.Mode == string(progress.Practice) {
			// A predict or choose answered again after its reveal: kept in
			// the history, but the first answer is the one that counts for
			// the best result, the stars and the review schedule.
			return nil
		}
		if err := updateBest(ctx, tx, id, a); err != nil {
			return err
		}
		for _, topic := range dedupe(a.Topics) {
			p := perf
			// A topic with a card was met before; on a first attempt at
			// this scenario that makes it a transfer.
			var reps int
			err := tx.QueryRowContext(ctx, `SELECT reps FROM cards WHERE topic_id = ?`, topic).Scan(&reps)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			p.Transfer = reps > 0
			if err := s.review(ctx, tx, topic, a.FinishedAt, progress.RateAttempt(p), id, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func updateBest(ctx context.Context, tx *sql.Tx, id int64, a progress.Attempt) error {
	var solvedAt any
	if a.Outcome == progress.Solved {
		solvedAt = ms(a.FinishedAt)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO best (pack_id, scenario_id, best_score, best_stars, solved_at, attempt_id)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (pack_id, scenario_id) DO UPDATE SET
			attempt_id = CASE WHEN excluded.best_score > best.best_score THEN excluded.attempt_id ELSE best.attempt_id END,
			best_score = max(best.best_score, excluded.best_score),
			best_stars = max(best.best_stars, excluded.best_stars),
			solved_at  = coalesce(best.solved_at, excluded.solved_at)`,
		a.PackID, a.ScenarioID, a.Score, a.Stars, solvedAt, id)
	return err
}

// RecordAnswer stores a quiz answer and schedules its topics with the
// rating RateAnswer derives. It returns the answer's ID.
func (s *Store) RecordAnswer(ctx context.Context, a progress.Answer) (int64, error) {
	if a.ItemID == "" {
		return 0, invalid("an answer needs a quiz item ID")
	}
	if a.Mode == "" {
		a.Mode = progress.Practice
	}
	if a.Mode != progress.Practice && a.Mode != progress.ExamMode {
		return 0, invalid("answer to %s has mode %q; expected practice or exam", a.ItemID, a.Mode)
	}
	switch a.Confidence {
	case progress.NoConfidence, progress.Sure, progress.ThinkSo, progress.Guess:
	default:
		return 0, invalid("answer to %s has confidence %q; expected sure, think or guess", a.ItemID, a.Confidence)
	}
	if a.At.IsZero() {
		a.At = s.now()
	}
	r := progress.RateAnswer(a.Correct, a.Confidence)
	var id int64
	err := s.inTx(ctx, "save your answer", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO answers (item_id, content_version, answered_at, chosen, correct,
			confidence, duration_ms, mode, rating) VALUES (?,?,?,?,?,?,?,?,?)`,
			a.ItemID, a.ContentVersion, ms(a.At), a.Chosen, a.Correct, string(a.Confidence),
			a.Duration.Milliseconds(), string(a.Mode), int(r))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertTags(ctx, tx, "answer_topics", "answer_id", "topic_id", id, a.Topics); err != nil {
			return err
		}
		if err := insertTags(ctx, tx, "answer_tasks", "answer_id", "task_id", id, a.Tasks); err != nil {
			return err
		}
		for _, topic := range dedupe(a.Topics) {
			if err := s.review(ctx, tx, topic, a.At, r, 0, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// insertTags writes tag rows; table and column names are constants of ours.
func insertTags(ctx context.Context, tx *sql.Tx, table, idCol, tagCol string, id int64, tags []string) error {
	for _, t := range dedupe(tags) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+idCol+`, `+tagCol+`) VALUES (?, ?)`, id, t); err != nil {
			return err
		}
	}
	return nil
}

func dedupe(in []string) []string {
	var out []string
	for _, s := range in {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func orEmpty(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}
