package progressdb

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// Export reads every attempt and answer, oldest first. learner overrides
// the display name kept in settings; "" uses it.
func (s *Store) Export(ctx context.Context, learner string, now time.Time) (progress.Export, error) {
	ex := progress.Export{FormatVersion: progress.ExportFormat, Learner: learner, ExportedAt: now.UTC(), SchemaVersion: SchemaVersion()}
	var err error
	if ex.LearnerID, err = s.LearnerID(ctx); err != nil {
		return ex, err
	}
	if ex.Learner == "" {
		if ex.Learner, _, err = s.Setting(ctx, progress.SettingLearnerName); err != nil {
			return ex, err
		}
	}
	if ex.Attempts, err = s.attempts(ctx, `ORDER BY a.finished_at, a.id LIMIT ?`, -1); err != nil {
		return ex, s.wrap("export attempts", err)
	}
	if ex.Answers, err = s.answers(ctx); err != nil {
		return ex, s.wrap("export answers", err)
	}
	// Lists are [] when empty, never null: a consumer iterating over them
	// needs no special case.
	ex.Attempts, ex.Answers = nonNil(ex.Attempts), nonNil(ex.Answers)
	for i := range ex.Attempts {
		a := &ex.Attempts[i]
		a.Checks, a.Hints, a.Topics, a.Tasks = nonNil(a.Checks), nonNil(a.Hints), nonNil(a.Topics), nonNil(a.Tasks)
	}
	for i := range ex.Answers {
		a := &ex.Answers[i]
		a.Topics, a.Tasks = nonNil(a.Topics), nonNil(a.Tasks)
	}
	return ex, nil
}

// attempts loads attempts with checks and tags; tail orders and limits.
func (s *Store) attempts(ctx context.Context, tail string, limit int) ([]progress.AttemptRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.pack_id, a.scenario_id, a.content_version, a.mode, a.started_at,
		a.finished_at, a.outcome, a.attempt_no, a.least_privilege, a.score, a.stars, a.hints, a.revealed,
		a.duration_ms, a.target_ms, a.policies, a.rating, a.confidence, a.pack_version,
		(SELECT coalesce(group_concat(topic_id, ' '), '') FROM attempt_topics WHERE attempt_id = a.id),
		(SELECT coalesce(group_concat(task_id, ' '), '') FROM attempt_tasks WHERE attempt_id = a.id)
		FROM attempts a `+tail, limit)
	if err != nil {
		return nil, err
	}
	var out []progress.AttemptRecord
	for rows.Next() {
		var r progress.AttemptRecord
		var started, finished, dur, target int64
		var hints, policies, topics, tasks string
		var outcome, confidence string
		var rating int
		if err := rows.Scan(&r.ID, &r.PackID, &r.ScenarioID, &r.ContentVersion, &r.Mode, &started, &finished, &outcome,
			&r.AttemptNo, &r.LeastPrivilege, &r.Score, &r.Stars, &hints, &r.Revealed, &dur, &target, &policies,
			&rating, &confidence, &r.PackVersion, &topics, &tasks); err != nil {
			rows.Close()
			return nil, err
		}
		r.StartedAt, r.FinishedAt, r.Outcome, r.Rating = fromMS(started), fromMS(finished), progress.Outcome(outcome), progress.Rating(rating)
		r.Duration, r.TargetTime = time.Duration(dur)*time.Millisecond, time.Duration(target)*time.Millisecond
		_ = json.Unmarshal([]byte(hints), &r.Hints)
		_ = json.Unmarshal([]byte(policies), &r.Policies)
		r.Topics, r.Tasks = strings.Fields(topics), strings.Fields(tasks)
		r.Confidence = progress.Confidence(confidence)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Checks, err = s.checks(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) checks(ctx context.Context, attemptID int64) ([]progress.CheckResult, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, want, got, passed, hidden FROM attempt_checks WHERE attempt_id = ? ORDER BY idx`, attemptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []progress.CheckResult
	for rows.Next() {
		var c progress.CheckResult
		if err := rows.Scan(&c.Name, &c.Want, &c.Got, &c.Passed, &c.Hidden); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) answers(ctx context.Context) ([]progress.AnswerRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.item_id, a.content_version, a.answered_at, a.chosen, a.correct,
		a.confidence, a.duration_ms, a.mode, a.rating,
		(SELECT coalesce(group_concat(topic_id, ' '), '') FROM answer_topics WHERE answer_id = a.id),
		(SELECT coalesce(group_concat(task_id, ' '), '') FROM answer_tasks WHERE answer_id = a.id)
		FROM answers a ORDER BY a.answered_at, a.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []progress.AnswerRecord
	for rows.Next() {
		var r progress.AnswerRecord
		var at, dur int64
		var conf, mode, topics, tasks string
		var rating int
		if err := rows.Scan(&r.ID, &r.ItemID, &r.ContentVersion, &at, &r.Chosen, &r.Correct, &conf, &dur, &mode,
			&rating, &topics, &tasks); err != nil {
			return nil, err
		}
		r.At, r.Confidence, r.Mode, r.Rating = fromMS(at), progress.Confidence(conf), progress.QuizMode(mode), progress.Rating(rating)
		r.Duration = time.Duration(dur) * time.Millisecond
		r.Topics, r.Tasks = strings.Fields(topics), strings.Fields(tasks)
		out = append(out, r)
	}
	return out, rows.Err()
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
