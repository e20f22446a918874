-- The staff user a complaint is hidden from: the linked account of the employee the complaint
-- is about, until a hearing offer invites them (`Complaint::hidden_from` in the domain). Kept in
-- the projection like the other columns, from the complaint's state on every append, so the
-- work queue and search can leave the complaint out for that one viewer with
-- `(hidden_from IS NULL OR hidden_from <> $n)`: a filter on the rows the queue's partial
-- indexes already return, so no index changes. NULL for every complaint before this migration
-- (nothing was linked then).
--
-- Append-only like 0001–0011.
ALTER TABLE complaints ADD COLUMN hidden_from TEXT;
