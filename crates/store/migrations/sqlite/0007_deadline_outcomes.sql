-- Deadline outcomes, for the compliance figures of the dashboard (docs/dashboard.md).
--
-- One row per deadline that a step closed as met or late (outcomes `met` and `late` of the
-- domain's ClosedDeadline; a complainant's window that expired and a deadline cancelled by
-- another path are not compliance outcomes and are not stored). Written by the app in the same
-- transaction as the events that closed the deadline; `wederhoor dashboard rebuild` recomputes
-- the rows from the event log. The event log stays the source of truth: this is a projection.
--   started_on  the date of the moment that started the deadline
--   due         the last day on time, extensions included
--   closed_on   the date of the step that closed it
--   met         closed_on <= due
--   days_taken  calendar days from started_on to closed_on
CREATE TABLE deadline_outcomes (
    complaint_id TEXT    NOT NULL REFERENCES complaints (id),
    region       TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    started_on   TEXT    NOT NULL,
    due          TEXT    NOT NULL,
    closed_on    TEXT    NOT NULL,
    met          INTEGER NOT NULL CHECK (met IN (0, 1)),
    days_taken   INTEGER NOT NULL,
    CONSTRAINT deadline_outcomes_key UNIQUE (complaint_id, kind, due)
);

-- The figures select a period of `due`, overall or per region.
CREATE INDEX deadline_outcomes_by_due ON deadline_outcomes (due);
CREATE INDEX deadline_outcomes_by_region_due ON deadline_outcomes (region, due);

-- Dead-lettered jobs are listed for administrators and counted for /metrics.
CREATE INDEX jobs_dead ON jobs (id) WHERE state = 'dead';
