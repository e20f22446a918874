//! Staff users and their regions. E-mail addresses are normalised here, on the way in and on
//! lookup, so the unique key is case-insensitive whoever calls.

use std::collections::BTreeMap;

use crate::accounts::*;
use crate::error::StoreError;
use crate::exec::{Conn, args, ts, uuid};

macro_rules! select_users {
    ($where:literal) => {
        concat!(
            "SELECT id, email, name, role, all_regions, active, password_hash, totp_secret, \
             created_at FROM users ",
            $where
        )
    };
}

const INSERT_USER: &str = "INSERT INTO users (id, email, name, role, all_regions, active, \
     password_hash, totp_secret, created_at) VALUES ($1, $2, $3, $4, $5, true, $6, NULL, $7)";
const USER_BY_ID: &str = select_users!("WHERE id = $1");
const USER_BY_EMAIL: &str = select_users!("WHERE email = $1");
const ALL_USERS: &str = select_users!("ORDER BY email");
const REGIONS_OF: &str =
    "SELECT region_code FROM user_regions WHERE user_id = $1 ORDER BY region_code";
const ALL_REGIONS: &str = "SELECT user_id, region_code FROM user_regions ORDER BY region_code";
const INSERT_REGION: &str = "INSERT INTO user_regions (user_id, region_code) VALUES ($1, $2) \
     ON CONFLICT (user_id, region_code) DO NOTHING";
const DELETE_REGIONS: &str = "DELETE FROM user_regions WHERE user_id = $1";
const UPDATE_USER: &str = "UPDATE users SET name = $2, role = $3, all_regions = $4 WHERE id = $1";
const SET_ACTIVE: &str = "UPDATE users SET active = $2 WHERE id = $1";
const SET_PASSWORD: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
const SET_TOTP: &str = "UPDATE users SET totp_secret = $2 WHERE id = $1";
const DELETE_SESSIONS_OF: &str = "DELETE FROM sessions WHERE user_id = $1";

/// One stored user row (regions come from a second query).
#[derive(Debug, sqlx::FromRow)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    role: String,
    all_regions: bool,
    active: bool,
    password_hash: Option<String>,
    totp_secret: Option<String>,
    created_at: i64,
}

impl UserRow {
    fn decode(self, regions: Vec<String>) -> Result<UserRecord, StoreError> {
        Ok(UserRecord {
            id: uuid(&self.id)?,
            email: self.email,
            name: self.name,
            role: parse_role(&self.role)?,
            all_regions: self.all_regions,
            regions,
            active: self.active,
            password_hash: self.password_hash,
            totp_secret: self.totp_secret,
            created_at: ts(self.created_at)?,
        })
    }
}

pub(crate) async fn create<C: Conn>(c: &mut C, u: &NewUser) -> Result<(), StoreError> {
    let a = args![
        u.id,
        normalise_email(&u.email),
        u.name.as_str(),
        role_text(u.role),
        u.all_regions,
        &u.password_hash,
        u.created_at,
    ];
    c.exec(INSERT_USER, a).await?;
    set_regions(c, u.id, &u.regions).await
}

async fn set_regions<C: Conn>(
    c: &mut C,
    id: AccountId,
    regions: &[String],
) -> Result<(), StoreError> {
    c.exec(DELETE_REGIONS, args![id]).await?;
    for r in regions {
        c.exec(INSERT_REGION, args![id, r.as_str()]).await?;
    }
    Ok(())
}

pub(crate) async fn by_id<C: Conn>(
    c: &mut C,
    id: AccountId,
) -> Result<Option<UserRecord>, StoreError> {
    let row: Option<UserRow> = c.opt(USER_BY_ID, args![id]).await?;
    with_regions(c, row).await
}

pub(crate) async fn by_email<C: Conn>(
    c: &mut C,
    email: &str,
) -> Result<Option<UserRecord>, StoreError> {
    let row: Option<UserRow> = c.opt(USER_BY_EMAIL, args![normalise_email(email)]).await?;
    with_regions(c, row).await
}

async fn with_regions<C: Conn>(
    c: &mut C,
    row: Option<UserRow>,
) -> Result<Option<UserRecord>, StoreError> {
    let Some(row) = row else { return Ok(None) };
    let regions: Vec<(String,)> = c.all(REGIONS_OF, args![row.id.as_str()]).await?;
    row.decode(regions.into_iter().map(|(r,)| r).collect())
        .map(Some)
}

/// Every user by e-mail address, each with their regions (two queries, whatever the count).
pub(crate) async fn all<C: Conn>(c: &mut C) -> Result<Vec<UserRecord>, StoreError> {
    let rows: Vec<UserRow> = c.all(ALL_USERS, args![]).await?;
    let pairs: Vec<(String, String)> = c.all(ALL_REGIONS, args![]).await?;
    let mut regions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (user, region) in pairs {
        regions.entry(user).or_default().push(region);
    }
    rows.into_iter()
        .map(|r| {
            let mine = regions.remove(&r.id).unwrap_or_default();
            r.decode(mine)
        })
        .collect()
}

pub(crate) async fn update<C: Conn>(
    c: &mut C,
    id: AccountId,
    u: &UserUpdate,
) -> Result<(), StoreError> {
    let a = args![id, u.name.as_str(), role_text(u.role), u.all_regions];
    found(c.exec(UPDATE_USER, a).await?)?;
    set_regions(c, id, &u.regions).await
}

/// Disabling also ends the user's sessions, in the same transaction.
pub(crate) async fn set_active<C: Conn>(
    c: &mut C,
    id: AccountId,
    active: bool,
) -> Result<(), StoreError> {
    found(c.exec(SET_ACTIVE, args![id, active]).await?)?;
    if !active {
        c.exec(DELETE_SESSIONS_OF, args![id]).await?;
    }
    Ok(())
}

pub(crate) async fn set_password<C: Conn>(
    c: &mut C,
    id: AccountId,
    hash: &str,
) -> Result<(), StoreError> {
    found(c.exec(SET_PASSWORD, args![id, hash]).await?)
}

pub(crate) async fn set_totp<C: Conn>(
    c: &mut C,
    id: AccountId,
    secret: Option<&str>,
) -> Result<(), StoreError> {
    found(
        c.exec(SET_TOTP, args![id, secret.map(str::to_owned)])
            .await?,
    )
}

pub(crate) async fn delete_sessions<C: Conn>(c: &mut C, id: AccountId) -> Result<u64, StoreError> {
    c.exec(DELETE_SESSIONS_OF, args![id]).await
}

/// `NotFound` when an UPDATE touched no row.
pub(crate) fn found(rows: u64) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
