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
-- Dates are TEXT 'YYYY-MM-DD' COLLATE "C", as everywhere (see 0001).
CREATE TABLE deadline_outcomes (
    complaint_id TEXT    COLLATE "C" NOT NULL REFERENCES complaints (id),
    region       TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    started_on   TEXT    COLLATE "C" NOT NULL,
    due          TEXT    COLLATE "C" NOT NULL,
    closed_on    TEXT    COLLATE "C" NOT NULL,
    met          BOOLEAN NOT NULL,
    days_taken   BIGINT  NOT NULL,
    CONSTRAINT deadline_outcomes_key UNIQUE (complaint_id, kind, due)
);

-- The figures select a period of `due`, overall or per region.
CREATE INDEX deadline_outcomes_by_due ON deadline_outcomes (due);
CREATE INDEX deadline_outcomes_by_region_due ON deadline_outcomes (region, due);

-- Dead-lettered jobs are listed for administrators and counted for /metrics.
CREATE INDEX jobs_dead ON jobs (id) WHERE state = 'dead';
