package progress

import (
	"errors"
	"fmt"
)

// Sentinel kinds a caller can test with errors.Is; every store reports
// its failures through them.
var (
	// ErrReadOnly: the database or its folder cannot be written.
	ErrReadOnly = errors.New("the progress database cannot be written (read-only file, folder or disk)")
	// ErrDiskFull: the disk (or quota) holding the database is full.
	ErrDiskFull = errors.New("the disk holding the progress database is full")
	// ErrInvalid: the caller passed a record the store cannot keep.
	ErrInvalid = errors.New("invalid record")
)

// DraftConflictError says that another window (or process) saved this
// document's draft since the caller last read or saved it. Nothing was
// written; Theirs is the draft now stored, so the caller can offer to keep
// either: SaveDraft again with Theirs.Rev keeps the caller's text, loading
// Theirs.Text takes the other.
type DraftConflictError struct {
	Theirs Draft
}

func (e *DraftConflictError) Error() string {
	return fmt.Sprintf("the draft of %s in %s was saved by another window at %s",
		e.Theirs.DocName, e.Theirs.ScenarioKey, e.Theirs.UpdatedAt.Local().Format("15:04:05"))
}

// ErrDraftConflict matches a *DraftConflictError with errors.Is.
var ErrDraftConflict = errors.New("the draft was saved by another window")

// Is lets errors.Is(err, ErrDraftConflict) match.
func (e *DraftConflictError) Is(target error) bool { return target == ErrDraftConflict }
