package progressdb

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration moves the schema from version-1 to version. Migrations only go
// forward; a database is never downgraded.
type migration struct {
	version int
	name    string
	sql     string
}

// builtinMigrations reads the embedded files when a store is opened, not
// at every start of the program.
var builtinMigrations = sync.OnceValue(mustLoadMigrations)

// SchemaVersion is the newest schema this program writes.
func SchemaVersion() int {
	ms := builtinMigrations()
	return ms[len(ms)-1].version
}

func mustLoadMigrations() []migration {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("progress: migration file %q must be named NNNN_description.sql", e.Name()))
		}
		body, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("progress: migrations must be numbered 1, 2, 3…; %s is out of sequence", m.name))
		}
	}
	return out
}

// appID marks the file as iamlab's ("iaml"), so another program's SQLite
// database at our path is recognised and moved aside rather than mixed with.
const appID = 0x69616d6c

// migrate applies every pending migration, each in its own IMMEDIATE
// transaction that re-reads the version first: two processes starting at
// once both get here, and the second simply finds the work done.
func migrate(ctx context.Context, db *sql.DB, ms []migration) error {
	// Look before taking the write lock: an up-to-date database opened on a
	// read-only disk must still open for reading.
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version <= v {
			continue
		}
		if err := applyOne(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func applyOne(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("schema migration %s: %w", m.name, err)
	}
	// PRAGMA does not take parameters; both values are our own integers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", appID)); err != nil {
		return err
	}
	return tx.Commit()
}
