//! Credentials handed out as links or bearer tokens: one-time password-setup links, API tokens
//! and the complainant's personal portal links. The plain value is returned once; only its
//! hash is stored.

use std::fmt;

use store::{AccountId, ApiTokenRecord, ComplaintId, NewApiToken, StoreError, UserRecord};

use super::Accounts;
use super::admin::AccountError;
use super::password::{check_password_policy, hash_blocking};
use super::token::{PlainToken, new_token, token_hash};

/// A new API token: show `token` once; it cannot be shown again.
#[derive(Clone)]
pub struct ApiTokenCreated {
    pub token: PlainToken,
    pub record: ApiTokenRecord,
}

impl Accounts {
    /// A one-time link token for the user to set their password, valid for
    /// [`super::AccountPolicy::setup_link_valid`]. Put it in `/wachtwoord/instellen/<token>`.
    pub async fn create_setup_link(&self, user: AccountId) -> Result<PlainToken, StoreError> {
        let now = self.clock.now();
        let (token, hash) = new_token();
        let until = now + self.policy.setup_link_valid;
        self.store
            .create_setup_token(&hash, user, now, until)
            .await?;
        Ok(token)
    }

    /// The user a setup link is for, while it is unused and unexpired (to show the form).
    pub async fn setup_link_user(&self, token: &str) -> Result<Option<UserRecord>, StoreError> {
        let hash = token_hash(token);
        let found = self.store.setup_token_user(&hash, self.clock.now()).await?;
        Ok(found.filter(|u| u.active))
    }

    /// Sets the password through a setup link: checks the policy, then marks the link used and
    /// stores the hash in one transaction (the user's other links and sessions end).
    pub async fn redeem_setup_link(
        &self,
        token: &str,
        password: &str,
    ) -> Result<AccountId, AccountError> {
        let user = self
            .setup_link_user(token)
            .await?
            .ok_or(AccountError::LinkInvalid)?;
        check_password_policy(password, &user.email)?;
        let hash = hash_blocking(password.to_owned()).await;
        let now = self.clock.now();
        let redeemed = self
            .store
            .redeem_setup_token(&token_hash(token), &hash, now)
            .await?;
        let id = redeemed.ok_or(AccountError::LinkInvalid)?;
        tracing::info!(user.id = %id, "password set through a setup link");
        Ok(id)
    }

    /// A new bearer token for the JSON API, acting as `user`.
    pub async fn create_api_token(
        &self,
        user: AccountId,
        name: &str,
    ) -> Result<ApiTokenCreated, AccountError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AccountError::EmptyTokenName);
        }
        let (token, token_hash) = new_token();
        let row = NewApiToken {
            id: uuid::Uuid::new_v4(),
            token_hash,
            user_id: user,
            name: name.to_owned(),
            created_at: self.clock.now(),
        };
        match self.store.create_api_token(&row).await {
            Err(StoreError::DuplicateKey(store::constraint::API_TOKEN_NAME)) => {
                return Err(AccountError::DuplicateTokenName(name.to_owned()));
            }
            other => other?,
        }
        let record = ApiTokenRecord {
            id: row.id,
            user_id: user,
            name: row.name,
            created_at: row.created_at,
            last_used_at: None,
            revoked_at: None,
        };
        Ok(ApiTokenCreated { token, record })
    }

    /// The caller behind a bearer token: None when unknown, revoked, or its user is disabled.
    pub async fn api_caller(
        &self,
        bearer: &str,
    ) -> Result<Option<(ApiTokenRecord, UserRecord)>, StoreError> {
        let found = self
            .store
            .use_api_token(&token_hash(bearer), self.clock.now())
            .await?;
        Ok(found.filter(|(_, user)| user.active))
    }

    /// Revokes a user's live token by name. False when there was none.
    pub async fn revoke_api_token(&self, user: AccountId, name: &str) -> Result<bool, StoreError> {
        let tokens = self.store.api_tokens(user).await?;
        let live = tokens
            .iter()
            .find(|t| t.name == name.trim() && t.revoked_at.is_none());
        match live {
            Some(t) => self.store.revoke_api_token(t.id, self.clock.now()).await,
            None => Ok(false),
        }
    }

    /// A personal link token for the complainant of `complaint`. It works until revoked, or
    /// until [`super::AccountPolicy::portal_link_after_close`] after the complaint closes.
    pub async fn create_portal_link(
        &self,
        complaint: ComplaintId,
    ) -> Result<PlainToken, AccountError> {
        let record = self.store.complaint(complaint).await?;
        let record = record.ok_or(AccountError::UnknownComplaint)?;
        let now = self.clock.now();
        // A link made for a closed complaint expires like the ones it already had.
        let expires = record
            .projection
            .closed
            .then(|| now + self.policy.portal_link_after_close);
        let (token, hash) = new_token();
        self.store
            .create_portal_link(&hash, complaint, now, expires)
            .await?;
        Ok(token)
    }

    /// The complaint a portal link opens, while it is valid.
    pub async fn portal_complaint(&self, token: &str) -> Result<Option<ComplaintId>, StoreError> {
        let link = self
            .store
            .portal_link(&token_hash(token), self.clock.now())
            .await?;
        Ok(link.map(|l| l.complaint_id))
    }

    pub async fn revoke_portal_link(&self, token: &str) -> Result<bool, StoreError> {
        let now = self.clock.now();
        self.store.revoke_portal_link(&token_hash(token), now).await
    }

    /// Revokes every link of a complaint (e.g. before sending a fresh one on request).
    pub async fn revoke_portal_links(&self, complaint: ComplaintId) -> Result<u64, StoreError> {
        let now = self.clock.now();
        self.store.revoke_portal_links(complaint, now).await
    }

    /// Call when the complaint closes: its links expire after the configured period.
    pub async fn portal_links_on_close(&self, complaint: ComplaintId) -> Result<u64, StoreError> {
        let until = self.clock.now() + self.policy.portal_link_after_close;
        self.store
            .set_portal_links_expiry(complaint, Some(until))
            .await
    }

    /// Call when a closed complaint reopens: its unrevoked links work again without expiry.
    pub async fn portal_links_on_reopen(&self, complaint: ComplaintId) -> Result<u64, StoreError> {
        self.store.set_portal_links_expiry(complaint, None).await
    }
}

impl fmt::Debug for ApiTokenCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiTokenCreated")
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}
