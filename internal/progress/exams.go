package progress

import (
	"time"
)

// ExamResult is one submitted mock exam, as the history keeps it.
type ExamResult struct {
	ID         int64
	Exam       string // SAA-C03, SCS-C03
	StartedAt  time.Time
	FinishedAt time.Time
	Items      int
	Correct    int
	Unanswered int
	Elapsed    time.Duration // pauses excluded
	Limit      time.Duration
	TimedOut   bool
	Band       Band
	Domains    []ExamDomainResult
}

// Percent is the raw share correct, 0..100.
func (r ExamResult) Percent() float64 {
	if r.Items == 0 {
		return 0
	}
	return 100 * float64(r.Correct) / float64(r.Items)
}

// ExamDomainResult is one exam domain's part of a submitted exam.
type ExamDomainResult struct {
	Number  int
	Name    string
	Correct int
	Total   int
}

// Percent is the domain's raw share correct, 0..100.
func (d ExamDomainResult) Percent() float64 {
	if d.Total == 0 {
		return 0
	}
	return 100 * float64(d.Correct) / float64(d.Total)
}

// PausedExam is the exam left paused, in the quiz screen's own encoding.
type PausedExam struct {
	Body    string
	SavedAt time.Time
}
