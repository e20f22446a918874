//! SQLite, the default backend: one file, created on first run.
//!
//! Durability and concurrency settings: WAL (readers never block the writer), synchronous=FULL
//! (an acknowledged complaint survives a power cut, not only a process crash), foreign keys on,
//! a busy timeout. All writes go through ONE connection (a pool of size 1) and start with
//! `BEGIN IMMEDIATE`, so writers queue in the pool instead of failing with SQLITE_BUSY on a lock
//! upgrade; reads use a small pool of `query_only` connections.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, Pool, Sqlite as Db, Transaction};

use crate::Backend;
use crate::engine::{self, SqlStore};
use crate::error::{StoreError, constraint};
use crate::exec::{Arg, bind_args, impl_conn};
use crate::ops::jobs;

/// SQLite's pools: one writer, a few readers.
#[derive(Debug)]
pub(crate) struct Sqlite {
    writer: SqlitePool,
    reader: SqlitePool,
}

const READERS: u32 = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating if missing, with parent folders) the database file named by `url`.
pub(crate) async fn open(url: &str) -> Result<SqlStore<Sqlite>, StoreError> {
    let base = SqliteConnectOptions::from_str(url)?
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    let file = base.get_filename().to_owned();
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(StoreError::invalid(
            "an in-memory SQLite database cannot be shared by the writer and reader pools; \
             use a file",
        ));
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| StoreError::invalid(format!("creating {}: {e}", parent.display())))?;
    }
    let writer_options = base
        .clone()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    // The writer stays open: closing the last connection would checkpoint and remove the WAL.
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(writer_options)
        .await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(READERS)
        .connect_with(base.pragma("query_only", "ON"))
        .await?;
    Ok(SqlStore(Sqlite { writer, reader }))
}

/// Maps unique violations to the constraint names of [`constraint`]. SQLite names the columns
/// (`UNIQUE constraint failed: complaints.idempotency_key`), not the constraint.
fn map_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        let msg = db.message();
        let columns = msg.rsplit(": ").next().unwrap_or_default();
        return StoreError::DuplicateKey(match columns {
            "complaints.id" => constraint::COMPLAINT_ID,
            "complaints.ref_year, complaints.ref_number" => constraint::COMPLAINT_REFERENCE,
            "complaints.idempotency_key" => constraint::COMPLAINT_IDEMPOTENCY_KEY,
            "events.complaint_id, events.seq" => constraint::EVENT_SEQ,
            "jobs.dedupe_key" => constraint::JOB_DEDUPE_KEY,
            "users.email" => constraint::USER_EMAIL,
            "users.id" => constraint::USER_ID,
            "sessions.id_hash" => constraint::SESSION_ID,
            "setup_tokens.token_hash" => constraint::SETUP_TOKEN,
            "api_tokens.id" => constraint::API_TOKEN_ID,
            "api_tokens.token_hash" => constraint::API_TOKEN_HASH,
            "api_tokens.user_id, api_tokens.name" => constraint::API_TOKEN_NAME,
            "portal_links.token_hash" => constraint::PORTAL_LINK,
            _ => constraint::OTHER,
        });
    }
    StoreError::Database(e)
}

impl_conn!(SqliteConnection, Db, map_err);

#[async_trait]
impl engine::Db for Sqlite {
    type Db = Db;
    const KIND: Backend = Backend::Sqlite;
    const CLAIM_SQL: &'static str = jobs::CLAIM_SQLITE;

    fn reader(&self) -> &Pool<Db> {
        &self.reader
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Db>, StoreError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A deferred transaction on a reader: its WAL snapshot starts at the first read.
    async fn begin_snapshot(&self) -> Result<Transaction<'static, Db>, StoreError> {
        Ok(self.reader.begin().await?)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.writer)
            .await?;
        Ok(())
    }

    /// `EXPLAIN QUERY PLAN`: one line per plan step, indented by depth.
    async fn explain(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError> {
        let q = sqlx::query_as::<Db, (i64, i64, i64, String)>(AssertSqlSafe(format!(
            "EXPLAIN QUERY PLAN {sql}"
        )));
        let rows = bind_args!(q, args)
            .fetch_all(&self.reader)
            .await
            .map_err(map_err)?;
        let mut depth = std::collections::HashMap::new();
        let mut out = String::new();
        for (id, parent, _, detail) in rows {
            let d = depth.get(&parent).map_or(0, |d| d + 1);
            depth.insert(id, d);
            out.push_str(&"  ".repeat(d));
            out.push_str(&detail);
            out.push('\n');
        }
        Ok(out)
    }

    /// SQLite has no planner settings to undo: the same plan as `explain`.
    async fn analyze(&self, sql: &'static str, args: Vec<Arg>) -> Result<String, StoreError> {
        self.explain(sql, args).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An acknowledged complaint must survive a power cut: the writer syncs every commit.
    #[tokio::test]
    async fn the_writer_runs_wal_with_full_sync() {
        let dir = std::env::temp_dir().join(format!("wederhoor-pragma-{}", std::process::id()));
        let url = format!("sqlite://{}", dir.join("t.db").display());
        let SqlStore(db) = open(&url).await.unwrap();
        let mut writer = db.writer.acquire().await.unwrap();
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(&mut *writer)
            .await
            .unwrap();
        let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(&mut *writer)
            .await
            .unwrap();
        drop(writer);
        db.writer.close().await;
        db.reader.close().await;
        let _ = std::fs::remove_dir_all(dir);
        assert_eq!(
            (mode.as_str(), sync),
            ("wal", 2),
            "WAL with synchronous=FULL"
        );
    }
}
