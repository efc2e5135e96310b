-- A predict or choose attempt records how sure the learner was before the
-- answer was revealed, so calibration can cover scenarios as well as quiz
-- answers. Empty for build attempts and for attempts recorded before v2.
ALTER TABLE attempts ADD COLUMN confidence TEXT NOT NULL DEFAULT '';
