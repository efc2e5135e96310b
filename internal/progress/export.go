package progress

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportFormat is the version of the export format (JSON and CSV) that
// docs/export.schema.json describes. 1 was the format before it had a
// number (no learner id, version or pack version); 2 added them. Bump it
// when a field changes meaning or goes away; adding a field does not.
const ExportFormat = 2

// Export is everything an instructor needs, for one learner.
type Export struct {
	FormatVersion int    `json:"format_version"`
	Learner       string `json:"learner"`
	// LearnerID is stable across exports and display names; "" only when
	// a database from before schema 5 is exported without being opened
	// for writing first.
	LearnerID string `json:"learner_id"`
	// IAMLabVersion is the program that wrote the export; the caller
	// (who knows its build) fills it in.
	IAMLabVersion string          `json:"iamlab_version"`
	ExportedAt    time.Time       `json:"exported_at"`
	SchemaVersion int             `json:"schema_version"` // the store's schema, for support
	Readiness     *Report         `json:"readiness,omitempty"`
	Attempts      []AttemptRecord `json:"attempts"`
	Answers       []AnswerRecord  `json:"answers"`
}

// Export reads every attempt and answer, oldest first. learner overrides
// the display name kept in settings; "" uses it.
func (s *Store) Export(ctx context.Context, learner string, now time.Time) (Export, error) {
	ex := Export{FormatVersion: ExportFormat, Learner: learner, ExportedAt: now.UTC(), SchemaVersion: SchemaVersion()}
	var err error
	if ex.LearnerID, err = s.LearnerID(ctx); err != nil {
		return ex, err
	}
	if ex.Learner == "" {
		if ex.Learner, _, err = s.Setting(ctx, SettingLearnerName); err != nil {
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
func (s *Store) attempts(ctx context.Context, tail string, limit int) ([]AttemptRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.pack_id, a.scenario_id, a.content_version, a.mode, a.started_at,
		a.finished_at, a.outcome, a.attempt_no, a.least_privilege, a.score, a.stars, a.hints, a.revealed,
		a.duration_ms, a.target_ms, a.policies, a.rating, a.confidence, a.pack_version,
		(SELECT coalesce(group_concat(topic_id, ' '), '') FROM attempt_topics WHERE attempt_id = a.id),
		(SELECT coalesce(group_concat(task_id, ' '), '') FROM attempt_tasks WHERE attempt_id = a.id)
		FROM attempts a `+tail, limit)
	if err != nil {
		return nil, err
	}
	var out []AttemptRecord
	for rows.Next() {
		var r AttemptRecord
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
		r.StartedAt, r.FinishedAt, r.Outcome, r.Rating = fromMS(started), fromMS(finished), Outcome(outcome), Rating(rating)
		r.Duration, r.TargetTime = time.Duration(dur)*time.Millisecond, time.Duration(target)*time.Millisecond
		_ = json.Unmarshal([]byte(hints), &r.Hints)
		_ = json.Unmarshal([]byte(policies), &r.Policies)
		r.Topics, r.Tasks = strings.Fields(topics), strings.Fields(tasks)
		r.Confidence = Confidence(confidence)
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

func (s *Store) checks(ctx context.Context, attemptID int64) ([]CheckResult, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, want, got, passed, hidden FROM attempt_checks WHERE attempt_id = ? ORDER BY idx`, attemptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CheckResult
	for rows.Next() {
		var c CheckResult
		if err := rows.Scan(&c.Name, &c.Want, &c.Got, &c.Passed, &c.Hidden); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) answers(ctx context.Context) ([]AnswerRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.item_id, a.content_version, a.answered_at, a.chosen, a.correct,
		a.confidence, a.duration_ms, a.mode, a.rating,
		(SELECT coalesce(group_concat(topic_id, ' '), '') FROM answer_topics WHERE answer_id = a.id),
		(SELECT coalesce(group_concat(task_id, ' '), '') FROM answer_tasks WHERE answer_id = a.id)
		FROM answers a ORDER BY a.answered_at, a.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AnswerRecord
	for rows.Next() {
		var r AnswerRecord
		var at, dur int64
		var conf, mode, topics, tasks string
		var rating int
		if err := rows.Scan(&r.ID, &r.ItemID, &r.ContentVersion, &at, &r.Chosen, &r.Correct, &conf, &dur, &mode,
			&rating, &topics, &tasks); err != nil {
			return nil, err
		}
		r.At, r.Confidence, r.Mode, r.Rating = fromMS(at), Confidence(conf), QuizMode(mode), Rating(rating)
		r.Duration = time.Duration(dur) * time.Millisecond
		r.Topics, r.Tasks = strings.Fields(topics), strings.Fields(tasks)
		out = append(out, r)
	}
	return out, rows.Err()
}

// WriteJSON writes the export as one indented JSON document.
func (ex Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ex)
}

// CSVHeader is the column list of WriteCSV: one row per attempt or answer,
// so a spreadsheet of a whole class is a concatenation of files.
var CSVHeader = []string{
	"learner", "kind", "id", "item_id", "content_version", "mode", "started_at", "finished_at",
	"outcome", "correct", "chosen", "confidence", "attempt_no", "checks_passed", "checks_total",
	"score", "least_privilege", "stars", "hints", "revealed", "duration_s", "rating", "topics", "tasks",
	// Added later, at the end so the earlier columns keep their places:
	// pack_id with schema 3, the rest with export format 2.
	"pack_id", "pack_version", "learner_id", "iamlab_version", "format_version",
}

// WriteCSV writes the export as CSV with CSVHeader.
func (ex Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	b := func(v bool) string { return strconv.FormatBool(v) }
	for _, a := range ex.Attempts {
		passed := 0
		for _, c := range a.Checks {
			if c.Passed {
				passed++
			}
		}
		lp := ""
		if a.LeastPrivilege != nil {
			lp = f(*a.LeastPrivilege)
		}
		hints := make([]string, len(a.Hints))
		for i, h := range a.Hints {
			hints[i] = strconv.Itoa(h)
		}
		if err := cw.Write(cellSafe([]string{
			ex.Learner, "attempt", strconv.FormatInt(a.ID, 10), a.ScenarioID, a.ContentVersion, a.Mode,
			ts(a.StartedAt), ts(a.FinishedAt), string(a.Outcome), b(a.Outcome == Solved), "", string(a.Confidence),
			strconv.Itoa(a.AttemptNo), strconv.Itoa(passed), strconv.Itoa(len(a.Checks)), f(a.Score), lp,
			strconv.Itoa(a.Stars), strings.Join(hints, " "), b(a.Revealed), f(a.Duration.Seconds()),
			ratingName(a.Rating), strings.Join(a.Topics, " "), strings.Join(a.Tasks, " "), a.PackID,
			strconv.Itoa(a.PackVersion), ex.LearnerID, ex.IAMLabVersion, strconv.Itoa(ex.FormatVersion),
		})); err != nil {
			return err
		}
	}
	for _, a := range ex.Answers {
		outcome := "wrong"
		if a.Correct {
			outcome = "correct"
		}
		if err := cw.Write(cellSafe([]string{
			ex.Learner, "answer", strconv.FormatInt(a.ID, 10), a.ItemID, a.ContentVersion, string(a.Mode),
			ts(a.At.Add(-a.Duration)), ts(a.At), outcome, b(a.Correct), a.Chosen, string(a.Confidence),
			"", "", "", "", "", "", "", "", f(a.Duration.Seconds()),
			ratingName(a.Rating), strings.Join(a.Topics, " "), strings.Join(a.Tasks, " "), "",
			"", ex.LearnerID, ex.IAMLabVersion, strconv.Itoa(ex.FormatVersion),
		})); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// cellSafe keeps a spreadsheet from reading a cell as a formula: a cell
// starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate. Every
// cell is passed through: the learner's name, item ids and chosen answers
// all come from outside.
func cellSafe(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

func ratingName(r Rating) string {
	if r == 0 {
		return ""
	}
	return strings.ToLower(r.String())
}
