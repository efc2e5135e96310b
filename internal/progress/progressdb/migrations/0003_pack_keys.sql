-- Schema version 3: progress is keyed by pack and scenario, so a pack that
-- reuses a scenario id can never read or overwrite another pack's record.
--
-- Records made before version 3 carry only a scenario id. Those whose id
-- is a scenario of the built-in packs as they stood at version 3 go to that
-- pack: a copy in another pack shared them and they cannot be told apart,
-- and the built-in pack is where a learner's work almost always was. Any
-- other record keeps pack_id '' until the trainer finds the one pack that
-- has the scenario (Store.AdoptUnpacked).
CREATE TABLE legacy_builtin (
	scenario_id TEXT PRIMARY KEY,
	pack_id     TEXT NOT NULL
) STRICT;
INSERT INTO legacy_builtin (scenario_id, pack_id) VALUES
	('cross-account-bucket-read', 'accounts'),
	('trust-policy-other-half', 'accounts'),
	('vendor-external-id', 'accounts'),
	('session-policy-one-job', 'accounts'),
	('boundary-meets-bucket-policy', 'accounts'),
	('org-wide-bucket', 'accounts'),
	('region-lock-scp', 'accounts'),
	('kms-cross-account-read', 'accounts'),
	('cognito-guest-role', 'accounts'),
	('cognito-trust-amr', 'accounts'),
	('github-oidc-sub', 'accounts'),
	('scp-scope', 'accounts'),
	('rcp-data-perimeter', 'accounts'),
	('two-groups-one-bucket', 'core'),
	('ec2-instance-role', 'core'),
	('scp-vs-boundary', 'core'),
	('s3-mfa-delete', 'core'),
	('first-day-list-buckets', 'foundations'),
	('list-needs-the-bucket', 'foundations'),
	('one-table-only', 'foundations'),
	('app-star-buckets', 'foundations'),
	('everything-but-iam', 'foundations'),
	('mfa-and-access-keys', 'foundations'),
	('home-folders', 'foundations'),
	('passrole-lambda', 'foundations'),
	('tls-only-bucket', 'foundations'),
	('public-read-blocked', 'foundations'),
	('vpce-only-bucket', 'foundations'),
	('abac-retag', 'foundations'),
	('public-files-prefix', 'operations'),
	('org-paths-all-values', 'operations'),
	('break-glass-guardrail', 'operations'),
	('upload-trigger-two-policies', 'operations'),
	('boundary-for-every-role', 'operations'),
	('revoke-older-sessions', 'operations'),
	('subscribe-by-suffix', 'operations'),
	('own-policy-new-version', 'operations'),
	('copy-across-with-a-role', 'operations'),
	('read-the-denial', 'operations'),
	('three-hour-upload', 'operations'),
	('finance-team-group', 'operations'),
	('seven-day-link', 'operations');

ALTER TABLE attempts ADD COLUMN pack_id TEXT NOT NULL DEFAULT '';
UPDATE attempts SET pack_id = coalesce((SELECT pack_id FROM legacy_builtin l WHERE l.scenario_id = attempts.scenario_id), '');
DROP INDEX attempts_scenario;
CREATE INDEX attempts_scenario ON attempts (pack_id, scenario_id, finished_at);

-- best and drafts change their primary keys, so they are rebuilt. Nothing
-- references them, so dropping the old tables deletes nothing else.
CREATE TABLE best_v3 (
	pack_id     TEXT    NOT NULL,
	scenario_id TEXT    NOT NULL,
	best_score  REAL    NOT NULL,
	best_stars  INTEGER NOT NULL,
	solved_at   INTEGER,
	attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
	PRIMARY KEY (pack_id, scenario_id)
) STRICT;
INSERT INTO best_v3 (pack_id, scenario_id, best_score, best_stars, solved_at, attempt_id)
	SELECT coalesce((SELECT pack_id FROM legacy_builtin l WHERE l.scenario_id = best.scenario_id), ''),
		scenario_id, best_score, best_stars, solved_at, attempt_id FROM best;
DROP TABLE best;
ALTER TABLE best_v3 RENAME TO best;

-- rev counts the saves of one document's draft, so a window can tell that
-- another window saved since it last read (SaveDraft's base revision).
CREATE TABLE drafts_v3 (
	pack_id     TEXT    NOT NULL,
	scenario_id TEXT    NOT NULL,
	doc_name    TEXT    NOT NULL,
	body        TEXT    NOT NULL,
	updated_at  INTEGER NOT NULL,
	rev         INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (pack_id, scenario_id, doc_name)
) STRICT;
INSERT INTO drafts_v3 (pack_id, scenario_id, doc_name, body, updated_at)
	SELECT coalesce((SELECT pack_id FROM legacy_builtin l WHERE l.scenario_id = drafts.scenario_id), ''),
		scenario_id, doc_name, body, updated_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_v3 RENAME TO drafts;

DROP TABLE legacy_builtin;
