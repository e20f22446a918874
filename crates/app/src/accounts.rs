//! Staff authentication and complainant access: the use cases the back office, the portal, the
//! JSON API and the CLI call. The store keeps the rows; this module decides.
//!
//! Security decisions, in one place:
//! - Passwords are argon2id PHC strings (`password`); nothing is seeded: the first
//!   administrator comes from `wederhoor user add`, with a password typed by them or a one-time
//!   setup link.
//! - Every credential handed out (session id, setup link, API token, portal link) is 256 random
//!   bits; only its SHA-256 is stored (`token`).
//! - Sessions are server-side rows, ended after [`AccountPolicy::session_idle`] without use or
//!   [`AccountPolicy::session_absolute`] after login, whichever comes first; each carries its
//!   own CSRF token.
//! - Growing delays after failed logins, per e-mail address typed (known or not) and per client
//!   address, persisted so every instance applies them (`login`). A refused attempt is refused
//!   before the password is looked at.
//! - Region scoping: a user works for listed regions, or for all of them (`all_regions`, meant
//!   for beheerders and lezers, allowed for anyone an administrator chooses).
//! - TOTP is optional per user (`totp`).

mod admin;
mod links;
mod login;
mod password;
#[cfg(test)]
mod tests;
mod token;
mod totp;

use std::fmt;
use std::sync::Arc;

use jiff::SignedDuration;
use store::Store;

use crate::Clock;

pub use admin::{AccountError, NewAccount};
pub use links::ApiTokenCreated;
pub use login::{LoginAttempt, LoginError, SessionCreated, StaffSession, login_delay, staff_actor};
pub use password::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordError, check_password_policy, hash_password,
    verify_password,
};
pub use token::{PlainToken, new_token, token_hash};
pub use totp::{new_totp_secret, totp_code, totp_uri, verify_totp};

/// Session idle timeout: a back-office session unused this long ends.
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_hours(8);
/// Absolute session lifetime, however active.
pub const SESSION_ABSOLUTE: SignedDuration = SignedDuration::from_hours(7 * 24);
/// How long a password-setup link works.
pub const SETUP_LINK_VALID: SignedDuration = SignedDuration::from_hours(72);
/// How long a complainant's link keeps working after the complaint closes.
pub const PORTAL_LINK_AFTER_CLOSE: SignedDuration = SignedDuration::from_hours(90 * 24);

/// The tunable durations and thresholds; [`Default`] holds the constants above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPolicy {
    pub session_idle: SignedDuration,
    pub session_absolute: SignedDuration,
    pub setup_link_valid: SignedDuration,
    pub portal_link_after_close: SignedDuration,
    /// Failed logins per e-mail address before delays start (then 1 s, 2 s, 4 s, …).
    pub free_failures_per_email: i64,
    /// The same per client address (higher: an office shares one address).
    pub free_failures_per_ip: i64,
    /// The longest delay.
    pub max_delay: SignedDuration,
    /// Failures older than this are forgotten.
    pub forget_failures_after: SignedDuration,
}

impl Default for AccountPolicy {
    fn default() -> AccountPolicy {
        AccountPolicy {
            session_idle: SESSION_IDLE,
            session_absolute: SESSION_ABSOLUTE,
            setup_link_valid: SETUP_LINK_VALID,
            portal_link_after_close: PORTAL_LINK_AFTER_CLOSE,
            free_failures_per_email: 5,
            free_failures_per_ip: 50,
            max_delay: SignedDuration::from_mins(15),
            forget_failures_after: SignedDuration::from_hours(24),
        }
    }
}

/// The account use cases over a store and a clock. Cheap to clone.
#[derive(Clone)]
pub struct Accounts {
    /// Users, sessions, tokens, links and throttle counts.
    store: Arc<dyn Store>,
    /// "Now" for expiries and delays.
    clock: Arc<dyn Clock>,
    policy: AccountPolicy,
}

impl fmt::Debug for Accounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accounts")
            .field("store", &self.store)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl Accounts {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Accounts {
        Accounts {
            store,
            clock,
            policy: AccountPolicy::default(),
        }
    }

    pub fn with_policy(mut self, policy: AccountPolicy) -> Accounts {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &AccountPolicy {
        &self.policy
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// A server-side secret (hex, 256 bits) stored under `name` on first use; every instance
    /// gets the same value (e.g. a key for signing).
    pub async fn secret(&self, name: &str) -> Result<String, store::StoreError> {
        let candidate = hex::encode(token::random_bytes::<32>());
        let now = self.clock.now();
        self.store.secret(name, &candidate, now).await
    }
}
