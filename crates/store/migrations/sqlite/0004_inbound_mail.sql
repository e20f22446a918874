-- Incoming mail (SQLite): every message the mail intake receives, kept as received.
--
-- Append-only like 0001–0003; migrations/postgres/0004_inbound_mail.sql holds the same table.
--
-- The intake writes a message here (and commits) before it acts on it, and only then tells the
-- MTA "accepted" or moves it out of the IMAP folder. A crash in between makes the message come
-- again; the primary key recognises it, so it is finished instead of taken twice.
--   message_key   the Message-ID without angle brackets, or 'sha256:<hex of raw>' when the
--                 message has none
--   received_at   when it first arrived (microseconds, UTC)
--   source        'stdin' (an MTA pipe) or 'imap'
--   raw           the message exactly as received
--   state         received: written, not yet acted on (a crash, or a failure to retry);
--                 processed: a complaint was registered or the message joined one;
--                 ignored: recorded only (sent by a machine, unreadable, no sender address)
--   complaint_id  the complaint it created or joined, if any
--   outcome       what happened, for people ("new_complaint K-2026-000001", "ignored: bounce")
--   processed_at  when the state left 'received'
CREATE TABLE inbound_messages (
    message_key  TEXT    NOT NULL PRIMARY KEY,
    received_at  INTEGER NOT NULL,
    source       TEXT    NOT NULL CHECK (source IN ('stdin', 'imap')),
    raw          BLOB    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('received', 'processed', 'ignored')),
    complaint_id TEXT    REFERENCES complaints (id),
    outcome      TEXT,
    processed_at INTEGER
);

-- For an administrator's list of ignored or stuck mail, newest first.
CREATE INDEX inbound_messages_by_state ON inbound_messages (state, received_at);
