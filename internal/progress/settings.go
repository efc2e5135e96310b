package progress

import (
	"context"
	"database/sql"
	"errors"
)

// Setting keys the trainer uses.
const (
	// SettingExam is the exam the learner prepares for (SAA-C03, SCS-C03),
	// asked on first start and changeable; "" until answered.
	SettingExam = "exam"
	// SettingPlaygroundWorld is the world the playground was last left on.
	SettingPlaygroundWorld = "playground.world"
)

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
