package progressdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/iamlab/iamlab/internal/progress"
)

// LearnerID is the learner's stable id. Migration 5 makes it; a database
// whose settings row was removed by hand gets a new one here, because an
// export without an id cannot be told apart from another learner's. On a
// read-only store the missing id is reported as "".
func (s *Store) LearnerID(ctx context.Context) (string, error) {
	id, ok, err := s.Setting(ctx, progress.SettingLearnerID)
	if err != nil || ok || s.readOnly {
		return id, err
	}
	id, err = newLearnerID()
	if err != nil {
		return "", s.wrap("make your learner id", err)
	}
	return id, s.SetSetting(ctx, progress.SettingLearnerID, id)
}

func newLearnerID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// Setting reads one setting; ok is false when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.wrap("read your settings", err)
	}
	return value, true, nil
}

// SetSetting stores one setting, replacing its previous value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return invalid("a setting needs a key")
	}
	return s.inTx(ctx, "save your settings", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
