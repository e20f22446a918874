-- The complainant's address, as "send me my link again" looks it up (`ops::lookup::by_email`):
-- trimmed and lower-cased by the caller, compared with `LOWER(complainant_email)`. Until now
-- that was a scan of the complaints table; with this expression index it is one index probe
-- on both databases (the expression is written exactly as the query writes it, which SQLite
-- needs to use an expression index).
--
-- Append-only like 0001–0010.
CREATE INDEX complaints_email ON complaints (LOWER(complainant_email));
