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
//! The SQL text differs in one place only: claiming jobs, where PostgreSQL adds
//! `FOR UPDATE SKIP LOCKED` (SQLite has a single writer, so there is nothing to skip). DDL lives
//! in one migrations folder per backend.
//!
//! # Transactions
//! Each write method is one transaction: a complaint's events, projection and follow-up jobs are
//! committed together or not at all. SQLite writes go through one writer connection with
//! `BEGIN IMMEDIATE` (so a write transaction never fails half-way on a lock upgrade); reads use a
//! small separate pool, which WAL lets run beside the writer.

mod engine;
mod error;
mod exec;
pub mod hash;
mod ops;
mod postgres;
mod sql;
mod sqlite;
mod types;

use std::sync::Arc;

use async_trait::async_trait;
use domain::reference::Reference;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

pub use error::{StoreError, constraint};
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
    /// there first), replaces the projection and queues jobs, in one transaction.
    async fn append(
        &self,
        id: ComplaintId,
        expected_seq: i64,
        events: Vec<NewEvent>,
        projection: Projection,
        jobs: Vec<NewJob>,
    ) -> Result<(), StoreError>;
    async fn complaint(&self, id: ComplaintId) -> Result<Option<ComplaintRecord>, StoreError>;
    async fn complaint_by_reference(
        &self,
        r: Reference,
    ) -> Result<Option<ComplaintRecord>, StoreError>;
    /// The complaint's events in seq order.
    async fn events(&self, id: ComplaintId) -> Result<Vec<StoredEvent>, StoreError>;
    /// Open complaints by nearest deadline (then id), filterable by region and state,
    /// keyset-paged; always served from a partial index without a sort.
    async fn queue(&self, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError>;
    async fn count_open(&self) -> Result<i64, StoreError>;
    /// The query plan of `queue(q)` as text. On PostgreSQL it is planned with sequential and
    /// bitmap scans off: the plan the table gets once it is large, not the scan-and-sort a tiny
    /// table gets.
    async fn explain_queue(&self, q: &QueueQuery) -> Result<String, StoreError>;
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
}
