//! Who may see what: a personal link opens one complaint while it is valid, and a form posted
//! from the portal must carry the CSRF value bound to that link. Of the complaint's files, the
//! link shows those the complainant sent: with the complaint, and with their own messages
//! through the portal; files staff added are not shown.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use app::Loaded;
use app::accounts::{Accounts, token_hash};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use domain::complaint::Event;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use sha2::Sha256;
use store::{AttachmentId, AttachmentInfo, ComplaintRecord};

use super::Portal;
use crate::AppState;
use crate::error::WebError;

/// The name of the CSRF key in the store's `app_secrets`.
const CSRF_SECRET: &str = "portal_csrf_hmac_v1";

/// The event kinds that close a complaint (their time is when the link's after-care starts).
const CLOSING_KINDS: [&str; 7] = [
    "closed_after_hearing",
    "complaint_settled",
    "final_decision_issued",
    "closed_without_objection",
    "complaint_withdrawn",
    "closed_as_not_a_complaint",
    "late_objection_not_taken_up",
];

/// The account use cases (links, secrets, the link policy).
pub(super) fn accounts(state: &AppState) -> &Accounts {
    &state.accounts
}

/// A complaint opened by a valid link.
#[derive(Debug)]
pub(super) struct Opened {
    /// The SHA-256 of the link's token (what the CSRF value is bound to).
    pub token_hash: String,
    pub loaded: Loaded,
}

/// The complaint `token` opens, or `None` for any reason it does not (malformed, unknown,
/// revoked, expired, or closed longer ago than links live): the caller shows one neutral page.
pub(super) async fn open(state: &AppState, token: &str) -> Result<Option<Opened>, WebError> {
    if token.len() != 64
        || !token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Ok(None);
    }
    let accounts = accounts(state);
    let Some(id) = accounts.portal_complaint(token).await? else {
        return Ok(None);
    };
    let Some(record) = state.app.store().complaint(id).await? else {
        return Ok(None);
    };
    let loaded = state.app.load(record.reference).await?;
    let now = state.app.clock().now();
    if let Some(closed) = closed_at(&loaded)
        && now > closed + accounts.policy().portal_link_after_close
    {
        return Ok(None);
    }
    Ok(Some(Opened {
        token_hash: token_hash(token),
        loaded,
    }))
}

/// When the complaint closed, if it is closed now.
pub(super) fn closed_at(loaded: &Loaded) -> Option<Timestamp> {
    if !loaded.complaint.status().is_closed() {
        return None;
    }
    loaded
        .events
        .iter()
        .rev()
        .find(|e| CLOSING_KINDS.contains(&e.kind.as_str()))
        .map(|e| e.at)
}

/// The files the complainant sent with messages through the portal: (id, name), oldest first.
pub(super) fn sent_through_portal(loaded: &Loaded) -> Vec<(AttachmentId, String)> {
    loaded
        .events
        .iter()
        .filter(|r| r.kind == "correspondence_received")
        .flat_map(
            |r| match serde_json::from_value::<Event>(r.payload.clone()) {
                Ok(Event::CorrespondenceReceived(e)) => {
                    super::message::sent_files(loaded.id, &r.actor, &e)
                }
                _ => Vec::new(),
            },
        )
        .collect()
}

/// Whether the complainant may see and download `file`: one stored in the transaction that
/// created the complaint, or one they sent with a message through the portal.
pub(super) fn may_download(
    loaded: &Loaded,
    record: &ComplaintRecord,
    file: &AttachmentInfo,
) -> bool {
    file.complaint_id == record.id
        && (file.created_at <= record.created_at
            || sent_through_portal(loaded)
                .iter()
                .any(|(id, _)| *id == file.id))
}

impl Portal {
    async fn csrf_key(&self, state: &AppState) -> Result<&[u8; 32], WebError> {
        self.csrf_key
            .get_or_try_init(|| async {
                let stored = accounts(state).secret(CSRF_SECRET).await?;
                hex::decode(stored.trim())
                    .ok()
                    .and_then(|k| k.try_into().ok())
                    .ok_or_else(|| {
                        WebError::Store(store::StoreError::Invalid(format!(
                            "secret {CSRF_SECRET} is not 32 bytes of hex"
                        )))
                    })
            })
            .await
    }

    fn mac(key: &[u8; 32], token_hash: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key");
        mac.update(b"portal-csrf\0");
        mac.update(token_hash.as_bytes());
        mac
    }

    /// The CSRF value for forms of the link with this hash.
    pub(super) async fn csrf(
        &self,
        state: &AppState,
        token_hash: &str,
    ) -> Result<String, WebError> {
        let key = self.csrf_key(state).await?;
        Ok(hex::encode(
            Portal::mac(key, token_hash).finalize().into_bytes(),
        ))
    }

    /// Refuses (403) unless `presented` is the CSRF value of this link (constant-time).
    pub(super) async fn check_csrf(
        &self,
        state: &AppState,
        token_hash: &str,
        presented: &str,
    ) -> Result<(), WebError> {
        let key = self.csrf_key(state).await?;
        let tag = hex::decode(presented.trim()).map_err(|_| WebError::Forbidden)?;
        Portal::mac(key, token_hash)
            .verify_slice(&tag)
            .map_err(|_| WebError::Forbidden)
    }
}

/// The client's address from the connection (`web::serve` records it). Forwarded headers are
/// not trusted (see the public form's `ClientAddr`).
#[derive(Debug, Clone, Copy)]
pub(super) struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(addr)) => addr.ip(),
            None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        };
        Ok(ClientAddr(ip))
    }
}
