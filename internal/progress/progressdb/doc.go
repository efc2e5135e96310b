// Package progressdb keeps the learner's record: every scenario attempt, quiz
// answer, autosaved draft and spaced-repetition card, kept in one SQLite
// database (modernc.org/sqlite, pure Go) under the data directory.
//
// The store's promise is that nothing committed is ever lost:
//
//   - Every write is one transaction begun IMMEDIATE, so two iamlab processes
//     on the same file queue behind each other (busy timeout) instead of
//     failing or losing a read-modify-write of a card.
//   - The journal is WAL with synchronous=FULL. With NORMAL, a commit already
//     survives a killed process (the WAL frames are in the OS cache), but the
//     last commits can vanish on power loss. A learner records at most a few
//     writes a minute, so the fsync per commit costs nothing noticeable and
//     buys durability against power loss as well.
//   - A file that is not a healthy iamlab database (garbage, corruption,
//     another program's SQLite file) is moved aside with a timestamp, never
//     overwritten, and a notice tells the learner where it went.
//   - A database from a newer iamlab is refused with SchemaTooNewError and is
//     not modified.
//   - When the disk is read-only or full, writes fail with errors matching
//     ErrReadOnly or ErrDiskFull, and OpenOrMemory gives a working in-memory
//     store, so the trainer keeps running with recording off.
//
// Readiness, mastery and the mapping from performance to FSRS ratings are
// documented where they are computed, in package progress (readiness.go,
// rating.go); this package stores the records they are computed from.
package progressdb
