package progress

import "context"

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
