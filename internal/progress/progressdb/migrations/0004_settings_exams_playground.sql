-- Schema version 4: the learner's settings, finished mock exams with their
-- per-domain results, an exam paused for later, and the playground's work
-- (request, world, policy edits, saved requests, history of asked requests).

-- Small key-value settings ("exam" = the exam the learner prepares for).
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per submitted mock exam.
CREATE TABLE exams (
	id          INTEGER PRIMARY KEY,
	exam        TEXT    NOT NULL,              -- SAA-C03, SCS-C03
	started_at  INTEGER NOT NULL,
	finished_at INTEGER NOT NULL,
	items       INTEGER NOT NULL,
	correct     INTEGER NOT NULL,
	unanswered  INTEGER NOT NULL DEFAULT 0,
	elapsed_ms  INTEGER NOT NULL DEFAULT 0,    -- pauses excluded
	limit_ms    INTEGER NOT NULL DEFAULT 0,
	timed_out   INTEGER NOT NULL DEFAULT 0,
	band        TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX exams_time ON exams (exam, finished_at);

CREATE TABLE exam_domains (
	exam_id INTEGER NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
	number  INTEGER NOT NULL,
	name    TEXT    NOT NULL,
	correct INTEGER NOT NULL,
	total   INTEGER NOT NULL,
	PRIMARY KEY (exam_id, number)
) STRICT, WITHOUT ROWID;

-- At most one exam waits, paused, to be resumed (after a restart too).
CREATE TABLE paused_exam (
	slot     INTEGER PRIMARY KEY CHECK (slot = 1),
	body     TEXT    NOT NULL,                 -- JSON, owned by the quiz screen
	saved_at INTEGER NOT NULL
) STRICT;

-- The playground's drafts, per world: the request being typed and the
-- policies edited with ctrl+t (name "request", "doc:<document id>").
CREATE TABLE playground_drafts (
	world      TEXT    NOT NULL,
	name       TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (world, name)
) STRICT;

-- Requests kept per world: saved by name, or asked (the history).
CREATE TABLE playground_requests (
	id       INTEGER PRIMARY KEY,
	world    TEXT    NOT NULL,
	kind     TEXT    NOT NULL CHECK (kind IN ('saved', 'asked')),
	name     TEXT    NOT NULL DEFAULT '',
	request  TEXT    NOT NULL,                 -- JSON, owned by the playground
	decision TEXT    NOT NULL DEFAULT '',
	at       INTEGER NOT NULL
) STRICT;
CREATE INDEX playground_requests_world ON playground_requests (world, kind, at);
