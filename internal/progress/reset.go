package progress

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// which reads one snapshot even while another process writes.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if exists(dest) {
		return fmt.Errorf("backup %s already exists; choose another name", dest)
	}
	_, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, dest)
	return s.wrap("back up the progress database", err)
}

// backupPath is where Reset keeps its copy: "<db>.backup-<time>".
func (s *Store) backupPath() string {
	base := s.path + ".backup-" + s.now().UTC().Format("20060102T150405Z")
	dest := base
	for i := 2; exists(dest); i++ {
		dest = base + "-" + strconv.Itoa(i)
	}
	return dest
}

// Reset deletes the records of one scenario (scenarioID != "") or of
// everything (scenarioID == ""), after writing a backup whose path it
// returns ("" for an in-memory store). Cards of the topics involved are
// rebuilt from the reviews that remain.
func (s *Store) Reset(ctx context.Context, scenarioID string) (backup string, err error) {
	if s.Persistent() {
		backup = s.backupPath()
		if err := s.Backup(ctx, backup); err != nil {
			return "", err
		}
	}
	op := "reset your progress"
	if scenarioID != "" {
		op = "reset scenario " + scenarioID
	}
	err = s.inTx(ctx, op, func(tx *sql.Tx) error {
		if scenarioID == "" {
			for _, table := range []string{"reviews", "cards", "best", "attempts", "answers", "drafts", "exams", "paused_exam", "playground_drafts", "playground_requests"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key LIKE ?`, lastExamKey+"%")
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT topic_id FROM reviews
			WHERE attempt_id IN (SELECT id FROM attempts WHERE scenario_id = ?)`, scenarioID)
		if err != nil {
			return err
		}
		var topics []string
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			topics = append(topics, t)
		}
		rows.Close()
		for _, q := range []string{
			`DELETE FROM best WHERE scenario_id = ?`,
			`DELETE FROM attempts WHERE scenario_id = ?`, // cascades to checks, tags, reviews
			`DELETE FROM drafts WHERE scenario_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, scenarioID); err != nil {
				return err
			}
		}
		return s.rebuildCards(ctx, tx, topics)
	})
	if err != nil {
		return backup, err
	}
	return backup, nil
}

// HasScenario reports whether any record of the scenario exists, so a reset
// of a mistyped ID can be refused instead of silently doing nothing.
func (s *Store) HasScenario(ctx context.Context, scenarioID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM attempts WHERE scenario_id = ?) +
		(SELECT count(*) FROM drafts WHERE scenario_id = ?)`, scenarioID, scenarioID).Scan(&n)
	return n > 0, s.wrap("look up scenario "+strings.TrimSpace(scenarioID), err)
}
