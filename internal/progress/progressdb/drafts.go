package progressdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/iamlab/iamlab/internal/progress"
)

// SaveDraft autosaves one document of a scenario, replacing the previous
// text, and returns the draft's new revision. baseRev is the revision the
// caller last read or saved (0: it saw no draft). When the stored draft has
// moved on since — another window saved it — nothing is written and the
// error is a *DraftConflictError holding the stored draft.
func (s *Store) SaveDraft(ctx context.Context, key progress.ScenarioKey, docName, text string, baseRev int64) (int64, error) {
	if err := checkKey(key, "a draft"); err != nil {
		return 0, err
	}
	if docName == "" {
		return 0, invalid("a draft needs a document name")
	}
	var rev int64
	var conflict *progress.DraftConflictError
	err := s.inTx(ctx, "autosave your draft", func(tx *sql.Tx) error {
		var cur int64
		var body string
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT rev, body, updated_at FROM drafts WHERE pack_id = ? AND scenario_id = ? AND doc_name = ?`,
			key.PackID, key.ScenarioID, docName).Scan(&cur, &body, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			cur = 0
		case err != nil:
			return err
		}
		if cur != baseRev && cur != 0 {
			conflict = &progress.DraftConflictError{Theirs: progress.Draft{ScenarioKey: key, DocName: docName, Text: body, UpdatedAt: fromMS(at), Rev: cur}}
			return nil
		}
		rev = cur + 1
		_, err = tx.ExecContext(ctx, `INSERT INTO drafts (pack_id, scenario_id, doc_name, body, updated_at, rev) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (pack_id, scenario_id, doc_name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, rev = excluded.rev`,
			key.PackID, key.ScenarioID, docName, text, ms(s.now()), rev)
		return err
	})
	if err != nil {
		return 0, err
	}
	if conflict != nil {
		return conflict.Theirs.Rev, conflict
	}
	return rev, nil
}

// Drafts returns a scenario's saved documents, by name.
func (s *Store) Drafts(ctx context.Context, key progress.ScenarioKey) ([]progress.Draft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc_name, body, updated_at, rev FROM drafts WHERE pack_id = ? AND scenario_id = ? ORDER BY doc_name`,
		key.PackID, key.ScenarioID)
	if err != nil {
		return nil, s.wrap("read your drafts", err)
	}
	defer rows.Close()
	var out []progress.Draft
	for rows.Next() {
		d := progress.Draft{ScenarioKey: key}
		var at int64
		if err := rows.Scan(&d.DocName, &d.Text, &at, &d.Rev); err != nil {
			return nil, s.wrap("read your drafts", err)
		}
		d.UpdatedAt = fromMS(at)
		out = append(out, d)
	}
	return out, s.wrap("read your drafts", rows.Err())
}

// DeleteDrafts forgets a scenario's drafts (after a solve, or "start over").
func (s *Store) DeleteDrafts(ctx context.Context, key progress.ScenarioKey) error {
	if err := checkKey(key, "deleting drafts"); err != nil {
		return err
	}
	return s.inTx(ctx, "delete your drafts", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE pack_id = ? AND scenario_id = ?`, key.PackID, key.ScenarioID)
		return err
	})
}
