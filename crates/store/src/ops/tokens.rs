//! API tokens and complainant portal links: bearer credentials found by the hash of the token.
//! A lookup refuses revoked (and, for portal links, expired) tokens in the statement itself.

use jiff::Timestamp;

use crate::accounts::*;
use crate::error::StoreError;
use crate::exec::{Conn, args, ts, uuid};
use crate::ops::users;
use crate::types::ComplaintId;

const INSERT_API: &str = "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) \
     VALUES ($1, $2, $3, $4, $5)";
const USE_API: &str = "UPDATE api_tokens SET last_used_at = $2 \
     WHERE token_hash = $1 AND revoked_at IS NULL \
     RETURNING id, user_id, name, created_at, last_used_at, revoked_at";
const API_OF_USER: &str = "SELECT id, user_id, name, created_at, last_used_at, revoked_at \
     FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id";
const REVOKE_API: &str =
    "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

const INSERT_PORTAL: &str = "INSERT INTO portal_links (token_hash, complaint_id, created_at, \
     expires_at, revoked_at) VALUES ($1, $2, $3, $4, NULL)";
const PORTAL: &str = "SELECT complaint_id, created_at, expires_at FROM portal_links \
     WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)";
const REVOKE_PORTAL: &str =
    "UPDATE portal_links SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL";
const REVOKE_PORTALS_OF: &str =
    "UPDATE portal_links SET revoked_at = $2 WHERE complaint_id = $1 AND revoked_at IS NULL";
const EXPIRE_PORTALS_OF: &str =
    "UPDATE portal_links SET expires_at = $2 WHERE complaint_id = $1 AND revoked_at IS NULL";

#[derive(Debug, sqlx::FromRow)]
struct ApiRow {
    id: String,
    user_id: String,
    name: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl ApiRow {
    fn decode(self) -> Result<ApiTokenRecord, StoreError> {
        Ok(ApiTokenRecord {
            id: uuid(&self.id)?,
            user_id: uuid(&self.user_id)?,
            name: self.name,
            created_at: ts(self.created_at)?,
            last_used_at: self.last_used_at.map(ts).transpose()?,
            revoked_at: self.revoked_at.map(ts).transpose()?,
        })
    }
}

pub(crate) async fn create_api<C: Conn>(c: &mut C, t: &NewApiToken) -> Result<(), StoreError> {
    let a = args![
        t.id,
        t.token_hash.as_str(),
        t.user_id,
        t.name.as_str(),
        t.created_at
    ];
    c.exec(INSERT_API, a).await.map(drop)
}

/// The unrevoked token with this hash and its user, marked used at `now`.
pub(crate) async fn use_api<C: Conn>(
    c: &mut C,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<(ApiTokenRecord, UserRecord)>, StoreError> {
    let row: Option<ApiRow> = c.opt(USE_API, args![token_hash, now]).await?;
    let Some(token) = row.map(ApiRow::decode).transpose()? else {
        return Ok(None);
    };
    Ok(users::by_id(c, token.user_id).await?.map(|u| (token, u)))
}

pub(crate) async fn api_of_user<C: Conn>(
    c: &mut C,
    user: AccountId,
) -> Result<Vec<ApiTokenRecord>, StoreError> {
    let rows: Vec<ApiRow> = c.all(API_OF_USER, args![user]).await?;
    rows.into_iter().map(ApiRow::decode).collect()
}

/// True when the token was unrevoked and is revoked now.
pub(crate) async fn revoke_api<C: Conn>(
    c: &mut C,
    id: ApiTokenId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    Ok(c.exec(REVOKE_API, args![id, now]).await? > 0)
}

pub(crate) async fn create_portal<C: Conn>(
    c: &mut C,
    token_hash: &str,
    complaint: ComplaintId,
    now: Timestamp,
    expires_at: Option<Timestamp>,
) -> Result<(), StoreError> {
    let a = args![token_hash, complaint, now, expires_at];
    c.exec(INSERT_PORTAL, a).await.map(drop)
}

pub(crate) async fn portal<C: Conn>(
    c: &mut C,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<PortalLink>, StoreError> {
    let row: Option<(String, i64, Option<i64>)> = c.opt(PORTAL, args![token_hash, now]).await?;
    row.map(|(id, created, expires)| {
        Ok(PortalLink {
            complaint_id: uuid(&id)?,
            created_at: ts(created)?,
            expires_at: expires.map(ts).transpose()?,
        })
    })
    .transpose()
}

pub(crate) async fn revoke_portal<C: Conn>(
    c: &mut C,
    token_hash: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    Ok(c.exec(REVOKE_PORTAL, args![token_hash, now]).await? > 0)
}

pub(crate) async fn revoke_portals_of<C: Conn>(
    c: &mut C,
    complaint: ComplaintId,
    now: Timestamp,
) -> Result<u64, StoreError> {
    c.exec(REVOKE_PORTALS_OF, args![complaint, now]).await
}

pub(crate) async fn expire_portals_of<C: Conn>(
    c: &mut C,
    complaint: ComplaintId,
    expires_at: Option<Timestamp>,
) -> Result<u64, StoreError> {
    c.exec(EXPIRE_PORTALS_OF, args![complaint, expires_at])
        .await
}
