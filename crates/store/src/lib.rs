//! The complaint record: append-only, hash-chained events, a projection written in the same
//! transaction, a jobs table and gap-free references, on SQLite (default) or PostgreSQL behind
//! one [`Store`] trait.
//!
//! # One SQL text for both databases
//! Every query is written once (see `sql`) with `$N` placeholders, which sqlx's SQLite driver
//! accepts too. To make that possible the two schemas use only representations both databases
//! treat alike, and values are bound as primitives (no chrono/uuid sqlx features):
//! - instants are BIGINT microseconds since the Unix epoch, UTC ([`jiff::Timestamp`]);
//! - civil dates are TEXT `YYYY-MM-DD`, which sorts chronologically; a complaint without a next
//!   deadline stores [`NO_DEADLINE`] (`9999-12-31`) so keyset paging needs no NULL handling;
//! - ids are TEXT, the hyphenated lowercase UUID (36 chars): one text, one binding, and readable
//!   in either database's shell;
//! - booleans are BOOLEAN on PostgreSQL and INTEGER 0/1 on SQLite; queries use `false`/`true`
//!   literals, which SQLite (3.23+) reads as 0/1, so partial indexes `WHERE closed = false` match;
//! - event payloads are TEXT: the exact JSON bytes that were hashed (JSONB would normalise them
//!   and break the chain). Job payloads and deadlines are TEXT as well, for one code path.
//!
//! The SQL text differs in two places only: claiming jobs, where PostgreSQL adds
//! `FOR UPDATE SKIP LOCKED` (SQLite has a single writer, so there is nothing to skip), and the
//! work queue's full-text condition (`ops::queue_search`: FTS5 `MATCH` on SQLite, a Dutch
//! `tsvector` on PostgreSQL). DDL lives in one migrations folder per backend.
//!
//! # Transactions
//! Each write method is one transaction: a complaint's events, projection and follow-up jobs are
//! committed together or not at all. SQLite writes go through one writer connection with
//! `BEGIN IMMEDIATE` (so a write transaction never fails half-way on a lock upgrade); reads use a
//! small separate pool, which WAL lets run beside the writer.

mod accounts;
mod dashboard;
mod engine;
mod error;
mod exec;
pub mod hash;
mod inbound;
mod ops;
mod organisation;
mod postgres;
mod sql;
mod sqlite;
mod types;

use std::sync::Arc;

use async_trait::async_trait;
use domain::reference::Reference;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

pub use accounts::*;
pub use dashboard::*;
pub use error::{StoreError, constraint};
pub use inbound::*;
pub use organisation::Organisation;
pub use types::*;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Connects by URL: `sqlite://path/to/file.db` (the file and its parent folders are created if
/// missing) or `postgres://…`. Does not migrate; call [`Store::migrate`].
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::open(url).await?))
    } else {
        Err(StoreError::invalid(
            "database URL must start with sqlite:// or postgres://",
        ))
    }
}

/// The complaint record. See the crate docs for the storage decisions.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    fn backend(&self) -> Backend;
    /// Applies the embedded migrations of this backend.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Readiness: the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Creates complaints in one transaction, each with the next reference of its year (gap-free:
    /// the counter is updated in the same transaction). A known idempotency key returns the
    /// existing complaint with `existed: true` and writes nothing for it. One result per input,
    /// in order.
    async fn create_complaints(
        &self,
        batch: Vec<NewComplaint>,
    ) -> Result<Vec<Created>, StoreError> {
        self.create_pending(batch.into_iter().map(Into::into).collect())
            .await
    }
    /// Like [`Store::create_complaints`], for contents built from the allocated reference.
    async fn create_pending(
        &self,
        batch: Vec<PendingComplaint>,
    ) -> Result<Vec<Created>, StoreError>;
    /// Appends events after `expected_seq` ([`StoreError::Conflict`] when another writer got
    /// there first), replaces the projection and queues jobs, in one transaction:
    /// [`Store::append_with_outcomes`] for events that close no deadline.
    async fn append(
        &self,
        id: ComplaintId,
        expected_seq: i64,
        events: Vec<NewEvent>,
        projection: Projection,
        jobs: Vec<NewJob>,
    ) -> Result<(), StoreError> {
        self.append_with_outcomes(id, expected_seq, events, projection, jobs, Vec::new())
            .await
    }
    async fn complaint(&self, id: ComplaintId) -> Result<Option<ComplaintRecord>, StoreError>;
    async fn complaint_by_reference(
        &self,
        r: Reference,
    ) -> Result<Option<ComplaintRecord>, StoreError>;
    /// The complaint's events in seq order.
    async fn events(&self, id: ComplaintId) -> Result<Vec<StoredEvent>, StoreError>;
    /// Open complaints by nearest deadline (then id), filterable by region, state, handler,
    /// channel and category, keyset-paged; each single filter is served from a partial index
    /// without a sort. A search (words or an exact reference) narrows any of these; words
    /// match by prefix on SQLite and by Dutch stem on PostgreSQL (`QueueQuery::search`).
    async fn queue(&self, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError>;
    async fn count_open(&self) -> Result<i64, StoreError>;
    /// The query plan of `queue(q)` as text. On PostgreSQL it is planned with sequential and
    /// bitmap scans off: the plan the table gets once it is large, not the scan-and-sort a tiny
    /// table gets.
    async fn explain_queue(&self, q: &QueueQuery) -> Result<String, StoreError>;
    /// The plan the database picks for `queue(q)` with its own settings, for measuring at size:
    /// on PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)` (the query runs; times and buffers per node),
    /// on SQLite the same `EXPLAIN QUERY PLAN` as [`Store::explain_queue`] (it has no planner
    /// settings to undo and no per-node timing).
    async fn analyze_queue(&self, q: &QueueQuery) -> Result<String, StoreError>;
    /// Leases up to `limit` due jobs (pending and due, or running with an expired lease) to
    /// `worker` until `now + lease`, incrementing their attempts. No two workers hold a job.
    async fn claim_jobs(
        &self,
        worker: &str,
        now: Timestamp,
        lease: SignedDuration,
        limit: u32,
    ) -> Result<Vec<Job>, StoreError>;
    /// Marks a job done; only the worker holding it may ([`StoreError::Conflict`] otherwise).
    async fn complete_job(&self, id: JobId, worker: &str) -> Result<(), StoreError>;
    /// Records a failure: retried at `retry_at`, or dead-lettered when it is None.
    async fn fail_job(
        &self,
        id: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// Recomputes every hash chain and checks sequences, projections and reference numbers.
    async fn verify_audit(&self) -> Result<AuditReport, StoreError>;
    async fn regions(&self) -> Result<Vec<Region>, StoreError>;
    async fn upsert_region(&self, r: &Region) -> Result<(), StoreError>;
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;
    async fn upsert_category(&self, c: &Category) -> Result<(), StoreError>;
    /// Organisation closure days, by date.
    async fn closure_days(&self) -> Result<Vec<(Date, String)>, StoreError>;
    /// Adds a closure day, or renames it when the date is known.
    async fn add_closure_day(&self, d: Date, name: &str) -> Result<(), StoreError>;

    // ---- attachments (see `ops::attachments`; new complaints' files come with
    // `PendingComplaint::attachments`, in the creating transaction) ----

    /// Attaches files to an existing complaint in one transaction ([`StoreError::NotFound`]
    /// when there is no such complaint). Returns what was stored, with size and SHA-256.
    async fn add_attachments(
        &self,
        complaint: ComplaintId,
        files: Vec<NewAttachment>,
    ) -> Result<Vec<AttachmentInfo>, StoreError>;
    /// A complaint's attachments without their bytes, in the order they were added.
    async fn attachments(&self, complaint: ComplaintId) -> Result<Vec<AttachmentInfo>, StoreError>;
    /// One attachment with its bytes.
    async fn attachment(&self, id: AttachmentId) -> Result<Option<Attachment>, StoreError>;

    // ---- documents: the letters sent to the complainant (see `ops::documents`) ----

    /// Stores a letter unless the complaint already has one for that event and kind (a retried
    /// job stores one); returns the document stored, the earlier one if any.
    /// [`StoreError::NotFound`] when there is no such complaint.
    async fn add_document(&self, doc: NewDocument) -> Result<DocumentInfo, StoreError>;
    /// A complaint's documents without their bytes, in the order of their events.
    async fn documents(&self, complaint: ComplaintId) -> Result<Vec<DocumentInfo>, StoreError>;
    /// One document with its bytes.
    async fn document(&self, id: DocumentId) -> Result<Option<Document>, StoreError>;

    // ---- staff accounts (see `accounts`; credentials arrive hashed) ----

    /// Creates a user with their regions. A known e-mail address (case-insensitively) is
    /// `DuplicateKey(constraint::USER_EMAIL)`.
    async fn create_user(&self, user: &NewUser) -> Result<(), StoreError>;
    async fn user(&self, id: AccountId) -> Result<Option<UserRecord>, StoreError>;
    /// Looks the address up trimmed and lower-cased.
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError>;
    /// Every user with their regions, by e-mail address.
    async fn users(&self) -> Result<Vec<UserRecord>, StoreError>;
    /// Changes name, role and regions (`NotFound` for an unknown id).
    async fn update_user(&self, id: AccountId, update: &UserUpdate) -> Result<(), StoreError>;
    /// Enables or disables a user; disabling also deletes their sessions.
    async fn set_user_active(&self, id: AccountId, active: bool) -> Result<(), StoreError>;
    async fn set_password_hash(&self, id: AccountId, hash: &str) -> Result<(), StoreError>;
    /// Turns two-factor login on (a base32 secret) or off (None).
    async fn set_totp_secret(&self, id: AccountId, secret: Option<&str>) -> Result<(), StoreError>;

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;
    /// The live session with this id hash, with its user, touched at `now` when it was last
    /// touched a minute or more ago (so most page views do not write). None when unknown, past
    /// its absolute expiry, or unused for `idle` or longer.
    async fn touch_session(
        &self,
        id_hash: &str,
        now: Timestamp,
        idle: SignedDuration,
    ) -> Result<Option<SessionRecord>, StoreError>;
    /// Logout: true when the session existed.
    async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError>;
    /// Ends every session of a user; returns how many there were.
    async fn delete_sessions_of_user(&self, id: AccountId) -> Result<u64, StoreError>;
    /// Housekeeping: deletes sessions past either expiry, expired setup tokens and login
    /// failures older than `forget_failures_before`; returns the number of rows deleted.
    async fn prune_accounts(
        &self,
        now: Timestamp,
        idle: SignedDuration,
        forget_failures_before: Timestamp,
    ) -> Result<u64, StoreError>;

    async fn create_setup_token(
        &self,
        token_hash: &str,
        user: AccountId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// The user of an unused, unexpired setup token (for showing the form).
    async fn setup_token_user(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<UserRecord>, StoreError>;
    /// In one transaction: marks the token used, sets the password hash, voids the user's other
    /// setup tokens and ends their sessions. None, writing nothing, when the token is unknown,
    /// used or expired; of concurrent redemptions exactly one succeeds.
    async fn redeem_setup_token(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<Option<AccountId>, StoreError>;

    /// A name already used by an unrevoked token of the same user is
    /// `DuplicateKey(constraint::API_TOKEN_NAME)`.
    async fn create_api_token(&self, token: &NewApiToken) -> Result<(), StoreError>;
    /// The unrevoked token with this hash and its user, marked used at `now`.
    async fn use_api_token(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenRecord, UserRecord)>, StoreError>;
    /// A user's tokens, revoked ones included, oldest first.
    async fn api_tokens(&self, user: AccountId) -> Result<Vec<ApiTokenRecord>, StoreError>;
    /// True when the token was live and is revoked now.
    async fn revoke_api_token(&self, id: ApiTokenId, now: Timestamp) -> Result<bool, StoreError>;

    /// Stores a portal link for a complaint (`expires_at` None while it is open).
    async fn create_portal_link(
        &self,
        token_hash: &str,
        complaint: ComplaintId,
        now: Timestamp,
        expires_at: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// The link with this hash unless revoked or expired at `now`.
    async fn portal_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<PortalLink>, StoreError>;
    /// True when the link was live and is revoked now.
    async fn revoke_portal_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Revokes every live link of a complaint; returns how many.
    async fn revoke_portal_links(
        &self,
        complaint: ComplaintId,
        now: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Sets the expiry of every unrevoked link of a complaint: a time when it closes, None when
    /// it reopens. Returns how many links changed.
    async fn set_portal_links_expiry(
        &self,
        complaint: ComplaintId,
        expires_at: Option<Timestamp>,
    ) -> Result<u64, StoreError>;

    /// Failed logins counted under `key` (e.g. `email:…`, `ip:…`), if any.
    async fn login_failures(&self, key: &str) -> Result<Option<LoginFailures>, StoreError>;
    /// Counts a failed login under `key` atomically (several instances share the count). The
    /// count starts again at 1 when the previous failure was before `forget_before`.
    async fn record_login_failure(
        &self,
        key: &str,
        now: Timestamp,
        forget_before: Timestamp,
    ) -> Result<LoginFailures, StoreError>;
    /// Counts a login attempt as failed before the password is checked, but only if the key's
    /// count is still `seen` (what [`Store::login_failures`] returned): of concurrent attempts
    /// that saw the same count exactly one gets `Some(new count)`, the others `None`, so a burst
    /// of parallel guesses cannot slip past the delay. A successful login then resets the key.
    async fn claim_login_attempt(
        &self,
        key: &str,
        seen: Option<LoginFailures>,
        now: Timestamp,
        forget_before: Timestamp,
    ) -> Result<Option<LoginFailures>, StoreError>;
    async fn reset_login_failures(&self, key: &str) -> Result<(), StoreError>;
    // ---- complainant lookups and free-standing jobs (see `ops::lookup`) ----

    /// The complaints whose complainant gave `email` (trimmed, compared ASCII
    /// case-insensitively), newest first, at most 100. For "send me my link again".
    async fn complaints_by_email(&self, email: &str) -> Result<Vec<ComplaintRecord>, StoreError>;
    /// Queues jobs that belong to no complaint step (e.g. a link the complainant asked for), in
    /// one transaction. A dedupe key queued before makes its job a no-op; returns how many
    /// were queued.
    async fn enqueue_jobs(&self, jobs: Vec<NewJob>) -> Result<u64, StoreError>;

    // ---- incoming mail (see `ops::inbound`): record first, act, then mark ----

    /// Records an incoming message unless its key is known, in one transaction: `New` when it
    /// was written (as `received`), else how far the earlier attempt got (nothing is written).
    async fn record_inbound(&self, message: NewInbound) -> Result<InboundStatus, StoreError>;
    /// Sets how a recorded message ended ([`StoreError::NotFound`] for an unknown key).
    async fn mark_inbound(
        &self,
        key: &str,
        state: InboundState,
        complaint_id: Option<ComplaintId>,
        outcome: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// One recorded message, with its raw bytes.
    async fn inbound_message(&self, key: &str) -> Result<Option<InboundRecord>, StoreError>;

    /// The secret stored under `name`, storing `candidate` first if there is none. Concurrent
    /// callers (several instances) all get the one value that was stored first.
    async fn secret(
        &self,
        name: &str,
        candidate: &str,
        now: Timestamp,
    ) -> Result<String, StoreError>;

    // ---- administration (see `ops::admin`) ----

    /// The organisation's contact details; None until a beheerder (or the seed) set them.
    async fn organisation(&self) -> Result<Option<Organisation>, StoreError>;
    /// Replaces the organisation's contact details.
    async fn set_organisation(&self, o: &Organisation, now: Timestamp) -> Result<(), StoreError>;
    /// Stores the details only when none are stored (seeding from settings at start); true when
    /// they were stored. Of concurrent seeders one wins; an administrator's edit is never undone.
    async fn seed_organisation(&self, o: &Organisation, now: Timestamp)
    -> Result<bool, StoreError>;
    /// Removes a closure day; true when there was one on that date.
    async fn remove_closure_day(&self, d: Date) -> Result<bool, StoreError>;
    // ---- templates and postcodes (see `ops::templates`) ----

    /// Saves a version of the administrator's template `kind` (`letter.answer`, …); `None`
    /// goes back to the built-in template. Earlier versions are kept.
    async fn save_template(
        &self,
        kind: &str,
        source: Option<&str>,
        by: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// The newest version of every kind ever saved, by kind; a reset shows as `source: None`.
    async fn current_templates(&self) -> Result<Vec<TemplateVersion>, StoreError>;
    /// The last `limit` versions of `kind`, newest first.
    async fn template_history(
        &self,
        kind: &str,
        limit: u32,
    ) -> Result<Vec<TemplateVersion>, StoreError>;
    /// Changes whenever a template is saved (the highest version id; 0 when none was): a cache
    /// of [`Store::current_templates`] compares it before reloading.
    async fn templates_version(&self) -> Result<i64, StoreError>;
    /// The postcode ranges, by first postcode.
    async fn postcode_ranges(&self) -> Result<Vec<PostcodeRange>, StoreError>;
    /// Adds a range unless it overlaps one (returned) or names an unknown region.
    /// [`StoreError::Invalid`] when it is not within 1000–9999 with `from <= to`.
    async fn add_postcode_range(
        &self,
        range: &PostcodeRange,
    ) -> Result<PostcodeRangeAdded, StoreError>;
    /// Removes the range starting at `from`; false when there was none.
    async fn remove_postcode_range(&self, from: u16) -> Result<bool, StoreError>;

    // ---- dashboard and job administration (see `dashboard`, `ops::dashboard`,
    // `ops::job_admin`) ----

    /// [`Store::append`], recording in the same transaction the deadline outcomes its events
    /// close (an outcome already recorded for the same complaint, kind and due date is kept).
    async fn append_with_outcomes(
        &self,
        id: ComplaintId,
        expected_seq: i64,
        events: Vec<NewEvent>,
        projection: Projection,
        jobs: Vec<NewJob>,
        outcomes: Vec<NewDeadlineOutcome>,
    ) -> Result<(), StoreError>;
    /// Replaces every outcome row of a complaint, in one transaction (a rebuild from its log).
    async fn replace_deadline_outcomes(
        &self,
        complaint: ComplaintId,
        outcomes: Vec<NewDeadlineOutcome>,
    ) -> Result<(), StoreError>;
    /// Complaint ids in id order after `after`, at most `limit` (for rebuilds that page).
    async fn complaint_ids_after(
        &self,
        after: Option<ComplaintId>,
        limit: u32,
    ) -> Result<Vec<ComplaintId>, StoreError>;
    /// Open complaints per region and state, in one region or all (None), with how many have
    /// their next deadline before `today` (overdue) and from `today` to `week_end`.
    async fn open_counts(
        &self,
        region: Option<&str>,
        today: Date,
        week_end: Date,
    ) -> Result<Vec<OpenCount>, StoreError>;
    /// Outcomes whose due date lies in `from..=to`, in one region or all, counted per kind,
    /// met and days taken.
    async fn outcome_counts(
        &self,
        region: Option<&str>,
        from: Date,
        to: Date,
    ) -> Result<Vec<OutcomeCount>, StoreError>;
    /// Open complaints whose next deadline lies before `today`.
    async fn count_overdue(&self, today: Date) -> Result<i64, StoreError>;
    /// Pending, running and dead jobs.
    async fn job_counts(&self) -> Result<JobCounts, StoreError>;
    /// Dead-lettered jobs, most recent first, at most `limit`.
    async fn dead_jobs(&self, limit: u32) -> Result<Vec<DeadJob>, StoreError>;
    /// Makes a dead job pending again, due at `now`, with its attempts reset.
    /// [`StoreError::NotFound`] when no dead job has this id.
    async fn retry_dead_job(&self, id: JobId, now: Timestamp) -> Result<(), StoreError>;
}
