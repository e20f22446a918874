-- The work queue's remaining filters and its full-text search (PostgreSQL).
--
-- Append-only like 0001–0005; migrations/sqlite/0006_queue_search.sql holds the same filter indexes
-- (without the unassigned one) and an FTS5 table instead of the GIN index.
-- Queries: src/ops/queue.rs (filters) and src/ops/queue_search.rs (search, the one queue
-- condition whose SQL text differs per database).

-- One partial index per new filter, in queue order, like the region and state indexes of 0001:
-- a filtered page is a range walk without a sort. Combined filters walk one and filter the rest.
-- "Assigned to me" (assignee = $n) walks the assignee index. "Unassigned" has its own partial
-- index: PostgreSQL 15 does not take `assignee IS NULL` as an equality that keeps index order,
-- and would sort the unassigned rows of (assignee, next_deadline, id). (SQLite does, so its
-- 0006 leaves this index out.)
CREATE INDEX complaints_open_by_assignee_deadline
    ON complaints (assignee, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_unassigned_by_deadline
    ON complaints (next_deadline, id) WHERE closed = false AND assignee IS NULL;
CREATE INDEX complaints_open_by_channel_deadline
    ON complaints (channel, next_deadline, id) WHERE closed = false;
CREATE INDEX complaints_open_by_category_deadline
    ON complaints (category, next_deadline, id) WHERE closed = false;

-- Full-text search over the search text (reference, name, e-mail, region, category,
-- description, employee) of OPEN complaints only, with the Dutch snowball stemmer and stop
-- words. An expression index rather than a generated column: nothing in the table changes, so
-- the insert and update statements stay one text for both databases. Queries must use exactly
-- `to_tsvector('dutch', search_text) @@ plainto_tsquery('dutch', $n)` with `closed = false`.
-- Creating the index indexes the existing rows (the backfill).
CREATE INDEX complaints_open_search
    ON complaints USING gin (to_tsvector('dutch', search_text)) WHERE closed = false;
