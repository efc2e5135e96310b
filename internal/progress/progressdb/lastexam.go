package progressdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
)

// The items of the last mock exam drawn for each exam live in the meta
// table under this prefix, as a JSON list of item ids: one small value per
// exam needs no table of its own.
const lastExamKey = "last-exam-items:"

// LastExamItems returns the ids of the items of the last mock exam drawn for
// examID, in the order shown; none when no exam was drawn yet.
func (s *Store) LastExamItems(ctx context.Context, examID string) ([]string, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, lastExamKey+strings.ToUpper(examID)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap("read your last mock exam", err)
	}
	var ids []string
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		// A value this program did not write: forget it rather than fail
		// every later exam; the next draw overwrites it.
		return nil, nil
	}
	return ids, nil
}

// SetLastExamItems remembers the items of the mock exam just drawn for
// examID, so that the next one can avoid them.
func (s *Store) SetLastExamItems(ctx context.Context, examID string, ids []string) error {
	if strings.TrimSpace(examID) == "" {
		return invalid("the last exam's items need an exam ID")
	}
	body, err := json.Marshal(ids)
	if err != nil {
		return s.wrap("remember your mock exam", err)
	}
	return s.inTx(ctx, "remember your mock exam", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, lastExamKey+strings.ToUpper(examID), string(body))
		return err
	})
}
