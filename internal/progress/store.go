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

// Settings are the learner's choices, kept between sessions under the
// Setting keys.
type Settings interface {
	// Setting reads one setting; ok is false when it was never set.
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSetting(ctx context.Context, key, value string) error
}

// Exams keeps the mock exams: the submitted ones, the one left paused, and
// the items of the last draw, which the next draw avoids.
type Exams interface {
	RecordExam(ctx context.Context, r ExamResult) (int64, error)
	// ExamHistory lists submitted exams oldest first; exam "" lists all.
	ExamHistory(ctx context.Context, exam string) ([]ExamResult, error)
	PausedExam(ctx context.Context) (p PausedExam, ok bool, err error)
	SavePausedExam(ctx context.Context, body string) error
	DeletePausedExam(ctx context.Context) error
	LastExamItems(ctx context.Context, examID string) ([]string, error)
	SetLastExamItems(ctx context.Context, examID string, ids []string) error
}

// Playground keeps the playground's work on each world: its drafts, and
// the requests saved or asked there.
type Playground interface {
	SavePlaygroundDrafts(ctx context.Context, world string, drafts map[string]string) error
	PlaygroundDrafts(ctx context.Context, world string) ([]PlaygroundDraft, error)
	AddPlaygroundRequest(ctx context.Context, r PlaygroundRequest) (int64, error)
	PlaygroundRequests(ctx context.Context, world string, kind RequestKind) ([]PlaygroundRequest, error)
	DeletePlaygroundRequest(ctx context.Context, id int64) error
}

// Reports reads the record back whole: the summary the progress screen
// shows, and the export (whose answers the spaced review draws on).
type Reports interface {
	Summary(ctx context.Context, examID string, examDate, now time.Time) (Summary, error)
	Export(ctx context.Context, learner string, now time.Time) (Export, error)
}

// Store is all the screens ask of the place that keeps the learner's
// record. Screens are handed one through screen.Deps and never open a
// database themselves; progressdb.Store is the one the trainer uses.
type Store interface {
	Recorder
	Settings
	Exams
	Playground
	Reports
}
