package progressdb

import (
	"context"
	"database/sql"

	"github.com/iamlab/iamlab/internal/progress"
)

// SavePlaygroundDrafts replaces a world's playground drafts with these, in
// one transaction, so a reset policy does not come back from an old row.
func (s *Store) SavePlaygroundDrafts(ctx context.Context, world string, drafts map[string]string) error {
	if world == "" {
		return invalid("a playground draft needs a world")
	}
	return s.inTx(ctx, "save your playground work", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM playground_drafts WHERE world = ?`, world); err != nil {
			return err
		}
		at := ms(s.now())
		for name, body := range drafts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO playground_drafts (world, name, body, updated_at) VALUES (?, ?, ?, ?)`,
				world, name, body, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// PlaygroundDrafts returns a world's playground drafts, by name.
func (s *Store) PlaygroundDrafts(ctx context.Context, world string) ([]progress.PlaygroundDraft, error) {
	const op = "read your playground work"
	rows, err := s.db.QueryContext(ctx, `SELECT name, body, updated_at FROM playground_drafts WHERE world = ? ORDER BY name`, world)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []progress.PlaygroundDraft
	for rows.Next() {
		var d progress.PlaygroundDraft
		var at int64
		if err := rows.Scan(&d.Name, &d.Body, &at); err != nil {
			return nil, s.wrap(op, err)
		}
		d.UpdatedAt = fromMS(at)
		out = append(out, d)
	}
	return out, s.wrap(op, rows.Err())
}

// historyKeep bounds the history per world: enough to retrace an
// afternoon, not a log of every keystroke.
const historyKeep = 50

// AddPlaygroundRequest keeps a request and returns its id.
func (s *Store) AddPlaygroundRequest(ctx context.Context, r progress.PlaygroundRequest) (int64, error) {
	if r.World == "" || r.Request == "" {
		return 0, invalid("a playground request needs a world and a request")
	}
	if r.Kind != progress.RequestSaved && r.Kind != progress.RequestAsked {
		return 0, invalid("a playground request is saved or asked, not %q", r.Kind)
	}
	if r.Kind == progress.RequestSaved && r.Name == "" {
		return 0, invalid("a saved request needs a name")
	}
	var id int64
	err := s.inTx(ctx, "keep your playground request", func(tx *sql.Tx) error {
		// The same request asked again moves to the top instead of filling
		// the history; a name saved again is replaced.
		dup, args := `DELETE FROM playground_requests WHERE world = ? AND kind = 'asked' AND request = ?`, []any{r.World, r.Request}
		if r.Kind == progress.RequestSaved {
			dup, args = `DELETE FROM playground_requests WHERE world = ? AND kind = 'saved' AND (name = ? OR request = ?)`, []any{r.World, r.Name, r.Request}
		}
		if _, err := tx.ExecContext(ctx, dup, args...); err != nil {
			return err
		}
		at := r.At
		if at.IsZero() {
			at = s.now()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO playground_requests (world, kind, name, request, decision, at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.World, string(r.Kind), r.Name, r.Request, r.Decision, ms(at))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if r.Kind == progress.RequestAsked {
			_, err = tx.ExecContext(ctx, `DELETE FROM playground_requests WHERE world = ? AND kind = 'asked' AND id NOT IN
				(SELECT id FROM playground_requests WHERE world = ? AND kind = 'asked' ORDER BY at DESC, id DESC LIMIT ?)`,
				r.World, r.World, historyKeep)
		}
		return err
	})
	return id, err
}

// PlaygroundRequests lists a world's kept requests of one kind, newest first.
func (s *Store) PlaygroundRequests(ctx context.Context, world string, kind progress.RequestKind) ([]progress.PlaygroundRequest, error) {
	const op = "read your playground requests"
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, request, decision, at FROM playground_requests
		WHERE world = ? AND kind = ? ORDER BY at DESC, id DESC`, world, string(kind))
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []progress.PlaygroundRequest
	for rows.Next() {
		r := progress.PlaygroundRequest{World: world, Kind: kind}
		var at int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Request, &r.Decision, &at); err != nil {
			return nil, s.wrap(op, err)
		}
		r.At = fromMS(at)
		out = append(out, r)
	}
	return out, s.wrap(op, rows.Err())
}

// DeletePlaygroundRequest forgets one kept request.
func (s *Store) DeletePlaygroundRequest(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete your playground request", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM playground_requests WHERE id = ?`, id)
		return err
	})
}
