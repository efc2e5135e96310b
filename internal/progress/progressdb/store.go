package progressdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/iamlab/iamlab/internal/progress"
)

// Store is the learner's progress database. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	path  string // "" for an in-memory store
	cfg   config
	sched *progress.Scheduler

	mu      sync.Mutex
	notices []string

	readOnly bool // opened by OpenReadOnly: every write is refused
}

// memSeq names in-memory databases so two memory stores never share data.
var memSeq atomic.Int64

// Open opens or creates the database at path, creating folders as needed.
//
// A file that is not a healthy iamlab database is moved aside to
// "<path>.corrupt-<time>" and a fresh database is created; Notices says so in
// words. A database from a newer iamlab yields *SchemaTooNewError and is left
// untouched. A folder or disk that cannot be written yields an error matching
// ErrReadOnly or ErrDiskFull; OpenOrMemory turns that into a working,
// non-persistent store.
func Open(path string, opts ...Option) (*Store, error) {
	s, err := newStore(path, opts, false)
	if err != nil {
		return nil, err
	}
	abs := s.path
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, s.wrap("create the folder for the progress database", err)
	}
	ctx := context.Background()
	for try := 0; ; try++ {
		db, reason, err := s.openChecked(ctx)
		if err != nil {
			return nil, err
		}
		if reason == "" {
			s.db = db
			break
		}
		if try > 0 {
			// A file we just created fresh failed its check: do not loop
			// moving files around; something else is wrong.
			return nil, fmt.Errorf("the new progress database at %s is unusable (%s); check the disk", abs, reason)
		}
		backup, err := moveAside(abs, s.cfg.clock())
		if err != nil {
			return nil, s.wrap("move the unreadable progress database aside", err)
		}
		name, kept := filepath.Base(abs), filepath.Base(backup)
		s.notice(fmt.Sprintf("Your progress database %s could not be used (%s).\n"+
			"It was kept as %s, and a new, empty database was started in its place. Nothing was deleted.\n"+
			"To recover, quit iamlab and copy over %s one of: a backup from an earlier reset (%s.backup-*); "+
			"what `sqlite3 %s .recover` rescues from the kept file; or the kept file itself, if it was fine after all.",
			abs, reason, backup, name, name, kept))
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	removeIncompleteBackups(abs)
	// A file that opens but cannot be written is found now, not at the
	// learner's first save: reads go on, recording is off, and the notice
	// says what to do.
	if err := s.probeWrite(ctx); errors.Is(err, progress.ErrReadOnly) {
		s.readOnly = true
		s.notice(fmt.Sprintf("Your progress database %s is read-only. iamlab shows your progress but records nothing "+
			"this session (no attempts, answers or drafts). %s, then start iamlab again.", abs, readOnlyAdvice(abs)))
	}
	return s, nil
}

// probeWrite takes the write lock and writes in a transaction it rolls
// back: nothing changes, but a file or disk that refuses writes says so.
func (s *Store) probeWrite(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("check the progress database can be written", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('write-check', '') ON CONFLICT (key) DO NOTHING`)
	return s.wrap("check the progress database can be written", err)
}

// newStore is a store for the database at path, not opened yet: the
// options applied and the path made absolute, as Open and OpenReadOnly
// both need.
func newStore(path string, opts []Option, readOnly bool) (*Store, error) {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("progress database path %q: %w", path, err)
	}
	return &Store{path: abs, cfg: cfg, sched: progress.NewScheduler(), readOnly: readOnly}, nil
}

// OpenMemory gives a store that works for this session only: used when the
// real database cannot be opened, and by tests.
func OpenMemory(opts ...Option) (*Store, error) {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	s := &Store{cfg: cfg, sched: progress.NewScheduler()}
	db, err := openMemoryDB("iamlab-memory", s.dsnParams())
	if err != nil {
		return nil, err
	}
	s.db = db
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openMemoryDB opens a private in-memory database with the connection
// parameters q, named prefix-N so that no two ever share data.
func openMemoryDB(prefix string, q url.Values) (*sql.DB, error) {
	q.Set("mode", "memory")
	q.Set("cache", "private")
	db, err := sql.Open("sqlite", fmt.Sprintf("file:%s-%d?%s", prefix, memSeq.Add(1), q.Encode()))
	if err != nil {
		return nil, err
	}
	// One connection that is never recycled is the whole database.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// OpenOrMemory opens the database at path and, if that fails, returns an
// in-memory store whose Notices explain that progress is not being saved,
// together with the error that caused it. The returned store is never nil,
// so the trainer keeps running either way.
func OpenOrMemory(path string, opts ...Option) (*Store, error) {
	s, err := Open(path, opts...)
	if err == nil {
		return s, nil
	}
	mem, merr := OpenMemory(opts...)
	if merr != nil {
		// The embedded schema failing in memory is a build defect.
		panic(fmt.Sprintf("progress: in-memory store failed: %v", merr))
	}
	mem.notice(fmt.Sprintf("Progress is not being saved this session: %v", err))
	return mem, err
}

// Close releases the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file, or "" for an in-memory store.
func (s *Store) Path() string { return s.path }

// Persistent reports whether records are kept beyond the process: false
// for a memory store and for one that cannot write its file.
func (s *Store) Persistent() bool { return s.path != "" && !s.readOnly }

// Notices returns messages for the learner gathered while opening (a
// database moved aside, recording switched off), oldest first.
func (s *Store) Notices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.notices...)
}

func (s *Store) notice(msg string) {
	s.mu.Lock()
	s.notices = append(s.notices, msg)
	s.mu.Unlock()
}

func (s *Store) now() time.Time { return s.cfg.clock() }

// dsnParams are applied by the driver to every new connection. journal_mode
// is not among them: it is persistent and set once in openChecked, after the
// file has been judged, so a file we refuse is never converted.
func (s *Store) dsnParams() url.Values {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", s.cfg.busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	for _, p := range s.cfg.extraPragma {
		q.Add("_pragma", p)
	}
	// BEGIN IMMEDIATE: take the write lock up front, so a read-then-write
	// transaction never fails half-way when another process is writing.
	q.Set("_txlock", "immediate")
	return q
}

// openChecked opens the file and judges it. A non-empty reason means the
// file is not usable and should be moved aside; db is then nil.
func (s *Store) openChecked(ctx context.Context) (db *sql.DB, reason string, err error) {
	if reason, err := checkHeader(s.path); err != nil || reason != "" {
		return nil, reason, s.wrap("read the progress database", err)
	}
	db, err = sql.Open("sqlite", s.path+"?"+s.dsnParams().Encode())
	if err != nil {
		return nil, "", s.wrap("open the progress database", err)
	}
	db.SetMaxOpenConns(4)
	fail := func(e error) (*sql.DB, string, error) {
		db.Close()
		if isCorruption(e) {
			return nil, "it is damaged or not a database: " + e.Error(), nil
		}
		var tooNew *SchemaTooNewError
		if errors.As(e, &tooNew) {
			return nil, "", e
		}
		return nil, "", s.wrap("open the progress database", e)
	}
	reason, _, err = s.judge(ctx, db)
	if err != nil {
		return fail(err)
	}
	if reason != "" {
		db.Close()
		return nil, reason, nil
	}
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fail(err)
	}
	return db, "", nil
}

// judge looks at an open database without writing to it. A non-empty
// reason means it is not a usable iamlab database; a newer schema is a
// *SchemaTooNewError.
func (s *Store) judge(ctx context.Context, db *sql.DB) (reason string, version int, err error) {
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return "", 0, err
	}
	if check != "ok" {
		return "the integrity check failed: " + check, 0, nil
	}
	var app, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return "", 0, err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return "", 0, err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return "", 0, err
	}
	if (app != 0 && app != appID) || (app == 0 && version == 0 && tables > 0) {
		return "it is an SQLite database that belongs to another program", 0, nil
	}
	if known := len(s.cfg.migrations); version > known {
		return "", 0, &SchemaTooNewError{Path: s.path, Found: version, Known: known}
	}
	return "", version, nil
}

func (s *Store) migrate(ctx context.Context) error {
	if err := migrate(ctx, s.db, s.cfg.migrations); err != nil {
		var tooNew *SchemaTooNewError
		if errors.As(err, &tooNew) {
			return err
		}
		return s.wrap("prepare the progress database", err)
	}
	return nil
}

// Times are stored as Unix milliseconds and read back in UTC.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }
