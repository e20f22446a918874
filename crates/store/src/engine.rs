//! The [`Store`] implementation, written once over a [`Db`] backend: it decides where each
//! transaction begins and ends and runs the shared operations in `ops` inside it. The backends
//! (`sqlite`, `postgres`) supply only pools, how a write transaction begins, the claim statement
//! and the plan explainer.

use async_trait::async_trait;
use domain::reference::Reference;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use sqlx::{Pool, Transaction};

use crate::error::{StoreError, constraint};
use crate::exec::{Arg, Conn};
use crate::ops::{audit, catalog, complaints, jobs, queue};
use crate::types::*;
use crate::{Backend, Store};

/// What a database backend provides to the shared [`Store`] implementation.
#[async_trait]
pub(crate) trait Db: Send + Sync + std::fmt::Debug + 'static {
    type Db: sqlx::Database<Connection: Conn>;
    const KIND: Backend;
    /// The job-claim statement (`ops::jobs::CLAIM_*`).
    const CLAIM_SQL: &'static str;
    /// Pool for reads that need no snapshot.
    fn reader(&self) -> &Pool<Self::Db>;
    /// Begins a write transaction.
    async fn begin_write(&self) -> Result<Transaction<'static, Self::Db>, StoreError>;
    /// Begins a read transaction that sees one consistent snapshot.
    async fn begin_snapshot(&self) -> Result<Transaction<'static, Self::Db>, StoreError>;
    async fn migrate(&self) -> Result<(), StoreError>;
    /// The plan of a query, as text.
    async fn explain(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError>;
}

/// A [`Store`] on backend `B`.
#[derive(Debug)]
pub(crate) struct SqlStore<B>(pub B);

impl<B: Db> SqlStore<B> {
    async fn create_once(&self, batch: Vec<PendingComplaint>) -> Result<Vec<Created>, StoreError> {
        let mut tx = self.0.begin_write().await?;
        let created = complaints::create(&mut *tx, batch, Timestamp::now()).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn read(&self) -> Result<sqlx::pool::PoolConnection<B::Db>, StoreError> {
        Ok(self.0.reader().acquire().await?)
    }
}

#[async_trait]
impl<B: Db> Store for SqlStore<B> {
    fn backend(&self) -> Backend {
        B::KIND
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        self.0.migrate().await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let _: (i64,) = self
            .read()
            .await?
            .one("SELECT CAST(1 AS BIGINT)", vec![])
            .await?;
        Ok(())
    }

    async fn create_pending(
        &self,
        batch: Vec<PendingComplaint>,
    ) -> Result<Vec<Created>, StoreError> {
        match self.create_once(batch.clone()).await {
            // A concurrent transaction (PostgreSQL) committed the same idempotency key between
            // our lookup and our insert; this transaction rolled back, and a retry finds it.
            Err(StoreError::DuplicateKey(constraint::COMPLAINT_IDEMPOTENCY_KEY)) => {
                self.create_once(batch).await
            }
            other => other,
        }
    }

    async fn append(
        &self,
        id: ComplaintId,
        expected_seq: i64,
        events: Vec<NewEvent>,
        projection: Projection,
        jobs: Vec<NewJob>,
    ) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        let now = Timestamp::now();
        complaints::append(&mut *tx, id, expected_seq, &events, &projection, &jobs, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn complaint(&self, id: ComplaintId) -> Result<Option<ComplaintRecord>, StoreError> {
        complaints::by_id(&mut *self.read().await?, id).await
    }

    async fn complaint_by_reference(
        &self,
        r: Reference,
    ) -> Result<Option<ComplaintRecord>, StoreError> {
        complaints::by_reference(&mut *self.read().await?, r).await
    }

    async fn events(&self, id: ComplaintId) -> Result<Vec<StoredEvent>, StoreError> {
        complaints::events(&mut *self.read().await?, id).await
    }

    async fn queue(&self, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
        queue::fetch(&mut *self.read().await?, q).await
    }

    async fn count_open(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = self.read().await?.one(queue::COUNT_OPEN, vec![]).await?;
        Ok(n)
    }

    async fn explain_queue(&self, q: &QueueQuery) -> Result<String, StoreError> {
        let (sql, args) = queue::query(q);
        self.0.explain(sql, args).await
    }

    async fn claim_jobs(
        &self,
        worker: &str,
        now: Timestamp,
        lease: SignedDuration,
        limit: u32,
    ) -> Result<Vec<Job>, StoreError> {
        let mut tx = self.0.begin_write().await?;
        let claimed = jobs::claim(&mut *tx, B::CLAIM_SQL, worker, now, lease, limit).await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn complete_job(&self, id: JobId, worker: &str) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        jobs::complete(&mut *tx, id, worker).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn fail_job(
        &self,
        id: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        jobs::fail(&mut *tx, id, worker, error, retry_at).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let mut tx = self.0.begin_snapshot().await?;
        let report = audit::verify(&mut *tx).await?;
        tx.rollback().await?;
        Ok(report)
    }

    async fn regions(&self) -> Result<Vec<Region>, StoreError> {
        catalog::regions(&mut *self.read().await?).await
    }

    async fn upsert_region(&self, r: &Region) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        catalog::upsert_region(&mut *tx, r).await?;
        Ok(tx.commit().await?)
    }

    async fn categories(&self) -> Result<Vec<Category>, StoreError> {
        catalog::categories(&mut *self.read().await?).await
    }

    async fn upsert_category(&self, c: &Category) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        catalog::upsert_category(&mut *tx, c).await?;
        Ok(tx.commit().await?)
    }

    async fn closure_days(&self) -> Result<Vec<(Date, String)>, StoreError> {
        catalog::closure_days(&mut *self.read().await?).await
    }

    async fn add_closure_day(&self, d: Date, name: &str) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        catalog::add_closure_day(&mut *tx, d, name).await?;
        Ok(tx.commit().await?)
    }
}
