-- Schema version 5: what an instructor needs to put a class's exports
-- together. Each attempt records the version of the pack its scenario came
-- from (a pack republished with changed scenarios is told apart); rows made
-- before this version did not know it and keep 0, "unknown".
ALTER TABLE attempts ADD COLUMN pack_version INTEGER NOT NULL DEFAULT 0;

-- A stable, random learner id, made once when the database is created (or
-- first opened by this version) and never changed: two learners who choose
-- the same display name stay two learners in a class report. 128 random
-- bits, so ids made on different machines do not collide.
INSERT INTO settings (key, value) VALUES ('learner.id', lower(hex(randomblob(16))))
	ON CONFLICT (key) DO NOTHING;
