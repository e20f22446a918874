//! Managing staff accounts (the CLI and the administrators' pages): validated at the edge,
//! written through the store, with Dutch reasons for refusals.

use std::fmt;

use domain::complaint::{EmailAddress, RegionCode, Role};
use store::{AccountId, NewUser, StoreError, UserRecord, constraint};

use super::Accounts;
use super::password::{PasswordError, check_password_policy, hash_blocking};
use super::totp::verify_totp;

/// A staff account to create. `Debug` leaves out the password.
#[derive(Clone)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Region codes; ignored with `all_regions`.
    pub regions: Vec<String>,
    pub all_regions: bool,
    /// A password chosen now, or None to send a setup link instead.
    pub password: Option<String>,
}

/// Why an account operation was refused. The messages are for the administrator or user.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("ongeldig e-mailadres: {0:?}")]
    InvalidEmail(String),
    #[error("de naam mag niet leeg zijn")]
    EmptyName,
    #[error("onbekende regio {0:?}")]
    UnknownRegion(String),
    #[error("kies minstens één regio (--region) of alle regio's (--all-regions)")]
    NoRegion,
    #[error("{0}")]
    Password(#[from] PasswordError),
    #[error("er bestaat al een gebruiker met e-mailadres {0}")]
    DuplicateEmail(String),
    #[error("er is geen gebruiker met e-mailadres {0}")]
    UnknownUser(String),
    #[error("de naam van een token mag niet leeg zijn")]
    EmptyTokenName,
    #[error("deze gebruiker heeft al een geldig token met de naam {0:?}")]
    DuplicateTokenName(String),
    #[error("deze link is ongeldig, al gebruikt of verlopen")]
    LinkInvalid,
    #[error("de code klopt niet")]
    WrongTotpCode,
    #[error("klacht niet gevonden")]
    UnknownComplaint,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Accounts {
    /// Creates a staff account after checking address, name, regions (must be known regions)
    /// and, when given, the password policy.
    pub async fn create_user(&self, new: NewAccount) -> Result<UserRecord, AccountError> {
        let email = EmailAddress::try_from(new.email.as_str())
            .map_err(|_| AccountError::InvalidEmail(new.email.clone()))?;
        let email = store::normalise_email(email.as_ref());
        let name = new.name.trim().to_owned();
        if name.is_empty() {
            return Err(AccountError::EmptyName);
        }
        let regions = if new.all_regions {
            Vec::new()
        } else {
            self.known_regions(&new.regions).await?
        };
        let password_hash = match new.password {
            Some(p) => {
                check_password_policy(&p, &email)?;
                Some(hash_blocking(p).await)
            }
            None => None,
        };
        let user = NewUser {
            id: uuid::Uuid::new_v4(),
            email: email.clone(),
            name,
            role: new.role,
            all_regions: new.all_regions,
            regions,
            password_hash,
            created_at: self.clock.now(),
        };
        match self.store.create_user(&user).await {
            Err(StoreError::DuplicateKey(constraint::USER_EMAIL)) => {
                return Err(AccountError::DuplicateEmail(email));
            }
            other => other?,
        }
        tracing::info!(user.id = %user.id, role = ?user.role, "staff user created");
        Ok(self.user(user.id).await?)
    }

    /// Normalised region codes, each one of the organisation's regions; at least one.
    async fn known_regions(&self, codes: &[String]) -> Result<Vec<String>, AccountError> {
        if codes.is_empty() {
            return Err(AccountError::NoRegion);
        }
        let known = self.store.regions().await?;
        let mut out = Vec::new();
        for c in codes {
            let code = RegionCode::try_from(c.as_str())
                .map_err(|_| AccountError::UnknownRegion(c.clone()))?;
            if !known.iter().any(|r| r.code == code.as_ref()) {
                return Err(AccountError::UnknownRegion(c.clone()));
            }
            out.push(code.to_string());
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    async fn user(&self, id: AccountId) -> Result<UserRecord, StoreError> {
        self.store.user(id).await?.ok_or(StoreError::NotFound)
    }

    /// The user with this address.
    pub async fn user_by_email(&self, email: &str) -> Result<UserRecord, AccountError> {
        self.store
            .user_by_email(email)
            .await?
            .ok_or_else(|| AccountError::UnknownUser(email.trim().to_owned()))
    }

    /// Disables (or re-enables) a user by address; disabling ends their sessions, and their API
    /// tokens stop working while they are disabled.
    pub async fn set_active(&self, email: &str, active: bool) -> Result<UserRecord, AccountError> {
        let user = self.user_by_email(email).await?;
        self.store.set_user_active(user.id, active).await?;
        tracing::info!(user.id = %user.id, active, "staff user activity changed");
        Ok(self.user(user.id).await?)
    }

    /// Sets a new password (policy checked) and ends all the user's sessions.
    pub async fn set_password(&self, user: AccountId, password: &str) -> Result<(), AccountError> {
        let record = self.user(user).await?;
        check_password_policy(password, &record.email)?;
        let hash = hash_blocking(password.to_owned()).await;
        self.store.set_password_hash(user, &hash).await?;
        self.store.delete_sessions_of_user(user).await?;
        Ok(())
    }

    /// Turns on two-factor login once the user proves their app has `secret` (from
    /// [`super::new_totp_secret`]) by typing its current code.
    pub async fn enable_totp(
        &self,
        user: AccountId,
        secret: &str,
        code: &str,
    ) -> Result<(), AccountError> {
        if !verify_totp(secret, code, self.clock.now()) {
            return Err(AccountError::WrongTotpCode);
        }
        Ok(self.store.set_totp_secret(user, Some(secret)).await?)
    }

    pub async fn disable_totp(&self, user: AccountId) -> Result<(), AccountError> {
        Ok(self.store.set_totp_secret(user, None).await?)
    }
}

impl fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewAccount")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("regions", &self.regions)
            .field("all_regions", &self.all_regions)
            .finish_non_exhaustive()
    }
}
