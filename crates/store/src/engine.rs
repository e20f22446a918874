//! The [`Store`] implementation, written once over a [`Db`] backend: it decides where each
//! transaction begins and ends and runs the shared operations in `ops` inside it. The backends
//! (`sqlite`, `postgres`) supply only pools, how a write transaction begins, the claim statement
//! and the plan explainer.

use async_trait::async_trait;
use domain::reference::Reference;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use sqlx::{Pool, Transaction};

use crate::accounts::*;
use crate::dashboard::*;
use crate::error::{StoreError, constraint};
use crate::exec::{Arg, Conn};
use crate::inbound::*;
use crate::ops::{
    attachments, audit, catalog, complaints, documents, guards, jobs, queue, sessions, tokens,
    users,
};
use crate::ops::{dashboard, job_admin};
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
    /// The plan the planner picks on its own for a query, with run times where the database
    /// measures them.
    async fn analyze(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError>;
}

/// Runs `$op(conn, args…)` in a write transaction and commits.
macro_rules! in_write {
    ($self:ident, $op:path $(, $arg:expr)*) => {{
        let mut tx = $self.0.begin_write().await?;
        let out = $op(&mut *tx $(, $arg)*).await?;
        tx.commit().await?;
        Ok(out)
    }};
}

/// Runs `$op(conn, args…)` on a reader connection.
macro_rules! on_reader {
    ($self:ident, $op:path $(, $arg:expr)*) => {
        $op(&mut *$self.read().await? $(, $arg)*).await
    };
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
        queue::fetch(&mut *self.read().await?, B::KIND, q).await
    }

    async fn count_open(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = self.read().await?.one(queue::COUNT_OPEN, vec![]).await?;
        Ok(n)
    }

    async fn explain_queue(&self, q: &QueueQuery) -> Result<String, StoreError> {
        let (sql, args) = queue::query(B::KIND, q);
        self.0.explain(sql, args).await
    }

    async fn analyze_queue(&self, q: &QueueQuery) -> Result<String, StoreError> {
        let (sql, args) = queue::query(B::KIND, q);
        self.0.analyze(sql, args).await
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

    // ---- attachments ----

    async fn add_attachments(
        &self,
        complaint: ComplaintId,
        files: Vec<NewAttachment>,
    ) -> Result<Vec<AttachmentInfo>, StoreError> {
        let mut tx = self.0.begin_write().await?;
        let stored = attachments::add(&mut *tx, complaint, &files, Timestamp::now()).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn attachments(&self, complaint: ComplaintId) -> Result<Vec<AttachmentInfo>, StoreError> {
        attachments::of_complaint(&mut *self.read().await?, complaint).await
    }

    async fn attachment(&self, id: AttachmentId) -> Result<Option<Attachment>, StoreError> {
        attachments::by_id(&mut *self.read().await?, id).await
    }

    // ---- documents ----

    async fn add_document(&self, doc: NewDocument) -> Result<DocumentInfo, StoreError> {
        let mut tx = self.0.begin_write().await?;
        let stored = documents::add(&mut *tx, &doc, Timestamp::now()).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn documents(&self, complaint: ComplaintId) -> Result<Vec<DocumentInfo>, StoreError> {
        documents::of_complaint(&mut *self.read().await?, complaint).await
    }

    async fn document(&self, id: DocumentId) -> Result<Option<Document>, StoreError> {
        documents::by_id(&mut *self.read().await?, id).await
    }

    async fn create_user(&self, user: &NewUser) -> Result<(), StoreError> {
        in_write!(self, users::create, user)
    }

    async fn user(&self, id: AccountId) -> Result<Option<UserRecord>, StoreError> {
        on_reader!(self, users::by_id, id)
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        on_reader!(self, users::by_email, email)
    }

    async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        // One snapshot for the users and their regions.
        let mut tx = self.0.begin_snapshot().await?;
        let all = users::all(&mut *tx).await?;
        tx.rollback().await?;
        Ok(all)
    }

    async fn update_user(&self, id: AccountId, update: &UserUpdate) -> Result<(), StoreError> {
        in_write!(self, users::update, id, update)
    }

    async fn set_user_active(&self, id: AccountId, active: bool) -> Result<(), StoreError> {
        in_write!(self, users::set_active, id, active)
    }

    async fn set_password_hash(&self, id: AccountId, hash: &str) -> Result<(), StoreError> {
        in_write!(self, users::set_password, id, hash)
    }

    async fn set_totp_secret(&self, id: AccountId, secret: Option<&str>) -> Result<(), StoreError> {
        in_write!(self, users::set_totp, id, secret)
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        in_write!(self, sessions::create, session)
    }

    async fn touch_session(
        &self,
        id_hash: &str,
        now: Timestamp,
        idle: SignedDuration,
    ) -> Result<Option<SessionRecord>, StoreError> {
        // Most requests find a session touched within the last minute: a read, no write.
        let live = on_reader!(self, sessions::live, id_hash, now, idle)?;
        match live {
            Some(s) if !sessions::needs_touch(s.last_seen_at, now) => Ok(Some(s)),
            Some(_) => in_write!(self, sessions::touch, id_hash, now, idle),
            None => Ok(None),
        }
    }

    async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError> {
        in_write!(self, sessions::delete, id_hash)
    }

    async fn delete_sessions_of_user(&self, id: AccountId) -> Result<u64, StoreError> {
        in_write!(self, users::delete_sessions, id)
    }

    async fn prune_accounts(
        &self,
        now: Timestamp,
        idle: SignedDuration,
        forget_failures_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.0.begin_write().await?;
        let n = sessions::prune(&mut *tx, now, idle).await?
            + guards::prune(&mut *tx, forget_failures_before).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn create_setup_token(
        &self,
        token_hash: &str,
        user: AccountId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        in_write!(
            self,
            sessions::create_setup,
            token_hash,
            user,
            now,
            expires_at
        )
    }

    async fn setup_token_user(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<UserRecord>, StoreError> {
        on_reader!(self, sessions::setup_user, token_hash, now)
    }

    async fn redeem_setup_token(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<Option<AccountId>, StoreError> {
        in_write!(self, sessions::redeem_setup, token_hash, password_hash, now)
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<(), StoreError> {
        in_write!(self, tokens::create_api, token)
    }

    async fn use_api_token(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenRecord, UserRecord)>, StoreError> {
        in_write!(self, tokens::use_api, token_hash, now)
    }

    async fn api_tokens(&self, user: AccountId) -> Result<Vec<ApiTokenRecord>, StoreError> {
        on_reader!(self, tokens::api_of_user, user)
    }

    async fn revoke_api_token(&self, id: ApiTokenId, now: Timestamp) -> Result<bool, StoreError> {
        in_write!(self, tokens::revoke_api, id, now)
    }

    async fn create_portal_link(
        &self,
        token_hash: &str,
        complaint: ComplaintId,
        now: Timestamp,
        expires_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        in_write!(
            self,
            tokens::create_portal,
            token_hash,
            complaint,
            now,
            expires_at
        )
    }

    async fn portal_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<PortalLink>, StoreError> {
        on_reader!(self, tokens::portal, token_hash, now)
    }

    async fn revoke_portal_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        in_write!(self, tokens::revoke_portal, token_hash, now)
    }

    async fn revoke_portal_links(
        &self,
        complaint: ComplaintId,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        in_write!(self, tokens::revoke_portals_of, complaint, now)
    }

    async fn set_portal_links_expiry(
        &self,
        complaint: ComplaintId,
        expires_at: Option<Timestamp>,
    ) -> Result<u64, StoreError> {
        in_write!(self, tokens::expire_portals_of, complaint, expires_at)
    }

    async fn login_failures(&self, key: &str) -> Result<Option<LoginFailures>, StoreError> {
        on_reader!(self, guards::failures, key)
    }

    async fn record_login_failure(
        &self,
        key: &str,
        now: Timestamp,
        forget_before: Timestamp,
    ) -> Result<LoginFailures, StoreError> {
        in_write!(self, guards::record_failure, key, now, forget_before)
    }

    async fn claim_login_attempt(
        &self,
        key: &str,
        seen: Option<LoginFailures>,
        now: Timestamp,
        forget_before: Timestamp,
    ) -> Result<Option<LoginFailures>, StoreError> {
        in_write!(self, guards::claim_attempt, key, seen, now, forget_before)
    }

    async fn reset_login_failures(&self, key: &str) -> Result<(), StoreError> {
        in_write!(self, guards::reset, key)
    }

    // ---- incoming mail ----

    async fn record_inbound(&self, message: NewInbound) -> Result<InboundStatus, StoreError> {
        in_write!(self, crate::ops::inbound::record, &message)
    }

    async fn mark_inbound(
        &self,
        key: &str,
        state: InboundState,
        complaint_id: Option<ComplaintId>,
        outcome: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        in_write!(
            self,
            crate::ops::inbound::mark,
            key,
            state,
            complaint_id,
            outcome,
            at
        )
    }

    async fn inbound_message(&self, key: &str) -> Result<Option<InboundRecord>, StoreError> {
        on_reader!(self, crate::ops::inbound::by_key, key)
    }

    async fn secret(
        &self,
        name: &str,
        candidate: &str,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        in_write!(self, guards::secret, name, candidate, now)
    }

    // ---- complainant lookups and free-standing jobs ----

    async fn complaints_by_email(&self, email: &str) -> Result<Vec<ComplaintRecord>, StoreError> {
        on_reader!(self, crate::ops::lookup::by_email, email)
    }

    async fn enqueue_jobs(&self, jobs: Vec<NewJob>) -> Result<u64, StoreError> {
        in_write!(self, crate::ops::lookup::enqueue, &jobs, Timestamp::now())
    }

    // ---- administration ----

    async fn organisation(&self) -> Result<Option<crate::Organisation>, StoreError> {
        on_reader!(self, crate::ops::admin::organisation)
    }

    async fn set_organisation(
        &self,
        o: &crate::Organisation,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        in_write!(self, crate::ops::admin::set_organisation, o, now, false).map(drop)
    }

    async fn seed_organisation(
        &self,
        o: &crate::Organisation,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        in_write!(self, crate::ops::admin::set_organisation, o, now, true)
    }

    async fn remove_closure_day(&self, d: Date) -> Result<bool, StoreError> {
        in_write!(self, crate::ops::admin::remove_closure_day, d)
    }

    // ---- templates and postcodes ----

    async fn save_template(
        &self,
        kind: &str,
        source: Option<&str>,
        by: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        in_write!(self, crate::ops::templates::save, kind, source, by, now)
    }

    async fn current_templates(&self) -> Result<Vec<TemplateVersion>, StoreError> {
        on_reader!(self, crate::ops::templates::current)
    }

    async fn template_history(
        &self,
        kind: &str,
        limit: u32,
    ) -> Result<Vec<TemplateVersion>, StoreError> {
        on_reader!(self, crate::ops::templates::history, kind, limit)
    }

    async fn templates_version(&self) -> Result<i64, StoreError> {
        on_reader!(self, crate::ops::templates::version)
    }

    async fn postcode_ranges(&self) -> Result<Vec<PostcodeRange>, StoreError> {
        on_reader!(self, crate::ops::templates::ranges)
    }

    async fn add_postcode_range(
        &self,
        range: &PostcodeRange,
    ) -> Result<PostcodeRangeAdded, StoreError> {
        in_write!(self, crate::ops::templates::add_range, range)
    }

    async fn remove_postcode_range(&self, from: u16) -> Result<bool, StoreError> {
        in_write!(self, crate::ops::templates::remove_range, from)
    }

    // ---- dashboard and job administration ----

    async fn append_with_outcomes(
        &self,
        id: ComplaintId,
        expected_seq: i64,
        events: Vec<NewEvent>,
        projection: Projection,
        jobs: Vec<NewJob>,
        outcomes: Vec<NewDeadlineOutcome>,
    ) -> Result<(), StoreError> {
        let mut tx = self.0.begin_write().await?;
        let now = Timestamp::now();
        complaints::append(&mut *tx, id, expected_seq, &events, &projection, &jobs, now).await?;
        dashboard::insert(&mut *tx, &outcomes).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn replace_deadline_outcomes(
        &self,
        complaint: ComplaintId,
        outcomes: Vec<NewDeadlineOutcome>,
    ) -> Result<(), StoreError> {
        in_write!(self, dashboard::replace, complaint, &outcomes)
    }

    async fn complaint_ids_after(
        &self,
        after: Option<ComplaintId>,
        limit: u32,
    ) -> Result<Vec<ComplaintId>, StoreError> {
        on_reader!(self, dashboard::complaint_ids_after, after, limit)
    }

    async fn open_counts(
        &self,
        region: Option<&str>,
        today: Date,
        week_end: Date,
    ) -> Result<Vec<OpenCount>, StoreError> {
        on_reader!(self, dashboard::open_counts, region, today, week_end)
    }

    async fn outcome_counts(
        &self,
        region: Option<&str>,
        from: Date,
        to: Date,
    ) -> Result<Vec<OutcomeCount>, StoreError> {
        on_reader!(self, dashboard::outcome_counts, region, from, to)
    }

    async fn count_overdue(&self, today: Date) -> Result<i64, StoreError> {
        on_reader!(self, dashboard::count_overdue, today)
    }

    async fn job_counts(&self) -> Result<JobCounts, StoreError> {
        // One snapshot, so a job moving between states is counted once.
        let mut tx = self.0.begin_snapshot().await?;
        let counts = job_admin::counts(&mut *tx).await?;
        tx.rollback().await?;
        Ok(counts)
    }

    async fn dead_jobs(&self, limit: u32) -> Result<Vec<DeadJob>, StoreError> {
        on_reader!(self, job_admin::dead, limit)
    }

    async fn retry_dead_job(&self, id: JobId, now: Timestamp) -> Result<(), StoreError> {
        in_write!(self, job_admin::retry_dead, id, now)
    }
}
