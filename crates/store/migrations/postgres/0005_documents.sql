-- Letters of the procedure (PostgreSQL): each letter sent to the complainant, as the PDF that was
-- sent.
--
-- Append-only like 0001–0004; migrations/sqlite/0005_documents.sql holds the same table.
--
-- One row per letter: the letter job (`letter.send`) renders the PDF for the event at
-- `event_seq` and stores it here before mailing it. The unique key makes a retried job store
-- one document: the second insert does nothing and the job mails the stored one.
--   kind         the letter kind (`answer`, `hearing_invitation`, …, as `letters::LetterKind`)
--   event_seq    the sequence number of the event that required the letter
--   dagtekening  the date the letter bears, `YYYY-MM-DD`
--   sha256       lowercase hex of the SHA-256 of `bytes`, computed by the store
CREATE TABLE documents (
    id           TEXT    COLLATE "C" NOT NULL,
    complaint_id TEXT    COLLATE "C" NOT NULL REFERENCES complaints (id),
    kind         TEXT    NOT NULL,
    event_seq    BIGINT  NOT NULL,
    dagtekening  TEXT    NOT NULL,
    filename     TEXT    NOT NULL,
    bytes        BYTEA   NOT NULL,
    sha256       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    CONSTRAINT documents_pkey PRIMARY KEY (id),
    CONSTRAINT documents_once UNIQUE (complaint_id, event_seq, kind)
);
