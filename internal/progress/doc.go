// Package progress is the learner model: the records of what a learner did
// (scenario attempts, quiz answers, drafts, exams, playground work), how a
// performance becomes an FSRS rating (rating.go), how cards are scheduled
// (schedule.go), and how readiness for an exam is estimated from the
// evidence (readiness.go). It is pure: no database, no files.
//
// Store and its parts (store.go) are what the trainer asks of the place
// that keeps these records; package progressdb keeps them in SQLite. The
// quiz, the scenarios and the screens speak this package's vocabulary, so
// none of them depends on the database.
package progress
