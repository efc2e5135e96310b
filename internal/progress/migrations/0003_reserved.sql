-- Placeholder for schema version 3, which belongs to another change (the
-- pack-qualified progress keys). It exists only so that version 4 is in
-- sequence on this branch; the real 0003 migration replaces this file.
SELECT 1;
