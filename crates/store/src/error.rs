//! The store's one error type (habit 5: one error enum per layer).
//!
//! Unique-constraint violations are mapped to [`StoreError::DuplicateKey`] with a stable name
//! where the query runs (habit 6), so callers match on [`constraint`] names instead of parsing
//! database messages. PostgreSQL reports constraint names; SQLite reports `table.column`, which
//! the SQLite backend translates to the same names.

/// Names of the unique constraints the store reports in [`StoreError::DuplicateKey`]. They are
/// the PostgreSQL constraint names in `migrations/postgres`.
pub mod constraint {
    /// Two complaints with one id.
    pub const COMPLAINT_ID: &str = "complaints_pkey";
    /// Two complaints with one reference (cannot happen while the counter is used).
    pub const COMPLAINT_REFERENCE: &str = "complaints_reference_key";
    /// Two complaints with one idempotency key.
    pub const COMPLAINT_IDEMPOTENCY_KEY: &str = "complaints_idempotency_key_key";
    /// Two events with one (complaint, seq): a concurrent append won.
    pub const EVENT_SEQ: &str = "events_pkey";
    /// Two jobs with one dedupe key (inserts use ON CONFLICT DO NOTHING, so rarely seen).
    pub const JOB_DEDUPE_KEY: &str = "jobs_dedupe_key_key";
    /// Two users with one (lower-cased) e-mail address.
    pub const USER_EMAIL: &str = "users_email_key";
    /// Two users with one id.
    pub const USER_ID: &str = "users_pkey";
    /// Two sessions with one id (a 256-bit random id: never in practice).
    pub const SESSION_ID: &str = "sessions_pkey";
    /// Two setup tokens with one hash.
    pub const SETUP_TOKEN: &str = "setup_tokens_pkey";
    /// Two API tokens with one id.
    pub const API_TOKEN_ID: &str = "api_tokens_pkey";
    /// Two API tokens with one hash.
    pub const API_TOKEN_HASH: &str = "api_tokens_token_hash_key";
    /// Two unrevoked API tokens of one user with one name.
    pub const API_TOKEN_NAME: &str = "api_tokens_active_name_key";
    /// Two portal links with one hash.
    pub const PORTAL_LINK: &str = "portal_links_pkey";
    /// Any other unique constraint.
    pub const OTHER: &str = "unknown_unique_constraint";
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The complaint or job does not exist.
    #[error("not found")]
    NotFound,
    /// Another writer got there first (stale `expected_seq`), or a job is held by another worker.
    #[error("conflict: {what}")]
    Conflict { what: String },
    /// A named unique constraint (see [`constraint`]) was violated.
    #[error("duplicate key violates {0}")]
    DuplicateKey(&'static str),
    /// A stored value could not be decoded (a corrupt row or a bad URL).
    #[error("invalid data: {0}")]
    Invalid(String),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    pub(crate) fn invalid(what: impl std::fmt::Display) -> StoreError {
        StoreError::Invalid(what.to_string())
    }

    pub(crate) fn conflict(what: impl Into<String>) -> StoreError {
        StoreError::Conflict { what: what.into() }
    }
}
