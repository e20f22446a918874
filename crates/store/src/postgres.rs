//! PostgreSQL, for installations that run several instances or already operate PostgreSQL.
//!
//! A normal pool; write transactions are READ COMMITTED, which is enough because every write
//! is guarded by a row lock (the complaint row for appends, the year's counter row for
//! references) or by `FOR UPDATE SKIP LOCKED` (job claims). The audit reads in a REPEATABLE READ
//! READ ONLY transaction, so it sees one snapshot.

use async_trait::async_trait;
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions, Postgres as Db};
use sqlx::{AssertSqlSafe, Pool, Transaction};

use crate::Backend;
use crate::engine::{self, SqlStore};
use crate::error::{StoreError, constraint};
use crate::exec::{Arg, bind_args, impl_conn};
use crate::ops::jobs;

/// PostgreSQL's pool.
#[derive(Debug)]
pub(crate) struct Postgres {
    pool: PgPool,
}

const MAX_CONNECTIONS: u32 = 10;

pub(crate) async fn open(url: &str) -> Result<SqlStore<Postgres>, StoreError> {
    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .connect(url)
        .await?;
    Ok(SqlStore(Postgres { pool }))
}

/// Maps unique violations to the constraint names of [`constraint`] (PostgreSQL reports them).
fn map_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        return StoreError::DuplicateKey(match db.constraint() {
            Some("complaints_pkey") => constraint::COMPLAINT_ID,
            Some("complaints_reference_key") => constraint::COMPLAINT_REFERENCE,
            Some("complaints_idempotency_key_key") => constraint::COMPLAINT_IDEMPOTENCY_KEY,
            Some("events_pkey") => constraint::EVENT_SEQ,
            Some("jobs_dedupe_key_key") => constraint::JOB_DEDUPE_KEY,
            Some("users_email_key") => constraint::USER_EMAIL,
            Some("users_pkey") => constraint::USER_ID,
            Some("sessions_pkey") => constraint::SESSION_ID,
            Some("setup_tokens_pkey") => constraint::SETUP_TOKEN,
            Some("api_tokens_pkey") => constraint::API_TOKEN_ID,
            Some("api_tokens_token_hash_key") => constraint::API_TOKEN_HASH,
            Some("api_tokens_active_name_key") => constraint::API_TOKEN_NAME,
            Some("portal_links_pkey") => constraint::PORTAL_LINK,
            _ => constraint::OTHER,
        });
    }
    StoreError::Database(e)
}

impl_conn!(PgConnection, Db, map_err);

#[async_trait]
impl engine::Db for Postgres {
    type Db = Db;
    const KIND: Backend = Backend::Postgres;
    const CLAIM_SQL: &'static str = jobs::CLAIM_POSTGRES;

    fn reader(&self) -> &Pool<Db> {
        &self.pool
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Db>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    async fn begin_snapshot(&self) -> Result<Transaction<'static, Db>, StoreError> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// `EXPLAIN` with sequential and bitmap scans disabled for this transaction only: on a small
    /// table the planner rightly prefers those (plus a sort), which says nothing about the plan at
    /// scale. With 1,000,000 complaints (2.4 % open) and fresh statistics the planner chooses the
    /// same ordered partial-index scans on its own for the filters; a word search there uses the
    /// GIN index and sorts the matches (see `analyze` below and docs/store.md, "Measured at
    /// 1,000,000").
    async fn explain(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError> {
        let mut tx = self.pool.begin().await?;
        for setting in [
            "SET LOCAL enable_seqscan = off",
            "SET LOCAL enable_bitmapscan = off",
        ] {
            sqlx::query(setting).execute(&mut *tx).await?;
        }
        let q = sqlx::query_as::<Db, (String,)>(AssertSqlSafe(format!("EXPLAIN {sql}")));
        let rows = bind_args!(q, args)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
        tx.rollback().await?;
        Ok(rows.into_iter().map(|(l,)| l + "\n").collect())
    }

    /// `EXPLAIN (ANALYZE, BUFFERS)` with the planner's defaults, in a read-only transaction that
    /// is rolled back.
    async fn analyze(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION READ ONLY")
            .execute(&mut *tx)
            .await?;
        let q = sqlx::query_as::<Db, (String,)>(AssertSqlSafe(format!(
            "EXPLAIN (ANALYZE, BUFFERS) {sql}"
        )));
        let rows = bind_args!(q, args)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
        tx.rollback().await?;
        Ok(rows.into_iter().map(|(l,)| l + "\n").collect())
    }
}
