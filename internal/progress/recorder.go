package progress

import (
	"context"
	"time"
)

// Recorder is the part of the store the trainer writes through. Every method
// is one transaction; errors match ErrReadOnly / ErrDiskFull when recording
// should be switched off and the learner told.
type Recorder interface {
	RecordAttempt(ctx context.Context, a Attempt) (int64, error)
	RecordAnswer(ctx context.Context, a Answer) (int64, error)
	SaveDraft(ctx context.Context, key ScenarioKey, docName, text string, baseRev int64) (int64, error)
	Drafts(ctx context.Context, key ScenarioKey) ([]Draft, error)
	DeleteDrafts(ctx context.Context, key ScenarioKey) error
	ScenarioStatus(ctx context.Context) (map[ScenarioKey]ScenarioState, error)
	DueReviews(ctx context.Context, now time.Time) ([]DueReview, error)
}
