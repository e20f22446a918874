-- Attachments of complaints (SQLite): files a complainant sent with the public form (or later).
--
-- The bytes live in the database, beside the complaint, so the complaint and its files are
-- written in one transaction (nothing accepted is lost, no orphan files on disk) and a backup of
-- the database is a backup of everything. The web layer limits them (5 files of 10 MB by
-- default), so the table stays a modest share of the database.
--   size     the byte count of `bytes`
--   sha256   lowercase hex of the SHA-256 of `bytes`, computed by the store
--   position the order in which they were added to the complaint (0-based within one addition)
CREATE TABLE attachments (
    id           TEXT    NOT NULL PRIMARY KEY,
    complaint_id TEXT    NOT NULL REFERENCES complaints (id),
    position     INTEGER NOT NULL,
    filename     TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE INDEX attachments_by_complaint ON attachments (complaint_id, created_at, position);
