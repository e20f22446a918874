//! The complainant's portal, reached by the personal link in every e-mail
//! (`/mijn-klacht/<token>`): the complaint's timeline, what comes next and by when (each date
//! explaining itself), the letters, and the complainant's own steps when the procedure is at
//! them (objecting, choosing or declining the hearing, confirming a settlement).
//!
//! Access decisions, in one place (`access`):
//! - The link is a 256-bit random token; only its SHA-256 is stored (`app::accounts`). A token
//!   that is malformed, unknown, revoked or expired gets one neutral page (404) that never says
//!   which, with a way to ask for a new link.
//! - A link stops working [`app::accounts::PORTAL_LINK_AFTER_CLOSE`] after the complaint
//!   closed. The store's own expiry is set when links are made for a closed complaint; the
//!   portal also checks the closure time in the event log, so a link made while the complaint
//!   was open expires too, whether or not anything updated its row on closure.
//! - Every form carries a CSRF value bound to the link (HMAC-SHA256 of the token's hash under a
//!   server secret shared by all instances); the router's CSRF layer refuses cross-site posts
//!   before that.
//! - Pages are `Cache-Control: no-store` and `X-Robots-Tag: noindex`: the URL is a credential.
//!
//! "Send a message" (`message`) records what the complainant writes, with files under the
//! public form's rules, as correspondence on the timeline.
//!
//! "Send me my link again" (`relink`) answers the same for known and unknown addresses, does
//! its lookup after answering, and is rate limited per client address and per e-mail address
//! in memory, per instance (with N instances a client gets N times the allowance; acceptable
//! for abuse control, the mails themselves are deduplicated per complaint and hour in the
//! store).

mod access;
mod actions;
/// Also used by the back office's complaint page (dates, deadline explanations).
pub(crate) mod explain;
mod limiter;
mod message;
mod offers;
mod page;
mod relink;
mod timeline;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{Extension, Router};
use jiff::SignedDuration;
use tokio::sync::OnceCell;

use crate::AppState;

/// The back office serves attachments with the same headers.
pub(crate) use self::page::{content_disposition, size_text};

use self::limiter::Limiter;

/// The job that mails a fresh personal link; payload `{"complaint_id": "<uuid>"}`.
pub const PORTAL_LINK_JOB: &str = "mail.portal_link";

/// Requests for a new link per client address per window: a person who mistypes a few times.
const RELINK_PER_ADDRESS: usize = 5;
/// Requests for a new link per e-mail address per window (known or not).
const RELINK_PER_EMAIL: usize = 3;
const RELINK_WINDOW: SignedDuration = SignedDuration::from_mins(60);

pub(crate) fn routes() -> Router<AppState> {
    let portal = Arc::new(Portal {
        csrf_key: OnceCell::new(),
        per_address: Limiter::new(RELINK_PER_ADDRESS, RELINK_WINDOW),
        per_email: Limiter::new(RELINK_PER_EMAIL, RELINK_WINDOW),
    });
    Router::new()
        .route(
            "/mijn-klacht/link-opnieuw",
            get(relink::link_again_get).post(relink::link_again_post),
        )
        .route("/mijn-klacht/{token}", get(page::portal_get))
        .route(
            "/mijn-klacht/{token}/bijlage/{id}",
            get(page::portal_attachment_get),
        )
        .route(
            "/mijn-klacht/{token}/brief/{id}",
            get(page::portal_letter_get),
        )
        .route(
            "/mijn-klacht/{token}/bezwaar",
            post(actions::objection_post),
        )
        .route(
            "/mijn-klacht/{token}/gesprek",
            post(actions::hearing_choice_post),
        )
        .route(
            "/mijn-klacht/{token}/gesprek-afzien",
            post(actions::hearing_decline_post),
        )
        .route(
            "/mijn-klacht/{token}/afspraak",
            post(actions::settlement_confirm_post),
        )
        .route(
            "/mijn-klacht/{token}/bericht",
            // The router-wide RequestBodyLimitLayer is the real cap; Multipart's own default
            // (2 MB) would refuse a single scanned letter.
            post(message::message_post).layer(DefaultBodyLimit::max(crate::MAX_BODY_BYTES)),
        )
        .layer(Extension(portal))
}

/// The portal's per-instance state.
#[derive(Debug)]
struct Portal {
    /// The key for CSRF values, read (or created) in the store on first use.
    csrf_key: OnceCell<[u8; 32]>,
    /// "Send my link again" requests per client address.
    per_address: Limiter,
    /// The same per e-mail address typed.
    per_email: Limiter,
}
