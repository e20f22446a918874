-- Wederhoor store, initial schema (SQLite).
--
-- Migrations are append-only: never edit this file once released; add 0002_….sql instead.
-- migrations/postgres/0001_init.sql holds the same tables. The representations are chosen so
-- that every query in src/sql.rs is the same SQL text on both databases:
--   instants       INTEGER microseconds since 1970-01-01T00:00:00Z (UTC)
--   civil dates    TEXT 'YYYY-MM-DD'
--   ids            TEXT, the hyphenated lowercase UUID
--   booleans       INTEGER 0/1 (queries write the literals false/true)
--   JSON           TEXT, the exact bytes written (event payloads are hashed as stored)

-- The projection: the current state of each complaint, rewritten with every append.
CREATE TABLE complaints (
    id                 TEXT    NOT NULL PRIMARY KEY,
    ref_year           INTEGER NOT NULL,
    ref_number         INTEGER NOT NULL,
    -- resubmissions of the same form carry the same key and get the same complaint back
    idempotency_key    TEXT,
    -- seq of the last event; appends are optimistic on this column
    seq                INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    state              TEXT    NOT NULL,
    closed             INTEGER NOT NULL CHECK (closed IN (0, 1)),
    region             TEXT    NOT NULL,
    category           TEXT    NOT NULL,
    channel            TEXT    NOT NULL,
    assignee           TEXT,
    received_at        INTEGER NOT NULL,
    complainant_name   TEXT    NOT NULL,
    complainant_email  TEXT,
    -- '9999-12-31' when there is no open deadline, so (next_deadline, id) pages without NULLs
    next_deadline      TEXT    NOT NULL,
    next_deadline_kind TEXT,
    overdue_since      TEXT,
    deadlines          TEXT    NOT NULL,
    search_text        TEXT    NOT NULL,
    procedure_version  TEXT    NOT NULL,
    CONSTRAINT complaints_reference_key UNIQUE (ref_year, ref_number),
    CONSTRAINT complaints_idempotency_key_key UNIQUE (idempotency_key)
);

-- The work queues: open complaints by nearest deadline, overall, per region and per state.
-- Partial indexes keep closed complaints (the bulk, over the years) out of them.
CREATE INDEX complaints_open_by_deadline
    ON complaints (next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_region_deadline
    ON complaints (region, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_state_deadline
    ON complaints (state, next_deadline, id) WHERE closed = false;

-- The event log: append-only, hash-chained per complaint (src/hash.rs).
CREATE TABLE events (
    complaint_id TEXT    NOT NULL REFERENCES complaints (id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    kind         TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    payload      TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    PRIMARY KEY (complaint_id, seq)
) WITHOUT ROWID;

-- Enforce append-only where the database can. Someone with write access to the file can still
-- drop these triggers; `audit verify` detects what they then change.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- The last reference number issued per year, updated in the transaction that uses it: a rolled
-- back complaint rolls back its number too, so references have no gaps.
CREATE TABLE reference_counters (
    year INTEGER NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Jobs are rows, queued in the transaction of the step that causes them.
-- AUTOINCREMENT: a job id is never reused, even after old jobs are pruned.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    run_at       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    -- a job whose lease expires on its last attempt (the worker died) is dead-lettered
    max_attempts INTEGER NOT NULL DEFAULT 10,
    state        TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'running', 'done', 'dead')),
    locked_by    TEXT,
    locked_until INTEGER,
    last_error   TEXT,
    dedupe_key   TEXT,
    created_at   INTEGER NOT NULL,
    CONSTRAINT jobs_dedupe_key_key UNIQUE (dedupe_key)
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state = 'pending';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';

-- Organisation data, edited by administrators.
CREATE TABLE regions (
    code               TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL,
    management_name    TEXT    NOT NULL,
    management_address TEXT    NOT NULL,
    active             INTEGER NOT NULL CHECK (active IN (0, 1))
);

CREATE TABLE categories (
    code    TEXT    NOT NULL PRIMARY KEY,
    name_nl TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    active  INTEGER NOT NULL CHECK (active IN (0, 1))
);

-- Days the organisation is closed, on top of the legal calendar (they extend working-day terms).
CREATE TABLE closure_days (
    day  TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);
