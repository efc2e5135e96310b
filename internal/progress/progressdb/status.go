package progressdb

import (
	"context"
	"database/sql"

	"github.com/iamlab/iamlab/internal/progress"
)

// ScenarioStatus returns the state of every scenario with any record;
// scenarios missing from the map are new.
func (s *Store) ScenarioStatus(ctx context.Context) (map[progress.ScenarioKey]progress.ScenarioState, error) {
	const op = "read scenario progress"
	out := map[progress.ScenarioKey]progress.ScenarioState{}
	rows, err := s.db.QueryContext(ctx, `SELECT b.pack_id, b.scenario_id, b.best_score, b.best_stars, b.solved_at IS NOT NULL,
		(SELECT count(*) FROM attempts a WHERE a.pack_id = b.pack_id AND a.scenario_id = b.scenario_id),
		(SELECT max(finished_at) FROM attempts a WHERE a.pack_id = b.pack_id AND a.scenario_id = b.scenario_id)
		FROM best b`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	for rows.Next() {
		var st progress.ScenarioState
		var solved bool
		var last int64
		if err := rows.Scan(&st.PackID, &st.ScenarioID, &st.BestScore, &st.Stars, &solved, &st.Attempts, &last); err != nil {
			rows.Close()
			return nil, s.wrap(op, err)
		}
		st.Status, st.LastActive = progress.StatusInProgress, fromMS(last)
		if solved {
			st.Status = progress.StatusSolved
		}
		out[st.ScenarioKey] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT pack_id, scenario_id, max(updated_at) FROM drafts GROUP BY pack_id, scenario_id`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var key progress.ScenarioKey
		var at int64
		if err := rows.Scan(&key.PackID, &key.ScenarioID, &at); err != nil {
			return nil, s.wrap(op, err)
		}
		st, ok := out[key]
		if !ok {
			st = progress.ScenarioState{ScenarioKey: key, Status: progress.StatusInProgress}
		}
		st.HasDraft = true
		if t := fromMS(at); t.After(st.LastActive) {
			st.LastActive = t
		}
		out[key] = st
	}
	return out, s.wrap(op, rows.Err())
}

// AdoptUnpacked gives records made before progress was keyed by pack, whose
// scenario is in no built-in pack, to the pack that has that scenario now.
// owners maps a scenario id to the ids of every loaded pack that has it; an
// id that more than one pack has is left alone, since its records cannot be
// told apart. It returns how many scenarios were adopted.
func (s *Store) AdoptUnpacked(ctx context.Context, owners map[string][]string) (int, error) {
	// Look before taking the write lock: almost every start has nothing to
	// adopt, and a read-only database must still open quietly.
	var any int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM attempts WHERE pack_id = '')
		OR EXISTS (SELECT 1 FROM drafts WHERE pack_id = '')`).Scan(&any); err != nil || any == 0 {
		return 0, s.wrap("assign older records to their packs", err)
	}
	n := 0
	err := s.inTx(ctx, "assign older records to their packs", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT scenario_id FROM attempts WHERE pack_id = ''
			UNION SELECT scenario_id FROM drafts WHERE pack_id = ''`)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if len(owners[id]) != 1 {
				continue
			}
			for _, table := range []string{"attempts", "best", "drafts"} {
				if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET pack_id = ? WHERE pack_id = '' AND scenario_id = ?`, owners[id][0], id); err != nil {
					return err
				}
			}
			n++
		}
		return nil
	})
	return n, err
}
