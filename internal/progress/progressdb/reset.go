package progressdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/progress"
)

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// which reads one snapshot even while another process writes. The copy is
// written under a temporary name beside dest and renamed only once it is
// complete and on disk, so a process killed part-way never leaves a file
// named like a backup that is not one; removeIncompleteBackups clears what
// it leaves at the next start.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if exists(dest) {
		return fmt.Errorf("backup %s already exists; choose another name", dest)
	}
	const op = "back up the progress database"
	// Hidden, and not starting with dest's name: nothing that lists the
	// backups sees it.
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+incompleteBackup+"*")
	if err != nil {
		return s.wrap(op, err)
	}
	name := tmp.Name()
	tmp.Close() // VACUUM INTO accepts an empty file
	done := false
	defer func() {
		if !done {
			os.Remove(name)
		}
	}()
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, name); err != nil {
		return s.wrap(op, err)
	}
	if err := syncFile(name); err != nil {
		return s.wrap(op, err)
	}
	if exists(dest) {
		return fmt.Errorf("backup %s already exists; choose another name", dest)
	}
	if err := os.Rename(name, dest); err != nil {
		return s.wrap(op, err)
	}
	done = true
	// The rename itself must survive a power loss as well.
	syncFile(filepath.Dir(dest))
	return nil
}

// incompleteBackup marks a backup being written; no complete backup carries
// it.
const incompleteBackup = ".incomplete-"

func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeIncompleteBackups deletes partial backups left by a process killed
// while writing one. It runs at open, before this process starts its own.
func removeIncompleteBackups(dbPath string) {
	pattern := filepath.Join(escapeGlob(filepath.Dir(dbPath)), "."+escapeGlob(filepath.Base(dbPath))+".backup-*"+incompleteBackup+"*")
	leftovers, _ := filepath.Glob(pattern)
	for _, f := range leftovers {
		os.Remove(f)
	}
}

// escapeGlob quotes the glob metacharacters a folder name may hold.
func escapeGlob(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(p)
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

// ResetAll deletes every record, after writing a backup whose path it
// returns ("" for an in-memory store).
func (s *Store) ResetAll(ctx context.Context) (backup string, err error) {
	return s.reset(ctx, nil)
}

// ResetScenario deletes the records of one scenario, after writing a backup
// whose path it returns ("" for an in-memory store). Cards of the topics
// involved are rebuilt from the reviews that remain.
func (s *Store) ResetScenario(ctx context.Context, key progress.ScenarioKey) (backup string, err error) {
	// An empty pack is allowed: records made before packs keyed progress
	// and never adopted (AdoptUnpacked) have one.
	if key.ScenarioID == "" {
		return "", invalid("a reset of one scenario needs its ID")
	}
	return s.reset(ctx, &key)
}

func (s *Store) reset(ctx context.Context, key *progress.ScenarioKey) (backup string, err error) {
	if s.Persistent() {
		backup = s.backupPath()
		if err := s.Backup(ctx, backup); err != nil {
			return "", err
		}
	}
	op := "reset your progress"
	if key != nil {
		op = "reset scenario " + key.String()
	}
	err = s.inTx(ctx, op, func(tx *sql.Tx) error {
		if key == nil {
			for _, table := range []string{"reviews", "cards", "best", "attempts", "answers", "drafts", "exams", "paused_exam", "playground_drafts", "playground_requests"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key LIKE ?`, lastExamKey+"%")
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT topic_id FROM reviews
			WHERE attempt_id IN (SELECT id FROM attempts WHERE pack_id = ? AND scenario_id = ?)`, key.PackID, key.ScenarioID)
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
			`DELETE FROM best WHERE pack_id = ? AND scenario_id = ?`,
			`DELETE FROM attempts WHERE pack_id = ? AND scenario_id = ?`, // cascades to checks, tags, reviews
			`DELETE FROM drafts WHERE pack_id = ? AND scenario_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, key.PackID, key.ScenarioID); err != nil {
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

// RecordedKeys lists the scenarios with any record whose scenario id is id,
// in every pack, so a reset can be given "ID" or "PACK/ID" and a mistyped
// one refused instead of silently doing nothing.
func (s *Store) RecordedKeys(ctx context.Context, scenarioID string) ([]progress.ScenarioKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT pack_id, scenario_id FROM attempts WHERE scenario_id = ?
		UNION SELECT pack_id, scenario_id FROM drafts WHERE scenario_id = ? ORDER BY 1`, scenarioID, scenarioID)
	if err != nil {
		return nil, s.wrap("look up scenario "+strings.TrimSpace(scenarioID), err)
	}
	defer rows.Close()
	var out []progress.ScenarioKey
	for rows.Next() {
		var k progress.ScenarioKey
		if err := rows.Scan(&k.PackID, &k.ScenarioID); err != nil {
			return nil, s.wrap("look up scenario "+strings.TrimSpace(scenarioID), err)
		}
		out = append(out, k)
	}
	return out, s.wrap("look up scenario "+strings.TrimSpace(scenarioID), rows.Err())
}
