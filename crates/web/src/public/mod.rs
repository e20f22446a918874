//! The public complaint form: anyone may file a complaint, without an account.
//!
//! `GET /klacht` shows the form with a signed token; `POST /klacht` (multipart, for the
//! attachments) registers the complaint with its files in one transaction and redirects (303) to
//! `GET /klacht/ontvangen/<reference>?t=…`, the receipt: the reference, what happens next and
//! the dates. The receipt link is signed and short-lived, so guessing references shows nothing.
//! A wrong submission re-renders the form with a message beside each wrong field and every value
//! kept (files excepted: a browser cannot be given them back; the page says so).
//!
//! The receipt e-mail with the portal link is not sent from here: registration is the one step,
//! and follow-up jobs belong to the registration's transaction (`app::App::register*`).

mod attachments;
mod errors;
mod form;
mod input;
mod receipt;
mod spam;
mod upload;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::routing::get;
use axum::{Extension, Router};
use jiff::SignedDuration;
use tokio::sync::OnceCell;

use crate::AppState;
use crate::error::WebError;

use self::spam::{RateLimiter, Signer};

/// Submissions allowed per client address in [`RATE_WINDOW`]: enough for a person who corrects
/// a few mistakes or files two complaints, few for a robot.
const RATE_MAX: usize = 10;
const RATE_WINDOW: SignedDuration = SignedDuration::from_mins(10);

pub(crate) fn routes() -> Router<AppState> {
    let public = Arc::new(Public {
        limiter: RateLimiter::new(RATE_MAX, RATE_WINDOW),
        signer: OnceCell::new(),
        limits: attachments::Limits::default(),
    });
    Router::new()
        .route(
            "/klacht",
            get(form::complaint_form_get)
                .post(form::complaint_form_post)
                // The router-wide RequestBodyLimitLayer is the real cap; Multipart's own default
                // (2 MB) would refuse attachments.
                .layer(DefaultBodyLimit::max(crate::MAX_BODY_BYTES)),
        )
        .route(
            "/klacht/ontvangen/{reference}",
            get(receipt::complaint_received_get),
        )
        .layer(Extension(public))
}

/// State of the public pages, one per router (so per instance).
#[derive(Debug)]
struct Public {
    /// Form submissions per client address (in memory, per instance).
    limiter: RateLimiter,
    /// The signing key, read (or created) in the store on first use.
    signer: OnceCell<Signer>,
    /// How many attachments of what size.
    limits: attachments::Limits,
}

impl Public {
    /// The signer over the server secret shared by all instances (the store's `app_secrets`).
    async fn signer(&self, state: &AppState) -> Result<&Signer, WebError> {
        self.signer
            .get_or_try_init(|| async {
                let mut candidate = [0u8; 32];
                getrandom::fill(&mut candidate).expect("the operating system's random source");
                let now = state.app.clock().now();
                let stored = state
                    .app
                    .store()
                    .secret(spam::SECRET_NAME, &hex::encode(candidate), now)
                    .await?;
                let key: [u8; 32] = hex::decode(stored.trim())
                    .ok()
                    .and_then(|k| k.try_into().ok())
                    .ok_or_else(|| {
                        WebError::Store(store::StoreError::Invalid(format!(
                            "secret {} is not 32 bytes of hex",
                            spam::SECRET_NAME
                        )))
                    })?;
                Ok(Signer::new(key))
            })
            .await
    }
}

/// The client's address from the connection (`web::serve` records it). Forwarded headers are
/// not trusted: behind a reverse proxy every client shares the proxy's address until a trusted
/// proxy setting exists.
#[derive(Debug, Clone, Copy)]
struct ClientAddr(IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(addr)) => addr.ip(),
            None => {
                tracing::warn!("no client address (router served without connect info)");
                IpAddr::V4(Ipv4Addr::UNSPECIFIED)
            }
        };
        Ok(ClientAddr(ip))
    }
}
