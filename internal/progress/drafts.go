package progress

import (
	"context"
	"database/sql"
)

// SaveDraft autosaves one document of a scenario, replacing the previous text.
func (s *Store) SaveDraft(ctx context.Context, scenarioID, docName, text string) error {
	if scenarioID == "" || docName == "" {
		return invalid("a draft needs a scenario ID and a document name")
	}
	return s.inTx(ctx, "autosave your draft", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (scenario_id, doc_name, body, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (scenario_id, doc_name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			scenarioID, docName, text, ms(s.now()))
		return err
	})
}

// Drafts returns a scenario's saved documents, by name.
func (s *Store) Drafts(ctx context.Context, scenarioID string) ([]Draft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc_name, body, updated_at FROM drafts WHERE scenario_id = ? ORDER BY doc_name`, scenarioID)
	if err != nil {
		return nil, s.wrap("read your drafts", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		d := Draft{ScenarioID: scenarioID}
		var at int64
		if err := rows.Scan(&d.DocName, &d.Text, &at); err != nil {
			return nil, s.wrap("read your drafts", err)
		}
		d.UpdatedAt = fromMS(at)
		out = append(out, d)
	}
	return out, s.wrap("read your drafts", rows.Err())
}

// DeleteDrafts forgets a scenario's drafts (after a solve, or "start over").
func (s *Store) DeleteDrafts(ctx context.Context, scenarioID string) error {
	return s.inTx(ctx, "delete your drafts", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE scenario_id = ?`, scenarioID)
		return err
	})
}
