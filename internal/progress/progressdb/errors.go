package progressdb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/iamlab/iamlab/internal/progress"
)

// ErrSchemaTooNew: the database was written by a newer iamlab.
var ErrSchemaTooNew = errors.New("the progress database was written by a newer iamlab")

// SchemaTooNewError refuses a database whose schema is newer than this
// program knows; the file is left exactly as it was.
type SchemaTooNewError struct {
	Path  string
	Found int // user_version in the file
	Known int // newest version this program can write
}

func (e *SchemaTooNewError) Error() string {
	return fmt.Sprintf("%s was written by a newer iamlab (schema version %d; this iamlab understands up to %d). "+
		"The file was not changed. Update iamlab, or set IAMLAB_HOME to another folder to use a separate database",
		e.Path, e.Found, e.Known)
}

// Is lets errors.Is(err, ErrSchemaTooNew) match.
func (e *SchemaTooNewError) Is(target error) bool { return target == ErrSchemaTooNew }

// StoreError is a failed store operation, classified so the caller can react:
// errors.Is(err, ErrReadOnly) and errors.Is(err, ErrDiskFull) say that
// recording should be switched off and the learner told.
type StoreError struct {
	Op   string // what the learner was doing, e.g. "save your attempt"
	Path string // the database file, "" for memory
	Kind error  // ErrReadOnly, ErrDiskFull, or nil for anything else
	Err  error  // the underlying error
}

func (e *StoreError) Error() string {
	switch e.Kind {
	case progress.ErrReadOnly:
		return fmt.Sprintf("could not %s: %s cannot be written (%v). %s; "+
			"iamlab keeps running but does not record progress until then", e.Op, e.Path, e.Err, readOnlyAdvice(e.Path))
	case progress.ErrDiskFull:
		return fmt.Sprintf("could not %s: the disk holding %s is full (%v). Free some space; "+
			"iamlab keeps running but does not record progress until then", e.Op, e.Path, e.Err)
	}
	return fmt.Sprintf("could not %s in %s: %v", e.Op, e.Path, e.Err)
}

func (e *StoreError) Unwrap() []error {
	if e.Kind == nil {
		return []error{e.Err}
	}
	return []error{e.Kind, e.Err}
}

// readOnlyAdvice says what to make writable: the file when its own mode
// forbids writing, else its folder.
func readOnlyAdvice(path string) string {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o200 == 0 {
		return fmt.Sprintf("Make the file writable (chmod u+w %s)", path)
	}
	return fmt.Sprintf("Make %s writable, or set IAMLAB_HOME to a writable folder", filepath.Dir(path))
}

// wrap classifies err; it passes nil, context cancellation and already
// classified errors through unchanged.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *StoreError
	if errors.As(err, &se) || errors.Is(err, progress.ErrInvalid) || errors.Is(err, ErrSchemaTooNew) {
		return err
	}
	return &StoreError{Op: op, Path: s.path, Kind: kindOf(err), Err: err}
}

// kindOf maps SQLite result codes and OS errors to ErrReadOnly / ErrDiskFull.
func kindOf(err error) error {
	switch sqliteCode(err) {
	// CANTOPEN: Open has already created the folder and checked the path is
	// not a directory, so what is left is a folder or file we may not write.
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return progress.ErrReadOnly
	case sqlite3.SQLITE_FULL:
		return progress.ErrDiskFull
	}
	switch {
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return progress.ErrReadOnly
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return progress.ErrDiskFull
	}
	return nil
}

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// isCorruption reports errors meaning "this file is not a usable database".
func isCorruption(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}
