-- Attachments of complaints (PostgreSQL): files a complainant sent with the public form (or later).
--
-- The bytes live in the database, beside the complaint, so the complaint and its files are
-- written in one transaction (nothing accepted is lost, no orphan files on disk) and a backup of
-- the database is a backup of everything. The web layer limits them (5 files of 10 MB by
-- default), so the table stays a modest share of the database. BYTEA values this size are
-- TOASTed (stored out of line), so listing the metadata does not read them.
--   size     the byte count of `bytes`
--   sha256   lowercase hex of the SHA-256 of `bytes`, computed by the store
--   position the order in which they were added to the complaint (0-based within one addition)
CREATE TABLE attachments (
    id           TEXT    COLLATE "C" NOT NULL,
    complaint_id TEXT    COLLATE "C" NOT NULL REFERENCES complaints (id),
    position     BIGINT  NOT NULL,
    filename     TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL CHECK (size >= 0),
    sha256       TEXT    NOT NULL,
    bytes        BYTEA   NOT NULL,
    created_at   BIGINT  NOT NULL,
    CONSTRAINT attachments_pkey PRIMARY KEY (id)
);

CREATE INDEX attachments_by_complaint ON attachments (complaint_id, created_at, position);
