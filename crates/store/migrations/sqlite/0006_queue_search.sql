-- The work queue's remaining filters and its full-text search (SQLite).
--
-- Append-only like 0001–0005; migrations/postgres/0006_queue_search.sql holds the same indexes
-- (plus one for unassigned complaints) and a GIN index instead of the FTS5 table.
-- Queries: src/ops/queue.rs (filters) and src/ops/queue_search.rs (search, the one queue
-- condition whose SQL text differs per database).

-- One partial index per new filter, in queue order, like the region and state indexes of 0001:
-- a filtered page is a range walk without a sort. Combined filters walk one and filter the rest.
-- The assignee index serves both "assigned to me" (assignee = $n) and "unassigned"
-- (assignee IS NULL: SQLite keeps index order for it). PostgreSQL needs a separate partial index
-- for the unassigned rows; SQLite would not use it, so it is not created here.
CREATE INDEX complaints_open_by_assignee_deadline
    ON complaints (assignee, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_channel_deadline
    ON complaints (channel, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_category_deadline
    ON complaints (category, next_deadline, id) WHERE closed = false;

-- Full-text index of the search text (reference, name, e-mail, region, category, description,
-- employee) of OPEN complaints only: the queue never shows closed ones, and the index stays as
-- small as the open set. Contentless (content=''): the text lives in complaints.search_text
-- only. The rowid is the reference key ref_year * 10^10 + ref_number, which (unlike the
-- complaints table's implicit rowid) survives VACUUM, and leads back to a complaint through
-- the unique (ref_year, ref_number) key. Case- and accent-insensitive; no stemming.
CREATE VIRTUAL TABLE complaints_fts USING fts5 (
    search_text,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Kept in sync by triggers, so every write path (intake, appends, seeding, imports) is covered.
-- A contentless table forgets its text: removing a row needs the exact text it was indexed with
-- (the 'delete' command), which the triggers have in old.search_text.
CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints
WHEN new.closed = false
BEGIN
    INSERT INTO complaints_fts (rowid, search_text)
    VALUES (new.ref_year * 10000000000 + new.ref_number, new.search_text);
END;

-- Appends rewrite the whole projection; only a change of the text or of open/closed touches
-- the index.
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF closed, search_text ON complaints
WHEN old.closed IS NOT new.closed OR old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO complaints_fts (complaints_fts, rowid, search_text)
    SELECT 'delete', old.ref_year * 10000000000 + old.ref_number, old.search_text
    WHERE old.closed = false;
    INSERT INTO complaints_fts (rowid, search_text)
    SELECT new.ref_year * 10000000000 + new.ref_number, new.search_text
    WHERE new.closed = false;
END;

CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints
WHEN old.closed = false
BEGIN
    INSERT INTO complaints_fts (complaints_fts, rowid, search_text)
    VALUES ('delete', old.ref_year * 10000000000 + old.ref_number, old.search_text);
END;

-- Backfill the open complaints that exist already.
INSERT INTO complaints_fts (rowid, search_text)
SELECT ref_year * 10000000000 + ref_number, search_text FROM complaints WHERE closed = false;
