//! Staff accounts, sessions, API tokens and complainant portal links as the store reads and
//! writes them (tables in `migrations/*/0002_accounts.sql`).
//!
//! The store never sees a credential in the clear: session ids and tokens arrive as the hex
//! SHA-256 of the random value the application handed out (`*_hash` arguments), passwords as
//! argon2id PHC strings. Everything that could still help an attacker (password hashes, TOTP
//! secrets, CSRF tokens) is redacted in `Debug`, so a record can be logged safely.

use std::fmt;

use domain::complaint::Role;
use jiff::Timestamp;

use crate::error::StoreError;

/// A staff user's id: a UUID, stored as hyphenated lowercase text.
pub type AccountId = uuid::Uuid;
/// An API token's id (shown in listings and used to revoke; not a credential).
pub type ApiTokenId = uuid::Uuid;

/// A staff user to create.
#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub id: AccountId,
    /// Stored trimmed and lower-cased; unique ([`crate::constraint::USER_EMAIL`]).
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Organisation-wide access; otherwise only `regions`.
    pub all_regions: bool,
    /// Region codes the user works for.
    pub regions: Vec<String>,
    /// An argon2id PHC string, or None until the user sets a password through a setup link.
    pub password_hash: Option<String>,
    pub created_at: Timestamp,
}

/// A staff user as stored, with their regions.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: AccountId,
    /// Lower-cased.
    pub email: String,
    pub name: String,
    pub role: Role,
    pub all_regions: bool,
    /// Sorted region codes (empty with `all_regions`, usually).
    pub regions: Vec<String>,
    /// Disabled users cannot log in, and their sessions and tokens stop working.
    pub active: bool,
    pub password_hash: Option<String>,
    /// Base32 TOTP secret when two-factor login is on.
    pub totp_secret: Option<String>,
    pub created_at: Timestamp,
}

impl UserRecord {
    /// Whether the user may see and handle complaints of region `code`.
    pub fn may_see_region(&self, code: &str) -> bool {
        self.all_regions || self.regions.iter().any(|r| r == code)
    }
}

/// What an administrator may change about a user (not credentials, not `active`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserUpdate {
    pub name: String,
    pub role: Role,
    pub all_regions: bool,
    /// Replaces the user's regions.
    pub regions: Vec<String>,
}

/// A session to store.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    /// SHA-256 (hex) of the session id in the cookie.
    pub id_hash: String,
    pub user_id: AccountId,
    /// Echoed in every form of this session.
    pub csrf_token: String,
    pub created_at: Timestamp,
    /// The absolute end, whatever the activity.
    pub expires_at: Timestamp,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A live session, found by the hash of its id, with its user.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: Timestamp,
    /// This lookup's time: the lookup that returns a session also touches it.
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
}

/// An API token to store.
#[derive(Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub id: ApiTokenId,
    /// SHA-256 (hex) of the bearer token.
    pub token_hash: String,
    pub user_id: AccountId,
    /// Unique among the user's unrevoked tokens ([`crate::constraint::API_TOKEN_NAME`]).
    pub name: String,
    pub created_at: Timestamp,
}

/// An API token as listed (without its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub user_id: AccountId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A valid complainant portal link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortalLink {
    pub complaint_id: crate::ComplaintId,
    pub created_at: Timestamp,
    /// None while the complaint is open.
    pub expires_at: Option<Timestamp>,
}

/// Failed logins counted under one throttle key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    /// Consecutive failures (a failure after a quiet period starts again at 1).
    pub failures: i64,
    pub last_failed_at: Timestamp,
}

/// A role as stored: the lowercase Dutch name, as in the `users.role` CHECK.
pub fn role_text(role: Role) -> &'static str {
    match role {
        Role::Klachtbehandelaar => "klachtbehandelaar",
        Role::Regiodirecteur => "regiodirecteur",
        Role::Beheerder => "beheerder",
        Role::Lezer => "lezer",
    }
}

/// Parses [`role_text`]'s output.
pub fn parse_role(text: &str) -> Result<Role, StoreError> {
    Ok(match text {
        "klachtbehandelaar" => Role::Klachtbehandelaar,
        "regiodirecteur" => Role::Regiodirecteur,
        "beheerder" => Role::Beheerder,
        "lezer" => Role::Lezer,
        other => return Err(StoreError::invalid(format!("role {other:?}"))),
    })
}

/// How an e-mail address is stored and looked up: trimmed, lower-cased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether a secret is present, for `Debug`, without showing it.
fn presence<T>(v: &Option<T>) -> &'static str {
    if v.is_some() { "<redacted>" } else { "None" }
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("all_regions", &self.all_regions)
            .field("regions", &self.regions)
            .field("password_hash", &presence(&self.password_hash))
            .field("created_at", &self.created_at)
            .finish()
    }
}

impl fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("all_regions", &self.all_regions)
            .field("regions", &self.regions)
            .field("active", &self.active)
            .field("password_hash", &presence(&self.password_hash))
            .field("totp_secret", &presence(&self.totp_secret))
            .field("created_at", &self.created_at)
            .finish()
    }
}

impl fmt::Debug for NewSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSession")
            .field("user_id", &self.user_id)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("ip", &self.ip)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for SessionRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionRecord")
            .field("user", &self.user)
            .field("created_at", &self.created_at)
            .field("last_seen_at", &self.last_seen_at)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for NewApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewApiToken")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("name", &self.name)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_password_hash_or_totp_secret() {
        let u = UserRecord {
            id: uuid::Uuid::nil(),
            email: "a@b.nl".into(),
            name: "A".into(),
            role: Role::Beheerder,
            all_regions: true,
            regions: vec![],
            active: true,
            password_hash: Some("$argon2id$v=19$secret".into()),
            totp_secret: Some("JBSWY3DPEHPK3PXP".into()),
            created_at: Timestamp::UNIX_EPOCH,
        };
        let text = format!("{u:?}");
        assert!(
            !text.contains("argon2id") && !text.contains("JBSW"),
            "{text}"
        );
    }

    #[test]
    fn every_role_round_trips_through_its_stored_text() {
        for r in [
            Role::Klachtbehandelaar,
            Role::Regiodirecteur,
            Role::Beheerder,
            Role::Lezer,
        ] {
            assert_eq!(parse_role(role_text(r)).unwrap(), r);
        }
        assert!(parse_role("admin").is_err());
    }
}
