//! Login throttling and server-side secrets: small tables that several instances on one
//! PostgreSQL must agree on, so each is read and written with one atomic upsert.

use jiff::Timestamp;

use crate::accounts::LoginFailures;
use crate::error::StoreError;
use crate::exec::{Conn, args, ts};

/// $1 key, $2 now, $3 forget-before: a failure after a quiet period starts counting again.
const RECORD_FAILURE: &str = "INSERT INTO login_throttle (key, failures, last_failed_at) \
     VALUES ($1, 1, $2) ON CONFLICT (key) DO UPDATE SET \
     failures = CASE WHEN login_throttle.last_failed_at < $3 THEN 1 \
                     ELSE login_throttle.failures + 1 END, \
     last_failed_at = excluded.last_failed_at \
     RETURNING failures, last_failed_at";
/// The first counted attempt under a key; does nothing if a concurrent attempt got there first.
const CLAIM_FIRST: &str = "INSERT INTO login_throttle (key, failures, last_failed_at) \
     VALUES ($1, 1, $2) ON CONFLICT (key) DO NOTHING";
/// Counts an attempt only if the row is still as the caller saw it ($3 failures, $4 last):
/// of concurrent attempts that saw one state, exactly one is counted. $5 forget-before.
const CLAIM_NEXT: &str = "UPDATE login_throttle SET \
     failures = CASE WHEN last_failed_at < $5 THEN 1 ELSE failures + 1 END, \
     last_failed_at = $2 \
     WHERE key = $1 AND failures = $3 AND last_failed_at = $4 \
     RETURNING failures, last_failed_at";
const FAILURES: &str = "SELECT failures, last_failed_at FROM login_throttle WHERE key = $1";
const RESET: &str = "DELETE FROM login_throttle WHERE key = $1";
const PRUNE: &str = "DELETE FROM login_throttle WHERE last_failed_at < $1";

/// The first writer's value wins: later inserts do nothing, and everyone reads the row.
const OFFER_SECRET: &str = "INSERT INTO app_secrets (name, value, created_at) \
     VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING";
const SECRET: &str = "SELECT value FROM app_secrets WHERE name = $1";

pub(crate) async fn record_failure<C: Conn>(
    c: &mut C,
    key: &str,
    now: Timestamp,
    forget_before: Timestamp,
) -> Result<LoginFailures, StoreError> {
    let (failures, last): (i64, i64) = c
        .one(RECORD_FAILURE, args![key, now, forget_before])
        .await?;
    Ok(LoginFailures {
        failures,
        last_failed_at: ts(last)?,
    })
}

/// Counts an attempt as failed in advance, if the key's count is still `seen`. None when a
/// concurrent attempt changed it first (nothing is written then).
pub(crate) async fn claim_attempt<C: Conn>(
    c: &mut C,
    key: &str,
    seen: Option<LoginFailures>,
    now: Timestamp,
    forget_before: Timestamp,
) -> Result<Option<LoginFailures>, StoreError> {
    let Some(seen) = seen else {
        let inserted = c.exec(CLAIM_FIRST, args![key, now]).await?;
        return Ok((inserted > 0).then_some(LoginFailures {
            failures: 1,
            last_failed_at: now,
        }));
    };
    let a = args![key, now, seen.failures, seen.last_failed_at, forget_before];
    let row: Option<(i64, i64)> = c.opt(CLAIM_NEXT, a).await?;
    row.map(|(failures, last)| {
        Ok(LoginFailures {
            failures,
            last_failed_at: ts(last)?,
        })
    })
    .transpose()
}

pub(crate) async fn failures<C: Conn>(
    c: &mut C,
    key: &str,
) -> Result<Option<LoginFailures>, StoreError> {
    let row: Option<(i64, i64)> = c.opt(FAILURES, args![key]).await?;
    row.map(|(failures, last)| {
        Ok(LoginFailures {
            failures,
            last_failed_at: ts(last)?,
        })
    })
    .transpose()
}

pub(crate) async fn reset<C: Conn>(c: &mut C, key: &str) -> Result<(), StoreError> {
    c.exec(RESET, args![key]).await.map(drop)
}

pub(crate) async fn prune<C: Conn>(c: &mut C, before: Timestamp) -> Result<u64, StoreError> {
    c.exec(PRUNE, args![before]).await
}

/// Inserts `candidate` under `name` unless a value exists, then returns the stored value. On
/// PostgreSQL a concurrent inserter's INSERT waits for the first to commit, and the SELECT (a
/// new snapshot under READ COMMITTED) sees the winner's row.
pub(crate) async fn secret<C: Conn>(
    c: &mut C,
    name: &str,
    candidate: &str,
    now: Timestamp,
) -> Result<String, StoreError> {
    c.exec(OFFER_SECRET, args![name, candidate, now]).await?;
    let (value,): (String,) = c.one(SECRET, args![name]).await?;
    Ok(value)
}
