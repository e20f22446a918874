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

pub(crate) mod attachments;
mod errors;
mod form;
mod input;
mod postcode;
mod receipt;
mod spam;
pub(crate) mod upload;

/// A term for people, in the page's language (also the back office's procedure page).
pub(crate) use receipt::term_text;

#[cfg(test)]
mod tests;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use app::{GroupCommitOptions, IntakeCommitter};
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

/// The public form's spam settings. The defaults protect a real site; a load benchmark from one
/// address turns the rate limit off and the minimum fill time to zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicFormSettings {
    /// Submissions per client address in a sliding window; `None` is no limit.
    pub rate_limit: Option<FormRateLimit>,
    /// A submission sooner than this after the form was shown is shown again, not registered.
    pub min_fill: SignedDuration,
    /// How submissions that arrive together share a commit.
    pub group_commit: GroupCommitOptions,
}

impl Default for PublicFormSettings {
    fn default() -> PublicFormSettings {
        PublicFormSettings {
            rate_limit: Some(FormRateLimit {
                max: RATE_MAX,
                window: RATE_WINDOW,
            }),
            min_fill: spam::MIN_FILL,
            group_commit: GroupCommitOptions::default(),
        }
    }
}

/// `N/seconds`: at most `max` submissions per client address in `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRateLimit {
    pub max: usize,
    pub window: SignedDuration,
}

/// A rate limit setting: `N/seconds` (`10/600`), or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRateLimitSetting(pub Option<FormRateLimit>);

impl FromStr for FormRateLimitSetting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("off") {
            return Ok(FormRateLimitSetting(None));
        }
        let wrong = || format!("{s:?} is not N/seconds (such as 10/600) or off");
        let (max, secs) = s.split_once('/').ok_or_else(wrong)?;
        let max: usize = max.trim().parse().map_err(|_| wrong())?;
        let secs: i64 = secs.trim().parse().map_err(|_| wrong())?;
        if max == 0 || secs <= 0 {
            return Err(wrong());
        }
        Ok(FormRateLimitSetting(Some(FormRateLimit {
            max,
            window: SignedDuration::from_secs(secs),
        })))
    }
}

impl fmt::Display for FormRateLimitSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(l) => write!(f, "{}/{}", l.max, l.window.as_secs()),
            None => f.write_str("off"),
        }
    }
}

pub(crate) fn routes(settings: PublicFormSettings) -> Router<AppState> {
    let public = Arc::new(Public {
        limiter: settings
            .rate_limit
            .map(|l| RateLimiter::new(l.max, l.window)),
        min_fill: settings.min_fill,
        group_commit: settings.group_commit,
        signer: OnceCell::new(),
        limits: attachments::Limits::default(),
        committer: OnceLock::new(),
        catalog: Mutex::new(None),
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
    /// Form submissions per client address (in memory, per instance); `None`: no limit.
    limiter: Option<RateLimiter>,
    /// The minimum fill time (spam protection).
    min_fill: SignedDuration,
    /// The committer's batching.
    group_commit: GroupCommitOptions,
    /// The signing key, read (or created) in the store on first use.
    signer: OnceCell<Signer>,
    /// How many attachments of what size.
    limits: attachments::Limits,
    /// Registers submissions that arrive together in one synced commit; started on the first
    /// submission and stopped (after answering what is queued) when the router is dropped.
    committer: OnceLock<IntakeCommitter>,
    /// The regions and categories, read at most [`CATALOG_TTL`] ago.
    catalog: Mutex<Option<(Instant, Arc<Catalog>)>>,
}

/// How long the form reuses the regions and categories it read. Under load the form is shown and
/// checked thousands of times a second while the catalog changes a few times a year; a change
/// shows within this time, and registration checks against the store itself (once per batch).
const CATALOG_TTL: Duration = Duration::from_secs(2);

/// The organisation's regions and categories, as the store had them.
#[derive(Debug)]
struct Catalog {
    regions: Vec<store::Region>,
    categories: Vec<store::Category>,
}

impl Public {
    async fn catalog(&self, state: &AppState) -> Result<Arc<Catalog>, WebError> {
        if let Some((read_at, catalog)) = &*self.catalog.lock().expect("catalog lock")
            && read_at.elapsed() < CATALOG_TTL
        {
            return Ok(Arc::clone(catalog));
        }
        let store = state.app.store();
        let catalog = Arc::new(Catalog {
            regions: store.regions().await?,
            categories: store.categories().await?,
        });
        *self.catalog.lock().expect("catalog lock") = Some((Instant::now(), Arc::clone(&catalog)));
        Ok(catalog)
    }

    fn committer(&self, state: &AppState) -> &IntakeCommitter {
        self.committer
            .get_or_init(|| IntakeCommitter::start(Arc::clone(&state.app), self.group_commit))
    }

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
