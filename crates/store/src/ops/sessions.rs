//! Staff sessions and one-time password-setup tokens, both found by the hash of the value the
//! user holds.
//!
//! A session lookup reads the session guarded by both expiries; only when it was last touched
//! [`TOUCH_EVERY`] or longer ago is it touched, by an `UPDATE … RETURNING` with the same guards,
//! so no reader can revive a session that another request just saw expire. Touching at most
//! once a minute keeps page views off the single SQLite writer: the idle timeout is then exact
//! to within that minute. Redeeming a setup token is likewise one guarded UPDATE, so of two
//! concurrent redemptions exactly one sets the password.

use jiff::{SignedDuration, Timestamp};

use crate::accounts::*;
use crate::error::StoreError;
use crate::exec::{Conn, args, ts, uuid};
use crate::ops::users;

const INSERT_SESSION: &str = "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, \
     last_seen_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)";
/// $1 id hash, $2 now, $3 now − idle timeout.
const TOUCH_SESSION: &str = "UPDATE sessions SET last_seen_at = $2 \
     WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $3 \
     RETURNING user_id, csrf_token, created_at, last_seen_at, expires_at";
/// $1 id hash, $2 now, $3 now − idle timeout: the same guards as `TOUCH_SESSION`, no write.
const LIVE_SESSION: &str = "SELECT user_id, csrf_token, created_at, last_seen_at, expires_at \
     FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $3";
const DELETE_SESSION: &str = "DELETE FROM sessions WHERE id_hash = $1";
const PRUNE_SESSIONS: &str = "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";

const INSERT_SETUP: &str = "INSERT INTO setup_tokens (token_hash, user_id, created_at, \
     expires_at, used_at) VALUES ($1, $2, $3, $4, NULL)";
const SETUP_USER: &str = "SELECT user_id FROM setup_tokens \
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
const USE_SETUP: &str = "UPDATE setup_tokens SET used_at = $2 \
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id";
/// A redeemed link voids the user's other open links.
const VOID_OTHER_SETUPS: &str =
    "UPDATE setup_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";
const PRUNE_SETUPS: &str = "DELETE FROM setup_tokens WHERE expires_at <= $1";

#[derive(Debug, sqlx::FromRow)]
struct SessionRow {
    user_id: String,
    csrf_token: String,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
}

pub(crate) async fn create<C: Conn>(c: &mut C, s: &NewSession) -> Result<(), StoreError> {
    let a = args![
        s.id_hash.as_str(),
        s.user_id,
        s.csrf_token.as_str(),
        s.created_at,
        s.expires_at,
        &s.ip,
        &s.user_agent,
    ];
    c.exec(INSERT_SESSION, a).await.map(drop)
}

/// How stale `last_seen_at` may get before a lookup writes it again.
pub(crate) const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);

/// The live session with this id hash, without touching it; None when unknown, past its
/// absolute expiry, or idle for `idle` or longer.
pub(crate) async fn live<C: Conn>(
    c: &mut C,
    id_hash: &str,
    now: Timestamp,
    idle: SignedDuration,
) -> Result<Option<SessionRecord>, StoreError> {
    let idle_cutoff = now.saturating_sub(idle).map_err(StoreError::invalid)?;
    let row: Option<SessionRow> = c
        .opt(LIVE_SESSION, args![id_hash, now, idle_cutoff])
        .await?;
    record(c, row).await
}

/// Whether a session last seen at `last_seen` should be touched at `now`.
pub(crate) fn needs_touch(last_seen: Timestamp, now: Timestamp) -> bool {
    now.duration_since(last_seen) >= TOUCH_EVERY
}

/// The live session with this id hash, touched at `now`; None when unknown, past its absolute
/// expiry, or idle for `idle` or longer.
pub(crate) async fn touch<C: Conn>(
    c: &mut C,
    id_hash: &str,
    now: Timestamp,
    idle: SignedDuration,
) -> Result<Option<SessionRecord>, StoreError> {
    let idle_cutoff = now.saturating_sub(idle).map_err(StoreError::invalid)?;
    let row: Option<SessionRow> = c
        .opt(TOUCH_SESSION, args![id_hash, now, idle_cutoff])
        .await?;
    record(c, row).await
}

/// A session row with its user; None for no row or a user that is gone.
async fn record<C: Conn>(
    c: &mut C,
    row: Option<SessionRow>,
) -> Result<Option<SessionRecord>, StoreError> {
    let Some(row) = row else { return Ok(None) };
    let Some(user) = users::by_id(c, uuid(&row.user_id)?).await? else {
        return Ok(None);
    };
    Ok(Some(SessionRecord {
        user,
        csrf_token: row.csrf_token,
        created_at: ts(row.created_at)?,
        last_seen_at: ts(row.last_seen_at)?,
        expires_at: ts(row.expires_at)?,
    }))
}

/// True when a session was deleted.
pub(crate) async fn delete<C: Conn>(c: &mut C, id_hash: &str) -> Result<bool, StoreError> {
    Ok(c.exec(DELETE_SESSION, args![id_hash]).await? > 0)
}

pub(crate) async fn create_setup<C: Conn>(
    c: &mut C,
    token_hash: &str,
    user: AccountId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let a = args![token_hash, user, now, expires_at];
    c.exec(INSERT_SETUP, a).await.map(drop)
}

/// The user of an unused, unexpired setup token.
pub(crate) async fn setup_user<C: Conn>(
    c: &mut C,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<UserRecord>, StoreError> {
    let row: Option<(String,)> = c.opt(SETUP_USER, args![token_hash, now]).await?;
    match row {
        Some((id,)) => users::by_id(c, uuid(&id)?).await,
        None => Ok(None),
    }
}

/// Marks the token used, sets the password, voids the user's other setup links and ends their
/// sessions. None (and nothing written) when the token is unknown, used or expired.
pub(crate) async fn redeem_setup<C: Conn>(
    c: &mut C,
    token_hash: &str,
    password_hash: &str,
    now: Timestamp,
) -> Result<Option<AccountId>, StoreError> {
    let row: Option<(String,)> = c.opt(USE_SETUP, args![token_hash, now]).await?;
    let Some((id,)) = row else { return Ok(None) };
    let id = uuid(&id)?;
    users::set_password(c, id, password_hash).await?;
    c.exec(VOID_OTHER_SETUPS, args![id, now]).await?;
    users::delete_sessions(c, id).await?;
    Ok(Some(id))
}

/// Deletes expired and idle sessions and expired setup tokens; returns how many rows went.
pub(crate) async fn prune<C: Conn>(
    c: &mut C,
    now: Timestamp,
    idle: SignedDuration,
) -> Result<u64, StoreError> {
    let idle_cutoff = now.saturating_sub(idle).map_err(StoreError::invalid)?;
    let sessions = c.exec(PRUNE_SESSIONS, args![now, idle_cutoff]).await?;
    let setups = c.exec(PRUNE_SETUPS, args![now]).await?;
    Ok(sessions + setups)
}
