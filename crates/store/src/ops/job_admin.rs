//! Job administration: counting jobs per state (for `/metrics`) and the dead letters an
//! administrator may look at and retry.
//!
//! A job is dead when it failed permanently or used up its attempts (see `ops::jobs`). Retrying
//! one makes it a fresh job: pending, due now, attempts back to zero (so it gets the full number
//! of tries again), no lease. Its last error is kept until it runs again, for the record.

use jiff::Timestamp;

use crate::dashboard::{DeadJob, JobCounts};
use crate::error::StoreError;
use crate::exec::{Conn, args, json, ts};
use crate::types::JobId;

/// Each count is served by a partial index on its state (`jobs_due`, `jobs_leased`,
/// `jobs_dead`), so none scans the done jobs.
const COUNT_PENDING: &str = "SELECT COUNT(*) FROM jobs WHERE state = 'pending'";
const COUNT_RUNNING: &str = "SELECT COUNT(*) FROM jobs WHERE state = 'running'";
const COUNT_DEAD: &str = "SELECT COUNT(*) FROM jobs WHERE state = 'dead'";

const DEAD: &str = "SELECT id, kind, payload, attempts, max_attempts, last_error, run_at, \
     created_at FROM jobs WHERE state = 'dead' ORDER BY id DESC LIMIT $1";

const RETRY_DEAD: &str = "UPDATE jobs SET state = 'pending', attempts = 0, run_at = $2, \
     locked_by = NULL, locked_until = NULL WHERE id = $1 AND state = 'dead'";

pub(crate) async fn counts<C: Conn>(c: &mut C) -> Result<JobCounts, StoreError> {
    let (pending,): (i64,) = c.one(COUNT_PENDING, args![]).await?;
    let (running,): (i64,) = c.one(COUNT_RUNNING, args![]).await?;
    let (dead,): (i64,) = c.one(COUNT_DEAD, args![]).await?;
    Ok(JobCounts {
        pending,
        running,
        dead,
    })
}

#[derive(Debug, sqlx::FromRow)]
struct DeadRow {
    id: i64,
    kind: String,
    payload: String,
    attempts: i64,
    max_attempts: i64,
    last_error: Option<String>,
    run_at: i64,
    created_at: i64,
}

/// The most recent dead jobs first.
pub(crate) async fn dead<C: Conn>(c: &mut C, limit: u32) -> Result<Vec<DeadJob>, StoreError> {
    let rows: Vec<DeadRow> = c.all(DEAD, args![i64::from(limit)]).await?;
    rows.into_iter()
        .map(|r| {
            Ok(DeadJob {
                id: r.id,
                kind: r.kind,
                attempts: r.attempts,
                max_attempts: r.max_attempts,
                last_error: r.last_error,
                run_at: ts(r.run_at)?,
                created_at: ts(r.created_at)?,
                payload: json(&r.payload)?,
            })
        })
        .collect()
}

/// [`StoreError::NotFound`] when there is no dead job with this id (unknown, or not dead).
pub(crate) async fn retry_dead<C: Conn>(
    c: &mut C,
    id: JobId,
    now: Timestamp,
) -> Result<(), StoreError> {
    match c.exec(RETRY_DEAD, args![id, now]).await? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}
