//! Jobs as rows, claimed with a lease.
//!
//! A claim is one `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING …`: due pending jobs and
//! running jobs whose lease expired (their worker died) become `running`, held by the claiming
//! worker until `locked_until`, with `attempts` incremented. On PostgreSQL the inner SELECT adds
//! `FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint jobs without waiting; SQLite has
//! one writer, which serialises claims anyway. Only the holder (`locked_by`) may complete or fail
//! a job, and a job whose lease expires on its last allowed attempt is dead-lettered rather than
//! retried forever.

use jiff::{SignedDuration, Timestamp};

use crate::error::StoreError;
use crate::exec::{Conn, args, json, ts};
use crate::types::{Job, JobId};

macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE jobs SET state = 'running', locked_by = $1, locked_until = $2, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM jobs \
               WHERE (state = 'pending' AND run_at <= $3) \
                  OR (state = 'running' AND locked_until <= $3) \
               ORDER BY run_at, id LIMIT $4",
            $lock,
            ") RETURNING id, kind, payload, attempts, run_at"
        )
    };
}

/// The one statement whose text differs between the backends.
pub(crate) const CLAIM_SQLITE: &str = claim_sql!("");
pub(crate) const CLAIM_POSTGRES: &str = claim_sql!(" FOR UPDATE SKIP LOCKED");

const EXPIRE_EXHAUSTED: &str = "UPDATE jobs SET state = 'dead', locked_by = NULL, \
     locked_until = NULL, last_error = 'lease expired on the last allowed attempt' \
     WHERE state = 'running' AND locked_until <= $1 AND attempts >= max_attempts";

const COMPLETE: &str = "UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL \
     WHERE id = $1 AND state = 'running' AND locked_by = $2";

const RETRY: &str = "UPDATE jobs SET \
     state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END, \
     run_at = $3, last_error = $4, locked_by = NULL, locked_until = NULL \
     WHERE id = $1 AND state = 'running' AND locked_by = $2";

const BURY: &str = "UPDATE jobs SET state = 'dead', last_error = $3, locked_by = NULL, \
     locked_until = NULL WHERE id = $1 AND state = 'running' AND locked_by = $2";

const HOLDER: &str = "SELECT state, locked_by FROM jobs WHERE id = $1";

#[derive(Debug, sqlx::FromRow)]
struct JobRow {
    id: i64,
    kind: String,
    payload: String,
    attempts: i64,
    run_at: i64,
}

pub(crate) async fn claim<C: Conn>(
    c: &mut C,
    claim_sql: &'static str,
    worker: &str,
    now: Timestamp,
    lease: SignedDuration,
    limit: u32,
) -> Result<Vec<Job>, StoreError> {
    let until = now
        .checked_add(lease)
        .map_err(|e| StoreError::invalid(format!("lease: {e}")))?;
    c.exec(EXPIRE_EXHAUSTED, args![now]).await?;
    let a = args![worker, until, now, i64::from(limit)];
    let rows: Vec<JobRow> = c.all(claim_sql, a).await?;
    let mut jobs = rows
        .into_iter()
        .map(|r| {
            Ok(Job {
                id: r.id,
                kind: r.kind,
                payload: json(&r.payload)?,
                attempts: i32::try_from(r.attempts).map_err(StoreError::invalid)?,
                run_at: ts(r.run_at)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    // RETURNING has no defined order.
    jobs.sort_by_key(|j| (j.run_at, j.id));
    Ok(jobs)
}

pub(crate) async fn complete<C: Conn>(
    c: &mut C,
    id: JobId,
    worker: &str,
) -> Result<(), StoreError> {
    let n = c.exec(COMPLETE, args![id, worker]).await?;
    held_or_why(c, n, id, worker).await
}

pub(crate) async fn fail<C: Conn>(
    c: &mut C,
    id: JobId,
    worker: &str,
    error: &str,
    retry_at: Option<Timestamp>,
) -> Result<(), StoreError> {
    let n = match retry_at {
        Some(at) => c.exec(RETRY, args![id, worker, at, error]).await?,
        None => c.exec(BURY, args![id, worker, error]).await?,
    };
    held_or_why(c, n, id, worker).await
}

/// Turns "no row updated" into NotFound or a Conflict that says who holds the job.
async fn held_or_why<C: Conn>(
    c: &mut C,
    updated: u64,
    id: JobId,
    worker: &str,
) -> Result<(), StoreError> {
    if updated > 0 {
        return Ok(());
    }
    let row: Option<(String, Option<String>)> = c.opt(HOLDER, args![id]).await?;
    match row {
        None => Err(StoreError::NotFound),
        Some((state, holder)) => Err(StoreError::conflict(format!(
            "job {id} is {state}, held by {}, not by {worker}",
            holder.as_deref().unwrap_or("nobody")
        ))),
    }
}
