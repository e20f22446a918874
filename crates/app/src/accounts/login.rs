//! Logging in, session lookup and logout.
//!
//! The throttle, per e-mail address typed (known or not, so it reveals nothing) and per client
//! address: after `free` failures under a key, the next attempt must wait 2^(n − free) seconds
//! after the last one (capped). An attempt that comes too soon is refused before the password
//! is looked at, so its timing says nothing. For the e-mail key each attempt is counted as a
//! failure *before* the password is checked, with a compare-and-set on the count the attempt
//! saw: of a burst of parallel guesses only one is checked. A successful login resets that key.
//! Unknown addresses, disabled users and users without a password are checked against a dummy
//! hash and get the same answer as a wrong password.

use std::fmt;

use domain::complaint::{Actor, Role, UserId};
use jiff::{SignedDuration, Timestamp};
use store::{AccountId, LoginFailures, NewSession, StoreError, UserRecord, normalise_email};

use super::Accounts;
use super::password::{dummy_hash, verify_blocking};
use super::token::{PlainToken, new_token, token_hash};
use super::totp::verify_totp;

/// A login form as submitted. `Debug` leaves out the password and code.
#[derive(Clone, Copy)]
pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The authenticator code, when the form had one.
    pub totp: Option<&'a str>,
    /// The client's address, for the per-address throttle and the session row.
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Why a login was refused. The messages are for the person at the form.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown address, wrong password, disabled user or wrong code: deliberately one answer.
    #[error("onjuist e-mailadres of wachtwoord")]
    InvalidCredentials,
    /// The password was right; the account needs the code from the authenticator app.
    #[error("voer de code uit uw authenticator-app in")]
    TotpRequired,
    /// Too many failures: wait.
    #[error("te veel mislukte pogingen; probeer het over {} seconden opnieuw", seconds_up(.retry_after))]
    TooSoon { retry_after: SignedDuration },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A new session: put `session_id` in the cookie; it is not stored anywhere in the clear.
#[derive(Clone)]
pub struct SessionCreated {
    pub session_id: PlainToken,
    pub csrf_token: String,
    pub expires_at: Timestamp,
    pub user: UserRecord,
}

/// A live staff session, as every back-office request sees it.
#[derive(Clone)]
pub struct StaffSession {
    pub user: UserRecord,
    /// Every form of this session carries it; compare with [`StaffSession::csrf_matches`].
    pub csrf_token: String,
    pub expires_at: Timestamp,
}

impl StaffSession {
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The user's regions (empty with all regions).
    pub fn regions(&self) -> &[String] {
        &self.user.regions
    }

    pub fn may_see_region(&self, code: &str) -> bool {
        self.user.may_see_region(code)
    }

    /// The actor for commands issued in this session.
    pub fn actor(&self) -> Actor {
        staff_actor(&self.user)
    }

    /// Constant-time comparison with the token a form sent.
    pub fn csrf_matches(&self, presented: &str) -> bool {
        let (a, b) = (self.csrf_token.as_bytes(), presented.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Whole seconds, rounded up, at least 1.
fn seconds_up(d: &SignedDuration) -> i64 {
    (d.as_secs() + i64::from(d.subsec_nanos() > 0)).max(1)
}

/// The domain's actor for a staff user: their id (uuid text) and role.
pub fn staff_actor(user: &UserRecord) -> Actor {
    Actor::Staff {
        user: UserId::try_from(user.id.to_string()).expect("a uuid is a valid user id"),
        role: user.role,
    }
}

/// The wait after `failures` failures when `free` are allowed: none below `free`, then 1 s,
/// 2 s, 4 s, … up to `max`.
pub fn login_delay(failures: i64, free: i64, max: SignedDuration) -> SignedDuration {
    let over = failures - free;
    if over < 0 {
        return SignedDuration::ZERO;
    }
    if over >= 30 {
        return max;
    }
    SignedDuration::from_secs(1i64 << over).min(max)
}

impl Accounts {
    /// Checks the credentials and starts a session. See the module docs for the throttle.
    pub async fn authenticate(&self, a: LoginAttempt<'_>) -> Result<SessionCreated, LoginError> {
        let p = &self.policy;
        let now = self.clock.now();
        let forget = now - p.forget_failures_after;
        let email = normalise_email(a.email);
        let email_key = format!("email:{email}");
        let ip_key = a.ip.map(|ip| format!("ip:{ip}"));
        if let Some(key) = &ip_key {
            let seen = self.store.login_failures(key).await?;
            self.refuse_if_too_soon(seen, p.free_failures_per_ip, now)?;
        }
        let seen = self.store.login_failures(&email_key).await?;
        self.refuse_if_too_soon(seen, p.free_failures_per_email, now)?;
        let claimed = self
            .store
            .claim_login_attempt(&email_key, seen, now, forget);
        if claimed.await?.is_none() {
            // A concurrent attempt for this address was counted first.
            let retry_after = SignedDuration::from_secs(1);
            return Err(LoginError::TooSoon { retry_after });
        }

        let user = self.store.user_by_email(&email).await?;
        let hash = user
            .as_ref()
            .filter(|u| u.active)
            .and_then(|u| u.password_hash.clone());
        let checked = hash.clone().unwrap_or_else(|| dummy_hash().to_owned());
        let matches = verify_blocking(a.password.to_owned(), checked).await;
        let user = match user {
            Some(u) if matches && hash.is_some() => u,
            _ => return Err(self.failed(ip_key.as_deref(), now).await),
        };
        if let Some(secret) = &user.totp_secret {
            match a.totp {
                None => return Err(LoginError::TotpRequired),
                Some(code) if !verify_totp(secret, code, now) => {
                    return Err(self.failed(ip_key.as_deref(), now).await);
                }
                Some(_) => {}
            }
        }
        self.store.reset_login_failures(&email_key).await?;
        tracing::info!(user.id = %user.id, "staff login");
        Ok(self.start_session(user, now, a.ip, a.user_agent).await?)
    }

    fn refuse_if_too_soon(
        &self,
        seen: Option<LoginFailures>,
        free: i64,
        now: Timestamp,
    ) -> Result<(), LoginError> {
        let Some(f) = seen else { return Ok(()) };
        if f.last_failed_at < now - self.policy.forget_failures_after {
            return Ok(());
        }
        let until = f.last_failed_at + login_delay(f.failures, free, self.policy.max_delay);
        if now < until {
            let retry_after = until.duration_since(now);
            return Err(LoginError::TooSoon { retry_after });
        }
        Ok(())
    }

    /// Counts a failure under the client address (the e-mail key was counted in advance).
    async fn failed(&self, ip_key: Option<&str>, now: Timestamp) -> LoginError {
        if let Some(key) = ip_key {
            let forget = now - self.policy.forget_failures_after;
            if let Err(e) = self.store.record_login_failure(key, now, forget).await {
                return e.into();
            }
        }
        LoginError::InvalidCredentials
    }

    async fn start_session(
        &self,
        user: UserRecord,
        now: Timestamp,
        ip: Option<&str>,
        user_agent: Option<&str>,
    ) -> Result<SessionCreated, StoreError> {
        let (session_id, id_hash) = new_token();
        let (csrf, _) = new_token();
        let expires_at = now + self.policy.session_absolute;
        let row = NewSession {
            id_hash,
            user_id: user.id,
            csrf_token: csrf.expose().to_owned(),
            created_at: now,
            expires_at,
            ip: ip.map(str::to_owned),
            // Bounded: a header is attacker-controlled.
            user_agent: user_agent.map(|ua| ua.chars().take(256).collect()),
        };
        self.store.create_session(&row).await?;
        Ok(SessionCreated {
            session_id,
            csrf_token: row.csrf_token,
            expires_at,
            user,
        })
    }

    /// The live session for a cookie value, touched now; None when unknown, expired, idle too
    /// long, or its user was disabled.
    pub async fn session(&self, session_id: &str) -> Result<Option<StaffSession>, StoreError> {
        let now = self.clock.now();
        let found = self
            .store
            .touch_session(&token_hash(session_id), now, self.policy.session_idle)
            .await?;
        Ok(found.filter(|s| s.user.active).map(|s| StaffSession {
            user: s.user,
            csrf_token: s.csrf_token,
            expires_at: s.expires_at,
        }))
    }

    /// Ends one session (logout). True when it existed.
    pub async fn logout(&self, session_id: &str) -> Result<bool, StoreError> {
        self.store.delete_session(&token_hash(session_id)).await
    }

    /// Ends every session of a user (e.g. after a password change elsewhere).
    pub async fn logout_everywhere(&self, user: AccountId) -> Result<u64, StoreError> {
        self.store.delete_sessions_of_user(user).await
    }
}

impl fmt::Debug for LoginAttempt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginAttempt")
            .field("email", &self.email)
            .field("ip", &self.ip)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for SessionCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionCreated")
            .field("user", &self.user)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for StaffSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffSession")
            .field("user", &self.user)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}
