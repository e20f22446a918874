-- The work queue at 1,000,000 complaints (SQLite): its partial indexes carry every column the
-- queue filters on. SQLite only: PostgreSQL's queue indexes were fast at that size, and it has
-- no 0013.
--
-- Append-only like 0001–0011. Measured at 1,000,000 complaints (docs/store.md, "Measured at
-- 1,000,000"): a page walks one partial index in (next_deadline, id) order and checks the other
-- conditions per entry. With only (…, next_deadline, id) in the index, every entry walked cost a
-- seek into the 1,000,000-row table to read region, state, assignee, channel, category or the
-- reference key of the search; a search for a rare name or a word no open complaint has, or a
-- combination of filters that matches few, walked thousands of open entries this way
-- (65–250 ms). With the filter columns and the reference key after (next_deadline, id), SQLite
-- checks them in the index and seeks the table only for the rows it returns (a deferred seek).
--
-- The leading columns and the order are unchanged (same names, same range walks, no sort), so
-- the queries in src/ops/queue.rs and src/ops/queue_search.rs stay as they are. The indexes are
-- partial (open complaints only, ~2.4 % of the table), so the extra columns cost little.
-- Creating them reads the table once per index. `hidden_from` (0012) is in them too: every staff
-- queue query has the viewer condition `(hidden_from IS NULL OR hidden_from <> $n)`.

DROP INDEX complaints_open_by_deadline;
CREATE INDEX complaints_open_by_deadline
    ON complaints (next_deadline, id,
                   region, state, assignee, channel, category, ref_year, ref_number, hidden_from)
    WHERE closed = false;

DROP INDEX complaints_open_by_region_deadline;
CREATE INDEX complaints_open_by_region_deadline
    ON complaints (region, next_deadline, id,
                   state, assignee, channel, category, ref_year, ref_number, hidden_from)
    WHERE closed = false;

DROP INDEX complaints_open_by_state_deadline;
CREATE INDEX complaints_open_by_state_deadline
    ON complaints (state, next_deadline, id,
                   region, assignee, channel, category, ref_year, ref_number, hidden_from)
    WHERE closed = false;

DROP INDEX complaints_open_by_assignee_deadline;
CREATE INDEX complaints_open_by_assignee_deadline
    ON complaints (assignee, next_deadline, id,
                   region, state, channel, category, ref_year, ref_number, hidden_from)
    WHERE closed = false;

DROP INDEX complaints_open_by_channel_deadline;
CREATE INDEX complaints_open_by_channel_deadline
    ON complaints (channel, next_deadline, id,
                   region, state, assignee, category, ref_year, ref_number, hidden_from)
    WHERE closed = false;

DROP INDEX complaints_open_by_category_deadline;
CREATE INDEX complaints_open_by_category_deadline
    ON complaints (category, next_deadline, id,
                   region, state, assignee, channel, ref_year, ref_number, hidden_from)
    WHERE closed = false;
