-- Schema version 1. Times are Unix milliseconds, UTC. Topic and task IDs are
-- the stable IDs of internal/curriculum.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- One row per submitted (or abandoned) scenario attempt.
CREATE TABLE attempts (
	id              INTEGER PRIMARY KEY,
	scenario_id     TEXT    NOT NULL,
	content_version TEXT    NOT NULL DEFAULT '',
	mode            TEXT    NOT NULL DEFAULT '',
	started_at      INTEGER NOT NULL,
	finished_at     INTEGER NOT NULL,
	outcome         TEXT    NOT NULL CHECK (outcome IN ('solved', 'failed', 'abandoned')),
	attempt_no      INTEGER NOT NULL,          -- 1 for the first attempt at this scenario
	checks_passed   INTEGER NOT NULL DEFAULT 0,
	checks_total    INTEGER NOT NULL DEFAULT 0,
	least_privilege REAL,                      -- 0..1, 1 = matches the reference; NULL = not graded
	score           REAL    NOT NULL DEFAULT 0,
	stars           INTEGER NOT NULL DEFAULT 0,
	hints           TEXT    NOT NULL DEFAULT '[]', -- JSON array of hint rungs used, in order
	max_hint        INTEGER NOT NULL DEFAULT 0,
	revealed        INTEGER NOT NULL DEFAULT 0,    -- reference solution shown before solving
	duration_ms     INTEGER NOT NULL DEFAULT 0,    -- time spent, pauses excluded by the caller
	target_ms       INTEGER NOT NULL DEFAULT 0,
	policies        TEXT    NOT NULL DEFAULT '{}', -- JSON object: document name -> final text
	rating          INTEGER NOT NULL DEFAULT 0     -- FSRS rating derived (0 = none)
) STRICT;
CREATE INDEX attempts_scenario ON attempts (scenario_id, finished_at);
CREATE INDEX attempts_time ON attempts (finished_at);

CREATE TABLE attempt_checks (
	attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	name       TEXT    NOT NULL,
	want       TEXT    NOT NULL DEFAULT '',
	got        TEXT    NOT NULL DEFAULT '',
	passed     INTEGER NOT NULL,
	hidden     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (attempt_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE attempt_topics (
	attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
	topic_id   TEXT    NOT NULL,
	PRIMARY KEY (attempt_id, topic_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attempt_topics_topic ON attempt_topics (topic_id);

CREATE TABLE attempt_tasks (
	attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
	task_id    TEXT    NOT NULL,
	PRIMARY KEY (attempt_id, task_id)
) STRICT, WITHOUT ROWID;

-- Best result per scenario, kept in step with attempts by RecordAttempt.
CREATE TABLE best (
	scenario_id TEXT PRIMARY KEY,
	best_score  REAL    NOT NULL,
	best_stars  INTEGER NOT NULL,
	solved_at   INTEGER,                       -- first solve, NULL while unsolved
	attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE
) STRICT;

-- Work in progress, autosaved by the editor.
CREATE TABLE drafts (
	scenario_id TEXT    NOT NULL,
	doc_name    TEXT    NOT NULL,
	body        TEXT    NOT NULL,
	updated_at  INTEGER NOT NULL,
	PRIMARY KEY (scenario_id, doc_name)
) STRICT;

CREATE TABLE answers (
	id              INTEGER PRIMARY KEY,
	item_id         TEXT    NOT NULL,
	content_version TEXT    NOT NULL DEFAULT '',
	answered_at     INTEGER NOT NULL,
	chosen          TEXT    NOT NULL,
	correct         INTEGER NOT NULL,
	confidence      TEXT    NOT NULL DEFAULT '' CHECK (confidence IN ('', 'sure', 'think', 'guess')),
	duration_ms     INTEGER NOT NULL DEFAULT 0,
	mode            TEXT    NOT NULL CHECK (mode IN ('practice', 'exam')),
	rating          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX answers_time ON answers (answered_at);
CREATE INDEX answers_item ON answers (item_id);

CREATE TABLE answer_topics (
	answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
	topic_id  TEXT    NOT NULL,
	PRIMARY KEY (answer_id, topic_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX answer_topics_topic ON answer_topics (topic_id);

CREATE TABLE answer_tasks (
	answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
	task_id   TEXT    NOT NULL,
	PRIMARY KEY (answer_id, task_id)
) STRICT, WITHOUT ROWID;

-- FSRS memory state per knowledge component. A cache of the review log
-- below: it can always be rebuilt by replaying reviews in order.
CREATE TABLE cards (
	topic_id       TEXT PRIMARY KEY,
	due            INTEGER NOT NULL,
	stability      REAL    NOT NULL,
	difficulty     REAL    NOT NULL,
	elapsed_days   INTEGER NOT NULL,
	scheduled_days INTEGER NOT NULL,
	reps           INTEGER NOT NULL,
	lapses         INTEGER NOT NULL,
	state          INTEGER NOT NULL,
	last_review    INTEGER NOT NULL
) STRICT;

CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY,
	topic_id    TEXT    NOT NULL,
	reviewed_at INTEGER NOT NULL,
	rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
	attempt_id  INTEGER REFERENCES attempts (id) ON DELETE CASCADE,
	answer_id   INTEGER REFERENCES answers (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX reviews_topic ON reviews (topic_id, reviewed_at);
CREATE INDEX reviews_attempt ON reviews (attempt_id);
CREATE INDEX reviews_answer ON reviews (answer_id);
