-- Wederhoor store: staff accounts, sessions, tokens and complainant portal links (PostgreSQL).
--
-- Append-only like 0001; migrations/sqlite/0002_accounts.sql holds the same tables. Same
-- representations as 0001 (TEXT ids COLLATE "C", BIGINT microseconds, BOOLEAN).
--
-- Credentials are never stored in the clear: session ids and every token are stored as the
-- hex SHA-256 of the random 256-bit value handed out (a leaked table does not let anyone log
-- in), passwords as argon2id PHC strings. No account or password is seeded: the first
-- administrator is made with `wederhoor user add`.

-- Staff. `email` is stored lower-cased (the store does it), so the unique key is
-- case-insensitive. `all_regions` gives organisation-wide access (typically beheerder/lezer);
-- otherwise the user sees only the regions in user_regions (none: nothing).
CREATE TABLE users (
    id            TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL
                  CHECK (role IN ('klachtbehandelaar', 'regiodirecteur', 'beheerder', 'lezer')),
    all_regions   BOOLEAN NOT NULL,
    active        BOOLEAN NOT NULL,
    -- NULL until the user sets one through a setup link (or `user add --password-stdin`)
    password_hash TEXT,
    -- base32 TOTP secret; NULL when two-factor login is off for this user
    totp_secret   TEXT,
    created_at    BIGINT  NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE user_regions (
    user_id     TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL,
    CONSTRAINT user_regions_pkey PRIMARY KEY (user_id, region_code)
);

-- Server-side sessions. A session ends at `expires_at` (absolute) or when unused for the idle
-- timeout the application passes on each lookup (measured from `last_seen_at`).
CREATE TABLE sessions (
    id_hash      TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    ip           TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- One-time links to set a password (first login, or reset by an administrator).
CREATE TABLE setup_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX setup_tokens_user ON setup_tokens (user_id);

-- Bearer tokens for the JSON API, acting as their user. A name is unique among a user's
-- unrevoked tokens.
CREATE TABLE api_tokens (
    id           TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    token_hash   TEXT    NOT NULL,
    user_id      TEXT    COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE UNIQUE INDEX api_tokens_active_name_key ON api_tokens (user_id, name)
    WHERE revoked_at IS NULL;

-- The complainant's personal links. `expires_at` is NULL while the complaint is open and set
-- when it closes (plus a configurable period).
CREATE TABLE portal_links (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    complaint_id TEXT    COLLATE "C" NOT NULL REFERENCES complaints (id),
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX portal_links_complaint ON portal_links (complaint_id);

-- Failed logins per key ('email:<address>', 'ip:<address>'), shared by every instance, so the
-- growing delay after failures holds whichever instance a request reaches. Keyed by the address
-- typed, known or not: unknown addresses are throttled alike and reveal nothing.
CREATE TABLE login_throttle (
    key            TEXT    NOT NULL PRIMARY KEY,
    failures       BIGINT  NOT NULL,
    last_failed_at BIGINT  NOT NULL
);

-- Server-side secrets generated on first use (e.g. an HMAC key); the first writer wins and every
-- instance reads the same value.
CREATE TABLE app_secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
