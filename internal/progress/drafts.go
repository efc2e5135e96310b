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

// ScenarioStatus returns the state of every scenario with any record;
// scenarios missing from the map are new.
func (s *Store) ScenarioStatus(ctx context.Context) (map[string]ScenarioState, error) {
	const op = "read scenario progress"
	out := map[string]ScenarioState{}
	rows, err := s.db.QueryContext(ctx, `SELECT b.scenario_id, b.best_score, b.best_stars, b.solved_at IS NOT NULL,
		(SELECT count(*) FROM attempts a WHERE a.scenario_id = b.scenario_id),
		(SELECT max(finished_at) FROM attempts a WHERE a.scenario_id = b.scenario_id)
		FROM best b`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	for rows.Next() {
		var st ScenarioState
		var solved bool
		var last int64
		if err := rows.Scan(&st.ScenarioID, &st.BestScore, &st.Stars, &solved, &st.Attempts, &last); err != nil {
			rows.Close()
			return nil, s.wrap(op, err)
		}
		st.Status, st.LastActive = StatusInProgress, fromMS(last)
		if solved {
			st.Status = StatusSolved
		}
		out[st.ScenarioID] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT scenario_id, max(updated_at) FROM drafts GROUP BY scenario_id`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, s.wrap(op, err)
		}
		st, ok := out[id]
		if !ok {
			st = ScenarioState{ScenarioID: id, Status: StatusInProgress}
		}
		st.HasDraft = true
		if t := fromMS(at); t.After(st.LastActive) {
			st.LastActive = t
		}
		out[id] = st
	}
	return out, s.wrap(op, rows.Err())
}

// StatusOf reads one scenario's state from a ScenarioStatus map.
func StatusOf(m map[string]ScenarioState, scenarioID string) ScenarioState {
	if st, ok := m[scenarioID]; ok {
		return st
	}
	return ScenarioState{ScenarioID: scenarioID, Status: StatusNew}
}
