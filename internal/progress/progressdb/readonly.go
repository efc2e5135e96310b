package progressdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// ErrDamaged: the database file is not a usable iamlab database.
var ErrDamaged = errors.New("the progress database is damaged")

// DamagedError is a database that OpenReadOnly found unusable. Unlike Open,
// which moves such a file aside and starts a new one, a reader leaves it
// exactly where and as it is.
type DamagedError struct {
	Path   string
	Reason string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the progress database at %s is damaged or not an iamlab database (%s); nothing was changed. "+
		"Starting iamlab keeps it aside as %s.corrupt-<time> and begins a new one; "+
		"a backup from an earlier reset (%s.backup-*) can be copied over it instead", e.Path, e.Reason, e.Path, e.Path)
}

// Is lets errors.Is(err, ErrDamaged) match.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

var errReadOnlyStore = errors.New("this store was opened for reading only")

// OpenReadOnly opens the database at path for reading and never writes:
// no folder, file, journal or schema change is made, so it works in a
// folder that cannot be written and beside a running trainer. A file that
// is not a usable database is a *DamagedError and stays as it is; a
// missing one matches os.ErrNotExist. A database of an older schema is
// copied into memory and brought up to date there, so the readers see
// today's schema while the file keeps its own.
func OpenReadOnly(path string, opts ...Option) (*Store, error) {
	s, err := newStore(path, opts, true)
	if err != nil {
		return nil, err
	}
	abs := s.path
	if _, err := os.Stat(abs); err != nil {
		return nil, s.wrap("read the progress database", err)
	}
	if reason, err := checkHeader(abs); err != nil {
		return nil, s.wrap("read the progress database", err)
	} else if reason != "" {
		return nil, &DamagedError{Path: abs, Reason: reason}
	}
	ctx := context.Background()
	db, err := sql.Open("sqlite", readOnlyDSN(abs, s.dsnParams()))
	if err != nil {
		return nil, s.wrap("open the progress database", err)
	}
	reason, version, err := s.judge(ctx, db)
	if err != nil {
		db.Close()
		var tooNew *SchemaTooNewError
		if errors.As(err, &tooNew) {
			return nil, err
		}
		if isCorruption(err) {
			return nil, &DamagedError{Path: abs, Reason: err.Error()}
		}
		return nil, s.wrap("open the progress database", err)
	}
	if reason != "" {
		db.Close()
		return nil, &DamagedError{Path: abs, Reason: reason}
	}
	if version < len(s.cfg.migrations) {
		mem, err := s.upgradedCopy(ctx, db)
		db.Close()
		if err != nil {
			return nil, s.wrap("read the progress database", err)
		}
		db = mem
	}
	s.db = db
	return s, nil
}

// readOnlyDSN opens the file read-only. Without a write-ahead log beside it
// (the last writer closed cleanly and folded it in), the file is all there
// is, and it is opened immutable: a read-only connection to a WAL database
// would otherwise create the -shm file, which a read-only folder refuses.
// With a log present another iamlab may be writing, and SQLite must read
// through it.
func readOnlyDSN(abs string, q url.Values) string {
	q.Set("mode", "ro")
	if _, err := os.Stat(abs + "-wal"); errors.Is(err, os.ErrNotExist) {
		q.Set("immutable", "1")
	}
	q.Del("_txlock")
	q.Add("_pragma", "query_only(1)")
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// upgradedCopy copies an older database into memory and migrates the copy.
func (s *Store) upgradedCopy(ctx context.Context, src *sql.DB) (*sql.DB, error) {
	type object struct{ kind, name, sql string }
	rows, err := src.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid`)
	if err != nil {
		return nil, err
	}
	var objects []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var version int
	if err := src.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, err
	}
	q := s.dsnParams()
	q.Del("_txlock")
	mem, err := openMemoryDB("iamlab-readonly", q)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*sql.DB, error) { mem.Close(); return nil, err }
	// Rows are copied table by table through the Go side: ATTACH would need
	// the file's URI handled again, and the database is small.
	for _, o := range objects {
		if _, err := mem.ExecContext(ctx, o.sql); err != nil {
			return fail(err)
		}
		if o.kind != "table" {
			continue
		}
		if err := copyTable(ctx, src, mem, o.name); err != nil {
			return fail(err)
		}
	}
	if _, err := mem.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return fail(err)
	}
	if err := migrate(ctx, mem, s.cfg.migrations); err != nil {
		return fail(err)
	}
	return mem, nil
}

func copyTable(ctx context.Context, src, dst *sql.DB, table string) error {
	quoted := `"` + strings.ReplaceAll(table, `"`, `""`) + `"`
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+quoted)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO `+quoted+` VALUES (`+strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",")+`)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tx.Commit()
}
