package progressdb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
)

func TestOpenCreatesFoldersAndSchema(t *testing.T) {
	s, path := openTemp(t)
	var v, app int
	var mode string
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	s.db.QueryRow("PRAGMA application_id").Scan(&app)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if v != SchemaVersion() || app != appID || mode != "wal" {
		t.Fatalf("version %d app %x mode %s", v, app, mode)
	}
	var sync, fk int
	s.db.QueryRow("PRAGMA synchronous").Scan(&sync)
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if sync != 2 || fk != 1 {
		t.Fatalf("synchronous=%d foreign_keys=%d, want FULL(2) and 1", sync, fk)
	}
	if len(s.Notices()) != 0 || !s.Persistent() || s.Path() != path {
		t.Fatalf("unexpected state: %v %v", s.Notices(), s.Path())
	}
	// Reopening keeps data.
	mustRecord(t, s, solvedAttempt("two-groups", t0, "explicit-deny"))
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	st, _ := s2.ScenarioStatus(context.Background())
	if st[progress.Key("core", "two-groups")].Status != progress.StatusSolved {
		t.Fatalf("data lost on reopen: %+v", st)
	}
}

func TestMigrationsForwardAndRefuseNewer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	v1 := []migration{{1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"}}
	v2 := append(v1, migration{2, "0002_b.sql", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new';"})

	s, err := Open(path, withMigrations(v1))
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("INSERT INTO a (x) VALUES (7)")
	s.Close()

	s, err = Open(path, withMigrations(v2))
	if err != nil {
		t.Fatal(err)
	}
	var x int
	var y string
	if err := s.db.QueryRow("SELECT x, y FROM a").Scan(&x, &y); err != nil || x != 7 || y != "new" {
		t.Fatalf("migration 2 lost data or did not run: %d %q %v", x, y, err)
	}
	s.Close()

	// A failing migration leaves the previous version intact.
	bad := append(v2, migration{3, "0003_bad.sql", "CREATE TABLE c (z); SELEC oops;"})
	if _, err := Open(path, withMigrations(bad)); err == nil || !strings.Contains(err.Error(), "0003_bad.sql") {
		t.Fatalf("want a migration error naming the file, got %v", err)
	}
	if got := userVersion(t, path); got != 2 {
		t.Fatalf("failed migration changed the version to %d", got)
	}

	// The v1 program meets the v2 database: refused, file unchanged.
	before, _ := os.ReadFile(path)
	_, err = Open(path, withMigrations(v1))
	var tooNew *SchemaTooNewError
	if !errors.As(err, &tooNew) || !errors.Is(err, ErrSchemaTooNew) || tooNew.Found != 2 || tooNew.Known != 1 {
		t.Fatalf("want SchemaTooNewError 2>1, got %v", err)
	}
	if !strings.Contains(err.Error(), "newer iamlab") || !strings.Contains(err.Error(), "not changed") {
		t.Fatalf("message should explain: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("refusing a newer database modified it")
	}
	if matches, _ := filepath.Glob(path + ".corrupt-*"); len(matches) != 0 {
		t.Fatalf("newer database must not be moved aside: %v", matches)
	}

	// OpenOrMemory keeps the program running.
	mem, err := OpenOrMemory(path, withMigrations(v1))
	if !errors.Is(err, ErrSchemaTooNew) || mem == nil || mem.Persistent() || len(mem.Notices()) != 1 {
		t.Fatalf("fallback: %v %v", err, mem)
	}
	mem.Close()
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCorruptFileMovedAside(t *testing.T) {
	cases := map[string][]byte{
		"garbage":   []byte("this is not a database, it is a shopping list\n"),
		"short":     []byte("SQLite"),
		"bad pages": append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xAB}, 8192)...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "progress.db")
			os.WriteFile(path, content, 0o644)
			os.WriteFile(path+"-wal", []byte("stale wal"), 0o644)
			s, err := Open(path, fixedClock(t0))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			backups, _ := filepath.Glob(path + ".corrupt-*")
			var main string
			for _, b := range backups {
				if !strings.HasSuffix(b, "-wal") {
					main = b
				}
			}
			if main != path+".corrupt-20260302T100000Z" {
				t.Fatalf("backups %v", backups)
			}
			if got, _ := os.ReadFile(main); !bytes.Equal(got, content) {
				t.Fatal("backup does not hold the original bytes")
			}
			// SQLite itself discards an invalid WAL once it has opened the
			// file; when the header check rejects the file first, the WAL
			// must move with it.
			if got, _ := os.ReadFile(main + "-wal"); name != "bad pages" && string(got) != "stale wal" {
				t.Fatal("the old WAL must travel with its database")
			}
			n := s.Notices()
			if len(n) != 1 || !strings.Contains(n[0], main) || !strings.Contains(n[0], "new, empty database") {
				t.Fatalf("notice %q", n)
			}
			mustRecord(t, s, solvedAttempt("x", t0, "implicit-deny"))
		})
	}
}

func TestForeignSQLiteMovedAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	db, _ := sql.Open("sqlite", path)
	db.Exec("CREATE TABLE recipes (name TEXT)")
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "another program") {
		t.Fatalf("notices %q", n)
	}
}

// We run as root, so chmod cannot make a folder unwritable. A read-only
// connection (query_only) fails writes with SQLITE_READONLY exactly as a
// read-only file or mount does, and max_page_count makes the database "full"
// with SQLITE_FULL; a folder under a regular file stands in for a folder
// that cannot be created.
func TestReadOnlyAndFullDisk(t *testing.T) {
	ctx := context.Background()
	_, path := openTemp(t)

	ro, err := Open(path, withPragma("query_only(1)"))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.RecordAttempt(ctx, solvedAttempt("x", t0, "implicit-deny"))
	if !errors.Is(err, progress.ErrReadOnly) || !strings.Contains(err.Error(), "keeps running") {
		t.Fatalf("want ErrReadOnly with advice, got %v", err)
	}
	if _, err := ro.ScenarioStatus(ctx); err != nil {
		t.Fatalf("reads must keep working: %v", err)
	}

	full, err := Open(path, withPragma("max_page_count(1)"))
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	big := strings.Repeat("x", 200_000)
	_, err = full.SaveDraft(ctx, progress.Key("core", "x"), "policy", big, 0)
	if !errors.Is(err, progress.ErrDiskFull) || !strings.Contains(err.Error(), "Free some space") {
		t.Fatalf("want ErrDiskFull, got %v", err)
	}

	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o644)
	s, err := OpenOrMemory(filepath.Join(blocker, "sub", "progress.db"))
	if err == nil || s == nil || s.Persistent() {
		t.Fatalf("want an error and a memory store, got %v %v", err, s)
	}
	defer s.Close()
	if !strings.Contains(s.Notices()[0], "not being saved") {
		t.Fatalf("notice %q", s.Notices())
	}
	if _, err := s.RecordAttempt(ctx, solvedAttempt("x", t0, "implicit-deny")); err != nil {
		t.Fatalf("memory store must work: %v", err)
	}
}

// /proc/self refuses new files even to root: a real "folder you may not
// write", which chmod cannot give us here.
func TestUnwritableFolder(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("needs Linux /proc")
	}
	s, err := OpenOrMemory("/proc/self/iamlab-progress.db")
	if !errors.Is(err, progress.ErrReadOnly) || !strings.Contains(err.Error(), "IAMLAB_HOME") {
		t.Fatalf("want ErrReadOnly with advice, got %v", err)
	}
	defer s.Close()
	if s.Persistent() {
		t.Fatal("fallback store must be in memory")
	}
}

func TestKindOfOSErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{&os.PathError{Op: "open", Path: "/x", Err: errReadOnlyFS}, progress.ErrReadOnly},
		{&os.PathError{Op: "write", Path: "/x", Err: errNoSpace}, progress.ErrDiskFull},
		{errors.New("other"), nil},
	} {
		if got := kindOf(c.err); got != c.want {
			t.Errorf("kindOf(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
