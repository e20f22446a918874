-- Wederhoor store, initial schema (PostgreSQL).
--
-- Migrations are append-only: never edit this file once released; add 0002_….sql instead.
-- migrations/sqlite/0001_init.sql holds the same tables. The representations are chosen so
-- that every query in src/sql.rs is the same SQL text on both databases:
--   instants       BIGINT microseconds since 1970-01-01T00:00:00Z (UTC)
--   civil dates    TEXT 'YYYY-MM-DD'
--   ids            TEXT, the hyphenated lowercase UUID
--   booleans       BOOLEAN
--   integers       BIGINT (sqlx decodes them as i64 on both databases)
--   sorted text    COLLATE "C" (ids, dates): bytewise order, as on SQLite
--   JSON           TEXT, not JSONB: event payloads are hashed as stored, and JSONB would
--                  normalise them

-- The projection: the current state of each complaint, rewritten with every append.
CREATE TABLE complaints (
    id                 TEXT    COLLATE "C" NOT NULL,
    ref_year           BIGINT  NOT NULL,
    ref_number         BIGINT  NOT NULL,
    -- resubmissions of the same form carry the same key and get the same complaint back
    idempotency_key    TEXT,
    -- seq of the last event; appends are optimistic on this column
    seq                BIGINT  NOT NULL,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    state              TEXT    NOT NULL,
    closed             BOOLEAN NOT NULL,
    region             TEXT    NOT NULL,
    category           TEXT    NOT NULL,
    channel            TEXT    NOT NULL,
    assignee           TEXT,
    received_at        BIGINT  NOT NULL,
    complainant_name   TEXT    NOT NULL,
    complainant_email  TEXT,
    -- '9999-12-31' when there is no open deadline, so (next_deadline, id) pages without NULLs
    next_deadline      TEXT    COLLATE "C" NOT NULL,
    next_deadline_kind TEXT,
    overdue_since      TEXT    COLLATE "C",
    deadlines          TEXT    NOT NULL,
    search_text        TEXT    NOT NULL,
    procedure_version  TEXT    NOT NULL,
    CONSTRAINT complaints_pkey PRIMARY KEY (id),
    CONSTRAINT complaints_reference_key UNIQUE (ref_year, ref_number),
    CONSTRAINT complaints_idempotency_key_key UNIQUE (idempotency_key)
);

-- The work queues: open complaints by nearest deadline, overall, per region and per state.
-- Partial indexes keep closed complaints (the bulk, over the years) out of them. Ids and dates
-- are COLLATE "C": they compare bytewise, as on SQLite, whatever the database's default collation.
CREATE INDEX complaints_open_by_deadline
    ON complaints (next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_region_deadline
    ON complaints (region, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_state_deadline
    ON complaints (state, next_deadline, id) WHERE closed = false;

-- The event log: append-only, hash-chained per complaint (src/hash.rs).
CREATE TABLE events (
    complaint_id TEXT   COLLATE "C" NOT NULL REFERENCES complaints (id),
    seq          BIGINT NOT NULL CHECK (seq >= 1),
    kind         TEXT   NOT NULL,
    actor        TEXT   NOT NULL,
    at           BIGINT NOT NULL,
    payload      TEXT   NOT NULL,
    prev_hash    TEXT   NOT NULL,
    hash         TEXT   NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (complaint_id, seq)
);

-- Enforce append-only where the database can. A superuser can still disable the trigger;
-- `audit verify` detects what they then change.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

-- The last reference number issued per year, updated in the transaction that uses it: a rolled
-- back complaint rolls back its number too, so references have no gaps (unlike a SEQUENCE).
CREATE TABLE reference_counters (
    year BIGINT NOT NULL PRIMARY KEY,
    last BIGINT NOT NULL
);

-- Jobs are rows, queued in the transaction of the step that causes them.
CREATE TABLE jobs (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    run_at       BIGINT  NOT NULL,
    attempts     BIGINT  NOT NULL DEFAULT 0,
    -- a job whose lease expires on its last attempt (the worker died) is dead-lettered
    max_attempts BIGINT  NOT NULL DEFAULT 10,
    state        TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'running', 'done', 'dead')),
    locked_by    TEXT,
    locked_until BIGINT,
    last_error   TEXT,
    dedupe_key   TEXT,
    created_at   BIGINT  NOT NULL,
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
    active             BOOLEAN NOT NULL
);

CREATE TABLE categories (
    code    TEXT    NOT NULL PRIMARY KEY,
    name_nl TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    active  BOOLEAN NOT NULL
);

-- Days the organisation is closed, on top of the legal calendar (they extend working-day terms).
CREATE TABLE closure_days (
    day  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);
